"""Every library ever written keeps opening: schema versions, migrations, backups before migrating."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from disclosure_report import jsonfile
from disclosure_report.storage import STATUS_DRAFTING, Library, StorageError, schema
from disclosure_report.storage.backups import backup_dir

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "db").glob("v*.sqlite3"))


def _version(path):
    conn = sqlite3.connect(path)
    try:
        return schema.user_version(conn)
    finally:
        conn.close()


@pytest.fixture
def v1(tmp_path):
    path = tmp_path / "library.sqlite3"
    shutil.copy(Path(__file__).parent / "fixtures" / "db" / "v1.sqlite3", path)
    return path


def test_there_is_a_fixture_for_every_schema_version():
    assert [p.name for p in FIXTURES] == [f"v{n}.sqlite3" for n in range(1, schema.LATEST + 1)]


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_a_library_of_every_version_opens_with_everything_in_it(fixture, tmp_path):
    path = tmp_path / "library.sqlite3"
    shutil.copy(fixture, path)
    with Library(path) as library:
        reports = {e.organ: e for e in library.list_reports()}
        assert set(reports) == {"鄄城县人民政府", "某某镇人民政府"}
        assert reports["鄄城县人民政府"].is_sample
        town = reports["某某镇人民政府"]
        assert (town.year, town.status, town.version) == (2024, STATUS_DRAFTING, 2)
        draft = library.load(town.id)
        assert draft.values["applications.new.natural"] == 12
        assert draft.images["stamp.png"].startswith(b"\x89PNG")
        snapshots = library.list_snapshots(town.id)
        assert [s.name for s in snapshots] == ["已签发 v1", "送审稿 v1"]
        for snapshot in snapshots:  # the stored content reads back to the very bytes it was fingerprinted from
            assert jsonfile.fingerprint(library.load_snapshot(snapshot.id)) == snapshot.fingerprint
        assert [e.organ for e in library.list_reports(deleted=True)] == ["已删除局"]
        assert library.get_setting("recent") == [town.id, 1]
        assert library.get_setting("font_size") == 14
        library.save(town.id, draft)  # and it can be written
    assert _version(path) == schema.LATEST


def _with_v2(monkeypatch, *statements):
    migrations = dict(schema.MIGRATIONS)
    migrations[2] = statements
    monkeypatch.setattr(schema, "MIGRATIONS", migrations)
    monkeypatch.setattr(schema, "LATEST", 2)


def test_migrating_backs_up_first_and_runs_in_one_transaction(v1, monkeypatch):
    _with_v2(monkeypatch, "ALTER TABLE reports ADD COLUMN remark TEXT NOT NULL DEFAULT ''",
             "CREATE INDEX reports_status ON reports (status)")

    with Library(v1) as library:
        assert len(library.list_reports()) == 2
        columns = [row[1] for row in library._db.execute("PRAGMA table_info(reports)")]
    assert "remark" in columns
    assert _version(v1) == 2
    [before] = backup_dir(v1).glob("library-v1-before-upgrade-*.sqlite3")
    assert _version(before) == 1


def test_a_failed_migration_leaves_the_library_as_it_was(v1, monkeypatch):
    _with_v2(monkeypatch, "ALTER TABLE reports ADD COLUMN remark TEXT", "CREATE TABLE reports (x)")

    with pytest.raises(StorageError) as failed:
        Library(v1)

    message = str(failed.value)
    assert "升级到数据版本 2" in message and "仍是升级前的数据版本 1" in message
    assert _version(v1) == 1
    conn = sqlite3.connect(v1)
    assert "remark" not in [row[1] for row in conn.execute("PRAGMA table_info(reports)")]
    conn.close()
    monkeypatch.undo()
    with Library(v1) as library:
        assert len(library.list_reports()) == 2


def test_a_library_from_a_newer_program_is_refused_untouched(v1):
    conn = sqlite3.connect(v1)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = v1.read_bytes()
    with pytest.raises(StorageError, match="更新版本的本程序.*请安装最新版本"):
        Library(v1)
    assert v1.read_bytes() == before


def test_another_programs_database_is_refused(tmp_path):
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (name)")
    conn.commit()
    conn.close()
    with pytest.raises(StorageError, match="不是本程序的草稿库"):
        Library(path)


def test_no_migration_without_a_backup_first(v1, monkeypatch):
    _with_v2(monkeypatch, "ALTER TABLE reports ADD COLUMN remark TEXT")
    (v1.parent / "backups").write_text("not a folder")
    with pytest.raises(StorageError, match="升级前无法先做备份.*草稿库没有改动"):
        Library(v1)
    assert _version(v1) == 1
