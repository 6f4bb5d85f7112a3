"""Reading the shared screen as the room does: the terminal's lines, and one widget's share."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len, set_cell_size
from textual.widget import Widget
from textual.widgets import DataTable


def screen_lines(app: Any) -> list[str]:
    """The terminal's lines, as drawn."""
    return ["".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips()]


def _cut(line: str, x: int, width: int) -> str:
    """The cells ``x`` to ``x + width`` of a line (cells, not characters)."""
    start = 0
    while start < len(line) and cell_len(line[:start]) < x:
        start += 1
    return set_cell_size(line[start:], width)


def widget_lines(app: Any, widget: Widget) -> list[str]:
    """The lines a widget shows inside its border and padding, trailing blanks removed."""
    region = widget.content_region
    lines = screen_lines(app)[region.y : region.bottom]
    return [_cut(line, region.x, region.width).rstrip() for line in lines]


def column_text(app: Any, table: DataTable[Any], key: str) -> str:
    """The words one column of a table shows on screen, its lines joined by single spaces
    (the heading included), so a text wrapped over several lines reads as one."""
    region = table.content_region
    x = region.x - int(table.scroll_x)
    for column in table.ordered_columns:
        width = column.get_render_width(table)
        if column.key.value == key:
            break
        x += width
    else:
        raise KeyError(key)
    lines = screen_lines(app)[region.y : region.bottom]
    return " ".join(" ".join(_cut(line, x, width).split()) for line in lines).strip()


def reads(shown: str, text: str) -> bool:
    """Whether ``shown`` holds the whole of ``text``, however it was broken into lines."""
    return " ".join(text.split()) in " ".join(shown.split())
