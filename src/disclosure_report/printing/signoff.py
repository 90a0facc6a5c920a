"""The 审签单: a first page on which the draft is signed, with what is still unresolved.

Signers see which version they sign (name, time, content code) and every
finding the checks still report, so that nothing is signed off unseen.
"""

from __future__ import annotations

from typing import Dict, List, Sequence

from PySide6.QtCore import QSizeF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QPagedPaintDevice,
    QTextCharFormat,
    QTextDocument,
    QTextFrameFormat,
    QTextLength,
    QTextTableCellFormat,
    QTextTableFormat,
)

from disclosure_report.checks import count_by_severity
from disclosure_report.checks.findings import ERROR, SEVERITY_LABEL, WARNING
from disclosure_report.checks.settle import settled_note
from disclosure_report.format import ReportFormat
from disclosure_report.model import Report
from disclosure_report.printing.fonts import PrintFonts
from disclosure_report.printing.layout import BODY_PT, ReportDocument, block_format, char_format, new_document, px
from disclosure_report.printing.marking import PrintOptions, version_line

STEPS = ("拟稿", "核稿", "审核", "签发")
SIGN_ROW_PT = 46  # room for a handwritten name


def findings_for(report: Report, options: PrintOptions) -> Sequence:
    """The findings to list: those the window passed, else the checks run now."""
    if options.findings is not None:
        return list(options.findings)
    from disclosure_report.checks import run_checks

    return run_checks(report)


def findings_summary(findings: Sequence) -> str:
    counts = count_by_severity(list(findings))
    if not findings:
        return "核对结果：未发现错误或提醒。"
    settled = sum(1 for f in findings if f.settled)
    return (f"核对结果：尚有{SEVERITY_LABEL[ERROR]} {counts[ERROR]} 项、{SEVERITY_LABEL[WARNING]} {counts[WARNING]} 项未解决"
            + (f"；{settled} 项已核实" if settled else "") + "：")


def signoff_lines(findings: Sequence, fmt: ReportFormat) -> List[str]:
    """One line a finding, errors first; the blank-cell reminders last, one line per table.

    A new draft has dozens of 为空 reminders: listed one by one they push the
    errors a signer must see onto a second page.
    """
    lines: List[str] = []
    blank_rows: Dict[str, List[str]] = {}
    for finding in sorted(findings, key=lambda f: f.severity != ERROR):
        if finding.settled:
            continue
        if finding.rule == "cell.blank":
            cell = fmt.cells[finding.cells[0]]
            blank_rows.setdefault(cell.table, []).append(fmt.tables[cell.table].row(cell.row).short)
        else:
            lines.append(f"【{finding.severity_label}】{finding.message}")
    for table_id, rows in blank_rows.items():
        lines.append(f"【{SEVERITY_LABEL[WARNING]}】{fmt.tables[table_id].name}有 {len(rows)} 行留空"
                     f"（{'、'.join(rows)}）：没有发生的请填 0，不要留空")
    # the settled ones last, with the reason and who settled it
    lines += [f"【已核实】{f.message}——{settled_note(f.settled)}" for f in findings if f.settled]
    return lines


def build_signoff_document(report: Report, options: PrintOptions, fonts: PrintFonts,
                           device: QPagedPaintDevice, page_size: QSizeF) -> QTextDocument:
    document = new_document(device, page_size)
    builder = ReportDocument(document, fonts)
    builder.cursor.beginEditBlock()  # one layout at the end
    builder.title("审　签　单")
    body = char_format(fonts.body, BODY_PT)
    builder.paragraph(f"报告：{report.display_title()}", body, block_format())
    builder.paragraph(f"版本：{version_line(report, options)}", char_format(fonts.body, 12),
                      block_format(line_pt=22, after_pt=10))

    fmt = QTextTableFormat()
    fmt.setBorder(px(0.75))
    fmt.setBorderBrush(QBrush(QColor("black")))
    fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    fmt.setBorderCollapse(True)
    fmt.setCellSpacing(0)
    fmt.setCellPadding(px(4))
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    fmt.setColumnWidthConstraints([QTextLength(QTextLength.Type.PercentageLength, w) for w in (16, 42, 42)])
    table = builder.cursor.insertTable(len(STEPS) + 1, 3, fmt)
    rows = [("环节", "签名", "日期")] + [(step, "", "年　　月　　日") for step in STEPS]
    for r, texts in enumerate(rows):
        for c, text in enumerate(texts):
            cell = table.cellAt(r, c)
            cell_format = QTextTableCellFormat()
            cell_format.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignMiddle)
            cell.setFormat(cell_format)
            cursor = cell.firstCursorPosition()
            align = Qt.AlignmentFlag.AlignRight if c == 2 and r else Qt.AlignmentFlag.AlignHCenter
            cursor.setBlockFormat(block_format(align, line_pt=24 if r == 0 else SIGN_ROW_PT))
            cursor.insertText(text, body)
    builder.cursor.movePosition(builder.cursor.MoveOperation.End)

    findings = findings_for(report, options)
    builder.paragraph(findings_summary(findings), char_format(fonts.heading, 14),
                      block_format(line_pt=26, before_pt=12))
    small = char_format(fonts.body, 11)
    for number, line in enumerate(signoff_lines(findings, report.format), 1):
        builder.paragraph(f"{number}.{line}", small, block_format(line_pt=19))
    builder.cursor.endEditBlock()
    return document
