"""The workshop as data: plain typed dataclasses that round-trip through JSON.

One workshop is one document in the database. Everything here is pure data with
``to_dict``/``from_dict``; what may change and when lives in ``rules`` and ``actions``.
``from_dict`` is strict about types so a hand-edited or foreign file is reported
clearly (``DataError``) instead of failing later with a KeyError deep in a screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime
from enum import StrEnum
from itertools import chain
from typing import Any, TypeVar, cast

from .dates import read_day
from .week_model import (
    Week,
    WeekDataError,
    WeekStep,
    read_health_metrics,
    read_week_timeboxes,
    read_weeks,
)

E = TypeVar("E", bound=StrEnum)


class DataError(ValueError):
    """A stored or imported document does not have the shape this version expects."""


class Stage(StrEnum):
    """The steps of a workshop, in order. The values are the names users type."""

    SETUP = "setup"
    CONTEXT = "context"
    DRAFTS = "drafts"
    FOCUS = "focus"
    DEPRIORITIZED = "deprioritized"
    KEY_RESULTS = "key-results"
    REFINE = "refine"
    FINAL = "final"

    @property
    def label(self) -> str:
        """The step's name as people read it ("Create focus"); ``title`` is str's own."""
        return STAGE_TITLES[self]


STAGE_TITLES: dict[Stage, str] = {
    Stage.SETUP: "Set up",
    Stage.CONTEXT: "Strategic context",
    Stage.DRAFTS: "Draft objectives",
    Stage.FOCUS: "Create focus",
    Stage.DEPRIORITIZED: "Deprioritized",
    Stage.KEY_RESULTS: "Key results",
    Stage.REFINE: "SMART refinement",
    Stage.FINAL: "Final OKR",
}


class Status(StrEnum):
    """Where the workshop is in its life: prepared, collecting drafts, in the room, done."""

    PREPARING = "preparing"
    DRAFTING = "drafting"
    LIVE = "live"
    FINAL = "final"


class Origin(StrEnum):
    """Whether a draft was written before the meeting or in the room."""

    PRE_WORKSHOP = "pre-workshop"
    LIVE = "live"


class Check(StrEnum):
    """The SMART checks plus outcome-not-activity, in the order they are reviewed."""

    SPECIFIC = "specific"
    MEASURABLE = "measurable"
    ACHIEVABLE = "achievable"
    RELEVANT = "relevant"
    TIME_BOUND = "time_bound"
    OUTCOME = "outcome"

    @property
    def label(self) -> str:
        """The check's name as people read it ("Time-bound")."""
        return "Time-bound" if self is Check.TIME_BOUND else self.value.capitalize()


class Review(StrEnum):
    """The facilitator's verdict on one check of one key result."""

    OPEN = "open"  # not reviewed yet
    CONFIRMED = "confirmed"  # the team agrees the key result passes this check
    ACCEPTED = "accepted"  # it does not pass, and the team accepts that, with a note


class KrKind(StrEnum):
    """Committed key results are expected in full (1.0); a stretch is a success at about 0.7."""

    COMMITTED = "committed"
    STRETCH = "stretch"

    @property
    def expected_score(self) -> float:
        """The score that counts as success for this kind (Google's playbook: 1.0 and 0.7)."""
        return 1.0 if self is KrKind.COMMITTED else 0.7


class Lifecycle(StrEnum):
    """Where the OKR is in its whole life, in the room and after it.

    The stored ``Status`` stops at FINAL: after the room the wording is a record and every rule
    that protects it keeps asking ``status is FINAL``. Tracking and graded are read from the data
    (a check-in exists; a grade was recorded), so they can never disagree with it.
    """

    PREPARING = "preparing"
    DRAFTING = "drafting"
    LIVE = "live"
    FINAL = "final"
    TRACKING = "tracking"
    GRADED = "graded"


def utcnow() -> str:
    """The current time as an ISO 8601 UTC string, the form every timestamp is stored in."""
    return datetime.now(UTC).isoformat(timespec="seconds")


# --- strict readers used by from_dict -------------------------------------------------------


def _str(d: dict[str, Any], key: str, default: str | None = None) -> str:
    value = d.get(key, default)
    if not isinstance(value, str):
        raise DataError(f"field {key!r} should be text, found {type(value).__name__}")
    return value


def _opt_str(d: dict[str, Any], key: str) -> str | None:
    value = d.get(key)
    if value is not None and not isinstance(value, str):
        raise DataError(f"field {key!r} should be text or null, found {type(value).__name__}")
    return value


def _str_list(d: dict[str, Any], key: str) -> list[str]:
    value = d.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataError(f"field {key!r} should be a list of text")
    return list(value)


def _list_of_dicts(d: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = d.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise DataError(f"field {key!r} should be a list of objects")
    return value


def _dict(d: dict[str, Any], key: str) -> dict[str, Any]:
    value = d.get(key, {})
    if not isinstance(value, dict):
        raise DataError(f"field {key!r} should be an object")
    return value


def _int(d: dict[str, Any], key: str, default: int) -> int:
    value = d.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise DataError(f"field {key!r} should be a whole number")
    return value


def _bool(d: dict[str, Any], key: str, default: bool) -> bool:
    value = d.get(key, default)
    if not isinstance(value, bool):
        raise DataError(f"field {key!r} should be true or false")
    return value


def _enum(cls: type[E], d: dict[str, Any], key: str, default: E) -> E:
    raw = d.get(key, default.value)
    if type(raw) is str:  # a dict look-up: calling the class costs ten times as much
        member = cls._value2member_map_.get(raw)
        if member is not None:
            return cast(E, member)
    try:
        return cls(raw)
    except ValueError:
        choices = ", ".join(m.value for m in cls)
        raise DataError(f"field {key!r} is {raw!r}; expected one of {choices}") from None


def _opt_int(d: dict[str, Any], key: str, low: int, high: int) -> int | None:
    value = d.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise DataError(f"field {key!r} should be a whole number from {low} to {high}, or null")
    return value


def _score(d: dict[str, Any], key: str) -> float:
    value = d.get(key)
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not 0.0 <= float(value) <= 1.0
    ):
        raise DataError(f"field {key!r} should be a score from 0.0 to 1.0")
    return float(value)


def _opt_date(d: dict[str, Any], key: str) -> date | None:
    raw = _opt_str(d, key)
    if raw is None or raw == "":
        return None
    try:
        return read_day(raw)
    except ValueError:
        raise DataError(f"field {key!r} is {raw!r}, not a date like 2027-03-31") from None


# --- the records ----------------------------------------------------------------------------


@dataclass
class Cycle:
    """The goal cycle: a label people say ("2027 Q1") and, ideally, its dates."""

    label: str
    start: date | None = None
    end: date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
        }

    @property
    def dates(self) -> tuple[date | None, date | None]:
        """(start, end), the form the linter takes so it never needs a whole workshop."""
        return (self.start, self.end)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Cycle:
        return cls(label=_str(d, "label"), start=_opt_date(d, "start"), end=_opt_date(d, "end"))


@dataclass
class Overlap:
    """Another team whose work touches ours, and on what."""

    team: str
    topic: str

    def to_dict(self) -> dict[str, Any]:
        return {"team": self.team, "topic": self.topic}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Overlap:
        return cls(team=_str(d, "team"), topic=_str(d, "topic", ""))


CONTEXT_LABELS: dict[str, str] = {
    "mission": "Company mission",
    "north_star": "North Star",
    "pillars": "Strategic pillars",
    "vision": "Product vision",
    "principles": "Product principles",
    "strategy": "Product strategy",
    "parent_okrs": "Higher-level OKRs",
    "overlaps": "Overlaps with other teams",
    "why_okrs": "Why we use OKRs",
}
"""Each context field's name as people read it, the same on every screen and in every document."""


@dataclass
class Context:
    """The strategic context that limits the team's playing field for the cycle."""

    mission: str = ""
    north_star: str = ""
    pillars: list[str] = field(default_factory=list)
    vision: str = ""
    principles: list[str] = field(default_factory=list)
    strategy: str = ""
    parent_okrs: list[str] = field(default_factory=list)
    overlaps: list[Overlap] = field(default_factory=list)
    why_okrs: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "mission": self.mission,
            "north_star": self.north_star,
            "pillars": list(self.pillars),
            "vision": self.vision,
            "principles": list(self.principles),
            "strategy": self.strategy,
            "parent_okrs": list(self.parent_okrs),
            "overlaps": [o.to_dict() for o in self.overlaps],
            "why_okrs": self.why_okrs,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Context:
        return cls(
            mission=_str(d, "mission", ""),
            north_star=_str(d, "north_star", ""),
            pillars=_str_list(d, "pillars"),
            vision=_str(d, "vision", ""),
            principles=_str_list(d, "principles"),
            strategy=_str(d, "strategy", ""),
            parent_okrs=_str_list(d, "parent_okrs"),
            overlaps=[Overlap.from_dict(o) for o in _list_of_dicts(d, "overlaps")],
            why_okrs=_str(d, "why_okrs", ""),
        )


@dataclass
class Objective:
    """A draft objective. Exactly one of them may become the workshop's focus."""

    id: str
    text: str
    author: str
    origin: Origin = Origin.LIVE
    pillar: str | None = None
    rationale: str | None = None
    votes: dict[str, int] = field(default_factory=dict)
    created: str = field(default_factory=utcnow)
    source: str | None = None
    """For a draft merged from a drafts file: "<invitation>/<id in the file>", so importing
    the file again after its author edited it updates the draft instead of adding a copy."""
    # --- the room's additions (issue 12) ---
    coauthors: list[str] = field(default_factory=list)
    """People whose duplicate drafts were merged into this one; shown beside the author."""
    contributes_to: str | None = None
    """The higher-level OKR line (from ``context.parent_okrs``) this draft serves, as stored
    when it was chosen."""

    @property
    def authors(self) -> list[str]:
        """The author first, then the co-authors: who to credit for the draft."""
        return [self.author, *self.coauthors]

    @property
    def byline(self) -> str:
        """ "Ben", or "Ben with Chen, Dana" once drafts were merged: a draft's credit in plain
        text."""
        return f"{self.author} with {', '.join(self.coauthors)}" if self.coauthors else self.author

    carried_from: str | None = None
    """"<workshop id>/<item id>" when the next cycle offered a deprioritized item as a draft."""
    kept_on_close: bool = False
    """Added from words left in a participant's box when their screen closed under them (a
    browser tab shut, the server stopped), not by pressing Enter: their screen says so, so a
    stray half-sentence is easy to spot and delete. Cleared when the author edits it."""
    imported: str | None = None
    """For a draft from a drafts file: the fingerprint of its words (``rules.draft_words``) as
    the last import wrote them, so a later import can tell whether anyone changed it since."""
    merged: str | None = None
    """When the room last merged another draft into this one."""

    @property
    def total_votes(self) -> int:
        return sum(self.votes.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "author": self.author,
            "origin": self.origin.value,
            "pillar": self.pillar,
            "rationale": self.rationale,
            "votes": dict(self.votes),
            "created": self.created,
            "source": self.source,
            "coauthors": list(self.coauthors),
            "contributes_to": self.contributes_to,
            "carried_from": self.carried_from,
            "kept_on_close": self.kept_on_close,
            "imported": self.imported,
            "merged": self.merged,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Objective:
        votes = _dict(d, "votes")
        if not all(isinstance(k, str) and type(v) is int and v >= 0 for k, v in votes.items()):
            raise DataError("field 'votes' should map participant names to whole numbers")
        return cls(
            id=_str(d, "id"),
            text=_str(d, "text"),
            author=_str(d, "author"),
            origin=_enum(Origin, d, "origin", Origin.LIVE),
            pillar=_opt_str(d, "pillar"),
            rationale=_opt_str(d, "rationale"),
            votes=dict(votes),
            created=_str(d, "created", ""),
            source=_opt_str(d, "source"),
            coauthors=_str_list(d, "coauthors"),
            contributes_to=_opt_str(d, "contributes_to"),
            carried_from=_opt_str(d, "carried_from"),
            kept_on_close=_bool(d, "kept_on_close", False),
            imported=_opt_str(d, "imported"),
            merged=_opt_str(d, "merged"),
        )


_NONE = type(None)
_OBJECTIVE_COLUMNS: dict[str, frozenset[type]] = {
    "id": frozenset({str}),
    "text": frozenset({str}),
    "author": frozenset({str}),
    "origin": frozenset({str}),
    "pillar": frozenset({str, _NONE}),
    "rationale": frozenset({str, _NONE}),
    "votes": frozenset({dict}),
    "created": frozenset({str}),
    "source": frozenset({str, _NONE}),
    "coauthors": frozenset({list}),
    "contributes_to": frozenset({str, _NONE}),
    "carried_from": frozenset({str, _NONE}),
    "kept_on_close": frozenset({bool}),
    "imported": frozenset({str, _NONE}),
    "merged": frozenset({str, _NONE}),
}
"""What ``Objective.from_dict`` accepts in each field, as exact types, for ``_objectives``."""


def _objectives(raw: list[dict[str, Any]]) -> list[Objective]:
    """The drafts of a workshop: all at once when they are as this version writes them, else
    one by one through ``Objective.from_dict`` (which also says what is wrong).

    A big workshop is mostly drafts, and reading 10,000 of them one by one (a dozen checks and
    a keyword call each) was most of the time a saved change took. Here every check runs over a
    whole column in C and the drafts are built with positional arguments: a third of the time.
    It applies only to drafts holding exactly ``Objective``'s fields, in their order, with the
    types ``_OBJECTIVE_COLUMNS`` allows; anything else (a field added to ``Objective`` and not
    to that table, a hand-edited file) takes the one-by-one path.
    """
    names = tuple(f.name for f in fields(Objective))
    if not raw or set(map(tuple, raw)) != {names} or set(_OBJECTIVE_COLUMNS) != set(names):
        return [Objective.from_dict(o) for o in raw]
    columns = [list(column) for column in zip(*map(dict.values, raw), strict=True)]
    if any(
        not set(map(type, column)) <= _OBJECTIVE_COLUMNS[name]
        for name, column in zip(names, columns, strict=True)
    ):
        return [Objective.from_dict(o) for o in raw]
    at = names.index
    origins = list(map(Origin._value2member_map_.get, columns[at("origin")]))
    votes, coauthors = columns[at("votes")], columns[at("coauthors")]
    counts = list(chain.from_iterable(map(dict.values, votes)))
    if (
        None in origins
        or not set(map(type, chain.from_iterable(votes))) <= {str}
        or not set(map(type, counts)) <= {int}
        or (counts and min(counts) < 0)
        or not set(map(type, chain.from_iterable(coauthors))) <= {str}
    ):
        return [Objective.from_dict(o) for o in raw]
    columns[at("origin")] = origins
    columns[at("votes")] = list(map(dict, votes))
    columns[at("coauthors")] = list(map(list, coauthors))
    return list(map(Objective, *columns))


@dataclass
class Deprioritized:
    """Something that matters but is deliberately not done this cycle, and why."""

    id: str
    text: str
    reason: str
    from_objective: str | None = None
    created: str = field(default_factory=utcnow)
    from_key_result: str | None = None
    """The id a key result had before the team moved it to "not now" (it is gone since)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "reason": self.reason,
            "from_objective": self.from_objective,
            "created": self.created,
            "from_key_result": self.from_key_result,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Deprioritized:
        return cls(
            id=_str(d, "id"),
            text=_str(d, "text"),
            reason=_str(d, "reason", ""),
            from_objective=_opt_str(d, "from_objective"),
            created=_str(d, "created", ""),
            from_key_result=_opt_str(d, "from_key_result"),
        )


@dataclass
class CheckReview:
    """The facilitator's review of one SMART check: a verdict and, when accepted, why."""

    status: Review = Review.OPEN
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status.value, "note": self.note}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CheckReview:
        return cls(status=_enum(Review, d, "status", Review.OPEN), note=_str(d, "note", ""))


def _fresh_reviews() -> dict[Check, CheckReview]:
    return {check: CheckReview() for check in Check}


# --- after the room: check-ins, grades, the cycle before -------------------------------------

CONFIDENCE_VOTE_MIN, CONFIDENCE_VOTE_MAX = 1, 5
"""A confidence vote in the room is "fist of five": one to five fingers."""
CHECKIN_CONFIDENCE_MIN, CHECKIN_CONFIDENCE_MAX = 1, 10
"""A check-in's confidence that the key result will be reached, from 1 to 10."""


@dataclass
class CheckIn:
    """Where a key result stood on a day of the cycle, as someone reported it.

    ``value`` is kept as typed ("15%", "1.3k"): ``numbers.amount`` reads it when progress is
    worked out, and the history shows what the person wrote.
    """

    date: date
    value: str
    author: str
    confidence: int | None = None
    note: str = ""
    created: str = field(default_factory=utcnow)

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "value": self.value,
            "author": self.author,
            "confidence": self.confidence,
            "note": self.note,
            "created": self.created,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CheckIn:
        when = _opt_date(d, "date")
        if when is None:
            raise DataError("a check-in needs a field 'date'")
        return cls(
            date=when,
            value=_str(d, "value"),
            author=_str(d, "author", ""),
            confidence=_opt_int(d, "confidence", CHECKIN_CONFIDENCE_MIN, CHECKIN_CONFIDENCE_MAX),
            note=_str(d, "note", ""),
            created=_str(d, "created", ""),
        )


@dataclass
class Grade:
    """A key result's score at the end of the cycle, from 0.0 to 1.0.

    ``by_hand``: the team set it, with a reason (a text key result, or a number that misleads);
    otherwise it was the progress, capped at 1.0, when the grade was recorded.
    """

    score: float
    reason: str = ""
    by_hand: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {"score": self.score, "reason": self.reason, "by_hand": self.by_hand}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Grade:
        return cls(
            score=_score(d, "score"),
            reason=_str(d, "reason", ""),
            by_hand=_bool(d, "by_hand", True),
        )


def _opt_grade(d: dict[str, Any], key: str) -> Grade | None:
    raw = d.get(key)
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise DataError(f"field {key!r} should be an object or null")
    return Grade.from_dict(raw)


def _confidence_votes(d: dict[str, Any]) -> dict[str, int]:
    votes = _dict(d, "confidence_votes")
    if not all(
        isinstance(k, str) and type(v) is int and CONFIDENCE_VOTE_MIN <= v <= CONFIDENCE_VOTE_MAX
        for k, v in votes.items()
    ):
        raise DataError("field 'confidence_votes' should map participant names to 1 to 5")
    return dict(votes)


@dataclass
class LastCycleKeyResult:
    """One key result of the cycle before, as the next cycle's room sees it."""

    id: str
    statement: str
    kind: KrKind = KrKind.COMMITTED
    score: float | None = None
    latest: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "statement": self.statement,
            "kind": self.kind.value,
            "score": self.score,
            "latest": self.latest,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LastCycleKeyResult:
        return cls(
            id=_str(d, "id"),
            statement=_str(d, "statement", ""),
            kind=_enum(KrKind, d, "kind", KrKind.COMMITTED),
            score=None if d.get("score") is None else _score(d, "score"),
            latest=_str(d, "latest", ""),
        )


@dataclass
class LastCycleItem:
    """Something the cycle before deliberately left out, and why."""

    text: str
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "reason": self.reason}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LastCycleItem:
        return cls(text=_str(d, "text"), reason=_str(d, "reason", ""))


@dataclass
class LastCycle:
    """What the cycle before ended with, copied into the next workshop when it is made.

    A copy rather than a look-up: the next workshop is exported, imported and archived on its
    own, and the room should still read what the team learned.
    """

    workshop: str
    label: str
    objective: str = ""
    score: float | None = None
    forecast: bool = False
    """The grade had not been recorded when the next cycle was made: the figures are progress."""
    retro: str = ""
    key_results: list[LastCycleKeyResult] = field(default_factory=list)
    deprioritized: list[LastCycleItem] = field(default_factory=list)
    weekly: str = ""
    """How the weekly meetings went, in one sentence ("" if the team never met weekly)."""
    missed_commitments: list[LastCycleItem] = field(default_factory=list)
    """Commitments not done again and again ("Chen: ...", and how often and why)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "workshop": self.workshop,
            "label": self.label,
            "objective": self.objective,
            "score": self.score,
            "forecast": self.forecast,
            "retro": self.retro,
            "key_results": [k.to_dict() for k in self.key_results],
            "deprioritized": [x.to_dict() for x in self.deprioritized],
            "weekly": self.weekly,
            "missed_commitments": [x.to_dict() for x in self.missed_commitments],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LastCycle:
        return cls(
            workshop=_str(d, "workshop"),
            label=_str(d, "label", ""),
            objective=_str(d, "objective", ""),
            score=None if d.get("score") is None else _score(d, "score"),
            forecast=_bool(d, "forecast", False),
            retro=_str(d, "retro", ""),
            key_results=[LastCycleKeyResult.from_dict(k) for k in _list_of_dicts(d, "key_results")],
            deprioritized=[LastCycleItem.from_dict(x) for x in _list_of_dicts(d, "deprioritized")],
            weekly=_str(d, "weekly", ""),
            missed_commitments=[
                LastCycleItem.from_dict(x) for x in _list_of_dicts(d, "missed_commitments")
            ],
        )


def _opt_last_cycle(d: dict[str, Any]) -> LastCycle | None:
    raw = d.get("last_cycle")
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise DataError("field 'last_cycle' should be an object or null")
    return LastCycle.from_dict(raw)


@dataclass
class KeyResult:
    """A key result for the focus objective, with the numbers that make it measurable.

    Baseline and target are kept as typed ("12%", "$1.2M"): the linter reads numbers out of
    them, and the export shows exactly what the team agreed.
    """

    id: str
    statement: str
    author: str
    metric: str = ""
    baseline: str = ""
    target: str = ""
    unit: str = ""
    deadline: date | None = None
    owner: str = ""
    origin: Origin = Origin.LIVE
    smart: dict[Check, CheckReview] = field(default_factory=_fresh_reviews)
    created: str = field(default_factory=utcnow)
    source: str | None = None
    """As for ``Objective.source``: which drafts-file item this idea was merged from."""
    # after the room
    kind: KrKind = KrKind.COMMITTED
    confidence_votes: dict[str, int] = field(default_factory=dict)
    """Fist of five in refinement: participant -> 1..5, hidden until the facilitator reveals."""
    checkins: list[CheckIn] = field(default_factory=list)
    grade: Grade | None = None
    carried_from: str | None = None
    """"<workshop id>/<kr id>" when the next cycle offered this unfinished key result again."""
    kept_on_close: bool = False
    """As for ``Objective.kept_on_close``: an idea kept from words left in a closing screen."""
    imported: str | None = None
    """As for ``Objective.imported``: the idea's fields as the last import wrote them."""
    contributes_to: str | None = None
    """As for ``Objective.contributes_to``: the higher-level OKR line this key result serves.
    Saved only when set, so files without links keep their bytes."""

    @property
    def movement(self) -> str:
        """Baseline to target as people read it, e.g. "12% → 18%" (unit added if missing)."""
        if not (self.baseline.strip() or self.target.strip()):
            return ""
        unit = self.unit.strip()
        suffix = f" {unit}" if unit and not self.target.rstrip().endswith(unit) else ""
        return f"{self.baseline.strip() or '?'} → {self.target.strip() or '?'}{suffix}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "statement": self.statement,
            "author": self.author,
            "metric": self.metric,
            "baseline": self.baseline,
            "target": self.target,
            "unit": self.unit,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "owner": self.owner,
            "origin": self.origin.value,
            "smart": {check.value: self.smart[check].to_dict() for check in Check},
            "created": self.created,
            "source": self.source,
            "kind": self.kind.value,
            "confidence_votes": dict(self.confidence_votes),
            "checkins": [c.to_dict() for c in self.checkins],
            "grade": self.grade.to_dict() if self.grade else None,
            "carried_from": self.carried_from,
            "kept_on_close": self.kept_on_close,
            "imported": self.imported,
            **({"contributes_to": self.contributes_to} if self.contributes_to is not None else {}),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> KeyResult:
        raw_smart = _dict(d, "smart")
        smart = _fresh_reviews()
        for key, value in raw_smart.items():
            try:
                check = Check(key)
            except ValueError:
                raise DataError(f"unknown SMART check {key!r}") from None
            if not isinstance(value, dict):
                raise DataError(f"SMART check {key!r} should be an object")
            smart[check] = CheckReview.from_dict(value)
        return cls(
            id=_str(d, "id"),
            statement=_str(d, "statement"),
            author=_str(d, "author", ""),
            metric=_str(d, "metric", ""),
            baseline=_str(d, "baseline", ""),
            target=_str(d, "target", ""),
            unit=_str(d, "unit", ""),
            deadline=_opt_date(d, "deadline"),
            owner=_str(d, "owner", ""),
            origin=_enum(Origin, d, "origin", Origin.LIVE),
            smart=smart,
            created=_str(d, "created", ""),
            source=_opt_str(d, "source"),
            kind=_enum(KrKind, d, "kind", KrKind.COMMITTED),
            confidence_votes=_confidence_votes(d),
            checkins=[CheckIn.from_dict(c) for c in _list_of_dicts(d, "checkins")],
            grade=_opt_grade(d, "grade"),
            carried_from=_opt_str(d, "carried_from"),
            kept_on_close=_bool(d, "kept_on_close", False),
            imported=_opt_str(d, "imported"),
            contributes_to=_opt_str(d, "contributes_to"),
        )


@dataclass
class Invitation:
    """One drafts file written by ``okrworkshop invite``: whose it is and what came back.

    Kept in the workshop under the invitation's id, so the file speaks for the person it was
    written for even after a rename (``actions.rename_participant`` follows it), and never for
    someone who later took the same name."""

    person: str
    """The person's name as it is now; "" once they were taken off the workshop."""
    revision: int = 0
    """The highest revision of the file imported so far (0: none yet)."""
    imported: str | None = None
    """When that revision was imported."""

    def to_dict(self) -> dict[str, Any]:
        return {"person": self.person, "revision": self.revision, "imported": self.imported}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Invitation:
        return cls(
            person=_str(d, "person", ""),
            revision=_int(d, "revision", 0),
            imported=_opt_str(d, "imported"),
        )


def _invitations(d: dict[str, Any]) -> dict[str, Invitation]:
    raw = _dict(d, "invitations")
    if not all(isinstance(v, dict) for v in raw.values()):
        raise DataError("field 'invitations' should map invitation ids to objects")
    return {key: Invitation.from_dict(value) for key, value in raw.items()}


@dataclass
class Initiative:
    """Work the team will do this cycle (the plan), serving one key result or the objective."""

    id: str
    text: str
    owner: str = ""
    key_result: str | None = None
    """The id of the key result it serves; None means the objective as a whole."""
    created: str = field(default_factory=utcnow)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "owner": self.owner,
            "key_result": self.key_result,
            "created": self.created,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Initiative:
        return cls(
            id=_str(d, "id"),
            text=_str(d, "text"),
            owner=_str(d, "owner", ""),
            key_result=_opt_str(d, "key_result"),
            created=_str(d, "created", ""),
        )


@dataclass
class Settings:
    """How the facilitator runs this workshop."""

    votes_per_participant: int = 3
    votes_revealed: bool = False
    open_joining: bool = False
    show_drafts_to_participants: bool = False
    drafts_due: date | None = None
    """When participants should have drafted by (the pre-read and participant screen say it)."""
    confidence_revealed: bool = False
    """Whether the room sees everyone's confidence votes (hidden until revealed, like dots)."""
    meeting_date: date | None = None
    """The day of the workshop itself: the pre-read tells people when to come."""
    meeting_time: str = ""
    """When it starts (and ends) as the facilitator wrote it, e.g. "10:00-12:00 CET"."""
    meeting_place: str = ""
    """Where: a room, an address or a video link."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "votes_per_participant": self.votes_per_participant,
            "votes_revealed": self.votes_revealed,
            "open_joining": self.open_joining,
            "show_drafts_to_participants": self.show_drafts_to_participants,
            "drafts_due": self.drafts_due.isoformat() if self.drafts_due else None,
            "confidence_revealed": self.confidence_revealed,
            "meeting_date": self.meeting_date.isoformat() if self.meeting_date else None,
            "meeting_time": self.meeting_time,
            "meeting_place": self.meeting_place,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Settings:
        return cls(
            votes_per_participant=_int(d, "votes_per_participant", 3),
            votes_revealed=_bool(d, "votes_revealed", False),
            open_joining=_bool(d, "open_joining", False),
            show_drafts_to_participants=_bool(d, "show_drafts_to_participants", False),
            drafts_due=_opt_date(d, "drafts_due"),
            confidence_revealed=_bool(d, "confidence_revealed", False),
            meeting_date=_opt_date(d, "meeting_date"),
            meeting_time=_str(d, "meeting_time", ""),
            meeting_place=_str(d, "meeting_place", ""),
        )


@dataclass
class Workshop:
    """One team's OKR workshop for one cycle: the whole document."""

    id: str
    team: str
    cycle: Cycle
    facilitator: str = ""
    participants: list[str] = field(default_factory=list)
    stage: Stage = Stage.SETUP
    status: Status = Status.PREPARING
    context: Context = field(default_factory=Context)
    objectives: list[Objective] = field(default_factory=list)
    focus: str | None = None
    deprioritized: list[Deprioritized] = field(default_factory=list)
    key_results: list[KeyResult] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)
    stage_seconds: dict[Stage, float] = field(default_factory=dict)
    timebox_minutes: dict[Stage, int] = field(default_factory=dict)
    sequence: dict[str, int] = field(default_factory=dict)
    created: str = field(default_factory=utcnow)
    updated: str = field(default_factory=utcnow)
    finalized: str | None = None
    invite_key: str = ""
    """Secret that signs drafts-file invitations, so a file edited to speak for someone else
    (or for another workshop) is refused on import. Made on the first invitation."""
    # --- the room's additions (issue 12) ---
    initiatives: list[Initiative] = field(default_factory=list)
    retired_sources: list[str] = field(default_factory=list)
    """Drafts-file items (``source`` values) that live on in another form or were deleted: a
    draft merged into another, a key-result idea moved to the plan or to "not now", an item
    removed. Importing the file again skips them instead of adding them back."""
    invitations: dict[str, Invitation] = field(default_factory=dict)
    """Every drafts file written for this workshop, by invitation id."""
    # after the room
    retro: str = ""
    """What the team learned this cycle, written when it grades."""
    graded: str | None = None
    """When the grade was recorded (the scores are then kept on each key result)."""
    follows: str | None = None
    """The id of the workshop of the cycle before, when this one was made from it."""
    last_cycle: LastCycle | None = None
    archived: bool = False
    """Hidden from lists (``list --all`` shows it); nothing else changes."""
    example: bool = False
    """A copy of the example, opened from the welcome screen to look around in: the command
    line never takes it for "the only workshop" (``-w ID`` still finds it). Saved only when
    set, so no other workshop's file changes."""
    # the weekly meeting (issue 20)
    weeks: list[Week] = field(default_factory=list)
    """One record per ISO week the team met, oldest first (``weeks`` has the rules)."""
    health_metrics: list[str] = field(default_factory=list)
    """What must not break while chasing the OKR, named once per cycle (two to four)."""
    week_timebox_minutes: dict[WeekStep, int] = field(default_factory=dict)
    """The weekly meeting's timeboxes where the team changed the defaults."""

    # --- lookups used everywhere; they never mutate ---

    def objective(self, objective_id: str) -> Objective | None:
        wanted = objective_id.strip().casefold()
        return next((o for o in self.objectives if o.id.casefold() == wanted), None)

    def key_result(self, kr_id: str) -> KeyResult | None:
        wanted = kr_id.strip().casefold()
        return next((k for k in self.key_results if k.id.casefold() == wanted), None)

    def deprioritized_item(self, item_id: str) -> Deprioritized | None:
        wanted = item_id.strip().casefold()
        return next((d for d in self.deprioritized if d.id.casefold() == wanted), None)

    def initiative(self, initiative_id: str) -> Initiative | None:
        wanted = initiative_id.strip().casefold()
        return next((i for i in self.initiatives if i.id.casefold() == wanted), None)

    @property
    def focus_objective(self) -> Objective | None:
        return self.objective(self.focus) if self.focus else None

    def next_id(self, prefix: str) -> str:
        """Hand out the next item id ("o3", "kr2"); ids are never reused after a delete."""
        self.sequence[prefix] = self.sequence.get(prefix, 0) + 1
        return f"{prefix}{self.sequence[prefix]}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "team": self.team,
            "cycle": self.cycle.to_dict(),
            "facilitator": self.facilitator,
            "participants": list(self.participants),
            "stage": self.stage.value,
            "status": self.status.value,
            "context": self.context.to_dict(),
            "objectives": [o.to_dict() for o in self.objectives],
            "focus": self.focus,
            "deprioritized": [d.to_dict() for d in self.deprioritized],
            "key_results": [k.to_dict() for k in self.key_results],
            "settings": self.settings.to_dict(),
            "stage_seconds": {s.value: v for s, v in self.stage_seconds.items()},
            "timebox_minutes": {s.value: v for s, v in self.timebox_minutes.items()},
            "sequence": dict(self.sequence),
            "created": self.created,
            "updated": self.updated,
            "finalized": self.finalized,
            "invite_key": self.invite_key,
            "initiatives": [i.to_dict() for i in self.initiatives],
            "retired_sources": list(self.retired_sources),
            "invitations": {key: i.to_dict() for key, i in self.invitations.items()},
            "retro": self.retro,
            "graded": self.graded,
            "follows": self.follows,
            "last_cycle": self.last_cycle.to_dict() if self.last_cycle else None,
            "archived": self.archived,
            **({"example": True} if self.example else {}),
            "weeks": [w.to_dict() for w in self.weeks],
            "health_metrics": list(self.health_metrics),
            "week_timebox_minutes": {s.value: v for s, v in self.week_timebox_minutes.items()},
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Workshop:
        if not isinstance(d, dict):
            raise DataError("a workshop should be an object")
        return cls(
            id=_str(d, "id"),
            team=_str(d, "team"),
            cycle=Cycle.from_dict(_dict(d, "cycle")),
            facilitator=_str(d, "facilitator", ""),
            participants=_str_list(d, "participants"),
            stage=_enum(Stage, d, "stage", Stage.SETUP),
            status=_enum(Status, d, "status", Status.PREPARING),
            context=Context.from_dict(_dict(d, "context")),
            objectives=_objectives(_list_of_dicts(d, "objectives")),
            focus=_opt_str(d, "focus"),
            deprioritized=[Deprioritized.from_dict(x) for x in _list_of_dicts(d, "deprioritized")],
            key_results=[KeyResult.from_dict(k) for k in _list_of_dicts(d, "key_results")],
            settings=Settings.from_dict(_dict(d, "settings")),
            stage_seconds=_stage_map(_dict(d, "stage_seconds"), (int, float)),
            timebox_minutes=_stage_map(_dict(d, "timebox_minutes"), (int,)),
            sequence=_sequence(d),
            created=_str(d, "created", ""),
            updated=_str(d, "updated", ""),
            finalized=_opt_str(d, "finalized"),
            invite_key=_str(d, "invite_key", ""),
            initiatives=[Initiative.from_dict(i) for i in _list_of_dicts(d, "initiatives")],
            retired_sources=_str_list(d, "retired_sources"),
            invitations=_invitations(d),
            retro=_str(d, "retro", ""),
            graded=_opt_str(d, "graded"),
            follows=_opt_str(d, "follows"),
            last_cycle=_opt_last_cycle(d),
            archived=_bool(d, "archived", False),
            example=_bool(d, "example", False),
            **_week_fields(d),
        )


def _week_fields(d: dict[str, Any]) -> dict[str, Any]:
    """The weekly meeting's fields of a workshop, read by ``week_model``."""
    try:
        return {
            "weeks": read_weeks(d),
            "health_metrics": read_health_metrics(d),
            "week_timebox_minutes": read_week_timeboxes(d),
        }
    except WeekDataError as exc:
        raise DataError(str(exc)) from None


ID_PREFIXES = ("o", "kr", "d", "i")
"""The prefixes ``Workshop.next_id`` hands out (objectives, key results, deprioritized items,
initiatives)."""

_ID_LISTS = ("objectives", "key_results", "deprioritized", "initiatives")


def id_prefix(item_id: str) -> str | None:
    """Which kind of item an id names ("kr3" -> "kr"), or None when it is no item id."""
    raw = item_id.strip().casefold()
    prefix = raw.rstrip("0123456789")
    digits = raw[len(prefix) :]
    if prefix in ID_PREFIXES and digits.isascii() and digits.isdigit():
        return prefix
    return None


def _sequence(d: dict[str, Any]) -> dict[str, int]:
    """The id counters, never below an id already in use: a file whose counters were lost or
    edited (an import, a hand fix) must not make the next draft reuse "o1"."""
    sequence = {k: v for k, v in _dict(d, "sequence").items() if type(v) is int and v >= 0}
    for key in _ID_LISTS:
        numbers: dict[str, list[str]] = {}  # the digits of every id, by prefix
        for item in d.get(key) or []:
            raw = item.get("id") if isinstance(item, dict) else None
            if not isinstance(raw, str):
                continue
            prefix = raw.rstrip("0123456789")  # ASCII digits only, so digits are all ASCII
            digits = raw[len(prefix) :]
            if digits and len(digits) < 10:
                numbers.setdefault(prefix.casefold(), []).append(digits)
        for prefix, found in numbers.items():  # one max per prefix, not one per item
            if prefix in ID_PREFIXES:
                sequence[prefix] = max(sequence.get(prefix, 0), *map(int, found))
    return sequence


def _stage_map(raw: dict[str, Any], types: tuple[type, ...]) -> dict[Stage, Any]:
    out: dict[Stage, Any] = {}
    for key, value in raw.items():
        try:
            stage = Stage(key)
        except ValueError:
            raise DataError(f"unknown step {key!r}") from None
        if isinstance(value, bool) or not isinstance(value, types):
            raise DataError(f"the value for step {key!r} should be a number")
        out[stage] = value
    return out
