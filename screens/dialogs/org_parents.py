"""Pick the company OKRs a team serves, from the org file its database sits under.

Opened from the Context step when an org file is found (the same lookup as
``okrworkshop parents``). Space marks an objective or key result, Enter saves: the context's
higher-level OKRs then name each marked one as its id and words ("C1.1 Checkout ..."), the
form the org view matches, and a line naming one that was unmarked goes. Free-text lines stay.
The change is the core's ``actions.name_org_parents``, the one ``parents --add`` makes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection
from textual.worker import Worker

from okrworkshop import actions
from okrworkshop.actions import NamedParents
from okrworkshop.model import Workshop
from okrworkshop.org import OrgDefinition, Parent, ParentIndex, find_org_file
from screens.app_base import WorkshopApp
from screens.dialogs.modals import FormDialog
from screens.user_text import shown_line
from screens.widgets.pick_list import PickList
from screens.writes import Outcome


def org_file_for(app: WorkshopApp) -> Path | None:
    """The org file that applies to the open database (None when there is none, or when the
    workshops do not come from a file)."""
    path = getattr(app.store, "path", None)
    return find_org_file(Path(path)) if path is not None else None


class OrgParentsDialog(FormDialog[list[str]]):
    """The org's objectives and key results with their ids; the ones the team names are marked.

    Returns the ids marked when saved, or ``None`` on Escape."""

    CSS_PATH = ["modals.tcss", "org_parents.tcss"]  # noqa: RUF012 (as Textual types it)
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]  # noqa: RUF012

    def __init__(
        self, org: OrgDefinition, marked: list[str], *, problem: str | None = None
    ) -> None:
        super().__init__()
        self.org = org
        self.marked = {m.casefold() for m in marked}
        self.problem = problem

    def compose(self) -> ComposeResult:
        company = self.org.company
        title = Content("Company OKRs") + (Content(": ") + shown_line(company, 60))
        with Vertical(classes="dialog", id="org-parents"):
            yield Static(title if company else Content("Company OKRs"), classes="dialog-title")
            yield Static(
                Content(
                    "Space marks the ones this team serves, Enter saves. Each is listed under "
                    "Higher-level OKRs by its id and words; other lines stay."
                ),
                classes="dialog-body",
            )
            yield PickList(
                *(
                    Selection(
                        self._prompt(p, self._is_marked(p)), p.org_id or "", self._is_marked(p)
                    )
                    for p in self.org.parents
                ),
                id="org-parents-list",
            )
            yield from self.form_ending("org-parents-error", self.problem, "Save (enter)")

    def _is_marked(self, parent: Parent) -> bool:
        return (parent.org_id or "").casefold() in self.marked

    def _prompt(self, parent: Parent, marked: bool) -> Content:
        """One row: whether it is marked in words (not only the tick's colour), its id, its
        words; key results indented under their objective."""
        width = max((len(p.org_id or "") for p in self.org.parents), default=0) + 2
        state = Content.styled(f"{'named' if marked else '':<6}", "bold")
        oid = f"{'' if parent.is_objective else '  '}{parent.org_id or ''}"
        style = "bold" if parent.is_objective else ""
        return state + Content.styled(f"{oid:<{width}}  ", style) + shown_line(parent.text, 70)

    def on_mount(self) -> None:
        self.query_one(PickList).focus()

    def on_selection_list_selection_toggled(
        self, event: SelectionList.SelectionToggled[str]
    ) -> None:
        parent = self.org.parents[event.selection_index]
        marked = parent.org_id in event.selection_list.selected
        event.selection_list.replace_option_prompt_at_index(
            event.selection_index, self._prompt(parent, marked)
        )

    def action_save(self) -> None:
        picked = set(self.query_one(PickList).selected)
        self.dismiss([p.org_id for p in self.org.parents if p.org_id and p.org_id in picked])


def marked_ids(ws: Workshop, org: OrgDefinition) -> list[str]:
    """The ids of the org's parents the workshop's context names (by id or words)."""
    named = ParentIndex(org).named_in(ws.context.parent_okrs)
    return [p.org_id for p in named if p.org_id]


def said(change: NamedParents) -> str:
    """What the save changed, in a sentence per kind of change."""
    parts = []
    if change.added:
        parts.append("Added to Higher-level OKRs: " + "; ".join(change.added) + ".")
    if change.removed:
        parts.append("Taken out: " + "; ".join(change.removed) + ".")
    return " ".join(parts) or "Nothing changed: those were already the ones named."


def ask_org_parents(
    app: WorkshopApp,
    ws: Workshop,
    org: OrgDefinition,
    say: Callable[[str], None],
) -> None:
    """Ask which of the org's OKRs the team serves, then name them in the context; ``say``
    tells the screen what changed (a refusal or a failed save is told by the app)."""
    current = marked_ids(ws, org)

    def ask(typed: list[str] | None, problem: str | None, reply: Callable[..., None]) -> None:
        marked = current if typed is None else typed
        app.push_screen(OrgParentsDialog(org, marked, problem=problem), reply)

    def save(chosen: list[str]) -> Worker[Outcome[Any]]:
        return app.change(actions.name_org_parents, org, chosen, only=True)

    def then(done: Outcome[Any] | None) -> None:
        if done is not None and done.ok and isinstance(done.value, NamedParents):
            say(said(done.value))

    app.ask_and_save(ask, save, then)
