"""The minutes: how the time went, who brought what, what was decided and why, as markdown.

The document is the core's (``summary.to_minutes``), rendered as it will read in a wiki; s saves
it to a file (the same conversation as saving the OKR) and c copies it. It follows the file:
a check-in or a retro typed elsewhere shows up here.
"""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content

from okrworkshop.files import default_file_name
from okrworkshop.model import Workshop
from okrworkshop.summary import to_minutes
from screens.dialogs.save_file import save_markdown
from screens.facilitator.after import AfterScreen
from screens.user_text import shown_line
from screens.widgets.markdown_view import MarkdownView
from screens.widgets.status_line import StatusLine

MINUTES_SUFFIX = ".minutes.md"


class MinutesScreen(AfterScreen):
    WHICH = "minutes"
    CSS_PATH = ["after.tcss", "minutes.tcss"]  # noqa: RUF012 (as Textual types it)
    HELP_TITLE = "Minutes"
    AUTO_FOCUS = "#minutes"
    PURPOSE = (
        "The workshop's minutes, for the team and whoever runs the next one: the time spent on "
        "each step against its timebox, who contributed what (drafts, dot votes, key results, "
        "confidence votes, check-ins), the decisions with their reasons, the gaps the room "
        "accepted on purpose, and how the cycle went after the room. s saves them as a "
        "markdown file; c copies the markdown to the clipboard."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "save_minutes", "Save .md"),
        Binding("c", "copy_minutes", "Copy"),
    ]

    def compose_body(self) -> ComposeResult:
        yield StatusLine(id="minutes-message", hide_when_empty=True, news_seconds=None)
        yield MarkdownView(id="minutes")

    def minutes(self) -> str:
        return to_minutes(self.workshop, today=self.today())

    def show(self, ws: Workshop) -> None:
        self.query_one(MarkdownView).show(to_minutes(ws, today=self.today()))

    @work(exclusive=True, group="minutes-file")
    async def action_save_minutes(self) -> None:
        saved = await save_markdown(
            self.app,
            title="Save the minutes as markdown",
            what="these minutes",
            name=default_file_name(self.workshop, MINUTES_SUFFIX),
            text=self.minutes,
        )
        if saved is None:
            return
        message = self.query_one("#minutes-message", StatusLine)
        if saved.problem:
            message.say(Content("✗ Not saved: ") + shown_line(saved.problem), warning=True)
            self.notify(saved.problem, title="Not saved", severity="warning", markup=False)
        elif saved.kept_existing:
            message.say("Not saved: the existing file was kept.")
        else:
            message.say(Content("✓ Saved to ") + shown_line(str(saved.path)))
            self.notify(f"Saved the minutes to {saved.path}", title="Saved", markup=False)

    def action_copy_minutes(self) -> None:
        text = self.minutes()
        self.app.copy_to_clipboard(text)
        self.notify(
            f"Copied the minutes as markdown ({len(text.splitlines())} lines). The terminal does "
            "the copying (OSC 52): some terminals need clipboard access allowed first.",
            title="Copied",
            markup=False,
        )
