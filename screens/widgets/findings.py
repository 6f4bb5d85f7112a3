"""How the SMART linter's verdict looks on screen: a mark and a word for every check.

Marks carry the meaning, colour only repeats it: ✓ passes, ✗ a problem to fix, ? a question
only the room can answer (the linter cannot read achievability or relevance from words).
Finding messages quote what people typed, so they are always shown as literal content.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from okrworkshop.model import Check, CheckReview, KeyResult, Review
from okrworkshop.rules import CycleDates
from okrworkshop.smart import GUIDANCE, QUESTIONS, KeyResultLint, lint_key_result
from screens.user_text import shown, shown_line

# The checks the linter decides; Achievable and Relevant are left to the room.
DECIDED: tuple[Check, ...] = (Check.SPECIFIC, Check.MEASURABLE, Check.TIME_BOUND, Check.OUTCOME)

PASS, PROBLEM, ASK = "✓", "✗", "?"


def check_mark(lint: KeyResultLint, check: Check) -> str:
    """✓, ✗ or ? for one check."""
    passed = lint.passed(check)
    return ASK if passed is None else PASS if passed else PROBLEM


def check_finding(lint: KeyResultLint, check: Check) -> str:
    """What the linter says about one check, in sentences the facilitator can read out."""
    passed = lint.passed(check)
    if passed is None:
        return "For the room to decide: " + QUESTIONS[check]
    if passed:
        return "Passes."
    return " ".join(f.message for f in lint.for_check(check))


@lru_cache(maxsize=1024)
def _lint_cached(
    statement: str,
    metric: str,
    baseline: str,
    target: str,
    unit: str,
    deadline: str,
    cycle: CycleDates | None,
) -> KeyResultLint:
    return lint_key_result(
        statement,
        metric=metric,
        baseline=baseline,
        target=target,
        unit=unit,
        deadline=deadline or None,
        cycle=cycle,
    )


def lint_record(kr: KeyResult, cycle: CycleDates | None) -> KeyResultLint:
    """The linter's verdict on a saved key result, cached (lists redraw on every save).

    ``cycle`` is the workshop's ``cycle.dates``: every screen passes it, so a deadline outside
    the cycle fails Time-bound on screen exactly as it does in ``lint`` and when finalizing.
    """
    deadline = kr.deadline.isoformat() if kr.deadline else ""
    return _lint_cached(kr.statement, kr.metric, kr.baseline, kr.target, kr.unit, deadline, cycle)


def lint_summary(lint: KeyResultLint) -> str:
    """A short verdict for a list cell: "✓ 4/4", "✗ measurable" or "✗ measurable +1"."""
    failing = [c for c in DECIDED if lint.passed(c) is False]
    if not failing:
        return f"{PASS} {len(DECIDED)}/{len(DECIDED)}"
    extra = f" +{len(failing) - 1}" if len(failing) > 1 else ""
    return f"{PROBLEM} {failing[0].label.lower()}{extra}"


def review_words(review: CheckReview) -> Content:
    """The facilitator's verdict in words: "open", "✓ confirmed", "accepted: <note>"."""
    if review.status is Review.CONFIRMED:
        return Content.styled("✓ confirmed", "$text-success")
    if review.status is Review.ACCEPTED:
        return Content.styled("accepted: ", "$text-warning") + shown_line(review.note)
    return Content.styled("open", "$text-muted")


def mark_content(mark: str, title: str) -> Content:
    colour = {PASS: "$text-success", PROBLEM: "$text-error", ASK: "$text-accent"}[mark]
    style = f"bold {colour}"
    return Content.styled(f"{mark} {title}", style)


def chips(pieces: list[Content], width: int) -> Content:
    """``pieces`` on as few lines of ``width`` cells as they fit, never breaking one apart
    (a mark and its word stay together)."""
    lines: list[list[Content]] = [[]]
    used = 0
    for piece in pieces:
        needed = piece.cell_length + (2 if used else 0)
        if used and width > 0 and used + needed > width:
            lines.append([])
            used, needed = 0, piece.cell_length
        lines[-1].append(piece)
        used += needed
    return Content("\n").join(Content("  ").join(line) for line in lines)


class FindingsView(VerticalScroll):
    """The six SMART checks of a key result being typed, each with its mark and finding.

    Only a problem (✗) gets its whole finding: a pass is one word and a question for the room
    one line, so the problems stay in view. ``compact`` (a short or narrow terminal) shows all
    six marks together on top, then only the problems, each mark at the start of its finding,
    and lets the view take focus so a long finding can be scrolled to by keys.
    """

    DEFAULT_CSS = """
    FindingsView {
        height: 1fr;
        padding: 0 1;
        background: $boost;
        scrollbar-size-vertical: 1;
    }
    FindingsView:focus {
        background-tint: $foreground 5%;
    }
    FindingsView > .findings-title {
        height: auto;
        text-style: bold;
    }
    FindingsView > #findings-summary {
        display: none;
    }
    FindingsView.-compact.-linted > #findings-summary {
        display: block;
    }
    FindingsView.-compact > #findings-title {
        display: none;
    }
    FindingsView > .finding-row {
        height: auto;
    }
    FindingsView .finding-mark {
        width: 13;
        height: auto;
    }
    FindingsView.-compact .finding-mark {
        display: none;
    }
    FindingsView.-compact > .finding-row.-passing {
        display: none;
    }
    FindingsView > #findings-note {
        display: none;
        color: $text-muted;
    }
    FindingsView.-compact > #findings-note {
        display: block;
    }
    FindingsView .finding-text {
        width: 1fr;
        height: auto;
    }
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.can_focus = False
        self.compact = False
        self._lint: KeyResultLint | None = None
        self._offers: dict[Check, Content] = {}
        self._lines: dict[Check, tuple[Content, Content]] = {}
        self._drawn: dict[str, Content] = {}  # what each line shows now, to skip equal redraws

    def compose(self) -> ComposeResult:
        yield Static(
            Content("SMART checks, as you type"), classes="findings-title", id="findings-title"
        )
        yield Static(Content(""), classes="findings-title", id="findings-summary")
        for check in Check:
            with Horizontal(classes="finding-row", id=f"row-{check.value}"):
                yield Static(
                    mark_content(ASK, check.label),
                    classes="finding-mark",
                    id=f"mark-{check.value}",
                )
                yield Static(
                    Content(GUIDANCE[check]),
                    classes="finding-text",
                    id=f"text-{check.value}",
                )
        yield Static(Content(""), id="findings-note")

    def on_mount(self) -> None:
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def set_compact(self, compact: bool) -> None:
        """Marks inline and a summary line on top (small terminals), or marks in a column."""
        if compact == self.compact:
            return
        self.compact = compact
        self.can_focus = compact
        self.set_class(compact, "-compact")
        if self.is_mounted:
            self._draw()

    def show_lint(
        self, lint: KeyResultLint | None, offers: Mapping[Check, Content] | None = None
    ) -> None:
        """Show a verdict; ``None`` (nothing typed yet) shows what each check asks for.

        ``offers`` adds a line under a check's finding: a fix the screen can make in one key.
        """
        self._lint = lint
        self._offers = dict(offers or {})
        if self.is_mounted:
            self._draw()

    def _draw(self) -> None:
        lint = self._lint
        self.set_class(lint is not None, "-linted")
        marks: list[Content] = []
        for_the_room: list[str] = []
        for check in Check:
            if lint is None:
                symbol = ""
                mark = Content.styled(f"· {check.label}", "$text-muted")
                text = Content.styled(GUIDANCE[check], "$text-muted")
            else:
                symbol = check_mark(lint, check)
                mark = mark_content(symbol, check.label)
                text = self._finding(lint, check, symbol)
                if symbol == ASK:
                    for_the_room.append(check.label)
            offer = self._offers.get(check)
            if offer is not None:
                text = text + Content("\n") + offer
            self._lines[check] = (mark, text)
            marks.append(mark)
            self._update(f"mark-{check.value}", mark)
            shown_text = mark + Content(": ") + text if self.compact else text
            self._update(f"text-{check.value}", shown_text)
            row = self.query_one(f"#row-{check.value}")
            row.set_class(symbol in (PASS, ASK) and offer is None, "-passing")
        self._update("findings-summary", chips(marks, self.scrollable_content_region.width))
        note = ""
        if for_the_room:
            note = f"? {' and '.join(for_the_room)}: the room decides in step 7."
        self._update("findings-note", Content(note))

    def _finding(self, lint: KeyResultLint, check: Check, symbol: str) -> Content:
        if symbol == PASS:
            return Content("Passes.")
        if symbol == ASK:
            if self.compact:
                return Content.styled("the room decides in step 7.", "$text-muted")
            return Content(GUIDANCE[check]) + Content.styled(
                " The room decides in step 7.", "$text-muted"
            )
        return shown(check_finding(lint, check))

    def _update(self, widget_id: str, content: Content) -> None:
        """Redraw a line only when it changed: most keys leave the findings as they were, and
        each redraw of a wrapping line costs a layout pass."""
        if self._drawn.get(widget_id) != content:
            self._drawn[widget_id] = content
            self.query_one(f"#{widget_id}", Static).update(content)

    @property
    def text(self) -> str:
        """Everything the view shows, as plain text (for tests and screen readers)."""
        return "\n".join(f"{mark.plain} {text.plain}" for mark, text in self._lines.values())
