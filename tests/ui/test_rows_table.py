"""The shared list widget on long lists: a screenful first, the rest just after, and nothing
lost or doubled when a newer load comes in between."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.content import Content

from screens.widgets.rows_table import FIRST_ROWS, RowsTable, wrapped

COLUMNS = [("id", "Id", 6), ("text", "Text", 30)]


def rows(count: int, word: str = "draft") -> list[tuple[str, list[Content]]]:
    return [(f"o{n}", [Content(f"o{n}"), Content(f"{word} {n}")]) for n in range(count)]


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield RowsTable(id="rows")


def shown(table: RowsTable) -> list[str]:
    return [str(table.get_row_at(n)[1]) for n in range(table.row_count)]


async def test_a_long_list_shows_a_screenful_first_then_every_row() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(RowsTable)
        count = FIRST_ROWS * 2 + 7
        table.load(COLUMNS, "first", lambda: rows(count))
        assert table.row_count == FIRST_ROWS  # what the first frame needs, no more
        await pilot.pause()
        assert shown(table) == [f"draft {n}" for n in range(count)]


async def test_the_cursor_stays_on_its_row_beyond_the_first_screenful() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(RowsTable)
        table.load(COLUMNS, 1, lambda: rows(FIRST_ROWS + 50))
        await pilot.pause()
        table.move_cursor(row=FIRST_ROWS + 20, animate=False)
        await pilot.pause()
        # Someone adds a draft at the top: the list is rebuilt, the reader's row is kept.
        table.load(COLUMNS, 2, lambda: [("new", [Content("new"), Content("first")]), *rows(150)])
        await pilot.pause()
        assert table.highlighted_key == f"o{FIRST_ROWS + 20}"
        assert table.row_count == 151


async def test_a_newer_load_replaces_rows_still_to_be_added() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(RowsTable)
        table.load(COLUMNS, 1, lambda: rows(FIRST_ROWS * 3, "old"))
        table.load(COLUMNS, 2, lambda: rows(5, "new"))  # before the old rest was added
        await pilot.pause()
        assert shown(table) == [f"new {n}" for n in range(5)]
        table.load(COLUMNS, 3, lambda: rows(FIRST_ROWS + 3, "newest"))
        table.load(COLUMNS, 4, lambda: rows(FIRST_ROWS + 3, "latest"))  # same keys, later
        await pilot.pause()
        assert shown(table) == [f"latest {n}" for n in range(FIRST_ROWS + 3)]


async def test_a_refill_of_a_long_list_keeps_the_readers_view_still() -> None:
    """Another terminal adds a draft while someone reads far down a long list: every row is
    back at once, the cursor on its row and the view where it was (no frame at the top)."""
    app = TableApp()
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one(RowsTable)
        table.load(COLUMNS, 1, lambda: rows(FIRST_ROWS * 2))
        await pilot.pause()
        table.move_cursor(row=FIRST_ROWS + 30, animate=False)
        await pilot.pause()
        scrolled = table.scroll_y
        assert scrolled > 0
        table.load(COLUMNS, 2, lambda: [*rows(FIRST_ROWS * 2), ("o-new", [Content("new")] * 2)])
        assert table.row_count == FIRST_ROWS * 2 + 1  # before any frame
        assert table.highlighted_key == f"o{FIRST_ROWS + 30}"
        assert table.scroll_y == scrolled


@pytest.mark.parametrize(
    "text",
    [
        "Small sellers get their first order within a week of listing, without ads",
        "Käufer finden 😀 das richtige Produkt 検索 beim ersten Suchen, ohne Umwege",
        "a-word-longer-than-any-line-can-hold-so-it-folds then short ones",
        "two  spaces  kept  as  typed  in  the  words  of  this  draft  here",
    ],
)
def test_wrapped_breaks_lines_as_content_wrap_does(text: str) -> None:
    for width in (12, 20, 33):
        cell, lines = wrapped(Content(text), width, max_lines=50)
        expected = [line.plain.rstrip() for line in Content(text).wrap(width)]
        assert [line.rstrip() for line in cell.plain.split("\n")] == expected
        assert lines == len(expected)


def test_wrapped_stops_at_max_lines_with_an_ellipsis() -> None:
    cell, lines = wrapped(Content("word " * 40), 20, max_lines=3)
    assert lines == 3
    shown = cell.plain.split("\n")
    assert len(shown) == 3 and shown[-1].endswith("…") and cell_len(shown[-1]) <= 20
    assert wrapped(Content("short"), 20) == (Content("short"), 1)
