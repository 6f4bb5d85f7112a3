"""A table of rows that refills every second without losing the reader's place.

Every list on the shared screen (drafts, votes, key results, the not-now list) is one of these:
``load`` rebuilds only what changed and keeps the cursor on the same row key. A long list shown
for the first time is added a screenful first and the rest just after that screen is drawn:
DataTable measures every cell of every row it is given before it draws anything, which made a
workshop of 2,000 drafts wait about a quarter of a second for its first frame.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Sequence
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import DataTable

from screens.user_text import shown_line

FIRST_ROWS = 60
"""Rows added before the first frame of a rebuilt table: more than most terminals show (a
taller one gets the rest a frame later)."""

MAX_LINES = 5
"""The most lines a wrapped cell takes in its row; longer text ends in "…" there (the detail
under a list shows the whole of the highlighted row)."""

Column = tuple[str, "str | Text", int]
"""A column: its key, its heading and its width. A str heading is fixed words (a DataTable
reads str headings as markup); a heading holding user text is a ``rich.text.Text``."""


def wrapped(cell: Content, width: int, max_lines: int = MAX_LINES) -> tuple[Content, int]:
    """``cell`` broken into lines of at most ``width`` cells, and how many lines it takes.

    At most ``max_lines``; the last one shown ends in "…" when there is more. The lines are
    joined with newlines so the table draws exactly these lines (a row as tall as the count).
    """
    if cell.cell_length <= width and "\n" not in cell.plain:
        return cell, 1  # most cells: one line, and no wrapping work at all
    lines = _plain_wrap(cell, width) or cell.wrap(width)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].truncate(width - 1).rstrip() + Content("…")
    return Content("\n").join(lines), len(lines)


class RowsTable(DataTable[Content]):
    """A row-cursor table that can be refilled every second without losing the reader's place.

    ``load`` rebuilds only when what it shows changed, and puts the cursor back on the same row
    key (a draft id), so another process adding drafts never moves the highlight.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "scroll_top", "First", show=False),
        Binding("end", "scroll_bottom", "Last", show=False),
    ]

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cursor_type", "row")
        kwargs.setdefault("zebra_stripes", True)
        super().__init__(**kwargs)
        self._signature: Hashable = None
        self._columns_shown: tuple[Column, ...] = ()
        self._keys: list[str] = []
        self._cells: list[list[Content]] = []
        self._wrap_at: tuple[tuple[int, int], ...] = ()
        """(index, width) of the columns whose cells wrap instead of running on."""
        self._heights: dict[str, int] = {}
        """Each added row's height in lines."""
        self._rebuilds = 0
        """Counts rebuilds, so rows queued by one that a newer load replaced are never added."""
        self._filling = False
        """The last rebuild's later rows are still to be added."""

    @property
    def lines(self) -> int:
        """The lines the rows take (a wrapped row takes several), the heading not counted."""
        return sum(self._heights.values())

    @property
    def highlighted_key(self) -> str | None:
        if not self.row_count:
            return None
        row = min(self.cursor_row, self.row_count - 1)
        key = self.coordinate_to_cell_key((row, 0)).row_key.value  # type: ignore[arg-type]
        return key

    def load(
        self,
        columns: Sequence[Column],
        signature: Hashable,
        build_rows: Callable[[], Sequence[tuple[str, Sequence[Content]]]],
        *,
        wrap: Collection[str] = (),
    ) -> bool:
        """Show the rows (key, cells) ``build_rows`` makes; returns whether anything changed.

        ``signature`` stands for everything the rows show: when it is unchanged (the file was
        re-read but this list is the same) the rows are not even built.

        The cells of the columns keyed in ``wrap`` break into lines at the column's width (a
        row is as tall as its longest such cell, up to ``MAX_LINES``) rather than run past it:
        give them the whole text.

        When the columns and the order of rows are unchanged (a vote, an edit), only the cells
        that differ are updated in place; otherwise the table is rebuilt.
        """
        if signature == self._signature:
            return False
        self._signature = signature
        rows = build_rows()
        new_columns = tuple(columns)
        keys = [key for key, _ in rows]
        cells = [list(row) for _, row in rows]
        wrap_at = tuple(
            (index, width) for index, (key, _, width) in enumerate(new_columns) if key in wrap
        )
        same_shape = new_columns == self._columns_shown and wrap_at == self._wrap_at
        if same_shape and keys == self._keys and not self._filling:
            changed = self._changed_cells(keys, cells)
            if changed is not None:
                for key, column, cell in changed:
                    self.update_cell(key, column, cell)
                self._cells = cells
                return True
            # A cell that changed takes another number of lines: the rows are added again.
        self._wrap_at = wrap_at
        keep_key, keep_row = self.highlighted_key, self.cursor_row
        scroll_y = self.scroll_y
        # Only a list shown for the first time is added a screenful first: a reader deep in a
        # list refilled with all of its rows at once keeps the view still.
        first = FIRST_ROWS if not self._keys and not self._filling else len(rows)
        with self.prevent(DataTable.RowHighlighted):
            if new_columns != self._columns_shown:
                self.clear(columns=True)
                for key, heading, width in new_columns:
                    self.add_column(heading, width=width, key=key)
                self._columns_shown = new_columns
            else:
                self.clear()
            self._heights = {}
            for key, row in zip(keys[:first], cells[:first], strict=True):
                self._add(key, row)
        self._keys, self._cells = keys, cells
        at = keys.index(keep_key) if keep_key in keys else min(max(keep_row, 0), len(rows) - 1)
        self._rebuilds += 1
        self._filling = len(rows) > first
        if self._filling:
            self.call_after_refresh(self._add_later_rows, self._rebuilds, at, scroll_y)
        elif rows:
            self._place(at, scroll_y)
        return True

    def _add_later_rows(self, rebuild: int, at: int, scroll_y: float) -> None:
        """Add the rows after the first screenful, unless a newer load replaced them."""
        if rebuild != self._rebuilds or not self._filling:
            return
        self._filling = False
        with self.prevent(DataTable.RowHighlighted):
            for key, row in zip(self._keys[FIRST_ROWS:], self._cells[FIRST_ROWS:], strict=True):
                self._add(key, row)
        self._place(min(at, len(self._keys) - 1), scroll_y)

    def _fit(self, row: Sequence[Content]) -> tuple[list[Content], int]:
        """The row's cells as drawn (the wrapping ones broken into lines) and its height."""
        cells, height = list(row), 1
        for index, width in self._wrap_at:
            cells[index], lines = wrapped(cells[index], width)
            height = max(height, lines)
        return cells, height

    def _add(self, key: str, row: Sequence[Content]) -> None:
        cells, height = self._fit(row)
        self._heights[key] = height
        self.add_row(*cells, key=key, height=height)

    def _changed_cells(
        self, keys: list[str], cells: list[list[Content]]
    ) -> list[tuple[str, str, Content]] | None:
        """The cells to update in place, as drawn; None when a changed row's height changes."""
        changed: list[tuple[str, str, Content]] = []
        for key, new_row, old_row in zip(keys, cells, self._cells, strict=True):
            if all(
                new.plain == old.plain and new.spans == old.spans
                for new, old in zip(new_row, old_row, strict=True)
            ):
                continue
            fitted, height = self._fit(new_row)
            if height != self._heights.get(key):
                return None
            for (column, _, _), new, old, drawn in zip(
                self._columns_shown, new_row, old_row, fitted, strict=True
            ):
                if new.plain != old.plain or new.spans != old.spans:
                    changed.append((key, column, drawn))
        return changed

    def _place(self, at: int, scroll_y: float) -> None:
        """Put the cursor on row ``at`` and the view where it was."""
        self.scroll_to(y=scroll_y, animate=False, immediate=True)
        self.move_cursor(row=at, animate=False)


def _plain_wrap(cell: Content, width: int) -> list[Content] | None:
    """Unstyled words broken at single spaces, as ``Content.wrap`` breaks them, about seven
    times faster (a list of 2,000 long drafts is wrapped before its first frame); None when the
    cell needs the general wrap (styles, a word longer than the line, runs of spaces)."""
    plain = cell.plain
    if cell.spans or "\n" in plain or "  " in plain:
        return None
    lines: list[str] = []
    words: list[str] = []
    used = 0
    for word in plain.split(" "):
        size = cell_len(word)
        if size > width:
            return None
        if words and used + 1 + size > width:
            lines.append(" ".join(words))
            words, used = [word], size
        else:
            used += size + (1 if words else 0)
            words.append(word)
    lines.append(" ".join(words))
    return [Content(line) for line in lines]


def table_words(text: str, width: int) -> Content:
    """Stored text for a wrapping cell ``width`` wide: no longer than its lines can show."""
    return shown_line(text, width * MAX_LINES + 1)


def text_width(total: int, fixed: Sequence[int]) -> int:
    """The width left for the text column once the fixed columns and cell padding are placed."""
    padding = 2 * (len(fixed) + 1)  # one cell of padding each side of every column
    return max(total - sum(fixed) - padding - 4, 16)
