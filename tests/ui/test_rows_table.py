"""The shared list widget on long lists: a screenful first, the rest just after, and nothing
lost or doubled when a newer load comes in between."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.content import Content

from screens.widgets.rows_table import FIRST_ROWS, RowsTable

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
