"""The JSON interchange file of FORMAT.md, read and written losslessly.

Money travels as a string (``"15156.9"``), counts as integers, an empty cell
as ``null``. Floats are parsed as exact Decimals, never through binary
floating point. Values that are numbers but wrong for their cell (negative,
fractional counts, too large) are kept, so the checks can show them; values
that are not numbers, unknown keys and a year that is not a year are
refused with a message naming the place.
"""

from __future__ import annotations

import base64
import binascii
import json
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, Tuple, Union

from disclosure_report.atomicwrite import write_atomically
from disclosure_report.errors import ReportFileError
from disclosure_report.format import (
    AMOUNT,
    FormatError,
    ReportFormat,
    current_format_id,
    known_format_ids,
    load_format,
    outdated_formats,
)
from disclosure_report.model import Contact, Report, Settlement
from disclosure_report.numbers import InvalidNumber, as_kind, check_magnitude, format_value, parse_number
from disclosure_report.oserror import os_reason

# tens of KB of text and the pictures (limits.MAX_IMAGES_BYTES, a third more as base64)
MAX_FILE_BYTES = 40 * 1024 * 1024
MAX_DEPTH = 16  # a report nests four deep
MAX_NUMBER_CHARS = 40  # as numbers.parse_number allows
YEAR_RANGE = range(1990, 2101)
_TOP_KEYS = {"format", "organ", "year", "title", "contact", "manual_totals", "text", "images", "import_notes",
             "settled"}
_SETTLED_KEYS = ("rule", "fingerprint", "reason", "by", "at")
_CONTACT_KEYS = ("address", "phone", "website")


def report_to_data(report: Report) -> Dict[str, Any]:
    fmt = report.format
    data: Dict[str, Any] = {"format": fmt.id, "organ": report.organ, "year": report.year}
    if report.title:
        data["title"] = report.title
    if not report.contact.is_empty():
        data["contact"] = {k: getattr(report.contact, k) for k in _CONTACT_KEYS}
    if report.manual_totals:
        data["manual_totals"] = True
    for table in fmt.tables.values():
        tree: Dict[str, Any] = {}
        for cell in table.cells:
            node = tree
            for part in cell.row.split("."):
                node = node.setdefault(part, {})
            node[cell.column] = _value_to_json(report.values[cell.path], cell.kind)
        data[table.id] = tree
    data["text"] = {text_id: report.text.get(text_id, "") for text_id in fmt.text_ids}
    if report.images:
        data["images"] = {name: base64.b64encode(blob).decode("ascii")
                          for name, blob in sorted(report.images.items())}
    if report.import_notes:
        data["import_notes"] = dict(report.import_notes)
    if report.settled:
        data["settled"] = [s._asdict() for s in report.settled]
    return data


def _value_to_json(value, kind):
    if value is None:
        return None
    if kind == AMOUNT or isinstance(value, Decimal):
        return format_value(value)
    return value


def dumps(report: Report) -> str:
    return json.dumps(report_to_data(report), ensure_ascii=False, indent=2) + "\n"


def fingerprint(report: Report) -> str:
    """A short code for the exact content, printed on paper copies to match them to a stored version."""
    import hashlib  # here: not needed to open the window

    return hashlib.sha256(dumps(report).encode("utf-8")).hexdigest()[:10].upper()


class _Unusable:
    """A JSON number the report cannot hold (NaN, Infinity, too many digits), kept until its place
    is known so that the message can name the cell."""

    def __init__(self, text: str, why: str):
        self.text, self.why = text, why

    def __str__(self) -> str:
        return self.text if len(self.text) <= 20 else self.text[:20] + "…"


def _constant(name: str) -> _Unusable:
    return _Unusable(name, f"{name} 不是数字（JSON 标准中没有 NaN、Infinity），请填写数字或留空")


def _number(parse):
    def read(text: str):
        if len(text) > MAX_NUMBER_CHARS:
            return _Unusable(text, f"数字有 {len(text)} 位，超过 {MAX_NUMBER_CHARS} 位的上限")
        return parse(text)

    return read


def _unique_keys(pairs):
    data = {}
    for key, value in pairs:
        if key in data:
            why = f"出现了两次（{_brief(data[key])} 与 {_brief(value)}），无法确定哪个是对的；请删去其中一个后再导入"
            if isinstance(value, (dict, list)) or isinstance(data[key], (dict, list)):
                raise ReportFileError(f"JSON 中同一处的“{key}”{why}")
            value = _Unusable(f"{data[key]}/{value}", why)  # the message names the cell once it is known
        data[key] = value
    return data


def _brief(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str) if not isinstance(value, dict) else "{…}"
    return text if len(text) <= 20 else text[:20] + "…"


def _check_depth(data: Any) -> None:
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        for child in children:
            if isinstance(child, (dict, list)):
                if depth + 1 > MAX_DEPTH:
                    raise ReportFileError(f"JSON 嵌套超过 {MAX_DEPTH} 层，不是本程序的报告文件")
                stack.append((child, depth + 1))


def loads(text: str) -> Report:
    try:
        data = json.loads(text, parse_float=_number(Decimal), parse_int=_number(int), parse_constant=_constant,
                          object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as e:
        raise ReportFileError(f"不是有效的 JSON 文件：第 {e.lineno} 行第 {e.colno} 列附近有误（{e.msg}）") from None
    except RecursionError:
        raise ReportFileError(f"JSON 嵌套层数过多（超过 {MAX_DEPTH} 层），不是本程序的报告文件") from None
    except ValueError as e:  # the messages of json's scanner other than JSONDecodeError
        raise ReportFileError(f"不是有效的 JSON 文件（{type(e).__name__}）") from None
    _check_depth(data)
    return report_from_data(data)


def report_from_data(data: Any) -> Report:
    if not isinstance(data, dict):
        raise ReportFileError("JSON 文件的最外层应是一个对象 {…}，不是报告文件")
    fmt = _declared_format(data.get("format", current_format_id()))
    unknown = set(data) - _TOP_KEYS - set(fmt.tables)
    if unknown:
        raise ReportFileError(f"JSON 中有不认识的字段：{'、'.join(sorted(unknown))}；请检查拼写或文件来源")
    report = Report(format_id=fmt.id)
    report.organ = _text_field(data, "organ")
    report.title = _text_field(data, "title")
    report.year = _year(data.get("year"))
    contact = data.get("contact", {})
    if not isinstance(contact, dict) or set(contact) - set(_CONTACT_KEYS):
        raise ReportFileError("contact 字段应为 {\"address\", \"phone\", \"website\"}")
    report.contact = Contact(**{k: _text_field(contact, k, f"contact.{k}") for k in _CONTACT_KEYS})
    manual = data.get("manual_totals", False)
    if not isinstance(manual, bool):
        raise ReportFileError("manual_totals 应为 true 或 false")
    report.manual_totals = manual
    for table in fmt.tables.values():
        _read_table(data.get(table.id, {}), table, report)
    texts = data.get("text", {})
    if not isinstance(texts, dict):
        raise ReportFileError("text 字段应为对象，各部分文字为字符串")
    extra = set(texts) - set(fmt.text_ids)
    if extra:
        raise ReportFileError(f"text 中有不认识的部分：{'、'.join(sorted(extra))}")
    for text_id in fmt.text_ids:
        report.text[text_id] = _text_field(texts, text_id, f"text.{text_id}")
    report.images = _images(data.get("images", {}))
    notes = data.get("import_notes", {})
    if not isinstance(notes, dict) or not all(isinstance(v, str) for v in notes.values()):
        raise ReportFileError("import_notes 字段应为 {单元格: 原文}")
    report.import_notes = dict(notes)
    report.settled = _settled(data.get("settled", []))
    return report


def _settled(raw: Any) -> Tuple[Settlement, ...]:
    if not isinstance(raw, list) or not all(isinstance(s, dict) for s in raw):
        raise ReportFileError("settled 字段应为 [{\"rule\", \"fingerprint\", \"reason\", \"by\", \"at\"}, …]")
    found = []
    for i, item in enumerate(raw):
        if set(item) - set(_SETTLED_KEYS) or not {"rule", "fingerprint", "reason"} <= set(item):
            raise ReportFileError(f"settled 第 {i + 1} 项应含 rule、fingerprint、reason（可有 by、at）")
        found.append(Settlement(*(_text_field(item, k, f"settled[{i}].{k}") for k in _SETTLED_KEYS)))
    return tuple(found)


def _declared_format(declared: Any) -> ReportFormat:
    """The format a file names: one the program fills, or a refusal naming a superseded one."""
    for old in outdated_formats():
        if declared == old.id:
            current = load_format(old.superseded_by)
            raise ReportFileError(f"文件的格式为已废止的“{declared}”（{old.basis}），不能读入现行格式"
                                  f"“{current.id}”（{current.basis}）；请按现行格式重新填写（format.outdated）")
    try:
        return load_format(str(declared))
    except FormatError:
        known = "、".join(f"“{f}”" for f in known_format_ids())
        raise ReportFileError(f"文件的格式为“{declared}”，本程序不认识；本程序支持{known}") from None


def _text_field(data: dict, key: str, where: str = "") -> str:
    value = data.get(key, "")
    if value is None:
        return ""
    if isinstance(value, _Unusable):
        raise ReportFileError(f"{where or key}：{value.why}")
    if not isinstance(value, str):
        raise ReportFileError(f"{where or key} 应为文字（字符串），实际为 {_json_kind(value)}")
    return value


def _year(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, _Unusable):
        raise ReportFileError(f"year（年度）：{value.why}")
    if isinstance(value, bool) or not isinstance(value, int) or value not in YEAR_RANGE:
        raise ReportFileError(f"year（年度）应为四位数年份，如 2023，实际为 {json.dumps(value, ensure_ascii=False, default=str)[:40]}")
    return value


def _read_table(tree: Any, table, report: Report) -> None:
    if not isinstance(tree, dict):
        raise ReportFileError(f"{table.id}（{table.name}）应为对象")
    known_paths = set()
    for cell in table.cells:
        node: Any = tree
        for part in cell.row.split("."):
            node = node.get(part, {}) if isinstance(node, dict) else None
            if node is None:
                raise ReportFileError(f"{table.id}.{cell.row}（{cell.description}）应为对象")
        if not isinstance(node, dict):
            raise ReportFileError(f"{table.id}.{cell.row} 应为对象")
        report.values[cell.path] = _cell_value(node.get(cell.column), cell)
        known_paths.add(cell.path)
    unknown = sorted(p for p in _leaf_paths(tree, table.id) if p not in known_paths)
    if unknown:
        raise ReportFileError(f"{table.name}中有不认识的单元格：{'、'.join(unknown[:5])}")


def _leaf_paths(node: Any, prefix: str):
    if isinstance(node, dict):
        for key, child in node.items():
            yield from _leaf_paths(child, f"{prefix}.{key}")
    else:
        yield prefix


def _cell_value(raw: Any, cell):
    if raw is None:
        return None
    if isinstance(raw, (bool, list, dict)):
        raise ReportFileError(f"{cell.description}（{cell.path}）应为数字，实际为 {_json_kind(raw)}")
    if isinstance(raw, _Unusable):
        raise ReportFileError(f"{cell.description}（{cell.path}）：{raw.why}")
    if isinstance(raw, str):
        try:
            raw = parse_number(raw)
        except InvalidNumber as e:
            raise ReportFileError(f"{cell.description}（{cell.path}）：{e}") from None
    if isinstance(raw, Decimal) and not raw.is_finite():
        raise ReportFileError(f"{cell.description}（{cell.path}）不是有限的数字")
    try:
        if raw is not None:
            check_magnitude(raw)
    except InvalidNumber as e:
        raise ReportFileError(f"{cell.description}（{cell.path}）：{e}") from None
    return as_kind(raw, cell.kind)


def _images(raw: Any) -> Dict[str, bytes]:
    if not isinstance(raw, dict):
        raise ReportFileError("images 字段应为 {名称: base64 数据}")
    images = {}
    for name, blob in raw.items():
        try:
            images[name] = base64.b64decode(blob, validate=True)
        except (binascii.Error, TypeError, ValueError):
            raise ReportFileError(f"图片“{name}”的数据损坏（不是有效的 base64）") from None
    return images


def _json_kind(value: Any) -> str:
    return {bool: "true/false", list: "列表", dict: "对象", str: "文字"}.get(type(value), "数字")


def read_report(path: Union[str, Path]) -> Report:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReportFileError(f"{path.name} 有 {size // 1048576} MB，超过报告文件 {MAX_FILE_BYTES // 1048576} MB "
                                  f"的上限（年度报告的文字和图片通常只有几 MB），已拒绝读取")
        raw = path.read_bytes()
    except OSError as e:
        raise ReportFileError(f"无法读取 {path}：{os_reason(e)}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReportFileError(f"{path.name} 不是 UTF-8 编码的 JSON 文件") from None
    return loads(text)


def write_report(report: Report, path: Union[str, Path]) -> None:
    write_atomically(path, dumps(report))
