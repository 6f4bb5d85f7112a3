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
from .numbers import Ends, ValueRefused, read_value, round_score, with_unit
from .rules import is_numeric, judged_until, key_result_ends

ON_TRACK_GAP = 0.10
"""On track: progress at most 10 points below the pace line (the share of the key result's
time gone by, times what its kind aims at: all the way for committed, 0.7 for a stretch)."""
AT_RISK_GAP = 0.25
"""At risk: 10 to 25 points below it. Further below is behind."""
EPSILON = 1e-9
"""Figures are fractions worked out in floating point: 0.7 must count as 0.7."""
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
    MET = "met, as a stretch"
    """Its time is up and a stretch got about as far as it aims (see ``success_from``)."""
    MISSED = "missed"
    """Its time is up short of what its kind promised."""


def success_from(kind: KrKind) -> float:
    """The score from which a key result met what its kind promised, the one line that the
    verdicts, the grade and the handout read: a committed key result in full (1.0); a stretch
    aims at about 0.7 (Google's playbook), so it counts from 0.6, the on-track gap below it."""
    if kind is KrKind.COMMITTED:
        return kind.expected_score
    return round(kind.expected_score - ON_TRACK_GAP, 2)


def meets_kind(kind: KrKind, score: float) -> bool:
    """Whether ``score`` (progress, or a grade) reached what ``kind`` promised."""
    return score >= success_from(kind) - EPSILON


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
    """Where it should be on the latest check-in's day (today, without one): the share of its
    time gone by (the cycle, or its own later deadline) times what its kind aims at (1.0
    committed, 0.7 stretch)."""
    expected_now: float | None
    """The same, today."""
    time_gone: float | None
    """The share of its time (the cycle, or its own later deadline) gone by on the latest
    check-in's day (today, without one): what ``expected`` is worked out from."""
    due: date | None
    """The last day it is judged on: the cycle's end, or its own later deadline the room
    accepted (``rules.judged_until``)."""
    over: bool
    """Its time is up (``due`` has passed, or the latest check-in is for that day): the
    standing is the final verdict, met or missed, no longer a pace."""
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
    def trend_words(self) -> str:
        """How confidence moved, in words: "up from 6", "down from 8", "unchanged", or ""
        with fewer than two confidences given."""
        if self.trend is None:
            return ""
        if self.trend is Trend.SAME:
            return "unchanged"
        return f"{self.trend.value} from {self.confidence_before}"

    @property
    def expected_percent(self) -> str:
        return percent(self.expected) if self.expected is not None else ""

    @property
    def movement(self) -> str:
        """Baseline → latest → target, as typed ("12% → 15.5% → 18%"), a bare number with the
        key result's unit ("9" with unit "%" reads "9%")."""
        baseline, target = with_unit(self.baseline, self.unit), with_unit(self.target, self.unit)
        latest = with_unit(self.latest_value, self.unit) or "no check-in yet"
        return f"{baseline or '?'} → {latest} → {target or '?'}"

    @property
    def score(self) -> float | None:
        """The progress capped to 0.0-1.0, as a grade reads it."""
        if self.progress is None:
            return None
        return round_score(min(max(self.progress, 0.0), 1.0))


def progress_of(kr: KeyResult, value: str) -> float | None:
    """How far ``value`` is from the baseline towards the target (None for words)."""
    return _progress(_ends(kr), value)


IMPLAUSIBLE_STEP = 0.5
"""A check-in that moves more than this share of the way from baseline to target since the
last one (or since the baseline) is shown back before it is saved: a typo more often than a
week's work."""


def implausible(kr: KeyResult, value: str, on: date | None = None) -> str | None:
    """What looks odd about checking in ``value`` on ``kr`` (for the day ``on``), in one
    sentence, or None. Odd: it lies beyond the baseline, away from the target, when the last
    check-in did not; or it moves more than half the way from baseline to target since the
    last check-in made for a day up to ``on`` (since the baseline, without one). Screens ask
    before saving such a value; the CLI saves it and says this sentence."""
    ends = _ends(kr)
    current = _progress(ends, value)
    if ends is None or current is None:
        return None
    earlier = [c for c in sorted_checkins(kr) if on is None or c.date <= on]
    last = earlier[-1] if earlier else None
    before = _progress(ends, last.value) if last is not None else None
    before = 0.0 if before is None else before
    shown = with_unit(value, kr.unit.strip() or ends.unit.name)
    if current < 0 <= before:
        return (
            f"{shown} is beyond the baseline ({with_unit(kr.baseline, kr.unit)}), on the side "
            f"away from the target ({with_unit(kr.target, kr.unit)})."
        )
    step = current - before
    if abs(step) > IMPLAUSIBLE_STEP:
        since = (
            f"the last check-in ({with_unit(last.value, kr.unit)} on {last.date.isoformat()})"
            if last is not None
            else f"the baseline ({with_unit(kr.baseline, kr.unit)})"
        )
        way = "forward" if step > 0 else "back"
        return (
            f"{shown} moves {way} {percent(abs(step))} of the way from baseline to target since "
            f"{since}, more than half of it at once."
        )
    return None


def _ends(kr: KeyResult) -> Ends | None:
    """Baseline and target in one unit, read once per key result (None for words)."""
    return key_result_ends(kr)


def _progress(ends: Ends | None, value: str) -> float | None:
    """Progress of ``value`` in the ends' unit ("30 hours" on a key result from "3 days" to
    "4 hours"), or None when it is words or of another dimension."""
    if ends is None:
        return None
    try:
        return ends.progress(read_value(ends, value))
    except ValueRefused:
        return None


def sorted_checkins(kr: KeyResult) -> tuple[CheckIn, ...]:
    """Oldest first; on the same day, in the order they were made (the later one counts)."""
    indexed = sorted(enumerate(kr.checkins), key=lambda pair: (pair[1].date, pair[0]))
    return tuple(checkin for _, checkin in indexed)


def kr_progress(ws: Workshop, kr: KeyResult, today: date) -> KrProgress:
    """Everything about one key result's progress, as of ``today``."""
    due = judged_until(ws, kr)
    clock = CycleClock(ws.cycle.start, due, today)
    checkins = sorted_checkins(kr)
    latest = checkins[-1] if checkins else None
    ends = _ends(kr)
    progress = _progress(ends, latest.value) if latest else None
    as_of = latest.date if latest else today
    mark = kr.kind.expected_score
    share = share_of_cycle(ws.cycle.start, due, as_of)
    expected = share * mark if share is not None else None
    over = due is not None and (clock.ended or as_of >= due)
    standing, detail = _standing(kr, clock, latest, progress, share, over)
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
    share_now = clock.share
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
        expected_now=share_now * mark if share_now is not None else None,
        time_gone=share,
        due=due,
        over=over,
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
    share: float | None,
    over: bool,
) -> tuple[Standing, str]:
    """The one place that decides a key result's verdict, read against its kind (committed
    or stretch) and the day it is due (``clock.end``)."""
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
    if progress >= 1.0 - EPSILON:
        past = " (past the target)" if progress > 1.0 + EPSILON else ""
        return Standing.REACHED, f"{percent(progress)} of the way: the target is reached{past}."
    if share is None:
        return Standing.NO_DATES, (
            f"{percent(progress)} of the way; the cycle has no start and end dates to compare with."
        )
    away = " It has moved away from the target, past the baseline." if progress < 0 else ""
    if over:
        assert clock.end is not None
        by = f"{percent(progress)} of the way by {clock.end.isoformat()}, the day it was due"
        line = percent(success_from(kr.kind))
        if kr.kind is KrKind.STRETCH:
            if meets_kind(kr.kind, progress):
                return Standing.MET, (
                    f"{by}: a stretch aims at about 70%, and counts as met from {line}."
                )
            return (
                Standing.MISSED,
                f"{by}: short of the {line} where a stretch counts as met.{away}",
            )
        return Standing.MISSED, f"{by}: a committed key result is met only in full.{away}"
    expected = share * kr.kind.expected_score
    when = latest.date.isoformat()
    pace = f"{percent(share)} of its time gone"
    if kr.kind is KrKind.STRETCH:
        pace += f" (a stretch aims at about 70%, so {percent(expected)} by then)"
    # The verdict reads the same whole points the sentence shows, so the two always agree
    # ("10 points short" is on track, never at risk because of a hidden 10.4).
    short = points_between(expected, progress)
    if short <= round(ON_TRACK_GAP * 100):
        standing = Standing.ON_TRACK
        text = f"{percent(progress)} of the way, with {pace}"
    else:
        standing = Standing.AT_RISK if short <= round(AT_RISK_GAP * 100) else Standing.BEHIND
        text = f"{percent(progress)} of the way, {short} points short of the pace, with {pace}"
    return standing, f"{text} by {when}.{away}"


def _history(ends: Ends | None, checkins: tuple[CheckIn, ...]) -> tuple[Point, ...]:
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


def points_between(upper: float, lower: float) -> int:
    """How many percentage points ``upper`` is above ``lower``, worked out from the two whole
    percentages the reader sees beside it (33% and 75% are 42 points apart), never from the
    unrounded fractions, so the figures shown together always add up."""
    return round(upper * 100) - round(lower * 100)


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
