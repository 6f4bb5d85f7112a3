"""A scrollable markdown document that renders off the first frame and follows its source.

Textual's ``Markdown`` widget is slow to import and mount (markdown-it, then one widget per
block), so this shows a line saying it is on its way, mounts the widget once in a worker, and
then renders until it shows the newest text it was given: a burst of changes costs one render
at a time, never a queue of stale ones.

Tables are drawn as one widget each (a Rich table) instead of Textual's grid of one widget per
cell: a handout with a quarter of weekly check-ins holds some 400 cells, which took Textual
about a second to mount, and a year of them over three seconds, with the screen frozen. Bullet
lists likewise (the handout lists every check-in): Textual mounts four widgets an item, and a
year of check-ins took five to eight seconds.
"""

from __future__ import annotations

from contextlib import suppress
from functools import cache
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.errors import StyleSyntaxError
from rich.style import Style as RichStyle
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.style import Style as TextualStyle
from textual.widget import Widget
from textual.widgets import Static

if TYPE_CHECKING:
    from textual.widgets import Markdown


@cache
def _document_class() -> type[Markdown]:
    """``Markdown`` with light tables, built on first use (markdown-it is slow to import)."""
    from rich import box
    from rich.table import Table
    from textual.widgets import Markdown
    from textual.widgets._markdown import (  # not exported; their parsing is kept
        MarkdownBulletList,
        MarkdownListItem,
        MarkdownParagraph,
        MarkdownTable,
    )

    class TextTable(MarkdownTable):
        """A markdown table as one Rich table: the same words, wrapped to the width."""

        def compose(self) -> ComposeResult:
            headers, rows = self._get_headers_and_rows()
            table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False, header_style="bold")
            for header in headers:
                table.add_column(_wrapping_text(header, self), overflow="fold")
            for row in rows:
                table.add_row(*(_wrapping_text(cell, self) for cell in row))
            yield Static(table, classes="text-table")

    class TextBulletList(MarkdownBulletList):
        """A bullet list whose items hold only paragraphs, as one Rich grid (the bullet, then
        the words wrapped beside it); a list holding more (a nested list) is Textual's own."""

        def compose(self) -> ComposeResult:
            items = [b for b in self._blocks if isinstance(b, MarkdownListItem)]
            if not all(isinstance(p, MarkdownParagraph) for i in items for p in i._blocks):
                yield from super().compose()
                return
            bullets = [item.bullet.strip() for item in items]
            grid = Table.grid(padding=(0, 1), expand=True)
            grid.add_column(width=max(map(cell_len, bullets), default=1), no_wrap=True)
            grid.add_column(ratio=1, overflow="fold")
            for bullet, item in zip(bullets, items, strict=True):
                words = Content("\n").join(p._content for p in item._blocks)
                grid.add_row(bullet, _wrapping_text(words, self))
            self._blocks.clear()
            yield Static(grid, classes="text-list")

    class Document(Markdown):
        BLOCKS = {  # noqa: RUF012 (as Markdown's)
            **Markdown.BLOCKS,
            "table_open": TextTable,
            "bullet_list_open": TextBulletList,
        }

    return Document


def _wrapping_text(cell: Content, block: Widget) -> Text:
    """A table cell or a list item as Rich text that wraps in its column, keeping its styles:
    Rich ones as they are, Textual's ".strong" and the like as ``block`` draws them (bold,
    italic, code); ``Content`` renders to fixed lines that a column would cut."""
    text = Text(cell.plain, overflow="fold")
    for span in cell.spans:
        style = span.style
        if isinstance(style, TextualStyle):
            text.stylize(style.rich_style, span.start, span.end)
        elif isinstance(style, str) and style.startswith("."):
            component = block.get_component_rich_style(style[1:], partial=True, default=None)
            if component is not None:
                text.stylize(component, span.start, span.end)
        elif isinstance(style, str):
            with suppress(StyleSyntaxError):  # a theme variable ("$accent") Rich cannot read
                text.stylize(RichStyle.parse(style), span.start, span.end)
    return text


class MarkdownView(VerticalScroll):
    """``show(text)`` whenever the document changes; it renders when it can."""

    DEFAULT_CSS = """
    MarkdownView > .markdown-wait {
        color: $text-muted;
        padding: 1;
    }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._markdown: Markdown | None = None
        self._wanted = ""
        self._rendered: str | None = None
        self._rendering = False

    def compose(self) -> ComposeResult:
        yield Static(Content("Preparing the document…"), classes="markdown-wait")

    @property
    def rendered(self) -> str | None:
        """The text on screen now (None until the first render is done)."""
        return self._rendered

    def show(self, text: str) -> None:
        self._wanted = text
        if not self._rendering and self._wanted != self._rendered:
            self._rendering = True
            self.run_worker(self._render_markdown(), group="markdown", name="markdown view")

    def scroll_to_heading(self, title: str) -> bool:
        """Put the first heading reading ``title`` at the top; False when there is none."""
        if self._markdown is None:
            return False
        for _level, heading, block_id in self._markdown.table_of_contents:
            if heading.strip() == title and block_id:
                self._markdown.query_one(f"#{block_id}").scroll_visible(top=True, animate=False)
                return True
        return False

    async def _render_markdown(self) -> None:
        try:
            if self._markdown is None:
                self._markdown = _document_class()(open_links=False)
                await self.query(".markdown-wait").remove()
                await self.mount(self._markdown)
            while self._rendered != self._wanted:
                text = self._wanted
                await self._markdown.update(text)
                self._rendered = text
        finally:
            self._rendering = False
