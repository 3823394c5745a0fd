"""Rich output shared by the commands: consoles, tables, evidence in context."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text


def out() -> Console:
    # A fresh console per call picks up the terminal (or test runner) it is printing to.
    return Console(highlight=False)


def err() -> Console:
    return Console(stderr=True, highlight=False)


def error(message: str) -> None:
    err().print(Text(f"error: {message}", style="bold red"), soft_wrap=True)


def warn(message: str) -> None:
    err().print(Text(message, style="yellow"), soft_wrap=True)


_SHORT = {"ID", "Date", "Published", "Records", "Format", "Previous", "Report", "Kind", "Public",
          "Status", "Gold", "Extracted", "Matched", "Precision", "Recall", "F1"}


def table(title: str | None, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> Table:
    cells = [[c if isinstance(c, Text) else Text(_cell(c)) for c in row] for row in rows]
    t = Table(title=title, title_justify="left")
    for name in columns:
        # Short fixed-width values stay on one line; the rest wrap (and fold a word only on
        # a terminal too narrow for it, which beats cropping columns off the edge).
        t.add_column(name, overflow="fold", no_wrap=name in _SHORT)
    for row in cells:
        t.add_row(*row)
    return t


def _cell(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def in_context(text: str, start: int, end: int, width: int = 160) -> Text:
    """The evidence highlighted inside the sentence around it, in the report's own words."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    shown = Text("…" if left else "")
    shown.append(text[left:start].replace("\n", " "))
    shown.append(text[start:end].replace("\n", " "), style="bold yellow")
    shown.append(text[end:right].replace("\n", " "))
    shown.append("…" if right < len(text) else "")
    return shown


def snippet(marked: str) -> Text:
    """An FTS snippet whose matches are between [ and ], with the matches in bold."""
    shown = Text()
    bold = False
    for part in _split_marks(marked):
        if part == "[":
            bold = True
        elif part == "]":
            bold = False
        else:
            shown.append(part.replace("\n", " "), style="bold yellow" if bold else "")
    return shown


def _split_marks(marked: str) -> list[str]:
    parts: list[str] = []
    buf = ""
    for ch in marked:
        if ch in "[]":
            parts.extend([buf, ch])
            buf = ""
        else:
            buf += ch
    parts.append(buf)
    return [p for p in parts if p]


@contextmanager
def progress(label: str, total: int, enabled: bool = True) -> Iterator[Callable[[str], None]]:
    """A progress bar on stderr for long runs; yields the function that advances it."""
    if not enabled:
        yield lambda _item: None
        return
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err(),
    )
    with bar:
        task = bar.add_task(label, total=total)
        yield lambda _item: bar.advance(task)
