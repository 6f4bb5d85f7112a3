"""Step 3, Draft objectives: the room's ideas, typed on the shared terminal as people say them.

The facilitator picks who is speaking in the author strip (F2/F3, a digit on the list, or a
click), types the draft and presses Enter; the objective linter's hint shows as it is typed,
and the pillar chosen beside the box goes with that one draft only. The North Star, the pillars
and the OKRs above stand beside the box (F6 hides or shows them). On the list, duplicates
can be merged (m) and a draft tied to the higher-level OKR it moves (o).

Drafts written before the meeting (by participants on their own terminals, or imported) are
in the same list, marked "pre-workshop", and drafts another process adds while the room talks
appear within a second or two without disturbing what is being typed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.widgets import DataTable, Input, Label, Select, Static
from textual.worker import Worker

from okrworkshop import actions, rules
from okrworkshop.model import Objective, Origin, Stage, Workshop
from okrworkshop.rules import RuleError
from okrworkshop.text import plural
from screens.dialogs.modals import ConfirmScreen, FormDialog
from screens.facilitator.people import PERSON_DIGITS, PeopleStepScreen
from screens.user_text import labelled, shown, shown_line
from screens.widgets.author_bar import AuthorBar, people_in_room
from screens.widgets.fields import FieldArea, SafeInput
from screens.widgets.picker import LightSelect
from screens.widgets.rows_table import RowsTable, table_words, text_width
from screens.widgets.status_line import StatusLine
from screens.writes import Outcome

ORIGIN_WORDS: dict[Origin, str] = {Origin.PRE_WORKSHOP: "pre-workshop", Origin.LIVE: "live"}


class DraftTable(RowsTable):
    """The drafts; keys here act on the highlighted draft."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "screen.edit_draft", "Edit"),
        Binding("delete,x", "screen.delete_draft", "Delete"),
        Binding("m", "screen.merge_draft", "Merge…"),
        Binding("o", "screen.contributes_to", "OKR above…"),
        Binding("n", "screen.new_draft", "New draft"),
        *PERSON_DIGITS,
    ]


def draft_detail(objective: Objective | None, extra: Content | None = None) -> Content:
    """The highlighted draft in full, wrapped by the widget (so 10,000 characters still fit)."""
    if objective is None:
        return Content("No draft highlighted. Type a draft above and press Enter.")
    head = labelled(
        "[b]$id[/b] · by [b]$author[/b] · $origin",
        id=objective.id,
        author=objective.byline,
        origin=ORIGIN_WORDS[objective.origin],
    )
    if objective.pillar:
        head += labelled(" · pillar: $pillar", pillar=objective.pillar)
    if extra is not None:
        head += Content(" · ") + extra
    parts = [head, shown(objective.text)]
    if objective.contributes_to:
        parts.append(Content.styled("Contributes to: ", "bold") + shown(objective.contributes_to))
    if objective.rationale:
        parts.append(Content.styled("Why: ", "bold") + shown(objective.rationale))
    return Content("\n").join(parts)


def context_panel(ws: Workshop) -> Content:
    """The frame the room drafts against, beside the box: the North Star, the pillars and the
    higher-level OKRs (numbered, as "OKR above…" picks them)."""
    c = ws.context
    parts: list[Content] = [Content.styled("North Star", "bold")]
    parts.append(shown(c.north_star) if c.north_star.strip() else _unset())
    parts.append(Content.styled("\nPillars", "bold"))
    parts += [Content("• ") + shown(p) for p in c.pillars] or [_unset()]
    parts.append(Content.styled("\nHigher-level OKRs", "bold"))
    parts += [Content(f"{n}. ") + shown(line) for n, line in enumerate(c.parent_okrs, 1)] or [
        _unset()
    ]
    parts.append(Content.styled("\nF6 hides this; the Context step (2) edits it.", "$text-muted"))
    return Content("\n").join(parts)


def _unset() -> Content:
    return Content.styled("not set yet (step 2)", "$text-muted")


def progress_line(ws: Workshop, width: int) -> Content:
    """Who sent what before the meeting, compact enough for 80 columns:
    ``Before the meeting (due 2027-01-10): Ben 2 +1 KR · Chen 0 · Dana 1``.

    The number is draft objectives; people who sent nothing show 0 in bold warning colour, so
    the facilitator sees whom to ask first (the 0 says it without the colour too). The line
    breaks between people, never inside one person's entry, to fit ``width`` cells.
    """
    due = ws.settings.drafts_due
    head = Content.styled(
        f"Before the meeting (due {due.isoformat()}):" if due else "Before the meeting:", "bold"
    )
    progress = rules.drafting_progress(ws)
    if not progress:
        return head + Content(" no participants yet (Set up, F8).")
    line, used = head, head.cell_length  # cells used on the current screen line
    for index, person in enumerate(progress):
        words = f" {person.drafts}" + (f" +{person.kr_ideas} KR" if person.kr_ideas else "")
        entry = shown_line(person.name, 20) + Content(words)
        if not person.started:
            entry = entry.stylize("bold $text-warning")
        gap = " · " if index else " "
        if used + len(gap) + entry.cell_length + 2 > width:  # 2: room for a trailing " ·"
            line += Content(gap.rstrip() + "\n") + entry
            used = entry.cell_length
        else:
            line += Content(gap) + entry
            used += len(gap) + entry.cell_length
    return line


class DraftsScreen(PeopleStepScreen):
    STAGE = Stage.DRAFTS
    CSS_PATH = "drafts.tcss"
    PURPOSE = (
        "Everyone's ideas for the cycle's objective, in one list. Pick who is speaking in the "
        "strip at the top (F2 next person, F3 previous, a digit on the list, or click a name), "
        "type their draft and press Enter; a pillar from the strategic context is optional. "
        "The number beside each name counts their drafts, so nobody is left out. Drafts written "
        "before the meeting are marked pre-workshop; drafts sent from other terminals appear "
        "here on their own. The line above the list counts what each person sent before the "
        "meeting (drafts, then key-result ideas as +KR); a bold 0 is someone to ask. On the "
        "list: e edits, x or Delete deletes (after asking), m merges a duplicate into the "
        "highlighted draft, o names the higher-level OKR it moves, n goes back to typing. The "
        "pillar beside the box goes with one draft and resets for the next. A hint under the "
        "box says when a draft holds numbers or two ideas; F6 shows or hides the North Star, "
        "pillars and OKRs above beside the box. Good drafts describe an outcome for someone, "
        "not a task."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "next_person", "Next author"),
        Binding("f3", "previous_person", "Previous author", show=False),
        Binding("f6", "toggle_context", "Context"),
    ]

    CONTEXT_WIDTH = 34
    """The context panel's width; below ``WIDE`` columns it starts hidden (F6 shows it)."""
    WIDE = 110

    def compose_body(self) -> ComposeResult:
        yield AuthorBar(
            "Author", "F2/F3 or click to change author · (2) = drafts so far", id="authors"
        )
        with Horizontal(id="draft-main"):
            with Vertical(id="draft-work"):
                with Horizontal(id="draft-entry"):
                    yield SafeInput(
                        placeholder="A draft objective for the ▶ author; Enter adds it",
                        id="draft-input",
                        compact=True,
                    )
                    yield LightSelect[str](
                        [], prompt="Pillar: none", allow_blank=True, id="draft-pillar", compact=True
                    )
                yield Static("", id="draft-hint", markup=False)
                yield StatusLine(id="draft-message")
                yield Label("", id="drafts-heading")
                yield Static("", id="drafts-progress", markup=False)
                yield DraftTable(id="drafts")
                with VerticalScroll(id="draft-detail"):
                    yield Static("", id="detail-text", markup=False)
            with VerticalScroll(id="draft-context", can_focus=False):
                yield Static("", id="context-text", markup=False)

    def __init__(self) -> None:
        super().__init__()
        self._pillars: tuple[str, ...] | None = None
        self._context_wanted: bool | None = None  # None: shown when the screen is wide

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#draft-input", Input).focus()
        self._place_context()

    # --- drawing --------------------------------------------------------------------------------

    def show(self, ws: Workshop) -> None:
        """Redraw from ``ws``; the input's text and cursor are never touched here."""
        counts = rules.drafts_per_person(ws)
        people = people_in_room(ws.participants, ws.facilitator)
        self.query_one(AuthorBar).show(
            people, {p: f"({counts.get(p.casefold(), 0)})" for p in people}
        )
        self._load_pillars(ws.context.pillars)
        self._load_table(ws)
        self._show_progress(ws)
        self.query_one("#context-text", Static).update(context_panel(ws))

    def _load_pillars(self, pillars: list[str]) -> None:
        if tuple(pillars) == self._pillars:
            return
        self._pillars = tuple(pillars)
        select = self.query_one("#draft-pillar", Select)
        keep = select.value
        with select.prevent(Select.Changed):
            select.set_options((shown_line(p, 60), p) for p in pillars)
            if keep in pillars:
                select.value = keep

    def _context_shown(self) -> bool:
        wanted = self._context_wanted
        return wanted if wanted is not None else self.app.size.width >= self.WIDE

    def _place_context(self) -> None:
        self.query_one("#draft-context").display = self._context_shown()

    def action_toggle_context(self) -> None:
        """Show or hide the North Star, pillars and OKRs above beside the box."""
        self._context_wanted = not self._context_shown()
        self._place_context()
        ws = self.okr_app.workshop
        if ws is not None:
            self._load_table(ws)
            self._show_progress(ws)

    def _work_width(self) -> int:
        """The columns the drafts list has: the screen's, less the context panel's."""
        return self.app.size.width - (self.CONTEXT_WIDTH if self._context_shown() else 0)

    def _load_table(self, ws: Workshop) -> None:
        table = self.query_one(DraftTable)
        width = self._work_width()
        # The words get the room. Below 100 columns the pillar and origin fold away (the
        # detail under the list names both for the highlighted draft, the heading counts
        # pre-workshop and live drafts); every cell wraps rather than being cut.
        wide = width >= 100
        by_w, pillar_w, origin_w = (12, 20, 12) if wide else (8, 0, 0)
        fixed = tuple(w for w in (4, by_w, pillar_w, origin_w) if w)
        text_w = text_width(width, fixed)
        columns = [
            ("id", "Id", 4),
            ("text", "Draft", text_w),
            ("by", "By", by_w),
            *([("pillar", "Pillar", pillar_w)] if pillar_w else []),
            *([("origin", "Origin", origin_w)] if origin_w else []),
        ]

        def rows() -> list[tuple[str, list[Content]]]:
            built = []
            for o in ws.objectives:
                cells = [Content(o.id), table_words(o.text, text_w), shown_line(o.byline, 80)]
                if pillar_w:
                    cells.append(shown_line(o.pillar or "—", 80))
                if origin_w:
                    cells.append(Content(ORIGIN_WORDS[o.origin]))
                built.append((o.id, cells))
            return built

        signature = (
            width,
            tuple((o.id, o.text, o.byline, o.pillar, o.origin) for o in ws.objectives),
        )
        table.load(columns, signature, rows, wrap=("text", "by", "pillar"))
        before = sum(o.origin is Origin.PRE_WORKSHOP for o in ws.objectives)
        heading = f"Drafts: {len(ws.objectives)}"
        if ws.objectives:
            heading += f" ({before} pre-workshop, {len(ws.objectives) - before} live)"
        self.query_one("#drafts-heading", Label).update(Content(heading))
        self._show_detail()

    def _show_progress(self, ws: Workshop) -> None:
        width = self._work_width() - 2  # the line's padding
        self.query_one("#drafts-progress", Static).update(progress_line(ws, width))

    def _show_detail(self) -> None:
        key = self.query_one(DraftTable).highlighted_key
        ws = self.okr_app.workshop
        objective = ws.objective(key) if ws is not None and key else None
        self.query_one("#detail-text", Static).update(draft_detail(objective))

    @on(DataTable.RowHighlighted, "#drafts")
    def _highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def on_resize(self, _event: Resize) -> None:
        self._place_context()
        ws = self.okr_app.workshop
        if ws is not None and self.is_current:
            self._load_table(ws)
            self._show_progress(ws)

    def _say(self, message: str | Content, *, warning: bool = False) -> None:
        self.query_one(StatusLine).say(message, warning=warning)

    # --- who is speaking ------------------------------------------------------------------------

    @on(AuthorBar.Changed, "#authors")
    def _author_changed(self) -> None:
        """A new speaker starts with no pillar: the last person's choice is not theirs."""
        self._reset_pillar()

    @on(Select.Changed, "#draft-pillar")
    def _pillar_chosen(self) -> None:
        """Back to the box once a pillar is picked, so Enter adds the draft (on the pillar
        list Enter would only open the list again)."""
        self.query_one("#draft-input", Input).focus()

    def _reset_pillar(self) -> None:
        select = self.query_one("#draft-pillar", Select)
        if select.value is not Select.NULL:
            select.clear()

    # --- adding ---------------------------------------------------------------------------------

    @on(Input.Changed, "#draft-input")
    def _typing(self, event: Input.Changed) -> None:
        """The objective linter's first hint as people type (as the CLI and a participant's
        screen give it): numbers belong in key results, one idea per objective."""
        from okrworkshop.smart import lint_objective  # its word lists load on the first key

        findings = lint_objective(event.value) if event.value.strip() else ()
        hint = self.query_one("#draft-hint", Static)
        hint.update(Content("Hint: ") + shown(findings[0].message) if findings else Content(""))
        hint.display = bool(findings)

    @on(Input.Submitted, "#draft-input")
    def _submitted(self, event: Input.Submitted) -> None:
        author = self.query_one(AuthorBar).current
        if author is None:
            self._say("Nobody to write for: add participants on the Setup step (F8).", warning=True)
            return
        try:
            rules.clean_text(event.value, "draft objective")
        except RuleError as exc:
            # Nothing is lost: the input keeps whatever it held (even if only spaces).
            self._say(str(exc), warning=True)
            self.notify(str(exc), severity="warning", markup=False)
            return
        pillar = self.query_one("#draft-pillar", Select).value
        text = event.value
        event.input.clear()
        self._reset_pillar()  # each draft picks its own pillar
        self._add(text, author, pillar if isinstance(pillar, str) else None)

    @work(group="drafts-add")
    async def _add(self, text: str, author: str, pillar: str | None) -> None:
        outcome = await self.okr_app.change(
            actions.add_draft, text, author=author, pillar=pillar
        ).wait()
        if outcome.ok:
            added = outcome.value
            assert added is not None  # a change that went through returns the draft
            pillar = f" ({added.pillar})" if added.pillar else ""
            self._say(
                labelled(
                    "✓ Added $id by $name$pillar.", id=added.id, name=added.author, pillar=pillar
                )
            )
            return
        self.query_one("#draft-input", SafeInput).give_back(text)  # nothing typed is lost
        self._say(outcome.error or "Not saved.", warning=True)

    def action_new_draft(self) -> None:
        self.query_one("#draft-input", Input).focus()

    # --- editing and deleting -------------------------------------------------------------------

    def _highlighted_draft(self) -> Objective | None:
        key = self.query_one(DraftTable).highlighted_key
        return self.workshop.objective(key) if key else None

    # Dialogs answer through callbacks rather than ``push_screen_wait``: a worker left waiting
    # on an open dialog would keep ``OkrApp.settle`` waiting for ever.

    def action_edit_draft(self) -> None:
        objective = self._highlighted_draft()
        if objective is None:
            self._say("No draft to edit yet.", warning=True)
            return
        ws, app = self.workshop, self.okr_app
        people, pillars = people_in_room(ws.participants, ws.facilitator), list(ws.context.pillars)

        def ask(
            typed: dict[str, str] | None, problem: str | None, reply: Callable[..., None]
        ) -> None:
            app.push_screen(
                DraftForm(objective, people, pillars, typed=typed, problem=problem), reply
            )

        def save(changes: dict[str, str]) -> Worker[Outcome[Any]] | None:
            return app.change(actions.edit_draft, objective.id, **changes) if changes else None

        app.ask_and_save(ask, save)

    def action_delete_draft(self) -> None:
        objective = self._highlighted_draft()
        if objective is None:
            self._say("No draft to delete.", warning=True)
            return
        votes = objective.total_votes
        question = Content("\n").join(
            [
                shown_line(objective.text, 300),
                labelled(
                    "by $name. $votes",
                    name=objective.author,
                    votes=f"Its {plural(votes, 'dot')} go with it." if votes else "",
                ),
            ]
        )
        self.app.push_screen(
            ConfirmScreen(labelled("Delete draft $id?", id=objective.id), question, yes="Delete"),
            partial(self._delete_answered, objective.id),
        )

    def _delete_answered(self, objective_id: str, sure: bool | None) -> None:
        if sure:
            self.okr_app.change(actions.delete_draft, objective_id)

    # --- merging duplicates, the OKR above --------------------------------------------------------

    # (m merges a duplicate and o names the OKR above: PeopleStepScreen, shared with the vote.)


class DraftForm(FormDialog[dict[str, str]]):
    """Edit one draft: its words, author, pillar and rationale. Returns only what changed."""

    CSS_PATH = ["../dialogs/modals.tcss", "drafts.tcss"]  # noqa: RUF012 (as Textual types it)
    BINDINGS: ClassVar[list[BindingType]] = [
        *FormDialog.BINDINGS,
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(
        self,
        objective: Objective,
        people: list[str],
        pillars: list[str],
        *,
        typed: dict[str, str] | None = None,
        problem: str | None = None,
    ) -> None:
        """``typed``: changes typed before whose save failed (``problem`` says why); the
        form opens with them, so Save tries again."""
        super().__init__()
        self.objective = objective
        self.typed = typed or {}
        self.problem = problem
        self.people = people if objective.author in people else [*people, objective.author]
        self.pillars = list(pillars)
        if objective.pillar and objective.pillar not in self.pillars:
            self.pillars.append(objective.pillar)

    def compose(self) -> ComposeResult:
        o, typed = self.objective, self.typed  # the stored draft, with what was typed over it
        pillar = typed.get("pillar", o.pillar or "")
        with Vertical(classes="dialog", id="draft-form"):
            yield Static(labelled("Edit draft $id", id=o.id), classes="dialog-title")
            yield Label("Draft objective")
            yield FieldArea("draft-form.text", text=typed.get("text", o.text), id="form-text")
            with Horizontal(classes="form-row"):
                with Vertical():
                    yield Label("Author")
                    yield Select[str](
                        [(shown_line(p, 40), p) for p in self.people],
                        value=typed.get("author", o.author),
                        allow_blank=False,
                        id="form-author",
                        compact=True,
                    )
                with Vertical():
                    yield Label("Pillar")
                    yield Select[str](
                        [(shown_line(p, 40), p) for p in self.pillars],
                        value=pillar if pillar else Select.NULL,
                        prompt="No pillar",
                        allow_blank=True,
                        id="form-pillar",
                        compact=True,
                    )
            yield Label("Why (rationale, optional)")
            rationale = typed.get("rationale", o.rationale or "")
            yield SafeInput(rationale, id="form-rationale", compact=True)
            yield from self.form_ending("form-error", self.problem, "Save (ctrl+s)")

    def on_mount(self) -> None:
        self.query_one("#form-text", FieldArea).focus()

    def changes(self) -> dict[str, str]:
        """The fields that differ from the stored draft, as ``edit_draft`` keywords."""
        o = self.objective
        text = self.query_one("#form-text", FieldArea).text
        author = self.query_one("#form-author", Select).value
        pillar = self.query_one("#form-pillar", Select).value
        rationale = self.query_one("#form-rationale", Input).value
        out: dict[str, str] = {}
        if text.strip() != o.text:
            out["text"] = text
        if isinstance(author, str) and author != o.author:
            out["author"] = author
        new_pillar = pillar if isinstance(pillar, str) else ""
        if new_pillar != (o.pillar or ""):
            out["pillar"] = new_pillar
        if rationale.strip() != (o.rationale or ""):
            out["rationale"] = rationale
        return out

    def action_save(self) -> None:
        changes = self.changes()
        try:
            rules.clean_text(self.query_one("#form-text", FieldArea).text, "draft objective")
            if changes.get("rationale", "").strip():
                rules.clean_text(changes["rationale"], "rationale")
        except RuleError as exc:
            self.query_one("#form-error", Static).update(Content(str(exc)))
            return
        self.dismiss(changes)
