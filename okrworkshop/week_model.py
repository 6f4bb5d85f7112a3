"""The weekly meeting as data: one record per ISO week the team met, kept in the workshop.

These records only hold what was said; what may change and when is in ``weeks`` (the rules)
and ``week_actions`` (the changes). ``from_dict`` is strict, like ``model``'s: a wrong field
raises ``WeekDataError`` naming it, which ``Workshop.from_dict`` reports as a ``DataError``.
This module imports nothing from the rest of the core, so ``model`` can import it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, TypeVar, cast

E = TypeVar("E", bound=StrEnum)

WEEK_VOTE_MIN, WEEK_VOTE_MAX = 1, 10
"""A weekly confidence vote: how sure one person is that the key result will be reached."""


class WeekDataError(ValueError):
    """A stored week does not have the shape this version expects."""


class WeekStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class WeekStep(StrEnum):
    """The steps of the weekly meeting, in order. The values are the names people type."""

    NUMBERS = "numbers"
    CONFIDENCE = "confidence"
    DROPPED = "dropped"
    COMMITMENTS = "commitments"
    HEALTH = "health"
    WINS = "wins"

    @property
    def label(self) -> str:
        return WEEK_STEP_TITLES[self]


WEEK_STEP_TITLES: dict[WeekStep, str] = {
    WeekStep.NUMBERS: "Numbers",
    WeekStep.CONFIDENCE: "Confidence round",
    WeekStep.DROPPED: "What dropped",
    WeekStep.COMMITMENTS: "Commitments",
    WeekStep.HEALTH: "Health",
    WeekStep.WINS: "Wins",
}

DEFAULT_WEEK_TIMEBOX_MINUTES: dict[WeekStep, int] = {
    WeekStep.NUMBERS: 5,
    WeekStep.CONFIDENCE: 5,
    WeekStep.DROPPED: 8,
    WeekStep.COMMITMENTS: 7,
    WeekStep.HEALTH: 3,
    WeekStep.WINS: 2,
}
"""About thirty minutes in all; a team changes them per workshop (``week_timebox_minutes``)."""


class Colour(StrEnum):
    """A health metric's colour this week. Always shown with its word, never alone."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"

    @property
    def meaning(self) -> str:
        return {
            Colour.GREEN: "fine",
            Colour.AMBER: "under strain",
            Colour.RED: "breaking",
        }[self]


class Outcome(StrEnum):
    DONE = "done"
    NOT_DONE = "not done"


def stamp() -> str:
    """The current time as stored everywhere: ISO 8601 UTC, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


# --- strict readers -------------------------------------------------------------------------


def _str(d: dict[str, Any], key: str, default: str | None = None) -> str:
    value = d.get(key, default)
    if not isinstance(value, str):
        raise WeekDataError(f"field {key!r} should be text, found {type(value).__name__}")
    return value


def _opt_str(d: dict[str, Any], key: str) -> str | None:
    value = d.get(key)
    if value is not None and not isinstance(value, str):
        raise WeekDataError(f"field {key!r} should be text or null")
    return value


def _bool(d: dict[str, Any], key: str) -> bool:
    value = d.get(key, False)
    if not isinstance(value, bool):
        raise WeekDataError(f"field {key!r} should be true or false")
    return value


def _date(d: dict[str, Any], key: str) -> date:
    raw = d.get(key)
    if not isinstance(raw, str):
        raise WeekDataError(f"field {key!r} should be a date like 2027-03-01")
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise WeekDataError(f"field {key!r} is {raw!r}, not a date like 2027-03-01") from None


def _opt_date(d: dict[str, Any], key: str) -> date | None:
    return None if d.get(key) in (None, "") else _date(d, key)


def _dicts(d: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = d.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise WeekDataError(f"field {key!r} should be a list of objects")
    return value


def _strs(d: dict[str, Any], key: str) -> list[str]:
    value = d.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise WeekDataError(f"field {key!r} should be a list of text")
    return list(value)


def _choice(cls: type[E], d: dict[str, Any], key: str, default: E | None) -> E:
    raw = d.get(key, default.value if default is not None else None)
    member = cls._value2member_map_.get(raw) if isinstance(raw, str) else None
    if member is not None:
        return cast(E, member)
    choices = ", ".join(m.value for m in cls)
    raise WeekDataError(f"field {key!r} is {raw!r}; expected one of {choices}")


def _opt_choice(cls: type[E], d: dict[str, Any], key: str) -> E | None:
    return None if d.get(key) is None else _choice(cls, d, key, None)


def is_iso_week(text: str) -> bool:
    """ "2027-W09": the form a week's key takes."""
    year, sep, number = text.partition("-W")
    return (
        sep == "-W"
        and len(year) == 4
        and year.isdigit()
        and len(number) == 2
        and number.isdigit()
        and 1 <= int(number) <= 53
    )


def iso_week(day: date) -> str:
    """The ISO week a day falls in, as "2027-W09" (weeks start on Monday)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


# --- the records ----------------------------------------------------------------------------


@dataclass
class NextAction:
    """What happens next on a key result that dropped: who does it, by when."""

    id: str
    kr: str
    text: str
    owner: str
    due: date
    blocker: bool = False
    """The key result is stuck until this is resolved."""
    ask: bool = False
    """Addressed upward: the team needs the sponsor to do or decide something."""
    done: bool = False
    created: str = field(default_factory=stamp)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kr": self.kr,
            "text": self.text,
            "owner": self.owner,
            "due": self.due.isoformat(),
            "blocker": self.blocker,
            "ask": self.ask,
            "done": self.done,
            "created": self.created,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> NextAction:
        return cls(
            id=_str(d, "id"),
            kr=_str(d, "kr"),
            text=_str(d, "text"),
            owner=_str(d, "owner", ""),
            due=_date(d, "due"),
            blocker=_bool(d, "blocker"),
            ask=_bool(d, "ask"),
            done=_bool(d, "done"),
            created=_str(d, "created", ""),
        )


@dataclass
class Commitment:
    """One thing one person commits to do this week, closed at the next meeting."""

    id: str
    text: str
    person: str
    kr: str | None = None
    initiative: str | None = None
    outcome: Outcome | None = None
    why: str = ""
    closed_in: str | None = None
    """The ISO week of the meeting that closed it."""
    carried_from: str | None = None
    """The id of a commitment not done last time that this one takes up again."""
    created: str = field(default_factory=stamp)

    @property
    def open(self) -> bool:
        return self.outcome is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "person": self.person,
            "kr": self.kr,
            "initiative": self.initiative,
            "outcome": self.outcome.value if self.outcome else None,
            "why": self.why,
            "closed_in": self.closed_in,
            "carried_from": self.carried_from,
            "created": self.created,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Commitment:
        return cls(
            id=_str(d, "id"),
            text=_str(d, "text"),
            person=_str(d, "person", ""),
            kr=_opt_str(d, "kr"),
            initiative=_opt_str(d, "initiative"),
            outcome=_opt_choice(Outcome, d, "outcome"),
            why=_str(d, "why", ""),
            closed_in=_opt_str(d, "closed_in"),
            carried_from=_opt_str(d, "carried_from"),
            created=_str(d, "created", ""),
        )


@dataclass
class Health:
    """One health metric's colour this week, with the words that say why."""

    colour: Colour
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"colour": self.colour.value, "note": self.note}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Health:
        return cls(colour=_choice(Colour, d, "colour", None), note=_str(d, "note", ""))


@dataclass
class Win:
    """Something that went well this week, and who made it happen."""

    text: str
    people: list[str] = field(default_factory=list)
    created: str = field(default_factory=stamp)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "people": list(self.people), "created": self.created}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Win:
        return cls(text=_str(d, "text"), people=_strs(d, "people"), created=_str(d, "created", ""))


@dataclass
class Week:
    """One weekly meeting: the ISO week it belongs to, the day it was held, what was said."""

    week: str
    """The ISO week, "2027-W09": one meeting per week."""
    date: date
    status: WeekStatus = WeekStatus.OPEN
    step: WeekStep = WeekStep.NUMBERS
    """Where the meeting is, so participants' screens can follow it."""
    confidence: dict[str, dict[str, int]] = field(default_factory=dict)
    """Key result id -> person -> 1..10, hidden until ``revealed``."""
    revealed: bool = False
    actions: list[NextAction] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    """Made in this meeting (the next one closes them)."""
    health: dict[str, Health] = field(default_factory=dict)
    wins: list[Win] = field(default_factory=list)
    step_seconds: dict[WeekStep, float] = field(default_factory=dict)
    notes: str = ""
    """The week's notes as markdown, written when it closes."""
    opened: str = field(default_factory=stamp)
    closed: str | None = None

    @property
    def is_open(self) -> bool:
        return self.status is WeekStatus.OPEN

    def rename(self, old: str, new: str) -> None:
        """A person renamed (``actions.rename_participant``): their votes, actions,
        commitments and wins follow them."""
        for votes in self.confidence.values():
            if old in votes:
                votes[new] = votes.pop(old)
        for action in self.actions:
            if action.owner == old:
                action.owner = new
        for commitment in self.commitments:
            if commitment.person == old:
                commitment.person = new
        for win in self.wins:
            win.people = [new if p == old else p for p in win.people]

    def to_dict(self) -> dict[str, Any]:
        return {
            "week": self.week,
            "date": self.date.isoformat(),
            "status": self.status.value,
            "step": self.step.value,
            "confidence": {kr: dict(votes) for kr, votes in self.confidence.items()},
            "revealed": self.revealed,
            "actions": [a.to_dict() for a in self.actions],
            "commitments": [c.to_dict() for c in self.commitments],
            "health": {name: h.to_dict() for name, h in self.health.items()},
            "wins": [w.to_dict() for w in self.wins],
            "step_seconds": {s.value: v for s, v in self.step_seconds.items()},
            "notes": self.notes,
            "opened": self.opened,
            "closed": self.closed,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Week:
        key = _str(d, "week")
        if not is_iso_week(key):
            raise WeekDataError(f"field 'week' is {key!r}, not an ISO week like 2027-W09")
        return cls(
            week=key,
            date=_date(d, "date"),
            status=_choice(WeekStatus, d, "status", WeekStatus.OPEN),
            step=_choice(WeekStep, d, "step", WeekStep.NUMBERS),
            confidence=_votes(d),
            revealed=_bool(d, "revealed"),
            actions=[NextAction.from_dict(a) for a in _dicts(d, "actions")],
            commitments=[Commitment.from_dict(c) for c in _dicts(d, "commitments")],
            health=_health(d),
            wins=[Win.from_dict(w) for w in _dicts(d, "wins")],
            step_seconds=_step_seconds(d),
            notes=_str(d, "notes", ""),
            opened=_str(d, "opened", ""),
            closed=_opt_str(d, "closed"),
        )


def _votes(d: dict[str, Any]) -> dict[str, dict[str, int]]:
    raw = d.get("confidence", {})
    message = "field 'confidence' should map key results to people to votes from 1 to 10"
    if not isinstance(raw, dict):
        raise WeekDataError(message)
    out: dict[str, dict[str, int]] = {}
    for kr, votes in raw.items():
        if not isinstance(votes, dict) or not all(
            isinstance(k, str) and type(v) is int and WEEK_VOTE_MIN <= v <= WEEK_VOTE_MAX
            for k, v in votes.items()
        ):
            raise WeekDataError(message)
        out[kr] = dict(votes)
    return out


def _health(d: dict[str, Any]) -> dict[str, Health]:
    raw = d.get("health", {})
    if not isinstance(raw, dict) or not all(isinstance(v, dict) for v in raw.values()):
        raise WeekDataError("field 'health' should map metric names to objects")
    return {name: Health.from_dict(value) for name, value in raw.items()}


def _step_seconds(d: dict[str, Any]) -> dict[WeekStep, float]:
    raw = d.get("step_seconds", {})
    if not isinstance(raw, dict):
        raise WeekDataError("field 'step_seconds' should be an object")
    out: dict[WeekStep, float] = {}
    for key, value in raw.items():
        step = _choice(WeekStep, {"step": key}, "step", None)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise WeekDataError(f"the time for step {key!r} should be a number")
        out[step] = float(value)
    return out


def read_weeks(d: dict[str, Any]) -> list[Week]:
    """A workshop's ``weeks`` field."""
    weeks = [Week.from_dict(w) for w in _dicts(d, "weeks")]
    seen: set[str] = set()
    for week in weeks:
        if week.week in seen:
            raise WeekDataError(f"two meetings are stored for {week.week}; a week has one")
        seen.add(week.week)
    return weeks


def read_health_metrics(d: dict[str, Any]) -> list[str]:
    return _strs(d, "health_metrics")


def read_week_timeboxes(d: dict[str, Any]) -> dict[WeekStep, int]:
    raw = d.get("week_timebox_minutes", {})
    if not isinstance(raw, dict):
        raise WeekDataError("field 'week_timebox_minutes' should be an object")
    out: dict[WeekStep, int] = {}
    for key, value in raw.items():
        step = _choice(WeekStep, {"step": key}, "step", None)
        if type(value) is not int or value < 1:
            raise WeekDataError(f"the timebox for step {key!r} should be a whole number")
        out[step] = value
    return out
