"""How far each key result has come, set against how much of the cycle has gone by.

Progress is (current - baseline) / (target - baseline). The one formula serves key results that
increase a number and those that reduce one: from 9% to 3%, a current 6% is half the way
either way you read it. It is compared with the share of the cycle that had passed on the day
of the latest check-in, which is fairer than comparing an old check-in with today (how long ago
that was is reported on its own, and two weeks of silence is called out).

Everything here is computed from the workshop as stored and a ``today`` the caller passes in:
nothing is written, and the CLI, the markdown handout and the screens show the same figures.
The thresholds that decide "on track", "at risk" and "behind" live here and only here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .kr_names import kr_label
from .model import CheckIn, KeyResult, KrKind, Workshop
from .numbers import amount
from .rules import is_numeric

ON_TRACK_GAP = 0.10
"""On track: progress at most 10 points below the share of the cycle gone by."""
AT_RISK_GAP = 0.25
"""At risk: 10 to 25 points below it. Further below is behind."""
STALE_DAYS = 14
"""A key result nobody checked in on for this many days (while the cycle runs) is called out:
teams that succeed with OKRs check in every week."""


class Standing(StrEnum):
    """Where a key result stands, in the words every screen and document uses."""

    ON_TRACK = "on track"
    AT_RISK = "at risk"
    BEHIND = "behind"
    REACHED = "target reached"
    NO_NUMBER = "no number to compare"
    NO_CHECKIN = "no check-in yet"
    NOT_STARTED = "cycle not started"
    NO_DATES = "no cycle dates"


class Trend(StrEnum):
    """How the team's confidence moved between its last two check-ins that gave one."""

    UP = "up"
    DOWN = "down"
    SAME = "same"

    @property
    def arrow(self) -> str:
        return {Trend.UP: "↑", Trend.DOWN: "↓", Trend.SAME: "→"}[self]


# --- the cycle's clock ----------------------------------------------------------------------


@dataclass(frozen=True)
class CycleClock:
    """The cycle's dates seen from ``today``."""

    start: date | None
    end: date | None
    today: date

    @property
    def has_dates(self) -> bool:
        return self.start is not None and self.end is not None and self.end > self.start

    @property
    def started(self) -> bool:
        return self.start is None or self.today >= self.start

    @property
    def ended(self) -> bool:
        return self.end is not None and self.today > self.end

    @property
    def share(self) -> float | None:
        """The share of the cycle gone by today, 0.0 to 1.0 (None without dates)."""
        return share_of_cycle(self.start, self.end, self.today)

    @property
    def days(self) -> int | None:
        """The cycle's length in days, counting both its first and last day."""
        if not self.has_dates:
            return None
        assert self.start is not None and self.end is not None
        return (self.end - self.start).days + 1

    @property
    def day(self) -> int | None:
        """Today's day of the cycle, from 1 (None before it starts or after it ends)."""
        if not self.has_dates or not self.started or self.ended:
            return None
        assert self.start is not None
        return (self.today - self.start).days + 1

    @property
    def days_left(self) -> int | None:
        if self.end is None or self.ended:
            return None
        return (self.end - self.today).days

    def describe(self) -> str:
        """One line: "day 52 of 90 (57% of the cycle gone)", or when it starts or ended."""
        if not self.has_dates:
            return "the cycle has no start and end dates"
        assert self.start is not None and self.end is not None
        if not self.started:
            days = (self.start - self.today).days
            return f"the cycle starts on {self.start.isoformat()}, in {_days(days)}"
        if self.ended:
            return f"the cycle ended on {self.end.isoformat()}"
        share = self.share or 0.0
        return f"day {self.day} of {self.days} ({percent(share)} of the cycle gone)"


def share_of_cycle(start: date | None, end: date | None, when: date) -> float | None:
    """How much of the cycle had passed on ``when``: 0.0 on its first day, 1.0 on its last."""
    if start is None or end is None or end <= start:
        return None
    share = (when - start).days / (end - start).days
    return min(max(share, 0.0), 1.0)


# --- one key result -------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    """One day's value of a key result: the last check-in made for that day."""

    date: date
    value: str
    progress: float | None
    confidence: int | None


@dataclass(frozen=True)
class KrProgress:
    """Every figure a screen or document shows about one key result's progress."""

    kr_id: str
    statement: str
    kind: KrKind
    owner: str
    baseline: str
    target: str
    unit: str
    checkins: tuple[CheckIn, ...]
    """All check-ins, oldest first (same day: in the order they were made)."""
    latest: CheckIn | None
    progress: float | None
    """The fraction of the way from baseline to target at the latest check-in; not capped
    (above 1.0 is past the target, below 0.0 is worse than the baseline)."""
    expected: float | None
    """The share of the cycle gone by on the latest check-in's day (today, without one)."""
    expected_now: float | None
    """The share of the cycle gone by today."""
    standing: Standing
    detail: str
    """One sentence on the standing, with the figures; never includes text people typed."""
    days_since: int | None
    """Days since the latest check-in (None without one, or when it is dated after ``today``,
    as in an example seen before its cycle)."""
    stale: bool
    """Two weeks or more without a check-in while the cycle runs (and is not graded)."""
    confidence: int | None
    """The last confidence given in a check-in (1-10), and the one before it."""
    confidence_before: int | None
    trend: Trend | None
    history: tuple[Point, ...]
    """One point per day that has a check-in, oldest first: for sparklines and trends."""
    label: str = ""
    """ "KR2": what people read and type for it (``kr_names``); ``kr_id`` is the stored id."""

    @property
    def latest_value(self) -> str:
        return self.latest.value if self.latest else ""

    @property
    def percent(self) -> str:
        """Progress as people read it ("58%"), or "" when there is none."""
        return percent(self.progress) if self.progress is not None else ""

    @property
    def expected_percent(self) -> str:
        return percent(self.expected) if self.expected is not None else ""

    @property
    def movement(self) -> str:
        """Baseline → latest → target, as typed ("12% → 15.5% → 18%")."""
        latest = self.latest_value.strip() or "no check-in yet"
        return f"{self.baseline.strip() or '?'} → {latest} → {self.target.strip() or '?'}"

    @property
    def score(self) -> float | None:
        """The progress capped to 0.0-1.0, as a grade reads it."""
        if self.progress is None:
            return None
        return round(min(max(self.progress, 0.0), 1.0), 2)


def progress_of(kr: KeyResult, value: str) -> float | None:
    """How far ``value`` is from the baseline towards the target (None for words)."""
    return _progress(_ends(kr), value)


def _ends(kr: KeyResult) -> tuple[float, float] | None:
    """Baseline and target as numbers, read once per key result (None for words)."""
    if not is_numeric(kr):
        return None
    baseline, target = amount(kr.baseline), amount(kr.target)
    assert baseline is not None and target is not None
    return baseline.value, target.value


def _progress(ends: tuple[float, float] | None, value: str) -> float | None:
    current = amount(value) if ends is not None else None
    if ends is None or current is None:
        return None
    baseline, target = ends
    return (current.value - baseline) / (target - baseline)


def sorted_checkins(kr: KeyResult) -> tuple[CheckIn, ...]:
    """Oldest first; on the same day, in the order they were made (the later one counts)."""
    indexed = sorted(enumerate(kr.checkins), key=lambda pair: (pair[1].date, pair[0]))
    return tuple(checkin for _, checkin in indexed)


def kr_progress(ws: Workshop, kr: KeyResult, today: date) -> KrProgress:
    """Everything about one key result's progress, as of ``today``."""
    clock = CycleClock(ws.cycle.start, ws.cycle.end, today)
    checkins = sorted_checkins(kr)
    latest = checkins[-1] if checkins else None
    ends = _ends(kr)
    progress = _progress(ends, latest.value) if latest else None
    as_of = latest.date if latest else today
    expected = share_of_cycle(ws.cycle.start, ws.cycle.end, as_of)
    standing, detail = _standing(kr, clock, latest, progress, expected)
    days_since = (today - latest.date).days if latest and latest.date <= today else None
    running = clock.started and not clock.ended and not ws.graded  # graded: nothing is due
    if latest is None:
        quiet = (today - ws.cycle.start).days if ws.cycle.start and running else 0
    else:
        quiet = days_since or 0
    confidences = [c.confidence for c in checkins if c.confidence is not None]
    confidence = confidences[-1] if confidences else None  # the last one given
    before = confidences[-2] if len(confidences) >= 2 else None
    trend = None
    if len(confidences) >= 2:
        last, prior = confidences[-1], confidences[-2]
        trend = Trend.UP if last > prior else Trend.DOWN if last < prior else Trend.SAME
    return KrProgress(
        kr_id=kr.id,
        statement=kr.statement,
        kind=kr.kind,
        owner=kr.owner,
        baseline=kr.baseline,
        target=kr.target,
        unit=kr.unit,
        checkins=checkins,
        latest=latest,
        progress=progress,
        expected=expected,
        expected_now=clock.share,
        standing=standing,
        detail=detail,
        days_since=days_since,
        stale=running and quiet >= STALE_DAYS,
        confidence=confidence,
        confidence_before=before,
        trend=trend,
        history=_history(ends, checkins),
        label=kr_label(ws, kr),
    )


def _standing(
    kr: KeyResult,
    clock: CycleClock,
    latest: CheckIn | None,
    progress: float | None,
    expected: float | None,
) -> tuple[Standing, str]:
    if not is_numeric(kr):
        return Standing.NO_NUMBER, (
            "Its baseline or target is not a number, so there is no progress to work out; "
            "the latest check-in is shown as it was written."
        )
    if latest is None:
        if not clock.started:
            assert clock.start is not None
            return Standing.NOT_STARTED, f"The cycle starts on {clock.start.isoformat()}."
        return Standing.NO_CHECKIN, "Nobody has checked in on it yet."
    if progress is None:  # the rules refuse such a value; an edited file might hold one
        return Standing.NO_NUMBER, "The latest check-in holds no number to compare."
    if progress >= 1.0:
        past = " (past the target)" if progress > 1.0 + 1e-9 else ""
        return Standing.REACHED, f"{percent(progress)} of the way: the target is reached{past}."
    if expected is None:
        return Standing.NO_DATES, (
            f"{percent(progress)} of the way; the cycle has no start and end dates to compare with."
        )
    gap = expected - progress
    when = latest.date.isoformat()
    away = " It has moved away from the target, past the baseline." if progress < 0 else ""
    if gap <= ON_TRACK_GAP:
        standing = Standing.ON_TRACK
        text = f"{percent(progress)} of the way, with {percent(expected)} of the cycle gone"
    else:
        standing = Standing.AT_RISK if gap <= AT_RISK_GAP else Standing.BEHIND
        text = (
            f"{percent(progress)} of the way, {round(gap * 100)} points short of the "
            f"{percent(expected)} of the cycle gone"
        )
    return standing, f"{text} by {when}.{away}"


def _history(ends: tuple[float, float] | None, checkins: tuple[CheckIn, ...]) -> tuple[Point, ...]:
    by_day: dict[date, CheckIn] = {}
    for checkin in checkins:
        by_day[checkin.date] = checkin  # the last one made for a day counts
    return tuple(
        Point(c.date, c.value, _progress(ends, c.value), c.confidence) for c in by_day.values()
    )


# --- the whole OKR --------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkshopProgress:
    """The OKR's progress as of a day: the clock and each key result."""

    clock: CycleClock
    key_results: tuple[KrProgress, ...]

    @property
    def stale(self) -> tuple[KrProgress, ...]:
        """The key results nobody checked in on for two weeks or more."""
        return tuple(p for p in self.key_results if p.stale)

    @property
    def checkin_count(self) -> int:
        return sum(len(p.checkins) for p in self.key_results)

    @property
    def last_checkin(self) -> date | None:
        days = [p.latest.date for p in self.key_results if p.latest]
        return max(days) if days else None


def workshop_progress(ws: Workshop, today: date) -> WorkshopProgress:
    clock = CycleClock(ws.cycle.start, ws.cycle.end, today)
    return WorkshopProgress(clock, tuple(kr_progress(ws, kr, today) for kr in ws.key_results))


# --- words and pictures ---------------------------------------------------------------------


def percent(fraction: float) -> str:
    """0.576 -> "58%"."""
    return f"{round(fraction * 100)}%"


def progress_bar(fraction: float | None, width: int = 20) -> str:
    """A bar of block characters that reads in any terminal or markdown viewer.

    Capped at full: how far past the target a key result went is said in the percentage.
    """
    if fraction is None:
        return "░" * width
    filled = round(min(max(fraction, 0.0), 1.0) * width)
    return "█" * filled + "░" * (width - filled)


SPARK_LEVELS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float], low: float, high: float, width: int) -> str:
    """A trend in one line of eight-level block characters, on a fixed scale from ``low`` to
    ``high`` (progress 0.0-1.0, confidence 1-10), so a change of one point looks like one point
    rather than the whole height. One character per value, oldest first; with more values than
    ``width``, each character stands for a run of them and shows the latest of the run.
    """
    if width <= 0 or not values:
        return ""
    count = len(values)
    if count > width:
        values = [values[((i + 1) * count) // width - 1] for i in range(width)]
    span = high - low or 1.0
    top = len(SPARK_LEVELS) - 1
    return "".join(
        SPARK_LEVELS[round(min(max((value - low) / span, 0.0), 1.0) * top)] for value in values
    )


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"
