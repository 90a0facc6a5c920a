"""A file that cannot be read or written is said in Chinese: the system's own words are English on Linux."""

import errno

import pytest

from disclosure_report.atomicwrite import write_atomically
from disclosure_report.errors import ReportFileError
from disclosure_report.jsonfile import read_report
from disclosure_report.oserror import os_reason
from ui_support import *  # noqa: F401,F403


def _no_english(text):
    return not any("a" <= ch.lower() <= "z" for ch in text.split("：", 1)[-1].replace(".json", ""))


def test_reading_a_missing_file_or_a_folder_says_which_in_chinese(tmp_path):
    with pytest.raises(ReportFileError) as missing:
        read_report(tmp_path / "没有.json")
    assert str(missing.value) == f"无法读取 {tmp_path / '没有.json'}：文件或文件夹不存在"
    (tmp_path / "像文件的文件夹.json").mkdir()
    with pytest.raises(ReportFileError) as folder:
        read_report(tmp_path / "像文件的文件夹.json")
    assert str(folder.value).endswith("：这是一个文件夹，不是文件") and _no_english(str(folder.value))


def test_writing_under_a_file_says_the_path_is_not_a_folder(tmp_path):
    (tmp_path / "报告").write_text("一个文件", encoding="utf-8")
    with pytest.raises(ReportFileError) as refused:
        write_atomically(tmp_path / "报告" / "导出.json", "{}")
    assert "路径中有一项是文件，不是文件夹" in str(refused.value) and "No such" not in str(refused.value)
    assert "Not a directory" not in str(refused.value)


def test_windows_own_codes_are_worded_precisely_and_its_chinese_kept():
    in_use = PermissionError(errno.EACCES, "The process cannot access the file because it is being used")
    in_use.winerror = 32  # what Windows sets for a file open in Word or Excel
    assert os_reason(in_use) == "文件正被其他程序占用（例如在 Word、WPS 或 Excel 中打开着）"
    worded = OSError(errno.EINVAL, "文件名、目录名或卷标语法不正确。")
    worded.winerror = 123
    assert os_reason(worded) == "文件名、目录名或卷标语法不正确。"  # Windows worded it in the PC's language
    assert os_reason(PermissionError(errno.EACCES, "Permission denied")) == "没有访问权限"
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "磁盘已满"
    assert os_reason(OSError(errno.ELOOP, "Too many levels of symbolic links")) == f"系统错误 {errno.ELOOP}"
    assert os_reason(OSError("odd")) == "系统错误（OSError）"


def test_a_picture_that_cannot_be_read_is_said_in_chinese(window, tmp_path, dialogs):
    window.editor.show_page("other").insert_picture(tmp_path / "照片.png")
    assert "读不出 照片.png：文件或文件夹不存在。请确认文件存在且未被占用。" in dialogs.texts()
    assert window.document.report.images == {}
