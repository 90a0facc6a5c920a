"""Word (.docx): export of the finished report in the standard layout, import of existing reports."""
