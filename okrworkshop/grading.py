"""Grading a cycle: a score from 0.0 to 1.0 per key result and the objective's average.

A key result's score is its progress capped at 1.0, unless the team set it by hand with a
reason (a key result in words, or a number that does not tell the whole story). Scores are read
against what the key result promised (``progress.success_from``): a committed one is expected
to reach 1.0, while a stretch aims at about 0.7 and counts as a success from 0.6 (Google's
playbook). The grade can be asked for at any time; until the cycle ends, and until every key
result the room gave a later deadline is due, it is a forecast and says so. Recording it
(``tracking.record_grade``) keeps each score on its key result and closes the cycle.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .kr_names import kr_label
from .model import KeyResult, KrKind, Workshop
from .numbers import mean_score
from .progress import CycleClock, Standing, kr_progress, meets_kind, success_from
from .rules import judged_until


class ScoreSource(StrEnum):
    """Where a score comes from."""

    HAND = "set by hand"
    RECORDED = "recorded from progress"
    PROGRESS = "from progress"
    NONE = "no score"


@dataclass(frozen=True)
class KrScore:
    """One key result's score and how to read it."""

    kr_id: str
    statement: str
    kind: KrKind
    score: float | None
    source: ScoreSource
    reason: str
    """The team's reason for a score set by hand (text people typed), else ""."""
    met: bool | None
    """Whether the score reaches what its kind expects (1.0 committed, from 0.6 stretch)."""
    reading: str
    """One sentence on the score; never includes text people typed."""
    due_later: date | None = None
    """The key result's own deadline when the room gave it one after the cycle and it has not
    come yet: until then its score is a forecast and the grade cannot be recorded."""
    label: str = ""
    """ "KR2": what people read and type for it (``kr_names``); ``kr_id`` is the stored id."""


@dataclass(frozen=True)
class GradeReport:
    """The whole grade: each key result, the average, and whether it is only a forecast."""

    key_results: tuple[KrScore, ...]
    average: float | None
    forecast: bool
    recorded: str | None
    """When the grade was recorded (an ISO timestamp), or None."""
    retro: str
    clock: CycleClock

    @property
    def scored(self) -> tuple[KrScore, ...]:
        return tuple(s for s in self.key_results if s.score is not None)

    @property
    def unscored(self) -> tuple[KrScore, ...]:
        return tuple(s for s in self.key_results if s.score is None)

    @property
    def met(self) -> int:
        return sum(1 for s in self.key_results if s.met)

    @property
    def not_due(self) -> tuple[KrScore, ...]:
        """The key results due after today, on a deadline later than the cycle's end."""
        return tuple(s for s in self.key_results if s.due_later is not None)

    def headline(self) -> str:
        """ "Grade 0.72", with what kind of grade it is: recorded, forecast or not recorded."""
        figure = f"{self.average:.2f}" if self.average is not None else "not known yet"
        if self.recorded:
            end = self.clock.end
            early = ""
            if end is not None and self.recorded[:10] < end.isoformat():
                early = f", before the cycle's end on {end.isoformat()}"
            return f"Grade {figure}, recorded on {self.recorded[:10]}{early}"
        if self.forecast:
            end = self.clock.end
            until = f"the cycle ends on {end.isoformat()}" if end else "the cycle has no end date"
            later = max((s.due_later for s in self.not_due if s.due_later), default=None)
            if self.clock.ended and later is not None:
                until = f"the last key result is due on {later.isoformat()}"
            until = f" ({until})"
            return f"Forecast grade {figure}{until}: progress so far, not the final word"
        return f"Grade {figure}, not recorded yet (okrworkshop grade --record keeps it)"

    def summary(self) -> str:
        """How the key results did against what their kind expects, in one sentence."""
        total = len(self.key_results)
        if not total:
            return "There are no key results to grade."
        parts = [f"{self.met} of {total} key results reached what their kind expects"]
        if self.unscored:
            ids = ", ".join(s.label for s in self.unscored)
            parts.append(f"no score yet for {ids} (set one by hand with a reason)")
        if self.average is not None and len(self.scored) < total:
            parts.append(f"the average is over the {len(self.scored)} with a score")
        return "; ".join(parts) + "."


def kr_score(ws: Workshop, kr: KeyResult, today: date) -> KrScore:
    """The score of one key result: kept on it (by hand, or recorded), else from progress."""
    due = judged_until(ws, kr)
    later = due if due is not None and due != ws.cycle.end and today <= due else None
    if kr.grade is not None:
        source = ScoreSource.HAND if kr.grade.by_hand else ScoreSource.RECORDED
        score: float | None = kr.grade.score
        reason = kr.grade.reason if kr.grade.by_hand else ""
        later = None  # the team decided its score
    else:
        progress = kr_progress(ws, kr, today)
        score, reason = progress.score, ""
        source = ScoreSource.PROGRESS if score is not None else ScoreSource.NONE
        if score is None:
            reading = _no_score(progress.standing)
            return KrScore(
                kr.id,
                kr.statement,
                kr.kind,
                None,
                source,
                "",
                None,
                reading,
                later,
                label=kr_label(ws, kr),
            )
    assert score is not None
    met = meets_kind(kr.kind, score)
    reading = _reading(kr, score)
    if later is not None:
        reading += f" It is due on {later.isoformat()}, after the cycle: a forecast until then."
    return KrScore(
        kr.id,
        kr.statement,
        kr.kind,
        score,
        source,
        reason,
        met,
        reading,
        later,
        label=kr_label(ws, kr),
    )


def _no_score(standing: Standing) -> str:
    if standing is Standing.NO_NUMBER:
        return "No score: it is not a number, so the team sets one by hand, with a reason."
    return "No score yet: nobody has checked in on it."


def _reading(kr: KeyResult, score: float) -> str:
    if kr.kind is KrKind.COMMITTED:
        if meets_kind(kr.kind, score):
            return "Committed, and delivered in full."
        return f"Committed key results are expected to reach 1.0; this one reached {score:.2f}."
    line = success_from(kr.kind)
    if meets_kind(kr.kind, score):
        return (
            f"A stretch: {score:.2f} is a success (about 0.7 is the mark; {line:.1f} or more "
            f"counts)."
        )
    return f"A stretch: {score:.2f} falls short of {line:.1f}, where a stretch counts as a success."


def grade_report(ws: Workshop, today: date) -> GradeReport:
    """The grade as of ``today`` (a forecast until the cycle ends, unless recorded)."""
    clock = CycleClock(ws.cycle.start, ws.cycle.end, today)
    scores = tuple(kr_score(ws, kr, today) for kr in ws.key_results)
    numbers = [s.score for s in scores if s.score is not None]
    average = mean_score(numbers)
    return GradeReport(
        key_results=scores,
        average=average,
        forecast=ws.graded is None and (not clock.ended or any(s.due_later for s in scores)),
        recorded=ws.graded,
        retro=ws.retro,
        clock=clock,
    )
