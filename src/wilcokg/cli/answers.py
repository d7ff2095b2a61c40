"""`wilcokg query`'s output: an answer as a table for people, or as CSV, TSV or JSON for programs."""

from __future__ import annotations

import csv
import json
import sys
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from wilcokg.queries import Answer

FORMATS = ("table", "csv", "tsv", "json")
# Wide enough for any row: piped tables keep every value on one line, IRIs whole.
_UNLIMITED_WIDTH = 1_000_000
_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def write_answer(answer: Answer, output_format: str, title: str, stream: TextIO | None = None) -> None:
    """Write `answer` to `stream` (standard output by default); unbound values are empty strings."""
    stream = stream or sys.stdout
    if output_format == "table":
        _table(answer, title, stream)
    elif output_format == "json":
        rows = [dict(zip(answer.columns, row, strict=True)) for row in answer.rows]
        document = rows if answer.boolean is None else answer.boolean
        stream.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    elif answer.boolean is not None:
        stream.write(("true" if answer.boolean else "false") + "\n")
    elif output_format == "csv":
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(answer.columns)
        writer.writerows(answer.rows)
    else:
        for line in (answer.columns, *answer.rows):
            stream.write("\t".join(value.translate(_TSV_ESCAPES) for value in line) + "\n")


def _table(answer: Answer, title: str, stream: TextIO) -> None:
    console = Console(file=stream)
    if not console.is_terminal:
        console = Console(file=stream, width=_UNLIMITED_WIDTH)
    if answer.boolean is not None:
        console.print("yes" if answer.boolean else "no")
        return
    table = Table(title=Text(title))
    for column in answer.columns:
        table.add_column(column, overflow="fold")
    for row in answer.rows:
        table.add_row(*row)
    console.print(table, markup=False, highlight=False)
    count = len(answer.rows)
    console.print(f"{count} row" if count == 1 else f"{count} rows", highlight=False)
