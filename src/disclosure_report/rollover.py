"""Next year's report from last year's: what a new year carries over.

The organ, its contact and the preamble (its year moved on) are copied, with
the pictures the preamble shows; each row the format carries over
(``carry_over`` in the definition: 二、上年结转 := last year's 四、结转下年度继续办理)
is copied column by column, its totals computed; everything else is blank.
"""

from __future__ import annotations

from disclosure_report.model import Contact, Report, apply_values, image_names


class NoYear(ValueError):
    """Last year's report has no year to move on from."""


def next_year(last: Report) -> Report:
    if last.year is None:
        raise NoYear("这份报告没有填写年度，无法据此新建下一年度报告。请先在“报告信息”中填写年度。")
    year = last.year + 1
    report = Report(organ=last.organ, year=year)  # in the current format
    report.contact = Contact(last.contact.address, last.contact.phone, last.contact.website)
    report.title = last.title.replace(f"{last.year}年", f"{year}年")
    preamble = last.text.get("preamble", "")
    report.text["preamble"] = preamble.replace(f"{last.year}年", f"{year}年")
    report.images = {name: last.images[name] for name in image_names(preamble) if name in last.images}
    carried = {}
    for this_row, last_row in report.format.carry_over:
        table = report.format.tables[this_row.partition(".")[0]]
        for column in table.columns.values():
            if not column.total:
                carried[f"{this_row}.{column.id}"] = last.values.get(f"{last_row}.{column.id}")
    apply_values(report, carried)
    return report
