"""Reading a spreadsheet of organizations into a plain table: headers, then rows numbered as the
spreadsheet shows. The reading itself, with its protection against oversized and packed files,
is `core.spreadsheets`; this module sets the directory import's limits."""

from __future__ import annotations

from typing import IO

from gemeinsam.core.spreadsheets import Limits, SourceRow, Table
from gemeinsam.core.spreadsheets import SpreadsheetError as ImportFileError
from gemeinsam.core.spreadsheets import read_table as read_spreadsheet

__all__ = ["LIMITS", "MAX_ROWS", "ImportFileError", "SourceRow", "Table", "read_table"]

MAX_ROWS = 100_000
LIMITS = Limits(rows=MAX_ROWS, columns=200)


def read_table(stream: IO[bytes], filename: str, limits: Limits = LIMITS) -> Table:
    """The table in an uploaded or local file; ImportFileError if it cannot be read."""
    return read_spreadsheet(stream, filename, limits)
