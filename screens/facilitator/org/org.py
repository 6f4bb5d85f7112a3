"""The org overview: company OKRs and teams in one list, the highlighted one's detail beside it.

Everything shown comes from ``okrworkshop.org_view`` (computed in the core, read-only); this
screen only lists it. Enter on a team opens its OKR read-only; r reads the files again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from okrworkshop.text import plural, shorten
from screens.user_text import shown, shown_line

if TYPE_CHECKING:  # the view is computed (and its modules loaded) after the first frame
    from okrworkshop.org_view import OrgView, TeamLine

PARENT, TEAM, ATTENTION = "p", "t", "a"
LIST_SHARE, LIST_MAX = 0.45, 56
"""The list's share of the screen's width, and its widest; lines are cut to fit (the detail
on the right shows the whole text)."""


def _team_mark(team: TeamLine) -> str:
    if not team.final:
        return "in the room" if team.status == "live" else team.status
    if team.stale:
        return "quiet"
    return "final"


class OrgScreen(Screen[None]):
    CSS_PATH = "org.tcss"
    HELP_TITLE = "The org view"
    PURPOSE = (
        "Every team's OKR for one cycle, read from their files and never changed. The list "
        "starts with what needs attention (company key results nobody serves, teams without a "
        "final OKR, one-sided overlaps, quiet teams, falling confidence), then holds the "
        "company key results (who serves each one) and the teams; the highlighted "
        "one is shown on the right (Tab moves there to scroll it). Enter (or o) opens a team's "
        "OKR; r reads the files again."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "open", "Open team"),
        Binding("r", "reload", "Read again"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, view: OrgView | None, reload: Callable[[], OrgView] | None = None) -> None:
        """``view`` as already read, or None to read it with ``reload`` once the screen shows
        (the files are read in a thread, so the first frame does not wait for them)."""
        super().__init__()
        self.view = view
        self.reload = reload

    def compose(self) -> ComposeResult:
        yield Static(id="org-title")
        with Horizontal(id="org-body"):
            yield OptionList(id="org-list")
            with VerticalScroll(id="org-detail-box"):
                yield Static(id="org-detail")
        yield Static(id="org-skipped")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        if self.view is None:
            self.query_one("#org-title", Static).update("Reading the team files…")
            self.action_reload()
        else:
            self.show_view()

    def _read(self, reload: Callable[[], OrgView], notify: bool) -> None:
        """In a thread: read every file, then show the result on the screen's thread."""
        import okrworkshop.org_markdown  # noqa: F401  (loaded here, off the first frame)

        view = reload()
        self.app.call_from_thread(self._loaded, view, notify)

    def _loaded(self, view: OrgView, notify: bool) -> None:
        self.view = view
        self.show_view()
        if notify:
            self.notify("Read the files again.", timeout=2)

    def show_view(self) -> None:
        view = self.view
        if view is None:
            return
        final = sum(1 for t in view.teams if t.final)
        title = f"{view.company} OKRs" if view.company else "OKRs across teams"
        self.query_one("#org-title", Static).update(
            shown_line(f"{title}: {view.cycle or 'no cycle'}")
            + Content(
                f"   {len(view.teams)} teams, {final} final, "
                f"{plural(len(view.unserved), 'company KR')} unserved, "
                f"as of {view.today.isoformat()}"
            )
        )
        width = min(int(self.app.size.width * LIST_SHARE), LIST_MAX) - 4  # padding, scrollbar
        options: list[Option | None] = []
        issues = (
            len(view.unserved)
            + len(view.not_final)
            + len(view.one_sided)
            + len(view.stale)
            + len(view.falls)
        )
        options.append(Option(Content(f"Needs attention ({issues})"), id=f"{ATTENTION}0"))
        if view.parents:
            options.append(Option(Content.styled("Company OKRs", "bold"), disabled=True))
        free_heading = False
        for n, line in enumerate(view.parents):
            parent = line.parent
            if view.has_org_file and parent.org_id is None and not free_heading:
                heading = Content.styled("Named by teams, not in the org file", "bold")
                options.append(Option(heading, disabled=True))
                free_heading = True
            name = f"{parent.org_id} {parent.text}" if parent.org_id else parent.text
            indent = "" if parent.is_objective else "  "
            count = len(line.served_by)
            note = "" if parent.is_objective else (f" ({count})" if count else " (none)")
            text = indent + shorten(name, width - len(note) - len(indent))
            options.append(Option(shown_line(text + note), id=f"{PARENT}{n}"))
        options.append(Option(Content.styled("Teams", "bold"), disabled=True))
        for n, team in enumerate(view.teams):
            mark = f": {_team_mark(team)}"
            text = "  " + shorten(team.team, width - len(mark) - 2) + mark
            options.append(Option(shown_line(text), id=f"{TEAM}{n}"))
        listing = self.query_one(OptionList)
        listing.clear_options()
        listing.add_options(options)
        first = next((i for i, o in enumerate(options) if o is not None and not o.disabled), None)
        if first is not None:
            listing.highlighted = first
        skipped = self.query_one("#org-skipped", Static)
        skipped.update(
            shown("\n".join(f"Not read: {s.line()}" for s in view.skipped)) if view.skipped else ""
        )
        skipped.display = bool(view.skipped)
        self.show_detail()

    def _chosen(self) -> tuple[str, int] | None:
        listing = self.query_one(OptionList)
        if listing.highlighted is None:
            return None
        option_id = listing.get_option_at_index(listing.highlighted).id or ""
        if not option_id:
            return None
        return option_id[0], int(option_id[1:])

    def on_resize(self) -> None:
        listing = self.query_one(OptionList)
        keep = listing.highlighted
        self.show_view()
        if keep is not None:
            listing.highlighted = keep

    def show_detail(self) -> None:
        from okrworkshop.org_markdown import attention_detail, parent_detail, team_detail

        chosen = self._chosen()
        detail = self.query_one("#org-detail", Static)
        if chosen is None or self.view is None:
            detail.update("")
            return
        kind, n = chosen
        if kind == ATTENTION:
            detail.update(shown(attention_detail(self.view)))
        elif kind == PARENT:
            detail.update(shown(parent_detail(self.view, self.view.parents[n])))
        else:
            detail.update(shown(team_detail(self.view, self.view.teams[n])))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_detail()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        chosen = self._chosen()
        if chosen is None or chosen[0] != TEAM or self.view is None:
            return
        self.app.push_screen(TeamScreen(self.view, self.view.teams[chosen[1]]))

    def action_reload(self) -> None:
        reload = self.reload
        if reload is not None:
            first = self.view is None
            self.run_worker(
                lambda: self._read(reload, not first),
                thread=True,
                exclusive=True,
                group="org-read",
            )

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.exit()


class TeamScreen(Screen[None]):
    """One team's OKR from the org view, read-only."""

    CSS_PATH = "org.tcss"
    HELP_TITLE = "A team's OKR"
    PURPOSE = "One team's OKR as its file holds it. Nothing here can be changed; Esc goes back."
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back")]

    def __init__(self, view: OrgView, team: TeamLine) -> None:
        super().__init__()
        self.view = view
        self.team = team

    def compose(self) -> ComposeResult:
        from okrworkshop.org_markdown import team_detail

        with VerticalScroll(id="team-box"):
            yield Static(shown(team_detail(self.view, self.team)), id="team-okr")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#team-box").focus()

    def action_back(self) -> None:
        self.app.pop_screen()
