"""The dialogs of after the room: a check-in, a score set by hand, the next cycle.

Each form asks the core before it closes: what was typed is tried on a copy of the workshop
(``refusal``), so a refusal appears under the fields as the core's own sentence and the form
stays open with everything typed. Only an answer the core takes is handed back; the save asks
the core again (another terminal may have changed the file meanwhile). The dialogs know no app:
the facilitator's screens use them, and a participant's screen can.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, Select, Static

from okrworkshop import rules, tracking
from okrworkshop.actions import parse_date
from okrworkshop.kr_names import kr_label
from okrworkshop.model import CHECKIN_CONFIDENCE_MAX, CHECKIN_CONFIDENCE_MIN, KeyResult, Workshop
from okrworkshop.next_cycle import (
    early_start_note,
    next_cycle,
    suggested_dates,
    suggested_label,
)
from okrworkshop.numbers import with_unit
from okrworkshop.progress import implausible, sorted_checkins
from okrworkshop.rules import NotAParticipant, RuleError
from screens.dialogs.modals import ConfirmScreen, FormDialog
from screens.user_text import labelled, shown, shown_line
from screens.widgets.author_bar import people_in_room
from screens.widgets.fields import SafeInput


def refusal(
    ws: Workshop, change: Callable[[Workshop], object], *, for_participant: bool = False
) -> str | None:
    """What the core says to ``change`` right now, tried on a copy of ``ws`` (None: it takes
    it). Nothing is written."""
    try:
        change(Workshop.from_dict(ws.to_dict()))
    except NotAParticipant as exc:
        return exc.their_words if for_participant else exc.facilitator_words
    except RuleError as exc:
        return str(exc)
    return None


# --- a check-in -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckinAnswer:
    """What the check-in form holds, as typed."""

    value: str
    confidence: str
    note: str
    when: str
    author: str


def confidence_of(text: str) -> int | None:
    """The confidence typed in a form: empty is none; anything but a whole number is refused
    in a sentence (the core checks the range)."""
    text = text.strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise RuleError(
            f"Confidence is a whole number from {CHECKIN_CONFIDENCE_MIN} to "
            f"{CHECKIN_CONFIDENCE_MAX} (how sure the team is that the key result will be "
            f"reached); {text!r} is not."
        ) from None


def apply_checkin(ws: Workshop, kr_id: str, answer: CheckinAnswer, today: date) -> object:
    """The core's check-in, with the form's words."""
    return tracking.check_in(
        ws,
        kr_id,
        answer.value,
        author=answer.author or None,
        confidence=confidence_of(answer.confidence),
        note=answer.note,
        when=answer.when.strip() or None,
        today=today,
    )


class CheckinDialog(FormDialog[CheckinAnswer]):
    """Where a key result stands today: value, confidence, note, the day and who says so."""

    CSS_PATH = "modals.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        *FormDialog.BINDINGS,
        Binding("ctrl+s", "save", "Check in"),
    ]

    def __init__(
        self,
        ws: Workshop,
        kr: KeyResult,
        *,
        today: date,
        typed: CheckinAnswer | None = None,
        problem: str = "",
    ) -> None:
        """``typed``: an answer whose save failed (``problem`` says why), shown again."""
        super().__init__()
        self.workshop = ws
        self.kr = kr
        self.today = today
        self.typed = typed
        self.problem = problem
        people = people_in_room(ws.participants, ws.facilitator)  # who may check in
        owner = kr.owner if kr.owner in people else (ws.facilitator or "")
        self.people = people
        self.default_author = typed.author if typed else owner

    def compose(self) -> ComposeResult:
        kr, typed = self.kr, self.typed
        checkins = sorted_checkins(kr)
        last = checkins[-1] if checkins else None
        baseline, target = with_unit(kr.baseline, kr.unit), with_unit(kr.target, kr.unit)
        facts = f"Baseline {baseline or '?'} · target {target or '?'}"
        if last is not None:
            facts += f" · last {with_unit(last.value, kr.unit)} on {last.date.isoformat()}"
            if last.confidence is not None:
                facts += f", confidence {last.confidence}"
        with Vertical(classes="dialog", id="checkin-form"):
            yield Static(
                labelled("Check in on $id", id=kr_label(self.workshop, kr)), classes="dialog-title"
            )
            yield Static(shown(kr.statement), id="checkin-statement")
            yield Static(shown_line(facts), id="checkin-facts")
            with Horizontal(classes="row"):
                with Vertical(classes="cell"):
                    yield Label("Where it stands now")
                    yield SafeInput(
                        typed.value if typed else "",
                        placeholder=f"e.g. {target or 'a number'}",
                        id="checkin-value",
                        compact=True,
                    )
                with Vertical(classes="cell"):
                    yield Label("Confidence, 1-10")
                    yield SafeInput(
                        typed.confidence if typed else "",
                        placeholder="how sure",
                        id="checkin-confidence",
                        compact=True,
                    )
                with Vertical(classes="cell"):
                    yield Label("Day")
                    yield SafeInput(
                        typed.when if typed else self._default_day(),
                        placeholder="YYYY-MM-DD",
                        id="checkin-date",
                        compact=True,
                    )
            with Horizontal(classes="row"):
                with Vertical(classes="cell wide"):
                    yield Label("Note: what we learned, what we do next")
                    yield SafeInput(typed.note if typed else "", id="checkin-note", compact=True)
                with Vertical(classes="cell"):
                    yield Label("Who says so")
                    yield Select[str](
                        [(shown_line(p, 30), p) for p in self.people],
                        value=self.default_author if self.default_author else Select.NULL,
                        prompt="The owner",
                        allow_blank=not self.default_author,
                        id="checkin-author",
                        compact=True,
                    )
            yield from self.form_ending("checkin-error", self.problem, "Check in (ctrl+s)")

    def _default_day(self) -> str:
        """Today, or the key result's last day once it has passed (the core's rule)."""
        return rules.checkin_day(self.workshop, self.kr, self.today).isoformat()

    def on_mount(self) -> None:
        self.query_one("#checkin-value", Input).focus()

    def answer(self) -> CheckinAnswer:
        author = self.query_one("#checkin-author", Select).value
        return CheckinAnswer(
            value=self.query_one("#checkin-value", Input).value,
            confidence=self.query_one("#checkin-confidence", Input).value,
            note=self.query_one("#checkin-note", Input).value,
            when=self.query_one("#checkin-date", Input).value,
            author=author if isinstance(author, str) else "",
        )

    def action_save(self) -> None:
        answer = self.answer()
        kr_id, today = self.kr.id, self.today
        problem = refusal(self.workshop, lambda ws: apply_checkin(ws, kr_id, answer, today))
        if problem:
            self.query_one("#checkin-error", Static).update(shown(problem))
            return
        odd = implausible(self.kr, answer.value, on=_day_of(answer.when, today))
        if odd is None:
            self.dismiss(answer)
            return

        def answered(sure: bool | None) -> None:
            if sure:
                self.dismiss(answer)
            else:
                self.query_one("#checkin-value", Input).focus()

        self.app.push_screen(odd_value_question(odd), answered)

    def entered(self, field: Input) -> None:
        """Enter moves from the value to the confidence to the note, and saves from the note or
        the day (the day and who are filled in already)."""
        following = {"checkin-value": "#checkin-confidence", "checkin-confidence": "#checkin-note"}
        if field.id in following:
            self.query_one(following[field.id], Input).focus()
        else:
            self.action_save()


def _day_of(typed: str, today: date) -> date:
    """The day a check-in form is about (the core has already taken what was typed)."""
    try:
        return parse_date(typed.strip() or None, "check-in date") or today
    except RuleError:
        return today


def odd_value_question(odd: str) -> ConfirmScreen:
    """The question before an implausible check-in is saved: what looks odd, and whether to
    save it as typed (Enter or n goes back to the value)."""
    return ConfirmScreen(
        "Is this value right?",
        f"{odd} Save it as typed, or go back and change it?",
        yes="Save it",
    )


# --- a score set by hand --------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreAnswer:
    score: str
    reason: str


def score_of(text: str) -> float:
    """A score typed in a form ("0.6", or "0,6" as many keyboards write it); anything that is
    not a number is refused in a sentence (the core checks the range)."""
    cleaned = text.strip().replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        raise RuleError(
            f"A score is a number from 0.0 to 1.0 (1.0: the target was reached); "
            f"{text.strip()!r} is not a number."
        ) from None


def apply_score(ws: Workshop, kr_id: str, answer: ScoreAnswer) -> object:
    return tracking.set_score(ws, kr_id, score_of(answer.score), answer.reason)


class ScoreDialog(FormDialog[ScoreAnswer]):
    """Set a key result's score by hand, with the reason its progress does not give."""

    CSS_PATH = "modals.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        *FormDialog.BINDINGS,
        Binding("ctrl+s", "save", "Set score"),
    ]

    def __init__(
        self,
        ws: Workshop,
        kr: KeyResult,
        *,
        suggested: float | None,
        typed: ScoreAnswer | None = None,
        problem: str = "",
    ) -> None:
        super().__init__()
        self.workshop = ws
        self.kr = kr
        self.suggested = suggested
        self.typed = typed
        self.problem = problem

    def compose(self) -> ComposeResult:
        kr, typed = self.kr, self.typed
        grade = kr.grade
        score = typed.score if typed else (f"{grade.score:g}" if grade and grade.by_hand else "")
        reason = typed.reason if typed else (grade.reason if grade and grade.by_hand else "")
        from_progress = (
            f"Its progress gives {self.suggested:.2f}."
            if self.suggested is not None
            else "It has no score from progress (no number to work one out from, or no check-in)."
        )
        with Vertical(classes="dialog", id="score-form"):
            yield Static(
                labelled("Score $id by hand", id=kr_label(self.workshop, kr)),
                classes="dialog-title",
            )
            yield Static(shown(kr.statement), id="score-statement")
            yield Static(
                Content(
                    f"{from_progress} A {kr.kind.value} key result is a success at "
                    f"{kr.kind.expected_score:.1f}. Set a score from 0.0 to 1.0 when the number "
                    "does not tell the whole story, and say why."
                ),
                classes="dialog-body",
            )
            with Horizontal(classes="row"):
                with Vertical(classes="cell", id="score-cell"):
                    yield Label("Score")
                    yield SafeInput(score, placeholder="0.0-1.0", id="score-value", compact=True)
                with Vertical(classes="cell"):
                    yield Label("Why (required)")
                    yield SafeInput(reason, id="score-reason", compact=True)
            yield from self.form_ending("score-error", self.problem, "Set score (ctrl+s)")

    def on_mount(self) -> None:
        self.query_one("#score-value", Input).focus()

    def action_save(self) -> None:
        answer = ScoreAnswer(
            self.query_one("#score-value", Input).value,
            self.query_one("#score-reason", Input).value,
        )
        problem = refusal(self.workshop, lambda ws: apply_score(ws, self.kr.id, answer))
        if problem:
            self.query_one("#score-error", Static).update(shown(problem))
            return
        self.dismiss(answer)

    def entered(self, field: Input) -> None:
        if field.id == "score-value":
            self.focus_next()
        else:
            self.action_save()


# --- the next cycle -------------------------------------------------------------------------


@dataclass(frozen=True)
class NextCycleAnswer:
    label: str
    start: str
    end: str


class NextCycleDialog(FormDialog[Workshop]):
    """The next cycle's label and dates; returns the new workshop, ready to be stored."""

    CSS_PATH = "modals.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        *FormDialog.BINDINGS,
        Binding("ctrl+s", "save", "Start it"),
    ]

    def __init__(
        self,
        old: Workshop,
        *,
        today: date,
        typed: NextCycleAnswer | None = None,
        problem: str = "",
    ) -> None:
        super().__init__()
        self.old = old
        self.today = today
        self.typed = typed
        self.problem = problem

    def compose(self) -> ComposeResult:
        typed = self.typed
        with Vertical(classes="dialog", id="next-cycle-form"):
            yield Static(
                labelled("Start the cycle after $label", label=self.old.cycle.label),
                classes="dialog-title",
            )
            yield Static(
                Content(
                    "A new workshop for the same team: it keeps the people, the strategic "
                    "context and how the room is run, shows this cycle's grade and retro in its "
                    "context, and offers what was left out and the key results not reached yet "
                    "as starting drafts. This workshop stays as it is."
                ),
                classes="dialog-body",
            )
            early = early_start_note(self.old, self.today)
            if early:  # asked before anything is made: the form is the question
                yield Static(
                    Content.styled(f"Early: {early}", "$text-warning"),
                    id="next-early",
                    classes="dialog-body",
                )
            start, end = suggested_dates(self.old)
            with Horizontal(classes="row"):
                with Vertical(classes="cell"):
                    yield Label("Cycle")
                    yield SafeInput(
                        typed.label if typed else "",
                        placeholder=f"e.g. {suggested_label(self.old.cycle.label)}",
                        id="next-label",
                        compact=True,
                    )
                with Vertical(classes="cell"):
                    yield Label("First day")
                    yield SafeInput(
                        typed.start if typed else (start.isoformat() if start else ""),
                        placeholder="YYYY-MM-DD",
                        id="next-start",
                        compact=True,
                    )
                with Vertical(classes="cell"):
                    yield Label("Last day")
                    yield SafeInput(
                        typed.end if typed else (end.isoformat() if end else ""),
                        placeholder="YYYY-MM-DD",
                        id="next-end",
                        compact=True,
                    )
            yield from self.form_ending("next-error", self.problem, "Start it (ctrl+s)")

    def on_mount(self) -> None:
        self.query_one("#next-label", Input).focus()

    def answer(self) -> NextCycleAnswer:
        return NextCycleAnswer(
            self.query_one("#next-label", Input).value,
            self.query_one("#next-start", Input).value,
            self.query_one("#next-end", Input).value,
        )

    def action_save(self) -> None:
        answer = self.answer()
        try:
            new = next_cycle(
                self.old,
                answer.label,
                start=answer.start.strip() or None,
                end=answer.end.strip() or None,
                today=self.today,
            )
        except RuleError as exc:
            self.query_one("#next-error", Static).update(shown(str(exc)))
            return
        self.dismiss(new)

    def entered(self, field: Input) -> None:
        if field.id == "next-end":
            self.action_save()
        else:
            self.focus_next()
