"""Dialogs about drafts, used from the drafts list and the ballot alike: merge two drafts that
say the same thing, and say which higher-level OKR a draft (or, from the key-results step, a
key result) contributes to.

Both ask, then save through ``app.ask_and_save``: a save that fails opens the dialog again with
what was chosen and typed. The rules (who may be merged away, which line a choice means) are
the core's; the dialogs only gather the answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker

from okrworkshop import actions, rules
from okrworkshop.kr_names import kr_label
from okrworkshop.model import KeyResult, Objective, Workshop
from okrworkshop.rules import RuleError
from okrworkshop.text import plural
from screens.app_base import WorkshopApp
from screens.dialogs.modals import FormDialog
from screens.user_text import labelled, shown, shown_line
from screens.widgets.fields import FieldArea
from screens.writes import Outcome

MergeAnswer = tuple[str, str]
"""The draft merged away, and the words the kept draft ends with."""

NONE = "none"


def credit(authors: list[str]) -> str:
    """ "Ben", or "Ben with Chen, Dana": everyone whose draft lives on in the merged one."""
    seen: list[str] = []
    for person in authors:
        if person.casefold() not in {p.casefold() for p in seen}:
            seen.append(person)
    return f"{seen[0]} with {', '.join(seen[1:])}" if len(seen) > 1 else (seen or [""])[0]


class MergeDialog(FormDialog[MergeAnswer]):
    """Merge a duplicate into the highlighted draft: pick the other one, keep or edit the
    words. Both authors are credited and each voter's dots are combined (the core caps them)."""

    CSS_PATH = "modals.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        *FormDialog.BINDINGS,
        Binding("ctrl+s", "save", "Merge"),
    ]

    def __init__(
        self,
        keep: Objective,
        others: list[Objective],
        *,
        typed: MergeAnswer | None = None,
        problem: str | None = None,
    ) -> None:
        super().__init__()
        self.keep = keep
        self.others = others
        self.typed = typed
        self.problem = problem

    def compose(self) -> ComposeResult:
        text = self.typed[1] if self.typed else self.keep.text
        with Vertical(classes="dialog", id="merge"):
            yield Static(
                labelled("Merge a duplicate into $id", id=self.keep.id), classes="dialog-title"
            )
            yield Label("The draft that goes into it (its author is credited, its dots move)")
            yield OptionList(
                *(Option(self._label(o), id=o.id) for o in self.others), id="merge-other"
            )
            yield Static("", id="merge-credit", markup=False)
            yield Label("The merged draft's words (edit them to say both)")
            yield FieldArea("merge.text", text=text, id="merge-text")
            yield from self.form_ending("merge-error", self.problem, "Merge (ctrl+s)")

    @staticmethod
    def _label(objective: Objective) -> Content:
        votes = objective.total_votes
        tail = f"  by {objective.byline}" + (f", {plural(votes, 'dot')}" if votes else "")
        return (
            Content.styled(f"{objective.id:<4}", "bold")
            + shown_line(objective.text, 70)
            + (shown_line(tail).stylize("$text-muted"))
        )

    def on_mount(self) -> None:
        options = self.query_one("#merge-other", OptionList)
        ids = [o.id for o in self.others]
        chosen = self.typed[0] if self.typed else ""
        options.highlighted = ids.index(chosen) if chosen in ids else 0
        options.focus()
        self._show_credit()

    @on(OptionList.OptionHighlighted, "#merge-other")
    def _picked(self) -> None:
        self._show_credit()

    @on(OptionList.OptionSelected, "#merge-other")
    def _chosen(self) -> None:
        self.query_one("#merge-text", FieldArea).focus()

    def _other(self) -> Objective | None:
        options = self.query_one("#merge-other", OptionList)
        if options.highlighted is None or not self.others:
            return None
        return self.others[options.highlighted]

    def _show_credit(self) -> None:
        other = self._other()
        authors = [*self.keep.authors, *(other.authors if other else [])]
        self.query_one("#merge-credit", Static).update(
            Content.styled("Credited: ", "bold") + shown(credit(authors))
        )

    def action_save(self) -> None:
        other = self._other()
        text = self.query_one("#merge-text", FieldArea).text
        error = self.query_one("#merge-error", Static)
        if other is None:
            error.update(Content("There is no other draft to merge."))
            return
        try:
            rules.clean_text(text, "draft objective")
        except RuleError as exc:
            error.update(shown(str(exc)))
            return
        self.dismiss((other.id, text))


class ContributesDialog(FormDialog[str]):
    """Pick the higher-level OKR line a draft or a key result serves (from the strategic
    context), or none.

    Returns the line's number as listed (``"1"`` for the first) or ``""`` for none."""

    CSS_PATH = "modals.tcss"

    def __init__(
        self,
        item: Objective | KeyResult,
        lines: list[str],
        *,
        name: str | None = None,
        problem: str | None = None,
    ) -> None:
        super().__init__()
        self.item = item
        self.name_shown = name or item.id
        self.words = item.text if isinstance(item, Objective) else item.statement
        self.lines = lines
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="contributes"):
            yield Static(
                labelled("Which higher-level OKR does $id move?", id=self.name_shown),
                classes="dialog-title",
            )
            yield Static(shown_line(self.words, 200), classes="dialog-body")
            options = [Option(Content("(none: it serves no OKR above)"), id=NONE)]
            options += [
                Option(Content(f"{n}. ") + shown_line(line, 200), id=str(n))
                for n, line in enumerate(self.lines, 1)
            ]
            yield OptionList(*options, id="contributes-lines")
            yield from self.form_ending("contributes-error", self.problem, "Choose (enter)")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        current = self.item.contributes_to
        options.highlighted = self.lines.index(current) + 1 if current in self.lines else 0
        options.focus()

    @on(OptionList.OptionSelected, "#contributes-lines")
    def _chosen(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        options = self.query_one(OptionList)
        index = options.highlighted or 0
        option_id = options.get_option_at_index(index).id or NONE
        self.dismiss("" if option_id == NONE else option_id)


def ask_merge(
    app: WorkshopApp,
    ws: Workshop,
    keep: Objective,
    say: Callable[[str | Content, bool], None],
) -> None:
    """Ask which draft to merge into ``keep`` and with what words, then merge; ``say`` tells
    the screen's status line how it went (a message, and whether it is a warning)."""
    others = [o for o in ws.objectives if o.id not in (keep.id, ws.focus)]
    if not others:
        say("There is no other draft to merge into this one.", True)
        return

    def ask(typed: MergeAnswer | None, problem: str | None, reply: Callable[..., None]) -> None:
        app.push_screen(MergeDialog(keep, others, typed=typed, problem=problem), reply)

    def save(answer: MergeAnswer) -> Worker[Outcome[Any]]:
        other_id, text = answer
        new_text = text if text.strip() != keep.text else None
        return app.change(actions.merge_drafts, keep.id, other_id, text=new_text)

    def then(done: Outcome[Any] | None) -> None:
        if done is None:
            return
        if done.ok and isinstance(done.value, Objective):
            merged = done.value
            say(labelled("✓ Merged into $id, by $who.", id=merged.id, who=merged.byline), False)
        else:
            say(done.error or "Not saved.", True)

    app.ask_and_save(ask, save, then)


def ask_contributes(
    app: WorkshopApp,
    ws: Workshop,
    item: Objective | KeyResult,
    say: Callable[[str | Content, bool], None],
) -> None:
    """Ask which higher-level OKR line a draft or a key result contributes to, then save the
    choice (the core reads it by the same rule for both)."""
    lines = list(ws.context.parent_okrs)
    if not lines:
        from screens.dialogs.org_parents import org_file_for

        org = " (F2 there picks the company's)" if org_file_for(app) is not None else ""
        say(
            "The strategic context lists no higher-level OKRs yet: add them on the Context "
            f"step (step 2), one per line{org}.",
            True,
        )
        return
    is_draft = not isinstance(item, KeyResult)
    name = item.id if not isinstance(item, KeyResult) else kr_label(ws, item)

    def ask(_typed: str | None, problem: str | None, reply: Callable[..., None]) -> None:
        app.push_screen(ContributesDialog(item, lines, name=name, problem=problem), reply)

    def save(choice: str) -> Worker[Outcome[Any]]:
        if is_draft:
            return app.change(actions.set_contributes_to, item.id, choice or None)
        return app.change(actions.set_key_result_contributes_to, item.id, choice or None)

    def then(done: Outcome[Any] | None) -> None:
        if done is None:
            return
        if done.ok and isinstance(done.value, Objective | KeyResult):
            line = done.value.contributes_to
            say(
                labelled("✓ $id contributes to: $line", id=name, line=line)
                if line
                else labelled("✓ $id names no OKR above.", id=name),
                False,
            )
        else:
            say(done.error or "Not saved.", True)

    app.ask_and_save(ask, save, then)
