"""How the SMART linter's verdict looks on screen: a mark and a word for every check.

Marks carry the meaning, colour only repeats it: ✓ passes, ✗ a problem to fix, ? a question
only the room can answer (the linter cannot read achievability or relevance from words).
Finding messages quote what people typed, so they are always shown as literal content.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from okrworkshop.model import Check, CheckReview, KeyResult, Review
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
    statement: str, metric: str, baseline: str, target: str, unit: str, deadline: str
) -> KeyResultLint:
    return lint_key_result(
        statement,
        metric=metric,
        baseline=baseline,
        target=target,
        unit=unit,
        deadline=deadline or None,
    )


def lint_record(kr: KeyResult) -> KeyResultLint:
    """The linter's verdict on a saved key result, cached (lists redraw on every save)."""
    deadline = kr.deadline.isoformat() if kr.deadline else ""
    return _lint_cached(kr.statement, kr.metric, kr.baseline, kr.target, kr.unit, deadline)


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


class FindingsView(VerticalScroll, can_focus=False):
    """The six SMART checks of a key result being typed, each with its mark and finding."""

    DEFAULT_CSS = """
    FindingsView {
        height: 1fr;
        padding: 0 1;
        background: $boost;
        scrollbar-size-vertical: 1;
    }
    FindingsView > .findings-title {
        height: auto;
        text-style: bold;
    }
    FindingsView > .finding-row {
        height: auto;
    }
    FindingsView .finding-mark {
        width: 13;
        height: auto;
    }
    FindingsView .finding-text {
        width: 1fr;
        height: auto;
    }
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._drawn: dict[str, Content] = {}  # what each line shows now, to skip equal redraws

    def compose(self) -> ComposeResult:
        yield Static(
            Content("SMART checks, as you type"), classes="findings-title", id="findings-title"
        )
        for check in Check:
            with Horizontal(classes="finding-row"):
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

    def show_lint(self, lint: KeyResultLint | None) -> None:
        """Show a verdict; ``None`` (nothing typed yet) shows what each check asks for."""
        for check in Check:
            if lint is None:
                mark = Content.styled(f"· {check.label}", "$text-muted")
                text = Content.styled(GUIDANCE[check], "$text-muted")
            else:
                mark = mark_content(check_mark(lint, check), check.label)
                text = shown(check_finding(lint, check))
            self._update(f"mark-{check.value}", mark)
            self._update(f"text-{check.value}", text)

    def _update(self, widget_id: str, content: Content) -> None:
        """Redraw a line only when it changed: most keys leave the findings as they were, and
        each redraw of a wrapping line costs a layout pass."""
        if self._drawn.get(widget_id) != content:
            self._drawn[widget_id] = content
            self.query_one(f"#{widget_id}", Static).update(content)

    @property
    def text(self) -> str:
        """Everything the view shows, as plain text (for tests and screen readers)."""
        lines = []
        for check in Check:
            mark = self.query_one(f"#mark-{check.value}", Static).visual
            text = self.query_one(f"#text-{check.value}", Static).visual
            lines.append(f"{mark} {text}")
        return "\n".join(lines)
