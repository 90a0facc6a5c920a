"""The window on a library that cannot be written (issue 12, case 6): it opens, says so in the banner with what
to do, refuses edits and saving without a false 已自动保存, and prints and exports. Each window runs in its own
process where the permission bits (or a read-only mount) really apply: see read_only_support.py."""

import json

import pytest

from disclosure_report.storage import Library
from read_only_support import as_clerk, listing, make_read_only, make_writable, on_read_only_medium, run_window

SAYS = "可查看、打印、导出，不能保存修改"


@pytest.fixture
def stored(folder, sample):
    path = folder / "library.sqlite3"
    with Library(path) as library:
        report_id = library.create(sample)
        library.set_setting("recent_reports", [report_id])
    return path


@pytest.fixture
def out(tmp_path):
    out = tmp_path / "导出"
    out.mkdir()
    return out


def _read_only_window_as_the_clerk_sees_it(seen, sample, out):
    assert seen["opened"] and seen["shown"] == [f"box 导出完成: 已导出：{out / '报告.json'}"]  # no other message
    assert SAYS in seen["banner"] and "要继续编辑，请" in seen["banner"] and "文件 → 导出" in seen["banner"]
    banner_width, window_width = seen["banner_width"]
    assert banner_width == window_width  # shown before the window was: it still spans the whole width
    assert seen["typed"] == sample.contact.address == seen["report_address"]  # the keys were not taken
    assert seen["label"] == "只读，不能保存"
    assert seen["after_ctrl_s"] == ["只读，不能保存",
                                    "草稿库是只读打开的，不能修改、不能保存（原因见窗口上方的提示）；可以查看、打印、导出。"]
    assert seen["enabled"] == {"save": False, "snapshot": False, "new": False, "import": False, "submit": False,
                               "export": True, "print": True, "export_pdf": True}
    assert seen["exported_json"] and seen["exported_pdf"] and (out / "报告.pdf").stat().st_size > 10000
    assert json.loads((out / "报告.json").read_text(encoding="utf-8"))["organ"] == sample.organ
    assert seen["closed"] and seen["shown_at_close"] == []  # nothing unsaved: closing asks nothing


@pytest.mark.chinese_font  # prints a PDF
def test_a_read_only_folder_opens_the_window_read_only_with_the_banner(stored, folder, sample, out):
    clerk = as_clerk()
    make_read_only(folder)
    before = listing(folder)
    seen = run_window(clerk, stored, out)
    _read_only_window_as_the_clerk_sees_it(seen, sample, out)
    assert seen["banner"].startswith(f"只读打开：草稿库文件是只读的（{stored}）。")
    assert listing(folder) == before


@pytest.mark.chinese_font  # prints a PDF
def test_a_read_only_medium_opens_the_window_read_only_with_the_banner(stored, folder, sample, out):
    medium = on_read_only_medium(folder)
    seen = run_window(medium, stored, out)
    _read_only_window_as_the_clerk_sees_it(seen, sample, out)
    assert seen["banner"].startswith(f"只读打开：草稿库所在的磁盘是只读的（{folder}）")


def test_a_folder_made_read_only_while_the_window_runs_loses_no_edit(stored, folder, sample, out):
    # the files stay open for writing, so the saves go on; the next start opens the library read-only, all there
    clerk = as_clerk()
    seen = run_window(clerk, stored, out, "running")
    assert seen["read_only"] is None and seen["label_before"].startswith("已自动保存")
    assert seen["report_address"] == sample.contact.address + "AB"
    assert seen["label"].startswith("已自动保存") and seen["banner"] == ""
    assert seen["closed"] and seen["shown_at_close"] == []
    again = run_window(clerk, stored, out)
    assert SAYS in again["banner"] and again["typed"] == sample.contact.address + "AB"
    make_writable(folder)
    with Library(stored) as library:
        assert library.read_only is None and library.load(library.list_reports()[0].id).contact.address.endswith("AB")
