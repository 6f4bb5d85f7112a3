"""The weekly meeting's rules and what its screens show, as plain functions of a workshop.

A final OKR is reviewed once a week: the numbers, a confidence round (1-10, hidden until
revealed), what dropped and its next actions, commitments (last week's closed, this week's
made), health metrics, wins. Everything here reads the workshop and returns plain data; nothing
writes (``week_actions`` applies changes after asking these rules). The thresholds live here
and only here, so the CLI, the notes, the digest and the screens agree.

The core API for screens (each takes a ``Workshop`` and returns plain frozen data):

- ``open_week(ws)``, ``latest_closed(ws)``, ``previous_week(ws, week)``: which meeting
- ``kr_labels(ws)`` (from ``kr_names``): "KR1".."KRn"
- ``numbers(ws, week)``: step 1, each key result's figures and who has not checked in
- ``week_confidence(ws, week, kr_id, viewer=)``: step 2, votes as the viewer may see them
- ``dropped(ws, week)``, ``close_blockers(ws, week)``: step 3, and what stops closing
- ``commitments_to_close(ws, week)``, ``week_commitments(week)``: step 4
- ``health_rows(ws, week)``: step 5
- ``person_week(ws, person, week)``: a participant's own screen
- ``history(ws, today)``, ``repeatedly_missed(ws)``: streak, kept share, confidence by week
- ``overall(ws, week)``: on track / at risk / off track, in words
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from . import rules
from .kr_names import kr_label, kr_labels
from .model import KeyResult, Workshop
from .numbers import round_half_up
from .progress import KrProgress, Standing, kr_progress
from .rules import RuleError
from .text import plural
from .week_model import (
    DEFAULT_WEEK_TIMEBOX_MINUTES,
    WEEK_VOTE_MAX,
    WEEK_VOTE_MIN,
    Colour,
    Commitment,
    Health,
    NextAction,
    Outcome,
    Week,
    WeekStep,
    iso_week,
)

CONFIDENCE_FALL = 2
"""Confidence that fell by this much (average, since the last meeting) counts as dropped."""
WIDE_SPREAD = 4
"""Votes this far apart (lowest to highest): people see the key result differently."""
LOW_VOTE = 3
"""A vote at or below this: ask that person first."""
MAX_COMMITMENTS = 3
"""Commitments per person per week: one to three."""
MIN_HEALTH_METRICS, MAX_HEALTH_METRICS = 2, 4
MISSED_TIMES = 2
"""A commitment not done this many times (taken up again each time) was repeatedly missed."""


# --- key result names ------------------------------------------------------------------------


# ``kr_labels`` and ``kr_label`` come from ``kr_names``, the one home of key result names.


# --- which meeting -------------------------------------------------------------------------


def open_week(ws: Workshop) -> Week | None:
    """The meeting under way (at most one is open)."""
    return next((w for w in ws.weeks if w.is_open), None)


def require_open_week(ws: Workshop) -> Week:
    week = open_week(ws)
    if week is None:
        raise RuleError(
            "No weekly meeting is open; start this week's with: okrworkshop week start."
        )
    return week


def latest_closed(ws: Workshop) -> Week | None:
    closed = [w for w in ws.weeks if not w.is_open]
    return max(closed, key=lambda w: w.week) if closed else None


def previous_week(ws: Workshop, week: Week) -> Week | None:
    """The meeting before ``week`` (None for the first one)."""
    earlier = [w for w in ws.weeks if w.week < week.week]
    return max(earlier, key=lambda w: w.week) if earlier else None


def week_of(ws: Workshop, key: str) -> Week | None:
    return next((w for w in ws.weeks if w.week == key.strip().upper()), None)


def require_can_start(ws: Workshop, today: date) -> str:
    """The ISO week a meeting started today belongs to, once the rules allow it."""
    rules.require_trackable(ws)
    start, end = ws.cycle.start, ws.cycle.end
    if start and today < start:
        raise RuleError(f"The cycle starts on {start.isoformat()}; weekly meetings run inside it.")
    if end and today > end:
        raise RuleError(
            f"The cycle ended on {end.isoformat()}; grade it instead (okrworkshop grade)."
        )
    key = iso_week(today)
    current = open_week(ws)
    if current is not None:
        raise RuleError(
            f"The meeting of {current.week} is still open; close it first (okrworkshop week close)."
        )
    if week_of(ws, key) is not None:
        raise RuleError(f"The team already met in {key}; one meeting a week.")
    if any(w.week > key for w in ws.weeks):
        raise RuleError(f"A later week already has a meeting; {key} cannot start after it.")
    return key


def meeting_line(ws: Workshop, person: str | None = None) -> str:
    """What the weekly meeting is doing, for the line on top of a participant's screen ("" when
    no meeting is open); with ``person``, what is theirs to do in this step."""
    week = open_week(ws)
    if week is None:
        return ""
    line = f"The team is in its weekly meeting ({week.week}), at {week.step.label}."
    if person is None:
        return line
    mine = person_week(ws, person, week)
    if week.step is WeekStep.NUMBERS:
        quiet = [n.label for n in mine.owned if not n.checked_in]
        if quiet:
            line += f" Check in on {_names(quiet)} if you can."
    elif week.step is WeekStep.CONFIDENCE and not week.revealed:
        line += f" You gave {len(mine.votes)} of {len(ws.key_results)} confidence votes."
    elif week.step is WeekStep.COMMITMENTS:
        line += f" You have {plural(len(mine.commitments), 'commitment')} this week."
    return line


def why_no_start(ws: Workshop, today: date) -> str | None:
    """Why a meeting cannot start today, in the core's sentence (None: it can)."""
    try:
        require_can_start(ws, today)
    except RuleError as exc:
        return str(exc)
    return None


def timebox_minutes(ws: Workshop, step: WeekStep) -> int:
    return ws.week_timebox_minutes.get(step, DEFAULT_WEEK_TIMEBOX_MINUTES[step])


# --- step 1: numbers ----------------------------------------------------------------------


def progress_on(ws: Workshop, kr: KeyResult, day: date) -> KrProgress:
    """A key result's figures as they stood on ``day``: check-ins made for later days are left
    out, so an old meeting's numbers read the same whenever they are shown."""
    earlier = replace(kr, checkins=[c for c in kr.checkins if c.date <= day])
    return kr_progress(ws, earlier, day)


def checked_in_since(ws: Workshop, week: Week, kr: KeyResult) -> bool:
    """Whether someone checked in on ``kr`` since the meeting before (the week before, for
    the first meeting), up to this meeting's day."""
    before = previous_week(ws, week)
    after = before.date if before else week.date - timedelta(days=7)
    return any(after < c.date <= week.date for c in kr.checkins)


@dataclass(frozen=True)
class KrNumbers:
    """One key result in the numbers step."""

    kr_id: str
    label: str
    statement: str
    owner: str
    progress: KrProgress
    """Figures as of the meeting's day (``progress.movement``, ``percent``, ``standing``)."""
    checked_in: bool
    """Someone checked in on it since the last meeting."""
    confidence: tuple[tuple[str, float | None], ...]
    """The room's average confidence, meeting by meeting (ISO week, average), oldest first;
    this meeting's only once its votes are revealed."""


def numbers(ws: Workshop, week: Week) -> tuple[KrNumbers, ...]:
    labels = kr_labels(ws)
    shown = [w for w in ws.weeks if w.week < week.week or (w is week and week.revealed)]
    met = sorted(shown, key=lambda w: w.week)
    return tuple(
        KrNumbers(
            kr_id=kr.id,
            label=labels[kr.id],
            statement=kr.statement,
            owner=kr.owner,
            progress=progress_on(ws, kr, week.date),
            checked_in=checked_in_since(ws, week, kr),
            confidence=tuple((w.week, average(w, kr.id)) for w in met),
        )
        for kr in ws.key_results
    )


def not_checked_in(ws: Workshop, week: Week) -> tuple[KrNumbers, ...]:
    """The key results nobody checked in on since the last meeting (their owners are named)."""
    return tuple(n for n in numbers(ws, week) if not n.checked_in)


# --- step 2: the confidence round -------------------------------------------------------------


def require_week_vote(value: int) -> int:
    if isinstance(value, bool) or not WEEK_VOTE_MIN <= value <= WEEK_VOTE_MAX:
        raise RuleError(
            f"Confidence is a whole number from {WEEK_VOTE_MIN} to {WEEK_VOTE_MAX} (how sure "
            f"you are the key result will be reached); {value!r} is not."
        )
    return value


def average(week: Week, kr_id: str) -> float | None:
    """The room's average confidence on ``kr_id`` this week, to one decimal, half up."""
    votes = list(week.confidence.get(kr_id, {}).values())
    return round_half_up(sum(votes) / len(votes), 1) if votes else None


def confidence_figure(value: float) -> str:
    """A confidence as every screen and document shows it: one decimal when it has one
    ("2.5"), none when it is whole ("7"), so the same average reads the same everywhere."""
    return f"{round_half_up(value, 1):g}"


class Before(StrEnum):
    """What this meeting's confidence is compared with, as "since ..." says it."""

    LAST_WEEK = "last week"
    MEETING = "the last meeting"
    CHECKIN = "the last check-in"


def compared_with(ws: Workshop, week: Week, kr: KeyResult) -> tuple[float, Before] | None:
    """The confidence to compare this meeting's with, and where it comes from: the last
    meeting's average that has votes on ``kr`` (last week's, or an earlier one); before any
    meeting, the latest confidence given in a check-in up to the day (so the words say
    "since the last check-in", never "since last week")."""
    for earlier in sorted(ws.weeks, key=lambda w: w.week, reverse=True):
        mean = average(earlier, kr.id) if earlier.week < week.week else None
        if mean is not None:
            previous = iso_week(week.date - timedelta(days=7))
            return mean, Before.LAST_WEEK if earlier.week == previous else Before.MEETING
    given = [c for c in kr.checkins if c.confidence is not None and c.date <= week.date]
    if not given:
        return None
    latest = max(enumerate(given), key=lambda pair: (pair[1].date, pair[0]))[1]
    assert latest.confidence is not None
    return float(latest.confidence), Before.CHECKIN


def confidence_before(ws: Workshop, week: Week, kr: KeyResult) -> float | None:
    """The figure of ``compared_with`` alone."""
    found = compared_with(ws, week, kr)
    return found[0] if found is not None else None


@dataclass(frozen=True)
class KrConfidence:
    """One key result in the confidence round, as ``viewer`` may see it.

    While hidden only ``voted``, ``waiting`` and the viewer's ``own`` vote are filled in.
    """

    kr_id: str
    label: str
    revealed: bool
    voted: tuple[str, ...]
    waiting: tuple[str, ...]
    own: int | None
    votes: tuple[tuple[str, int], ...]
    average: float | None
    low: int | None
    high: int | None
    before: float | None
    """Last meeting's average (or the latest check-in's confidence before any meeting)."""
    before_from: Before | None
    """Where ``before`` comes from: the last meeting or, before any, the last check-in."""
    fell_by: float | None
    """How far the average fell since then (None if it did not fall, or nothing to compare)."""
    ask_first: tuple[str, ...]
    """Who voted ``LOW_VOTE`` or below: ask them first."""
    flags: tuple[str, ...]
    """Sentences naming what stands out; empty while hidden or when nothing does."""

    @property
    def spread(self) -> int | None:
        return None if self.low is None or self.high is None else self.high - self.low


def week_confidence(
    ws: Workshop, week: Week, kr_id: str, *, viewer: str | None = None
) -> KrConfidence:
    kr = rules.require_named_key_result(ws, kr_id)
    label = kr_label(ws, kr.id)
    votes = tuple(week.confidence.get(kr.id, {}).items())
    voted = tuple(name for name, _ in votes)
    done = {name.casefold() for name in voted}
    people = rules.people_in_room(ws.participants, ws.facilitator)
    waiting = tuple(p for p in people if p.casefold() not in done)
    own = None
    if viewer is not None:
        own = next((n for name, n in votes if name.casefold() == viewer.casefold()), None)
    if not week.revealed or not votes:
        return KrConfidence(
            kr.id, label, week.revealed, voted, waiting, own, (), None, None, None, None, None,
            None, (), (),
        )  # fmt: skip
    numbers_ = [n for _, n in votes]
    mean = average(week, kr.id)
    assert mean is not None
    low, high = min(numbers_), max(numbers_)
    found = compared_with(ws, week, kr)
    before, before_from = found if found is not None else (None, None)
    fell = round_half_up(before - mean, 1) if before is not None and before > mean else None
    ask = tuple(name for name, n in votes if n <= LOW_VOTE)
    flags = []
    if fell is not None and fell >= CONFIDENCE_FALL:
        assert before is not None and before_from is not None
        flags.append(
            f"Confidence fell by {confidence_figure(fell)} since {before_from.value} "
            f"({confidence_figure(before)} to {confidence_figure(mean)})."
        )
    if high - low >= WIDE_SPREAD:
        flags.append(f"The votes run from {low} to {high}: people see it differently.")
    if ask:
        flags.append(f"Ask {_names(ask)} first.")
    return KrConfidence(
        kr.id, label, True, voted, waiting, own, votes, mean, low, high, before, before_from,
        fell, ask, tuple(flags),
    )  # fmt: skip


# --- step 3: what dropped -----------------------------------------------------------------


@dataclass(frozen=True)
class Dropped:
    """A key result that is behind, or whose confidence fell by ``CONFIDENCE_FALL`` or more."""

    kr_id: str
    label: str
    statement: str
    reasons: tuple[str, ...]
    actions: tuple[NextAction, ...]
    """The next actions agreed on it in this meeting, and those still open from before."""


def dropped(ws: Workshop, week: Week) -> tuple[Dropped, ...]:
    """What dropped this week. It counts the votes even before they are revealed (closing
    asks it); a screen shows this step after the reveal."""
    out = []
    labels = kr_labels(ws)
    for kr in ws.key_results:
        reasons = []
        if progress_on(ws, kr, week.date).standing is Standing.BEHIND:
            reasons.append("behind")
        mean, found = average(week, kr.id), compared_with(ws, week, kr)
        if mean is not None and found is not None and found[0] - mean >= CONFIDENCE_FALL:
            before, since = found
            figures = f"from {confidence_figure(before)} to {confidence_figure(mean)}"
            checkin = " since the last check-in" if since is Before.CHECKIN else ""
            reasons.append(f"confidence fell {figures}{checkin}")
        if reasons:
            actions = tuple(
                a
                for w in sorted(ws.weeks, key=lambda w: w.week)
                if w.week <= week.week
                for a in w.actions
                if a.kr == kr.id and (w is week or not a.done)
            )
            out.append(Dropped(kr.id, labels[kr.id], kr.statement, tuple(reasons), actions))
    return tuple(out)


def close_blockers(ws: Workshop, week: Week) -> tuple[Dropped, ...]:
    """Dropped key results with no next action yet: closing the week asks about them first."""
    return tuple(d for d in dropped(ws, week) if not d.actions)


def require_can_close(ws: Workshop, week: Week, *, anyway: bool) -> None:
    if not week.is_open:
        raise RuleError(f"The meeting of {week.week} is already closed.")
    missing = close_blockers(ws, week)
    if missing and not anyway:
        labels = _names([d.label for d in missing])
        verb = "has" if len(missing) == 1 else "have"
        raise RuleError(
            f"{labels} dropped and {verb} no next action; add one (okrworkshop week action "
            f"{missing[0].label} TEXT --owner NAME) or close with --anyway."
        )


def default_due(ws: Workshop, week: Week) -> date:
    """By the next meeting: a week after this one, or the cycle's last day if sooner."""
    due = week.date + timedelta(days=7)
    end = ws.cycle.end
    return min(due, end) if end else due


def require_due(ws: Workshop, week: Week, due: date) -> date:
    if due < week.date:
        raise RuleError(
            f"The due date {due.isoformat()} is before this meeting ({week.date.isoformat()}); "
            f"a next action is due later."
        )
    end = ws.cycle.end
    if end and due > end:
        raise RuleError(
            f"The due date {due.isoformat()} is after the cycle ends ({end.isoformat()}); "
            f"pick a day inside the cycle."
        )
    return due


def open_actions(ws: Workshop, person: str | None = None) -> tuple[NextAction, ...]:
    """Next actions not done yet, from every meeting (``person``'s only, when given)."""
    wanted = person.casefold() if person else None
    return tuple(
        a
        for w in sorted(ws.weeks, key=lambda w: w.week)
        for a in w.actions
        if not a.done and (wanted is None or a.owner.casefold() == wanted)
    )


def find_action(ws: Workshop, action_id: str) -> NextAction:
    wanted = action_id.strip().casefold()
    for w in ws.weeks:
        for a in w.actions:
            if a.id.casefold() == wanted:
                return a
    raise RuleError(f"There is no next action {action_id.strip()!r}.")


# --- step 4: commitments ------------------------------------------------------------------


def week_commitments(week: Week, person: str | None = None) -> tuple[Commitment, ...]:
    wanted = person.casefold() if person else None
    return tuple(c for c in week.commitments if wanted is None or c.person.casefold() == wanted)


def commitments_to_close(ws: Workshop, week: Week) -> tuple[Commitment, ...]:
    """Commitments made at earlier meetings and not closed yet (last week's, and any carried
    from before), oldest first: this meeting closes them one by one."""
    return tuple(
        c
        for w in sorted(ws.weeks, key=lambda w: w.week)
        if w.week < week.week
        for c in w.commitments
        if c.open
    )


def closed_in(ws: Workshop, week: Week) -> tuple[Commitment, ...]:
    """The commitments this meeting closed."""
    return tuple(c for w in ws.weeks for c in w.commitments if c.closed_in == week.week)


def find_commitment(ws: Workshop, commitment_id: str) -> tuple[Week, Commitment]:
    wanted = commitment_id.strip().casefold()
    for w in ws.weeks:
        for c in w.commitments:
            if c.id.casefold() == wanted:
                return w, c
    raise RuleError(f"There is no commitment {commitment_id.strip()!r}.")


def require_commitment_room(week: Week, person: str) -> None:
    if len(week_commitments(week, person)) >= MAX_COMMITMENTS:
        raise RuleError(
            f"{person} already has {MAX_COMMITMENTS} commitments this week; keep it to one "
            f"to three."
        )


def tied_to(ws: Workshop, commitment: Commitment) -> str:
    """What a commitment serves, in words: "KR2", "the plan: <initiative>", or "nothing"."""
    if commitment.kr:
        return kr_label(ws, commitment.kr)
    if commitment.initiative:
        item = ws.initiative(commitment.initiative)
        return f"the plan: {item.text}" if item else "an initiative since removed"
    return "nothing"


# --- step 5: health -----------------------------------------------------------------------


def require_colour(text: str) -> Colour:
    try:
        return Colour(text.strip().casefold())
    except ValueError:
        raise RuleError(
            f"{text.strip()!r} is not a colour; a health metric is green, amber or red."
        ) from None


def find_health_metric(ws: Workshop, name: str) -> str | None:
    wanted = " ".join(name.split()).casefold()
    return next((m for m in ws.health_metrics if m.casefold() == wanted), None)


def require_health_metric(ws: Workshop, name: str) -> tuple[str, bool]:
    """The metric's name as stored, and whether it is new to the cycle (allowed up to
    ``MAX_HEALTH_METRICS``)."""
    clean = rules.clean_line(name, "health metric", limit=rules.MAX_NAME_LENGTH)
    if not clean:
        raise RuleError("The health metric has no name; say what must not break.")
    found = find_health_metric(ws, clean)
    if found is not None:
        return found, False
    if len(ws.health_metrics) >= MAX_HEALTH_METRICS:
        raise RuleError(
            f"The cycle already has {MAX_HEALTH_METRICS} health metrics "
            f"({', '.join(ws.health_metrics)}); use one of them."
        )
    return clean, True


def require_health_note(colour: Colour, note: str) -> str:
    text = " ".join(note.split())
    if colour is not Colour.GREEN and not text:
        raise RuleError(f"Say in a note why it is {colour.value}; a colour alone says too little.")
    return text


@dataclass(frozen=True)
class HealthRow:
    name: str
    health: Health | None
    """This week's colour and note (None: not given yet)."""
    before: Health | None
    """Last meeting's."""


def health_rows(ws: Workshop, week: Week) -> tuple[HealthRow, ...]:
    before = previous_week(ws, week)
    return tuple(
        HealthRow(name, week.health.get(name), before.health.get(name) if before else None)
        for name in ws.health_metrics
    )


# --- a participant's own screen ---------------------------------------------------------------


@dataclass(frozen=True)
class PersonWeek:
    """What one person sees of this week's meeting."""

    person: str
    week: str
    step: WeekStep
    owned: tuple[KrNumbers, ...]
    """The key results they own, with whether someone checked in since the last meeting."""
    votes: dict[str, int]
    """Their confidence votes this week, by key result id."""
    commitments: tuple[Commitment, ...]
    """What they committed to this week."""
    to_close: tuple[Commitment, ...]
    """Their commitments from earlier meetings still open."""
    actions: tuple[NextAction, ...]
    """Their open next actions, from every meeting."""


def person_week(ws: Workshop, person: str, week: Week) -> PersonWeek:
    name = rules.find_participant(ws, person) or person
    key = name.casefold()
    return PersonWeek(
        person=name,
        week=week.week,
        step=week.step,
        owned=tuple(n for n in numbers(ws, week) if n.owner.casefold() == key),
        votes={
            kr: n
            for kr, votes in week.confidence.items()
            for who, n in votes.items()
            if who.casefold() == key
        },
        commitments=week_commitments(week, name),
        to_close=tuple(c for c in commitments_to_close(ws, week) if c.person.casefold() == key),
        actions=open_actions(ws, name),
    )


# --- history ------------------------------------------------------------------------------


@dataclass(frozen=True)
class WeekRow:
    week: str
    monday: date
    met: bool
    closed: bool


@dataclass(frozen=True)
class History:
    weeks: tuple[WeekRow, ...]
    """Every ISO week of the cycle up to today, met or not, oldest first."""
    streak: int
    """Weeks met in a row, counting back from this week (or last week, if this week's
    meeting has not happened yet)."""
    kept: int
    closed: int
    """Commitments closed so far, and how many of them were done."""
    confidence: dict[str, tuple[tuple[str, float | None], ...]]
    """Per key result id: (ISO week, the room's average or None), one per week met."""

    @property
    def kept_share(self) -> float | None:
        return self.kept / self.closed if self.closed else None

    @property
    def kept_words(self) -> str:
        """ "3 of 4 commitments kept", or "no commitments closed yet": the one wording, so a
        line about meetings never reads as if no meeting was closed."""
        if not self.closed:
            return "no commitments closed yet"
        return f"{self.kept} of {self.closed} commitments kept"

    @property
    def missed_weeks(self) -> tuple[str, ...]:
        """Weeks gone by with no meeting since the team first met (this week is not counted
        until it is over); ``weeks`` shows the ones before the first meeting too."""
        met = [i for i, r in enumerate(self.weeks) if r.met]
        if not met:
            return ()
        return tuple(r.week for r in self.weeks[met[0] : -1] if not r.met)

    @property
    def weeks_before_first(self) -> int:
        """Weeks of the cycle that went by before the first meeting (all of them, if none)."""
        met = [i for i, r in enumerate(self.weeks) if r.met]
        return met[0] if met else max(len(self.weeks) - 1, 0)


def history(ws: Workshop, today: date) -> History:
    met = {w.week: w for w in ws.weeks}
    rows: list[WeekRow] = []
    if ws.cycle.start is not None:
        first = ws.cycle.start - timedelta(days=ws.cycle.start.weekday())
        last = min(today, ws.cycle.end) if ws.cycle.end else today
        monday = first
        while monday <= last:
            key = iso_week(monday)
            rows.append(WeekRow(key, monday, key in met, key in met and not met[key].is_open))
            monday += timedelta(days=7)
    known = {r.week for r in rows}
    for w in ws.weeks:  # a meeting outside the cycle's dates still shows
        if w.week not in known:
            monday = w.date - timedelta(days=w.date.weekday())
            rows.append(WeekRow(w.week, monday, True, not w.is_open))
    rows.sort(key=lambda r: r.week)
    streak = 0
    counted = rows if rows and rows[-1].met else rows[:-1]
    for row in reversed(counted):
        if not row.met:
            break
        streak += 1
    closed = [c for w in ws.weeks for c in w.commitments if not c.open]
    ordered = sorted(ws.weeks, key=lambda w: w.week)
    return History(
        weeks=tuple(rows),
        streak=streak,
        kept=sum(1 for c in closed if c.outcome is Outcome.DONE),
        closed=len(closed),
        confidence={
            kr.id: tuple((w.week, average(w, kr.id)) for w in ordered) for kr in ws.key_results
        },
    )


@dataclass(frozen=True)
class Missed:
    """A commitment not done again and again: the next cycle should know."""

    text: str
    person: str
    times: int
    whys: tuple[str, ...]


def repeatedly_missed(ws: Workshop) -> tuple[Missed, ...]:
    """Commitments not done ``MISSED_TIMES`` times or more: followed through "taken up again"
    links, and also the same words by the same person."""
    groups: dict[tuple[str, str], list[Commitment]] = {}
    by_id = {c.id: c for w in ws.weeks for c in w.commitments}

    def root(c: Commitment) -> Commitment:
        seen = set()
        while c.carried_from and c.carried_from in by_id and c.id not in seen:
            seen.add(c.id)
            c = by_id[c.carried_from]
        return c

    for w in sorted(ws.weeks, key=lambda w: w.week):
        for c in w.commitments:
            first = root(c)
            key = (first.person.casefold(), rules.normalized_words(first.text))
            groups.setdefault(key, []).append(c)
    out = []
    for items in groups.values():
        missed = [c for c in items if c.outcome is Outcome.NOT_DONE]
        if len(missed) >= MISSED_TIMES:
            whys = tuple(c.why for c in missed if c.why.strip())
            out.append(Missed(items[0].text, items[0].person, len(missed), whys))
    return tuple(out)


def weekly_record(ws: Workshop, today: date) -> str:
    """The cycle's weekly meetings in one sentence, for the next cycle ("" if none)."""
    if not ws.weeks:
        return ""
    h = history(ws, today)
    met = sum(1 for r in h.weeks if r.met)
    return f"Met in {met} of {len(h.weeks)} weeks; {h.kept_words}."


def missed_commitments(ws: Workshop) -> list[tuple[str, str]]:
    """Each commitment repeatedly missed as ("Chen: Interview five buyers", "not done 2
    times: why, why"): what the next cycle's room reads."""
    out = []
    for m in repeatedly_missed(ws):
        whys = f": {'; '.join(m.whys)}" if m.whys else ""
        out.append((f"{m.person}: {m.text}", f"not done {m.times} times{whys}"))
    return out


# --- overall status -------------------------------------------------------------------------


class Overall(StrEnum):
    ON_TRACK = "on track"
    AT_RISK = "at risk"
    OFF_TRACK = "off track"


def overall(ws: Workshop, week: Week) -> tuple[Overall, str]:
    """The OKR's status in words for a sponsor, and one sentence saying why.

    Off track: half the key results or more are behind, or the room's average confidence
    is ``LOW_VOTE`` or below. At risk: any key result is behind or at risk, or dropped.
    """
    if not ws.key_results:
        return Overall.AT_RISK, "There are no key results to report on."
    standings = [progress_on(ws, kr, week.date).standing for kr in ws.key_results]
    labels = kr_labels(ws)
    behind = [labels[kr.id] for kr, s in zip(ws.key_results, standings, strict=True)
              if s is Standing.BEHIND]  # fmt: skip
    risky = [labels[kr.id] for kr, s in zip(ws.key_results, standings, strict=True)
             if s is Standing.AT_RISK]  # fmt: skip
    means = [m for m in (average(week, kr.id) for kr in ws.key_results) if m is not None]
    mean = sum(means) / len(means) if means else None
    fell = [d.label for d in dropped(ws, week) if d.label not in behind]
    if behind and len(behind) * 2 >= len(ws.key_results):
        return Overall.OFF_TRACK, f"{_names(behind)} {_be(behind)} behind."
    if mean is not None and mean <= LOW_VOTE:
        return Overall.OFF_TRACK, f"The team's confidence is low ({confidence_figure(mean)} of 10)."
    if behind or risky or fell:
        parts = []
        if behind:
            parts.append(f"{_names(behind)} {_be(behind)} behind")
        if risky:
            parts.append(f"{_names(risky)} {_be(risky)} at risk")
        if fell:
            parts.append(f"confidence fell on {_names(fell)}")
        sentence = "; ".join(parts)
        return Overall.AT_RISK, sentence[0].upper() + sentence[1:] + "."
    return Overall.ON_TRACK, "Every key result is on track or reached."


def _be(items: list[str]) -> str:
    return "is" if len(items) == 1 else "are"


def _names(names: Iterable[str]) -> str:
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
