"""A scrollable markdown document that renders off the first frame and follows its source.

Textual's ``Markdown`` widget is slow to import and mount (markdown-it, then one widget per
block), so this shows a line saying it is on its way, mounts the widget once in a worker, and
then renders until it shows the newest text it was given: a burst of changes costs one render
at a time, never a queue of stale ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

if TYPE_CHECKING:
    from textual.widgets import Markdown


class MarkdownView(VerticalScroll):
    """``show(text)`` whenever the document changes; it renders when it can."""

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

    async def _render_markdown(self) -> None:
        try:
            if self._markdown is None:
                from textual.widgets import Markdown  # slow to import: not at start-up

                self._markdown = Markdown(open_links=False)
                await self.query(".markdown-wait").remove()
                await self.mount(self._markdown)
            while self._rendered != self._wanted:
                text = self._wanted
                await self._markdown.update(text)
                self._rendered = text
        finally:
            self._rendering = False
