"""Read and write a report in whatever form its file name says.

Readers and writers are imported only when a file of their kind is used,
so that starting the program does not pay for python-docx or openpyxl.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from typing import Callable, Dict, Union

from disclosure_report.errors import ReportFileError
from disclosure_report.limits import report_problem
from disclosure_report.model import Report

# suffix -> "module:function"
READERS: Dict[str, str] = {
    ".json": "disclosure_report.jsonfile:read_report",
    ".xlsx": "disclosure_report.excel.reader:read_workbook",
    ".xlsm": "disclosure_report.excel.reader:read_workbook",  # refused with what to do instead
    ".xls": "disclosure_report.excel.reader:read_workbook",  # refused with what to do instead
    ".docx": "disclosure_report.word.reader:read_report",
    ".doc": "disclosure_report.word.reader:read_report",  # refused with what to do instead
    ".pdf": "disclosure_report.reading.pdf:read_report",
    ".html": "disclosure_report.reading.html:read_report",
    ".htm": "disclosure_report.reading.html:read_report",
    ".shtml": "disclosure_report.reading.html:read_report",
    ".mhtml": "disclosure_report.reading.html:read_report",
    ".mht": "disclosure_report.reading.html:read_report",
}
WRITERS: Dict[str, str] = {
    ".json": "disclosure_report.jsonfile:write_report",
    ".xlsx": "disclosure_report.excel.workbook:write_workbook",
    ".docx": "disclosure_report.word.export:write_report",
    ".pdf": "disclosure_report.printing.pdf:write_pdf",
}


def _load(target: str) -> Callable:
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


def _suffix(path: Path) -> str:
    return path.suffix.lower()


def read_report(path: Union[str, Path]) -> Report:
    path = Path(path)
    suffix = _suffix(path)
    if suffix not in READERS:
        known = "、".join(sorted(READERS))
        raise ReportFileError(f"无法读取 {path.name}：不支持 {suffix or '无扩展名'} 文件，可读取 {known}")
    if not path.is_file():
        raise ReportFileError(f"找不到文件 {path}")
    from disclosure_report.storable import clean_report

    report = _load(READERS[suffix])(path)
    problem = report_problem(report)
    if problem:
        raise ReportFileError(f"{path.name}：{problem}")
    # at the door: whatever a reader let through can then be saved
    report.read_notes = [note + "，已去掉" for note in clean_report(report)]
    return report


def naming_file(message: str, path: Union[str, Path]) -> str:
    """A refusal about a file that names it once, as the user gave it: a message that names it already (a reader
    puts its bare name in: “x.docx 不是Word 文档…”) names it by that path instead, one that names no file
    (“不是有效的 JSON 文件…”) is preceded by it."""
    shown = str(path)
    if shown in message:
        return message
    name = Path(path).name
    if name and name in message:
        return message.replace(name, shown, 1)
    return f"{shown}：{message}"


_ADVICE = re.compile(r"(?:^|[，。；！？：）])请")


def says_what_to_do(message: str) -> bool:
    """Whether a reader's message has its own advice: a 请 that begins a sentence or clause (“…，请删去…”),
    not the 请 of a name such as 2.重复申请."""
    return _ADVICE.search(message) is not None


def refusal(message: str, path: Union[str, Path], advice: str) -> str:
    """A reader's refusal as the window shows it: what is wrong, the file named once by its name (naming_file),
    and what to do: the reader's own “请…”, or else advice."""
    told = naming_file(message, Path(path).name).rstrip("。")
    return f"{told}。" if says_what_to_do(message) else f"{told}；{advice}。"


def beside_file(message: str, path: Union[str, Path]) -> str:
    """A reader's refusal shown beside the file's name (a row of a table that names it): without the name the
    reader put before its sentence (“x.docx 不是 Word 文档…” reads “不是 Word 文档…”)."""
    name = Path(path).name
    for lead in (f"{name}：", f"{name} "):
        if name and message.startswith(lead) and not message.startswith("的", len(lead)):
            return message[len(lead):]
    return message


def read_report_naming_it(path: Union[str, Path]) -> Report:
    """read_report for a command line, whose refusal names the file once, as given (naming_file)."""
    try:
        return read_report(path)
    except ReportFileError as e:
        raise ReportFileError(naming_file(str(e), path)) from None


def write_report(report: Report, path: Union[str, Path]) -> None:
    path = Path(path)
    suffix = _suffix(path)
    if suffix not in WRITERS:
        known = "、".join(sorted(WRITERS))
        raise ReportFileError(f"无法导出为 {path.name}：不支持 {suffix or '无扩展名'}，可导出为 {known}")
    _load(WRITERS[suffix])(report, path)


_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
_RESERVED_NAMES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def file_name(title: str, suffix: str) -> str:
    """A file name proposed from a report's title: no folder in it (``../``), nothing Windows refuses
    (``\\ / : * ? " < > |``, CON, NUL …, a trailing dot or space), not too long."""
    name = _NOT_IN_NAMES.sub("_", title).strip(" .")[:100].strip(" .") or "报告"
    if name.split(".")[0].upper() in _RESERVED_NAMES:
        name = f"{name}_"
    return name + suffix
