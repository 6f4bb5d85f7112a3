"""The first screen: what the app is for, and the ways in (new, the example, a saved workshop)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from okrworkshop import rules, tracking
from okrworkshop.model import Workshop
from okrworkshop.sample import example_copy
from okrworkshop.store import StoreError
from okrworkshop.text import plural
from screens.dialogs.modals import confirm
from screens.dialogs.new_workshop import NewWorkshopScreen
from screens.keys_shown import KeysWhereFocus
from screens.user_text import labelled, shown_line
from screens.writes import failure_sentence

if TYPE_CHECKING:
    from okrworkshop.org_view import OrgView
    from screens.facilitator.app import OkrApp

INTRO = (
    "okrworkshop walks a product team through an OKR workshop on one shared screen: the "
    "strategic context, everyone's draft objectives, a dot vote for ONE focus objective, what "
    "the team will deliberately not do, key results with baselines and targets, and a SMART "
    "check of each. The result is a markdown document to hand out. Every word is saved as it "
    "is typed."
)

NEW, EXAMPLE = "new", "example"


class WelcomeScreen(KeysWhereFocus[None]):
    CSS_PATH = "welcome.tcss"
    HELP_TITLE = "okrworkshop"
    PURPOSE = (
        "Start a new workshop (n), open the example to see a finished one (x), or pick a "
        "workshop saved in this file and press Enter to carry on where the room stopped "
        "(Delete removes it, after asking). k opens the highlighted workshop, or the example, "
        "on its check-ins: how a final OKR is doing through its cycle. Finished workshops can "
        "be archived (a): they leave this list but nothing is lost; h shows them again, and a "
        "on one brings it back. o shows every team's OKR kept in this file's folder side by "
        "side (the org view)."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", "New workshop"),
        Binding("x", "example", "Open the example"),
        Binding("k", "checkins", "Check-ins"),
        Binding("w", "checkins('week')", "Weekly meeting", show=False),
        Binding("a", "archive", "Archive/unarchive"),
        Binding("h", "toggle_archived", "Show archived"),
        Binding("delete", "delete", "Delete workshop"),
        Binding("o", "org", "Org view"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.show_archived = False

    @property
    def okr_app(self) -> OkrApp:
        return cast("OkrApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="welcome"):
            yield Static(Content.styled("okrworkshop", "bold"), id="welcome-title")
            yield Static(Content(INTRO), id="welcome-intro")
            yield OptionList(id="ways-in")
            yield Static(id="archived-note", markup=False)
            yield Static(id="db-path", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#db-path", Static).update(
            Content("Workshops are saved in ") + shown_line(str(self.okr_app.store.path))
        )
        self.refresh_list()
        self.query_one(OptionList).focus()

    def refresh_list(self, keep: str | None = None) -> None:
        """List the workshops (archived ones only when asked for); ``keep``: the workshop id
        to highlight, else the one updated last."""
        try:
            every = sorted(self.okr_app.store.workshops(), key=lambda w: w.updated, reverse=True)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            every = []
        saved = tracking.listed(every, include_archived=self.show_archived)
        hidden = len(every) - len(saved)
        archived = sum(w.archived for w in every)
        note = self.query_one("#archived-note", Static)
        if hidden:
            note.update(Content(f"{plural(hidden, 'archived workshop')} not listed: h shows them."))
        elif archived:
            note.update(Content(f"Showing {archived} archived (h hides them; a unarchives)."))
        else:
            note.update(Content(""))
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_option(Option(Content("＋ Start a new workshop"), id=NEW))
        options.add_option(
            Option(Content("▶ Open the example: a finished workshop to look around in"), id=EXAMPLE)
        )
        if saved:
            options.add_option(None)
        for ws in saved:
            options.add_option(Option(self._describe(ws), id=f"ws:{ws.id}"))
        ids = [w.id for w in saved]
        pick = keep if keep in ids else (ids[0] if ids else None)
        options.highlighted = options.get_option_index(f"ws:{pick}") if pick else 0

    @staticmethod
    def _describe(ws: Workshop) -> Content:
        where = f"{rules.lifecycle(ws).value}, at {ws.stage.label.lower()}"
        if ws.archived:
            where = f"archived, {where}"
        return shown_line(f"{ws.team} · {ws.cycle.label}", 50).stylize("bold") + Content(
            f"  ({where}, {plural(len(ws.objectives), 'draft')}, updated {ws.updated[:10]})"
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id == NEW:
            self.action_new()
        elif option_id == EXAMPLE:
            self.action_example()
        elif option_id.startswith("ws:"):
            try:
                ws = self.okr_app.store.get(option_id[3:])
            except StoreError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.okr_app.open_workshop(ws)

    def action_new(self) -> None:
        def created(workshop: Workshop | None) -> None:
            if workshop is None:
                return
            problem = self.okr_app.create_workshop(workshop)
            if problem:  # not saved: the form again, holding what was typed
                self.app.push_screen(NewWorkshopScreen(typed=workshop, problem=problem), created)

        self.app.push_screen(NewWorkshopScreen(), created)

    def _highlighted_id(self) -> str | None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        option_id = options.get_option_at_index(options.highlighted).id or ""
        return option_id[3:] if option_id.startswith("ws:") else None

    def action_toggle_archived(self) -> None:
        """Show or hide the archived workshops in the list."""
        self.show_archived = not self.show_archived
        self.refresh_list(keep=self._highlighted_id())

    def action_archive(self) -> None:
        """Archive the highlighted workshop (it leaves the list, nothing is lost), or bring
        an archived one back."""
        workshop_id = self._highlighted_id()
        if workshop_id is None:
            self.notify("Highlight a saved workshop first.", severity="warning")
            return
        store = self.okr_app.store
        try:
            ws = store.update(workshop_id, lambda w: _toggle_archive(w))
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        except Exception as exc:  # a full disk or a read-only file: nothing changed
            self.notify(failure_sentence(exc, store.path), title="Not saved", markup=False)
            return
        name = f"{ws.team} · {ws.cycle.label}"
        if ws.archived:
            self.notify(
                labelled("Archived $name. h shows archived workshops.", name=name).plain,
                markup=False,
            )
        else:
            self.notify(labelled("$name is back in the list.", name=name).plain, markup=False)
        self.refresh_list(keep=workshop_id)

    def action_delete(self) -> None:
        """Delete the highlighted saved workshop, after saying what will be lost."""
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return
        option_id = options.get_option_at_index(options.highlighted).id or ""
        if not option_id.startswith("ws:"):
            return
        try:
            ws = self.okr_app.store.get(option_id[3:])
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        confirm(
            self.app,
            labelled("Delete $name?", name=f"{ws.team} · {ws.cycle.label}"),
            f"Its {len(ws.objectives)} drafts, {len(ws.key_results)} key results and "
            "everything else go for good. Export it first if you may need it.",
            yes="Delete",
            then=lambda: self._delete(ws.id),
        )

    def _delete(self, workshop_id: str) -> None:
        try:
            self.okr_app.store.delete(workshop_id)
        except Exception as exc:  # a full disk or a read-only file: nothing was deleted
            app = self.okr_app
            self.notify(failure_sentence(exc, app.store.path), title="Not deleted", markup=False)
        self.refresh_list()

    def action_checkins(self, which: str = "checkins") -> None:
        """Open the highlighted workshop (or the example) on its check-ins (or, ``which``,
        another after-the-room screen: w opens the weekly meeting)."""
        options = self.query_one(OptionList)
        index = options.highlighted
        option_id = options.get_option_at_index(index).id or "" if index is not None else ""
        if option_id == EXAMPLE:
            self.action_example(after=which)
        elif option_id.startswith("ws:"):
            try:
                ws = self.okr_app.store.get(option_id[3:])
            except StoreError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self.okr_app.open_workshop(ws, after=which)
        else:
            self.notify("Highlight a workshop (or the example) to see its check-ins.", markup=False)

    def action_org(self) -> None:
        """The org view over every team file in this database's folder, read-only."""
        from screens.facilitator.org.org import OrgScreen

        folder = self.okr_app.store.path.parent
        today = self.okr_app.options.today

        def read() -> OrgView:
            from okrworkshop.org_view import org_view

            return org_view([folder], today=today())

        self.app.push_screen(OrgScreen(None, read))

    def action_example(self, after: str | None = None) -> None:
        """Open the example, dated around today; a copy made earlier is reopened while today
        still falls in its cycle, rather than copied again.
        ``after``: open it on an after-the-room screen (the check-ins) instead of its step."""
        today = self.okr_app.options.today()
        for ws in self.okr_app.store.workshops():
            start, end = ws.cycle.start, ws.cycle.end
            if ws.example and start is not None and end is not None and start <= today <= end:
                self.okr_app.open_workshop(ws, after=after)
                return
        self.okr_app.create_workshop(example_copy(today), after=after)


def _toggle_archive(ws: Workshop) -> Workshop:
    tracking.archive(ws, not ws.archived)
    return ws
