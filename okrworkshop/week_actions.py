"""The changes the weekly meeting makes, one function each, in ``actions``' style.

Each takes the workshop as just re-read under the lock, asks ``weeks`` (the rules), changes it
and returns what the caller shows. Whoever speaks is keyword-only (``person=``, ``owner=``).
A refused change raises ``RuleError`` before anything is touched.
"""

from __future__ import annotations

from datetime import date

from . import rules, weeks
from .actions import parse_date
from .model import Workshop
from .rules import RuleError, clean_text
from .week_model import (
    Colour,
    Commitment,
    Health,
    NextAction,
    Outcome,
    Week,
    WeekStatus,
    WeekStep,
    Win,
    stamp,
)
from .week_notes import week_notes
from .weeks import KrConfidence


def _next_id(ws: Workshop, prefix: str, taken: set[str]) -> str:
    """The next id for ``prefix`` ("c4"), never one already in use (even in a file whose
    counters were edited)."""
    while True:
        item_id = ws.next_id(prefix)
        if item_id not in taken:
            return item_id


def start_week(ws: Workshop, *, today: date) -> Week:
    """Open this ISO week's meeting, dated ``today``."""
    key = weeks.require_can_start(ws, today)
    week = Week(week=key, date=today)
    ws.weeks.append(week)
    ws.weeks.sort(key=lambda w: w.week)
    return week


def go_to_step(ws: Workshop, step: WeekStep | str) -> Week:
    """Move the open meeting to a step (participants' screens follow it)."""
    week = weeks.require_open_week(ws)
    try:
        week.step = WeekStep(step)
    except ValueError:
        names = ", ".join(s.value for s in WeekStep)
        raise RuleError(f"{step!r} is not a step of the weekly meeting ({names}).") from None
    return week


def add_step_time(ws: Workshop, step: WeekStep, seconds: float) -> None:
    week = weeks.require_open_week(ws)
    week.step_seconds[step] = round(week.step_seconds.get(step, 0.0) + max(seconds, 0.0), 1)


def set_timebox(ws: Workshop, step: WeekStep, minutes: int) -> None:
    if isinstance(minutes, bool) or not 1 <= minutes <= 120:
        raise RuleError(f"A timebox is 1 to 120 minutes; {minutes!r} is not.")
    ws.week_timebox_minutes[step] = minutes


def vote(ws: Workshop, kr_name: str, value: int, *, person: str) -> KrConfidence:
    """One person's confidence in a key result this week, 1-10 (a second vote replaces it)."""
    week = weeks.require_open_week(ws)
    voter = rules.require_participant(ws, person)
    kr = rules.require_named_key_result(ws, kr_name)
    number = weeks.require_week_vote(value)
    votes = week.confidence.setdefault(kr.id, {})
    same = next((name for name in votes if name.casefold() == voter.casefold()), voter)
    votes[same] = number
    return weeks.week_confidence(ws, week, kr.id, viewer=voter)


def reveal(ws: Workshop, revealed: bool = True) -> Week:
    week = weeks.require_open_week(ws)
    week.revealed = revealed
    return week


def add_action(
    ws: Workshop,
    kr_name: str,
    text: str,
    *,
    owner: str,
    due: str | date | None = None,
    blocker: bool = False,
    ask: bool = False,
) -> NextAction:
    """A next action on a key result, with an owner and a due date (the next meeting unless
    given); ``blocker`` marks what holds it up, ``ask`` addresses it to the sponsor."""
    week = weeks.require_open_week(ws)
    kr = rules.require_named_key_result(ws, kr_name)
    words = clean_text(text, "next action", limit=rules.MAX_TEXT_LENGTH)
    who = rules.require_participant(ws, owner)
    when = parse_date(due, "due date")
    day = weeks.require_due(ws, week, when) if when else weeks.default_due(ws, week)
    taken = {a.id for w in ws.weeks for a in w.actions}
    action = NextAction(
        id=_next_id(ws, "a", taken),
        kr=kr.id,
        text=words,
        owner=who,
        due=day,
        blocker=blocker,
        ask=ask,
    )
    week.actions.append(action)
    return action


def set_action_done(ws: Workshop, action_id: str, done: bool = True) -> NextAction:
    action = weeks.find_action(ws, action_id)
    if action.done == done:
        state = "done" if done else "open"
        raise RuleError(f"Next action {action.id} is already {state}.")
    action.done = done
    return action


def commit(
    ws: Workshop,
    text: str,
    *,
    person: str,
    kr: str | None = None,
    initiative: str | None = None,
    carried_from: str | None = None,
) -> Commitment:
    """One of a person's one to three commitments this week, tied to a key result, an
    initiative, or (shown as such) nothing."""
    week = weeks.require_open_week(ws)
    who = rules.require_participant(ws, person)
    words = clean_text(text, "commitment", limit=rules.MAX_TEXT_LENGTH)
    if kr is not None and initiative is not None:
        raise RuleError("Tie a commitment to a key result or to an initiative, not both.")
    kr_id = rules.require_named_key_result(ws, kr).id if kr is not None else None
    initiative_id = rules.require_initiative(ws, initiative).id if initiative else None
    weeks.require_commitment_room(week, who)
    taken = {c.id for w in ws.weeks for c in w.commitments}
    commitment = Commitment(
        id=_next_id(ws, "c", taken),
        text=words,
        person=who,
        kr=kr_id,
        initiative=initiative_id,
        carried_from=carried_from,
    )
    week.commitments.append(commitment)
    return commitment


def close_commitment(
    ws: Workshop, commitment_id: str, *, done: bool, why: str = "", carry: bool = False
) -> tuple[Commitment, Commitment | None]:
    """Close a commitment from an earlier meeting: done, or not done with a word why.
    ``carry`` takes a commitment not done up again this week (returned second)."""
    week = weeks.require_open_week(ws)
    made, commitment = weeks.find_commitment(ws, commitment_id)
    if made.week == week.week:
        raise RuleError(
            f"Commitment {commitment.id} was made in this meeting; the next meeting closes it."
        )
    if not commitment.open:
        assert commitment.outcome is not None
        raise RuleError(
            f"Commitment {commitment.id} was already closed in {commitment.closed_in} "
            f"({commitment.outcome.value})."
        )
    reason = " ".join(why.split())
    if not done and not reason:
        raise RuleError(f"Say in a word why {commitment.id} was not done (--why TEXT).")
    if done and carry:
        raise RuleError("Only a commitment not done can be taken up again.")
    again = None
    if carry:
        again = commit(
            ws,
            commitment.text,
            person=commitment.person,
            kr=commitment.kr,
            initiative=commitment.initiative,
            carried_from=commitment.id,
        )
    commitment.outcome = Outcome.DONE if done else Outcome.NOT_DONE
    commitment.why = rules.clean_line(reason, "reason", limit=rules.MAX_TEXT_LENGTH)
    commitment.closed_in = week.week
    return commitment, again


def set_health(ws: Workshop, name: str, colour: Colour | str, note: str = "") -> tuple[str, bool]:
    """A health metric's colour this week, with a note (needed for amber and red). A name the
    cycle does not have yet joins its metrics. Returns the name and whether it was new."""
    week = weeks.require_open_week(ws)
    metric, new = weeks.require_health_metric(ws, name)
    shade = colour if isinstance(colour, Colour) else weeks.require_colour(colour)
    words = weeks.require_health_note(shade, note)
    if new:
        ws.health_metrics.append(metric)
    week.health[metric] = Health(shade, words)
    return metric, new


def add_win(ws: Workshop, text: str, *, person: str, others: tuple[str, ...] = ()) -> Win:
    """Something that went well this week, and who made it happen."""
    week = weeks.require_open_week(ws)
    people: list[str] = []
    for name in (person, *others):
        who = rules.require_participant(ws, name)
        if who.casefold() not in {p.casefold() for p in people}:
            people.append(who)
    win = Win(text=clean_text(text, "win", limit=rules.MAX_TEXT_LENGTH), people=people)
    week.wins.append(win)
    return win


def close_week(ws: Workshop, *, anyway: bool = False) -> Week:
    """Close the open meeting: its votes are revealed and its notes written. Refused while a
    key result that dropped has no next action, unless ``anyway``."""
    latest = weeks.latest_closed(ws)
    if weeks.open_week(ws) is None and latest is not None:
        raise RuleError(
            f"The meeting of {latest.week} is already closed; the next one starts with "
            f"okrworkshop week start."
        )
    week = weeks.require_open_week(ws)
    weeks.require_can_close(ws, week, anyway=anyway)
    week.revealed = True
    week.status = WeekStatus.CLOSED
    week.closed = stamp()
    week.notes = week_notes(ws, week)
    return week
