"""Excel workbooks: the fill-in workbook for sub-units, its reader, the values export.

The only package that imports openpyxl; it is itself imported only when an
.xlsx file is written or read (see :mod:`disclosure_report.files`).
"""
