"""Import a filled-in workbook: values by the positions of our own layout, nothing guessed.

A workbook from another template, or one whose labels are no longer where
:mod:`.layout` puts them (rows inserted, headers edited), is refused with a
message saying what differs. Every number goes through ``parse_number``;
text, ``#REF!``, dates and formulas without a computed value are reported by
sheet and cell (表三!D12：“十二”不是数字…), never taken as 0. A total that is
still our own SUM formula is computed from its parts, so a file saved by a
script and never opened in Excel/WPS reads the same as one that was.
"""

from __future__ import annotations

import datetime
import re
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple, Union

from openpyxl.utils.cell import coordinate_to_tuple

from disclosure_report.errors import ReportFileError
from disclosure_report.excel import layout
from disclosure_report.format import ReportFormat, Table, load_format
from disclosure_report.model import Contact, Report
from disclosure_report.numbers import InvalidNumber, Value, as_kind, parse_number
from disclosure_report.zipguard import XLSX, check_office_file

MAX_PROBLEMS_SHOWN = 8
YEAR_RANGE = range(1990, 2101)
_REFERENCE = re.compile(r"\$")


def read_workbook(path: Union[str, Path]) -> Report:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsm":
        raise ReportFileError(f"{path.name} 是启用宏的工作簿（.xlsm），为安全起见不予读取；"
                              f"请在 Excel/WPS 中“另存为”Excel 工作簿（.xlsx）后再导入")
    check_office_file(path, XLSX)
    if suffix == ".xls":
        raise ReportFileError(f"{path.name} 的扩展名为 .xls，内容却是新版工作簿；请把扩展名改为 .xlsx 后再导入")
    return _Reader(path).read()


def require_defused_xml() -> None:
    """openpyxl expands no XML entities only when defusedxml is installed: refuse to read otherwise."""
    import openpyxl.xml

    if not openpyxl.xml.DEFUSEDXML:
        raise ReportFileError("本程序缺少安全组件 defusedxml，为防范恶意文件暂不能读取 Excel 文件；"
                              "请重新安装本程序（或 pip install defusedxml）")


@contextmanager
def _workbook(path: Path, data_only: bool) -> Iterator:
    """The workbook open for reading, closed after. openpyxl raises anything from KeyError to lxml
    errors on a broken file, and reads lazily: whatever it raises while opening or while the workbook
    is read (other than our own refusals) means a broken file."""
    require_defused_xml()
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=data_only)
    except Exception as e:
        raise _broken(path, e) from None
    try:
        yield wb
    except ReportFileError:
        raise
    except Exception as e:
        raise _broken(path, e) from None
    finally:
        wb.close()


def _broken(path: Path, error: Exception) -> ReportFileError:
    from disclosure_report import errorlog

    errorlog.record(f"读取 {path.name}", error)
    from defusedxml import DefusedXmlException

    cause: Optional[BaseException] = error
    while cause is not None and not isinstance(cause, DefusedXmlException):
        cause = cause.__cause__ or cause.__context__  # openpyxl wraps it in a plain ValueError
    if cause is not None:
        return ReportFileError(f"{path.name} 含有不安全的 XML 实体定义，可能是恶意文件，已拒绝读取")
    return ReportFileError(f"{path.name} 已损坏或内容不完整，无法读取（{type(error).__name__}）；"
                           f"请在 Excel/WPS 中打开检查后另存，或重新获取文件")


def _grid(ws, rows: int, columns: int) -> Dict[Tuple[int, int], Any]:
    cells = {}
    for row in ws.iter_rows(min_row=1, max_row=rows, max_col=columns):
        for cell in row:
            if cell.value is not None:
                cells[(cell.row, cell.column)] = cell
    return cells


def _same_text(a: object, b: str) -> bool:
    return isinstance(a, str) and "".join(a.split()) == "".join(b.split())


def _shown(value: object) -> str:
    if value is None:
        return "空白"
    text = str(value).strip()
    return f"“{text if len(text) <= 24 else text[:24] + '…'}”"


def _float_text(value: float) -> str:
    """The shortest text of an Excel double, positional (1e-05 -> 0.00001): what the clerk typed."""
    return format(Decimal(repr(value)), "f")


def _normalise_formula(formula: str) -> str:
    return _REFERENCE.sub("", "".join(formula.split())).upper()


class _Reader:
    def __init__(self, path: Path):
        self.path = path
        self.fmt: ReportFormat = load_format()
        self.problems: List[str] = []

    def read(self) -> Report:
        with _workbook(self.path, data_only=False) as wb:
            report, pending, own_totals = self._read(wb)
        uncomputed = self._read_cached(pending, report) if pending else set()
        self._fill_totals(report, own_totals | uncomputed)
        # a total typed over, or someone else's formula: keep it as found for the checks to judge
        report.manual_totals = any(inst.computes not in own_totals for inst in self.fmt.computations)
        if self.problems:
            shown = "；".join(self.problems[:MAX_PROBLEMS_SHOWN])
            more = f"……等共 {len(self.problems)} 处" if len(self.problems) > MAX_PROBLEMS_SHOWN else ""
            raise ReportFileError(f"{self.path.name} 中有 {len(self.problems)} 处无法读取：{shown}{more}。"
                                  f"请在 Excel/WPS 中改正后重新导入")
        return report

    # -- structure ---------------------------------------------------------

    def _read(self, wb):
        missing = [name for name in [layout.COVER_SHEET] + [t.name for t in self.fmt.tables.values()]
                   if name not in wb.sheetnames]
        if missing == [layout.COVER_SHEET]:
            raise ReportFileError(
                f"{self.path.name} 像是本程序导出的数值表（供统计使用），其中没有单位和年度，不能导入；"
                f"请导入单位填好的填报表，或 .docx/.json 报告")
        if missing:
            raise ReportFileError(
                f"{self.path.name} 不是本程序导出的填报表：缺少工作表“{'”“'.join(missing)}”"
                f"（文件中的工作表：{'、'.join(wb.sheetnames[:8])}）。请用本程序导出的填报表填写")
        report = Report()
        self._cover(wb[layout.COVER_SHEET], report)
        pending: Dict[str, Tuple[str, str]] = {}  # path -> (sheet, coordinate) of a formula to read by value
        grids = {}
        for table in self.fmt.tables.values():
            grids[table.id] = _grid(wb[table.name], layout.last_row(table), table.grid_columns)
            self._check_labels(table, grids[table.id])
        own_totals = set()
        for table in self.fmt.tables.values():
            own_totals |= self._values(table, grids[table.id], report, pending)
        return report, pending, own_totals

    def _cover(self, ws, report: Report) -> None:
        rows = layout.COVER_FIRST_ROW + len(layout.COVER_FIELDS)
        grid = _grid(ws, rows, 2)

        def value(field):
            cell = grid.get((layout.cover_row(field), 2))
            return None if cell is None else cell.value

        marker = value("template")
        if not (isinstance(marker, str) and marker.startswith(layout.TEMPLATE_ID)):
            raise ReportFileError(
                f"{self.path.name} 不是本程序导出的填报表（“封面”工作表中没有模板标识），无法确定各数字的位置；"
                f"请用本程序导出填报表，把数字填入后再导入")
        if not marker.endswith(self.fmt.id):
            raise ReportFileError(f"{self.path.name} 的表格格式为“{marker}”，本程序只支持“{self.fmt.id}”"
                                  f"（{self.fmt.basis}）")
        for label, field in layout.COVER_FIELDS:
            cell = grid.get((layout.cover_row(field), 1))
            if not _same_text(cell.value if cell else None, label):
                raise ReportFileError(f"{self.path.name} 的封面被改动：封面!A{layout.cover_row(field)} 应为“{label}”，"
                                      f"现为{_shown(cell.value if cell else None)}。请用本程序重新导出填报表")
        report.organ = str(value("organ") or "").strip()
        report.year = self._year(value("year"))
        report.contact = Contact(*(str(value(f) or "").strip() for f in ("address", "phone", "website")))

    def _year(self, raw: object) -> Optional[int]:
        where = f"{layout.COVER_SHEET}!B{layout.cover_row('year')}"
        if raw is None:
            return None
        try:
            text = _float_text(raw) if isinstance(raw, float) else str(raw).strip().removesuffix("年")
            year = as_kind(parse_number(text), "count")
        except InvalidNumber as e:
            self.problems.append(f"{where}（报告年度）：{e}")
            return None
        if not isinstance(year, int) or year not in YEAR_RANGE:
            self.problems.append(f"{where}（报告年度）：{_shown(raw)} 不是年份，请填四位数年份，如 2024")
            return None
        return year

    def _check_labels(self, table: Table, grid) -> None:
        """Every header and label where our layout puts it, or the workbook is refused."""
        differences = []
        expected: Dict[str, set] = {}
        for placed in layout.label_cells(table):
            expected.setdefault(placed.cell.text, set()).add(placed.coordinate)
        for placed in layout.label_cells(table):
            cell = grid.get((placed.row, placed.col))
            found = cell.value if cell else None
            if _same_text(found, placed.cell.text):
                continue
            where = [c.coordinate for c in grid.values()
                     if _same_text(c.value, placed.cell.text) and c.coordinate not in expected[placed.cell.text]]
            moved = f"（它现在在 {where[0]}，可能插入或删除了行列）" if where else ""
            differences.append(f"{table.name}!{placed.coordinate} 应为“{placed.cell.text}”，现为{_shown(found)}{moved}")
        if differences:
            more = f"等 {len(differences)} 处" if len(differences) > 3 else ""
            raise ReportFileError(
                f"{self.path.name} 的{table.name}结构与本程序的填报表不同，无法确定数字的位置："
                f"{'；'.join(differences[:3])}{more}。请用本程序重新导出填报表，把数字填入后再导入")

    # -- values ------------------------------------------------------------

    def _values(self, table: Table, grid, report: Report, pending) -> set:
        """Read the table's cells; returns the totals that still hold our own SUM formula."""
        coordinates = layout.value_coordinates(table)
        totals = {inst.computes: inst for inst in self.fmt.computations}
        own_totals = set()
        for path, coordinate in coordinates.items():
            cell = grid.get(coordinate_to_tuple(coordinate))
            where = f"{table.name}!{coordinate}"
            if cell is None:
                report.values[path] = None
                continue
            if cell.data_type == "f":
                if path in totals and _normalise_formula(cell.value) == _normalise_formula(
                        "=" + layout.sum_formula(coordinates[p] for p in totals[path].right)):
                    own_totals.add(path)
                else:
                    pending[path] = (table.name, coordinate)
                report.values[path] = None
                continue
            report.values[path] = self._number(cell.value, cell.data_type, where, self.fmt.cells[path].kind)
        return own_totals

    def _number(self, raw: object, data_type: str, where: str, kind: str) -> Value:
        if data_type == "e":
            self.problems.append(f"{where}：{raw}（公式出错），请改为数字")
            return None
        if isinstance(raw, bool):
            self.problems.append(f"{where}：{'TRUE' if raw else 'FALSE'} 不是数字")
            return None
        if isinstance(raw, (datetime.datetime, datetime.date, datetime.time, datetime.timedelta)):
            self.problems.append(f"{where}：格子被设成了日期或时间格式，请改为常规格式后重填数字")
            return None
        if isinstance(raw, float):
            text = _float_text(raw)
        else:
            text = str(raw)
        try:
            return as_kind(parse_number(text), kind)
        except InvalidNumber as e:
            self.problems.append(f"{where}：{e}")
            return None

    def _fill_totals(self, report: Report, computed: set) -> None:
        """These totals from their parts, parts before the totals made of them."""
        for inst in self.fmt.computations:
            if inst.computes is not None and inst.computes in computed:
                parts = [x for x in (report.values[p] for p in inst.right) if x is not None]
                report.values[inst.computes] = sum(parts) if parts else None

    def _read_cached(self, pending: Dict[str, Tuple[str, str]], report: Report) -> set:
        """Formulas that are not our own: the value Excel/WPS computed and saved with them.

        Without one (a file never opened in Excel/WPS) a total is computed from
        its parts, which are returned; any other cell is reported.
        """
        totals = {inst.computes for inst in self.fmt.computations}
        uncomputed = set()
        with _workbook(self.path, data_only=True) as wb:
            # each sheet read once: a cell looked up by coordinate in read-only mode re-reads the sheet
            grids = {table.name: _grid(wb[table.name], layout.last_row(table), table.grid_columns)
                     for table in self.fmt.tables.values() if any(s == table.name for s, _ in pending.values())}
            for path, (sheet, coordinate) in pending.items():
                cell = grids[sheet].get(coordinate_to_tuple(coordinate))
                value = None if cell is None else cell.value
                where = f"{sheet}!{coordinate}"
                if value is None and path in totals:
                    uncomputed.add(path)
                    continue
                if cell is None or value is None:
                    self.problems.append(
                        f"{where}：公式没有计算结果（文件未在 Excel/WPS 中保存过），"
                        f"请用 Excel/WPS 打开并保存后再导入，或直接填数字")
                    continue
                report.values[path] = self._number(value, cell.data_type, where, self.fmt.cells[path].kind)
        return uncomputed

