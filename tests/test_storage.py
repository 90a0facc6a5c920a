"""The drafts library: what a clerk's reports look like after being stored and read back."""

from decimal import Decimal

import pytest

from disclosure_report import jsonfile
from disclosure_report.model import Report, apply_values
from disclosure_report.storage import (
    STATUS_DRAFTING,
    STATUS_REVIEW,
    STATUS_SIGNED,
    Library,
    StorageError,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"picture" * 50


@pytest.fixture
def lib(tmp_path):
    library = Library(tmp_path / "library.sqlite3")
    yield library
    library.close()


def test_a_report_reads_back_exactly_as_stored(lib, sample):
    sample.values["active.fees.amount"] = Decimal("1.50")
    sample.images["photo.png"] = PNG
    sample.text["overview"] += "\n[图片:photo.png]"
    report_id = lib.create(sample)

    loaded = lib.load(report_id)

    assert jsonfile.dumps(loaded) == jsonfile.dumps(sample)
    assert loaded.images == {"photo.png": PNG}
    assert loaded.values["active.fees.amount"] == Decimal("1.50")
    assert loaded.values["applications.new.natural"] == sample.values["applications.new.natural"]


def test_a_saved_edit_is_there_after_reopening(tmp_path, sample):
    with Library(tmp_path / "library.sqlite3") as lib:
        report_id = lib.create(sample)
        apply_values(sample, {"applications.new.natural": 77})
        sample.text["problems"] = "问题一"
        lib.save(report_id, sample)

    with Library(tmp_path / "library.sqlite3") as lib:
        loaded = lib.load(report_id)
        [entry] = lib.list_reports()
    assert loaded.values["applications.new.natural"] == 77
    assert loaded.values["applications.new.total"] == sample.values["applications.new.total"]
    assert loaded.text["problems"] == "问题一"
    assert (entry.id, entry.organ, entry.year, entry.status, entry.version) == (
        report_id, "鄄城县人民政府", 2023, STATUS_DRAFTING, 1)
    assert entry.title == "鄄城县2023年政府信息公开工作年度报告"


def test_changing_organ_and_year_updates_the_list(lib):
    report_id = lib.create(Report())
    assert (lib.list_reports()[0].organ, lib.list_reports()[0].year) == ("", None)
    lib.save(report_id, Report(organ="某某镇人民政府", year=2024))
    entry = lib.list_reports()[0]
    assert (entry.organ, entry.year) == ("某某镇人民政府", 2024)
    assert "某某镇人民政府" in entry.title and "2024" in entry.title


def test_the_sample_is_created_once(lib):
    first = lib.ensure_sample()
    assert lib.ensure_sample() == first
    [entry] = lib.list_reports()
    assert entry.is_sample and entry.organ == "鄄城县人民政府" and entry.year == 2023
    lib.delete(first)
    assert lib.ensure_sample() == first  # asked for again: back out of the recycle bin
    assert [e.id for e in lib.list_reports()] == [first]


def test_pictures_are_stored_once_and_removed_with_the_last_user(lib, sample):
    sample.images["a.png"] = PNG
    report_id = lib.create(sample)
    copy_id = lib.duplicate(report_id)
    db = lib._db
    assert db.execute("SELECT count(*) FROM blobs").fetchone()[0] == 1
    assert lib.load(copy_id).images == {"a.png": PNG}

    sample.images = {}
    lib.save(report_id, sample)
    assert db.execute("SELECT count(*) FROM blobs").fetchone()[0] == 1  # the copy still shows it
    lib.purge(copy_id)
    assert db.execute("SELECT count(*) FROM blobs").fetchone()[0] == 0


def test_duplicate_is_an_independent_draft(lib, sample):
    report_id = lib.create(sample)
    lib.set_status(report_id, STATUS_REVIEW)
    copy_id = lib.duplicate(report_id)
    apply_values(sample, {"applications.new.natural": 1})
    lib.save(copy_id, sample)
    assert lib.load(report_id).values["applications.new.natural"] != 1
    assert lib.status(copy_id) == STATUS_DRAFTING
    assert not lib.entry(copy_id).is_sample


def test_recycle_bin(lib, sample):
    report_id = lib.create(sample)
    lib.snapshot(report_id, "送审稿 v1")
    lib.delete(report_id)
    assert lib.list_reports() == []
    [binned] = lib.list_reports(deleted=True)
    assert binned.id == report_id and binned.deleted_at
    lib.restore(report_id)
    assert [e.id for e in lib.list_reports()] == [report_id]
    assert lib.list_reports(deleted=True) == []

    lib.delete(report_id)
    lib.purge(report_id)
    assert lib.list_reports(deleted=True) == []
    with pytest.raises(StorageError, match="找不到该报告"):
        lib.load(report_id)
    assert lib._db.execute("SELECT count(*) FROM snapshots").fetchone()[0] == 0


def test_new_from_last_year_carries_the_pending_applications(lib, sample):
    apply_values(sample, {"applications.carried_out.natural": 3, "applications.carried_out.legal": 2})
    last_id = lib.create(sample)

    new_id = lib.new_from_last_year(last_id)
    report = lib.load(new_id)

    assert (report.organ, report.year) == ("鄄城县人民政府", 2024)
    assert report.contact == sample.contact
    assert report.title == "鄄城县2024年政府信息公开工作年度报告"
    assert "统计期限自2024年1月1日起，至2024年12月31日止" in report.text["preamble"]
    table = report.format.tables["applications"]
    for column in table.columns.values():
        path = f"applications.carried_in.{column.id}"
        assert report.values[path] == sample.values[f"applications.carried_out.{column.id}"], path
    assert report.values["applications.carried_in.total"] == sum(
        v for c, v in ((c, sample.values[f"applications.carried_out.{c}"]) for c in table.columns if c != "total")
        if v is not None)
    others = [p for p, v in report.values.items() if v is not None and not p.startswith("applications.carried_in.")]
    assert others == []
    assert report.text["overview"] == "" and report.text["problems"] == ""


def test_new_from_last_year_needs_a_year(lib):
    report_id = lib.create(Report(organ="某局"))
    with pytest.raises(StorageError, match="没有填写年度"):
        lib.new_from_last_year(report_id)


def test_find_ignores_whitespace_and_deleted_reports(lib, sample):
    report_id = lib.create(sample)
    assert lib.find("鄄城县 人民政府", 2023).id == report_id
    assert lib.find("鄄城县\u3000人民政府 ", 2023).id == report_id
    assert lib.find("鄄城县人民政府", 2022) is None
    lib.delete(report_id)
    assert lib.find("鄄城县人民政府", 2023) is None


def test_previous_year_and_years_of(lib, sample):
    sample_id = lib.ensure_sample()
    real_2023 = lib.create(sample)
    next_id = lib.new_from_last_year(real_2023)
    assert lib.previous_year(next_id).year == 2023
    assert lib.find("鄄城县人民政府", 2023).id == real_2023  # a real report before the sample
    assert lib.years_of("鄄城县人民政府") == [(2023, real_2023), (2024, next_id)]
    assert lib.previous_year(sample_id) is None


def test_snapshots_keep_the_draft_of_their_moment(lib, sample):
    report_id = lib.create(sample)
    first = lib.snapshot(report_id, "送审稿 v1")
    apply_values(sample, {"applications.new.natural": 999})
    lib.save(report_id, sample)
    second = lib.snapshot(report_id, "送审稿 v2")

    entries = lib.list_snapshots(report_id)
    assert [e.name for e in entries] == ["送审稿 v2", "送审稿 v1"]
    assert entries[0].fingerprint == jsonfile.fingerprint(sample)
    assert entries[0].fingerprint != entries[1].fingerprint
    assert (entries[1].status, entries[1].version) == (STATUS_DRAFTING, 1)
    assert lib.load_snapshot(first).values["applications.new.natural"] != 999
    assert lib.load_snapshot(second).values["applications.new.natural"] == 999


def test_restoring_a_snapshot_keeps_the_draft_before(lib, sample):
    original = jsonfile.dumps(sample)
    report_id = lib.create(sample)
    first = lib.snapshot(report_id, "送审稿 v1")
    apply_values(sample, {"applications.new.natural": 999})
    sample.images["new.png"] = PNG
    lib.save(report_id, sample)

    lib.restore_snapshot(first)

    assert jsonfile.dumps(lib.load(report_id)) == original
    newest = lib.list_snapshots(report_id)[0]
    assert newest.name.startswith("恢复前自动保存")
    kept = lib.load_snapshot(newest.id)
    assert kept.values["applications.new.natural"] == 999 and kept.images == {"new.png": PNG}


def test_status_goes_drafting_review_signed(lib, sample):
    report_id = lib.create(sample)
    assert lib.status(report_id) == STATUS_DRAFTING
    with pytest.raises(StorageError, match="不能直接签发"):
        lib.set_status(report_id, STATUS_SIGNED)
    lib.set_status(report_id, STATUS_REVIEW)
    lib.set_status(report_id, STATUS_DRAFTING)  # returned for changes
    lib.set_status(report_id, STATUS_REVIEW)
    lib.save(report_id, sample)  # still editable while under review
    lib.set_status(report_id, STATUS_SIGNED)

    assert lib.status(report_id) == STATUS_SIGNED
    [signed] = lib.list_snapshots(report_id)
    assert (signed.name, signed.status, signed.version) == ("已签发 v1", STATUS_SIGNED, 1)
    assert signed.fingerprint == jsonfile.fingerprint(sample)
    with pytest.raises(StorageError, match="不认识的状态"):
        lib.set_status(report_id, "作废")


def test_a_signed_version_is_frozen(lib, sample):
    report_id = lib.create(sample)
    snapshot_id = lib.snapshot(report_id, "初稿")
    lib.set_status(report_id, STATUS_REVIEW)
    lib.set_status(report_id, STATUS_SIGNED)
    before = jsonfile.dumps(lib.load(report_id))
    apply_values(sample, {"applications.new.natural": 5})
    edited = jsonfile.dumps(sample)

    with pytest.raises(StorageError) as refused:
        lib.save(report_id, sample)
    assert str(refused.value) == "该版本已签发，不能修改；如需修改请先“开始新版本”"
    with pytest.raises(StorageError, match="已签发"):
        lib.restore_snapshot(snapshot_id)
    with pytest.raises(StorageError, match="已签发"):
        lib.set_status(report_id, STATUS_DRAFTING)
    assert jsonfile.dumps(lib.load(report_id)) == before
    assert jsonfile.dumps(sample) == edited  # the clerk's edit is still in memory


def test_a_new_version_after_signing(lib, sample):
    report_id = lib.create(sample)
    with pytest.raises(StorageError, match="只有已签发"):
        lib.start_new_version(report_id)
    lib.set_status(report_id, STATUS_REVIEW)
    lib.set_status(report_id, STATUS_SIGNED)
    signed_fingerprint = jsonfile.fingerprint(lib.load(report_id))

    lib.start_new_version(report_id)
    apply_values(sample, {"applications.new.natural": 5})
    lib.save(report_id, sample)

    entry = lib.entry(report_id)
    assert (entry.status, entry.version) == (STATUS_DRAFTING, 2)
    [signed] = lib.list_snapshots(report_id)
    assert signed.name == "已签发 v1" and signed.fingerprint == signed_fingerprint
    assert jsonfile.fingerprint(lib.load_snapshot(signed.id)) == signed_fingerprint
    lib.set_status(report_id, STATUS_REVIEW)
    lib.set_status(report_id, STATUS_SIGNED)
    assert [s.name for s in lib.list_snapshots(report_id)] == ["已签发 v2", "已签发 v1"]


def test_settings_keep_their_json_values(tmp_path):
    with Library(tmp_path / "l.sqlite3") as lib:
        assert lib.get_setting("recent", []) == []
        lib.set_setting("recent", [3, 1])
        lib.set_setting("font_size", 14)
        lib.set_setting("last_report", "示例")
    with Library(tmp_path / "l.sqlite3") as lib:
        assert lib.get_setting("recent") == [3, 1]
        assert lib.get_setting("font_size") == 14
        assert lib.get_setting("last_report") == "示例"


def test_backup_copies_the_whole_library(lib, sample, tmp_path):
    report_id = lib.create(sample)
    lib.backup(tmp_path / "usb" / "copy.sqlite3")
    with Library(tmp_path / "usb" / "copy.sqlite3") as copy:
        assert jsonfile.dumps(copy.load(report_id)) == jsonfile.dumps(sample)


def test_a_closed_library_says_so(tmp_path):
    lib = Library(tmp_path / "l.sqlite3")
    lib.close()
    lib.close()
    with pytest.raises(StorageError, match="已关闭"):
        lib.list_reports()


def test_a_draft_that_could_not_be_read_back_is_not_stored(lib, sample):
    report_id = lib.create(sample)
    sample.year = 20233  # a typo the window let through
    with pytest.raises(StorageError, match="暂时无法保存：year（年度）应为四位数年份"):
        lib.save(report_id, sample)
    assert lib.load(report_id).year == 2023
    assert sample.year == 20233


def test_a_damaged_draft_says_so_and_where_to_turn(lib, sample):
    report_id = lib.create(sample)
    lib._db.execute("UPDATE reports SET content = '{\"organ\": 5' WHERE id = ?", (report_id,))
    with pytest.raises(StorageError, match="内容已损坏.*可以从快照或备份恢复"):
        lib.load(report_id)
