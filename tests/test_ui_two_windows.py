"""Two windows never overwrite each other (issue 12, case 2): a window that loaded an older draft does not save
over the newer one when the other window closes; it shows the newer draft and keeps its own as a snapshot."""

from disclosure_report.storage import Library
from ui_support import *  # noqa: F401,F403

NEW_NATURAL = "applications.new.natural"
NEW_COMMERCIAL = "applications.new.commercial"


def edit(window, path, text):
    model = window.editor.table_views()[path.split(".", 1)[0]].model()
    assert model.setData(model.index_of(path), text)


def test_the_second_window_keeps_its_copy_as_a_snapshot_and_shows_the_first_ones_saved_work(window, library, qtbot):
    from disclosure_report.ui.main_window import MainWindow

    other = Library(library.path)  # a second copy of the program on the same library
    try:
        second = MainWindow(other, window.report_id)
        qtbot.addWidget(second)
        assert "另一个窗口中编辑" in second.banner.text()
        edit(second, NEW_NATURAL, "66")
        assert not second.autosaver.flush()  # refused while the first window holds the report
        told = second.banner.text()
        assert "另一个窗口中编辑" in told and told.count("窗口中）") + told.count("保留在窗口中") == 1, told  # said once

        edit(window, NEW_COMMERCIAL, "55")  # the first window goes on working, saves and closes
        assert window.autosaver.flush()
        window.close()

        second.autosaver.flush()  # its retry, once the first window is gone (as its banner said to do)
        stored = library.load(window.report_id)
        assert (stored.values[NEW_COMMERCIAL], stored.values[NEW_NATURAL]) == (55, 80)  # not written over
        qtbot.waitUntil(lambda: second.document.report.values[NEW_COMMERCIAL] == 55)
        assert second.document.report.values[NEW_NATURAL] == 80  # the newer draft is what it shows
        snapshot = library.list_snapshots(window.report_id)[0]
        assert snapshot.name.startswith("另一窗口中的修改 ")
        assert library.load_snapshot(snapshot.id).values[NEW_NATURAL] == 66  # and its own copy is kept
        assert snapshot.name in second.banner.text() and second.banner.isVisibleTo(second)

        edit(second, NEW_NATURAL, "67")  # from now on it saves as usual
        assert second.autosaver.flush() and library.load(window.report_id).values[NEW_NATURAL] == 67
        second.close()
    finally:
        other.close()


def test_the_library_refuses_a_save_based_on_an_older_draft(library, sample):
    from disclosure_report.storage import StaleDraft

    report_id = library.create(sample)
    loaded = library.revision(report_id)
    newer = sample.copy()
    newer.values[NEW_NATURAL] = 1
    library.save(report_id, newer)  # another window
    stale = sample.copy()
    stale.values[NEW_NATURAL] = 2
    try:
        library.save(report_id, stale, based_on=loaded)
    except StaleDraft as e:
        assert "另一个窗口中已有更新的保存" in str(e)
    else:
        raise AssertionError("saved over the newer draft")
    assert library.load(report_id).values[NEW_NATURAL] == 1
    revision = library.save(report_id, newer, based_on=library.revision(report_id))  # same content: fine
    assert library.save(report_id, stale, based_on=revision) == library.revision(report_id)
