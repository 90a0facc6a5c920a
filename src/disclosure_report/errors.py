"""Errors a clerk can act on: the message says what is wrong and what to do."""


class ReportFileError(Exception):
    """A file that cannot be read or written as a report; the message is Chinese."""
