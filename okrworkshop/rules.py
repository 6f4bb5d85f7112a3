"""The workshop's rules, as plain functions the CLI and the screens both ask.

Each rule either answers a question (what is missing for a step, may this be final) or refuses
a change with ``RuleError``, whose message is one sentence a facilitator can act on.
Nothing here writes: ``actions`` applies changes after asking these rules.

The SMART linter (``smart``) asks these rules too (how many key results, whether a target
moves), so this module never imports it: where a rule needs the linter's verdict, the caller
passes it in.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from .errors import Refused
from .kr_names import find_key_result, kr_label, no_such_key_result, stable_ref
from .model import (
    CHECKIN_CONFIDENCE_MAX,
    CHECKIN_CONFIDENCE_MIN,
    CONFIDENCE_VOTE_MAX,
    CONFIDENCE_VOTE_MIN,
    Check,
    Deprioritized,
    Initiative,
    KeyResult,
    Lifecycle,
    Objective,
    Origin,
    Review,
    Stage,
    Status,
    Workshop,
)
from .numbers import (
    Ends,
    ValueRefused,
    amount,
    ends_problem,
    mismatch,
    normalized_text,
    read,
    read_ends,
    refusal,
    round_score,
)
from .text import day_words, plural

if TYPE_CHECKING:
    from .smart import KeyResultLint

MAX_NAME_LENGTH = 60
MAX_TEXT_LENGTH = 20_000
# A place may be a video link, and those run long (a Teams link is about 250 characters).
MAX_PLACE_LENGTH = 500
MAX_VOTES_PER_PARTICIPANT = 20
# How many key results one objective has: fewer rarely show it is met, more split attention.
MIN_KEY_RESULTS = 2
MAX_KEY_RESULTS = 5

# The fields a key result needs before the OKR can be final, with the words people use.
KEY_RESULT_FIELDS: dict[str, str] = {
    "metric": "a metric",
    "baseline": "a baseline",
    "target": "a target",
    "deadline": "a deadline",
    "owner": "an owner",
}

# Context fields a team needs to limit its playing field; the others are welcome, not required.
REQUIRED_CONTEXT: dict[str, str] = {
    "mission": "the company mission",
    "north_star": "the North Star",
    "pillars": "at least one strategic pillar",
    "strategy": "the product strategy",
    "why_okrs": "why the team uses OKRs",
}


class RuleError(Refused, ValueError):
    """A change the workshop's rules refuse; the message says what to do instead."""


# --- text people type -----------------------------------------------------------------------


def people_in_room(participants: Iterable[str], facilitator: str) -> list[str]:
    """Everyone who takes part: the participants, then the facilitator (who may draft, vote
    and check in too), without repeats. The one home for who is in the room."""
    people: list[str] = []
    seen: set[str] = set()
    for name in [*participants, facilitator]:
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            people.append(name)
    return people


class NotAParticipant(RuleError):
    """A name that may not join: neither a participant nor the facilitator, and joining is
    not open. The message is for the command line; a person joining on their own screen is
    told in ``their_words``, the facilitator on the shared screen in ``facilitator_words``."""

    def __init__(self, name: str, people: list[str]) -> None:
        self.name = name
        self.people = ", ".join(people) or "nobody yet"
        super().__init__(
            f"{name} is not a participant of this workshop (people in it: {self.people}). "
            f"Ask the facilitator to add them, e.g. okrworkshop participant add {name!r}."
        )

    @property
    def facilitator_words(self) -> str:
        """For the facilitator at the shared screen, who adds people themselves."""
        return (
            f"{self.name} is not in this workshop (people in it: {self.people}). Check the "
            "spelling, or add them on the Set up step first."
        )

    @property
    def their_words(self) -> str:
        """For the person typing their own name (in a terminal or a browser): no command, as
        only the facilitator can add them."""
        return (
            f"{self.name} is not on this workshop's list of people. Pick your name from the "
            "list, or ask the facilitator to add you and try again."
        )


def _require_valid_unicode(value: str, what: str) -> None:
    """Undecodable bytes (a lone surrogate from a terminal in another encoding) cannot be saved."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise RuleError(
            f"The {what} is not valid UTF-8 text (it holds bytes the terminal could not "
            f"decode); check that your terminal uses UTF-8 and type it again."
        ) from None


def clean_text(value: str, what: str, *, limit: int = MAX_TEXT_LENGTH) -> str:
    """Trim surrounding whitespace and refuse empty or overlong text. Inner text is kept exactly."""
    _require_valid_unicode(value, what)
    text = value.strip()
    if not text:
        raise RuleError(f"The {what} is empty; type some words first.")
    if len(text) > limit:
        raise RuleError(
            f"The {what} is {len(text):,} characters long; the limit is {limit:,}. "
            f"Shorten it or move the detail into a note."
        )
    return text


def clean_name(value: str, what: str = "name") -> str:
    """A person's or team's name: one line, not empty, at most MAX_NAME_LENGTH characters."""
    _require_valid_unicode(value, what)
    name = " ".join(value.split())
    if not name:
        raise RuleError(f"The {what} is empty or only spaces; type a name.")
    if len(name) > MAX_NAME_LENGTH:
        raise RuleError(
            f"The {what} is {len(name)} characters long; names are at most "
            f"{MAX_NAME_LENGTH} characters. Use a shorter form, such as a first name."
        )
    return name


def clean_line(value: str, what: str, *, limit: int) -> str:
    """Optional one-line text (a time, a place): whitespace collapsed, ``""`` when empty."""
    _require_valid_unicode(value, what)
    text = " ".join(value.split())
    if len(text) > limit:
        raise RuleError(
            f"The {what} is {len(text):,} characters long; the limit is {limit:,}. Shorten it."
        )
    return text


# A 24-hour time of day at the start: "10:00", "9:30-11:00", "14:00 CET".
_TIME_OF_DAY = re.compile(r"(?:[01]?\d|2[0-3]):[0-5]\d(?!\d)")


def clean_meeting_time(value: str) -> str:
    """When the workshop starts (and ends), as people will read it; ``""`` clears it.

    It must start with a 24-hour time ("2pm" or "10" read differently in different places);
    whatever follows (an end time, a time zone) is kept as written.
    """
    text = clean_line(value, "workshop time", limit=MAX_NAME_LENGTH)
    if text and not _TIME_OF_DAY.match(text):
        raise RuleError(
            f"The workshop time {text!r} does not start with a 24-hour time; write it as "
            f"14:00, or 14:00-16:00 CET."
        )
    return text


def meeting_when(ws: Workshop) -> str:
    """When the workshop meets, as people read it: "Monday 2026-12-14, 10:00-12:30 CET", or
    the part of it that is set ("" when neither is)."""
    s = ws.settings
    parts = [day_words(s.meeting_date) if s.meeting_date else "", " ".join(s.meeting_time.split())]
    return ", ".join(part for part in parts if part)


def find_participant(ws: Workshop, name: str) -> str | None:
    """The participant's name as stored, matched without regard to case or extra spaces."""
    wanted = " ".join(name.split()).casefold()
    people = people_in_room(ws.participants, ws.facilitator)
    return next((p for p in people if p.casefold() == wanted), None)


def require_participant(ws: Workshop, name: str) -> str:
    """Refuse a name that is neither a participant nor the facilitator (unless joining is open)."""
    clean = clean_name(name, "participant name")
    found = find_participant(ws, clean)
    if found is not None or ws.settings.open_joining:
        return found or clean
    raise NotAParticipant(clean, people_in_room(ws.participants, ws.facilitator))


# --- editing and stages ---------------------------------------------------------------------


def require_editable(ws: Workshop) -> None:
    """A final OKR is a record: reopen it before changing it."""
    if ws.status is Status.FINAL:
        raise RuleError(
            "This OKR is final. Reopen it first (okrworkshop reopen) if the team wants to "
            "change it."
        )


def is_live_or_later(ws: Workshop) -> bool:
    return ws.status in (Status.LIVE, Status.FINAL)


def missing_for(ws: Workshop, stage: Stage) -> list[str]:
    """What the team still needs to do for ``stage`` to be complete; empty when it is."""
    match stage:
        case Stage.SETUP:
            return _missing_setup(ws)
        case Stage.CONTEXT:
            return _missing_context(ws)
        case Stage.DRAFTS:
            return _missing_drafts(ws)
        case Stage.FOCUS:
            return [] if ws.focus_objective else ["Choose the one focus objective."]
        case Stage.DEPRIORITIZED:
            return _missing_deprioritized(ws)
        case Stage.KEY_RESULTS:
            return _missing_key_results(ws)
        case Stage.REFINE:
            return _missing_refinement(ws)
        case Stage.FINAL:
            return [] if ws.status is Status.FINAL else ["Finalize the OKR."]


def step_complete(ws: Workshop, stage: Stage) -> bool:
    return not missing_for(ws, stage)


def _missing_setup(ws: Workshop) -> list[str]:
    missing = []
    if not ws.team.strip():
        missing.append("Name the team.")
    if not ws.cycle.label.strip():
        missing.append("Name the cycle, e.g. 2027 Q1.")
    if ws.cycle.start is None or ws.cycle.end is None:
        missing.append("Set the cycle's start and end dates.")
    if not ws.facilitator:
        missing.append("Name the facilitator.")
    if not ws.participants:
        missing.append("Add the participants.")
    return missing


def _missing_context(ws: Workshop) -> list[str]:
    return [
        f"Add {words}."
        for key, words in REQUIRED_CONTEXT.items()
        if not _has_content(getattr(ws.context, key))
    ]


def _has_content(value: str | list[str]) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return any(v.strip() for v in value)


def _missing_drafts(ws: Workshop) -> list[str]:
    if not ws.objectives:
        return ["Draft at least one objective."]
    authors = {person.casefold() for o in ws.objectives for person in o.authors}
    return [
        f"{person} has not drafted an objective yet."
        for person in ws.participants
        if person.casefold() not in authors
    ]


@dataclass(frozen=True)
class DraftingProgress:
    """What one person has sent before the meeting: draft objectives and key-result ideas."""

    name: str
    drafts: int
    kr_ideas: int

    @property
    def started(self) -> bool:
        return bool(self.drafts or self.kr_ideas)

    def describe(self, *, short: bool = False) -> str:
        """In words: "2 drafts, 1 key-result idea" (``short``: "1 KR idea"), or "nothing yet"."""
        if not self.started:
            return "nothing yet"
        idea = "KR idea" if short else "key-result idea"
        parts = []
        if self.drafts:
            parts.append(plural(self.drafts, "draft"))
        if self.kr_ideas:
            parts.append(plural(self.kr_ideas, idea))
        return ", ".join(parts)


def drafting_progress(ws: Workshop) -> list[DraftingProgress]:
    """Who has drafted what before the meeting, so the facilitator knows whom to nudge.

    Every participant is listed, in the workshop's order, including those with nothing yet.
    Anyone else who sent something before the meeting (the facilitator, or a person who joined
    while joining was open) follows, drafts' authors first. Only items written before the
    meeting count; names are matched without regard to case. A merged draft counts for each of
    its authors.
    """
    drafts: dict[str, int] = {}
    ideas: dict[str, int] = {}
    names: dict[str, str] = {p.casefold(): p for p in ws.participants}
    # Work carried over from the last cycle is offered in the facilitator's name, not sent.
    sent = [o for o in ws.objectives if o.origin is Origin.PRE_WORKSHOP and not o.carried_from]
    sent_krs = [k for k in ws.key_results if k.origin is Origin.PRE_WORKSHOP and not k.carried_from]
    for items, counts in (
        ([p for o in sent for p in o.authors], drafts),
        ([k.author for k in sent_krs], ideas),
    ):
        for author in filter(None, items):
            key = author.casefold()
            names.setdefault(key, author)
            counts[key] = counts.get(key, 0) + 1
    return [
        DraftingProgress(name, drafts.get(key, 0), ideas.get(key, 0)) for key, name in names.items()
    ]


def drafts_per_person(ws: Workshop) -> dict[str, int]:
    """How many drafts each person is credited with, by name without regard to case: a merged
    draft counts once for each of its authors (``Objective.authors``). The author strip, the
    minutes and ``show`` all count this way."""
    counts: dict[str, int] = {}
    for o in ws.objectives:
        for key in {name.casefold() for name in o.authors if name}:
            counts[key] = counts.get(key, 0) + 1
    return counts


def undecided_drafts(ws: Workshop) -> list[Objective]:
    """Drafts that are neither the focus nor on the deprioritized list."""
    decided = {d.from_objective for d in ws.deprioritized if d.from_objective}
    return [o for o in ws.objectives if o.id != ws.focus and o.id not in decided]


def _missing_deprioritized(ws: Workshop) -> list[str]:
    missing = []
    if not ws.focus_objective:
        missing.append("Choose the focus objective first.")
    for objective in undecided_drafts(ws) if ws.focus_objective else []:
        missing.append(
            f"Deprioritize draft {objective.id} with a reason, or delete it on the Drafts step."
        )
    for item in ws.deprioritized:
        if not item.reason.strip():
            missing.append(f"Give a reason for deprioritized item {item.id}.")
    if not ws.deprioritized and not missing:
        missing.append("List at least one thing the team deliberately will not do this cycle.")
    return missing


def key_result_gaps(kr: KeyResult) -> list[str]:
    """The fields this key result still needs, in words ("a baseline", "an owner")."""
    return [
        words for key, words in KEY_RESULT_FIELDS.items() if not str(getattr(kr, key) or "").strip()
    ]


def _missing_key_results(ws: Workshop) -> list[str]:
    focus = [] if ws.focus_objective else ["Choose the focus objective first."]
    return focus + _key_result_set_gaps(ws)


def _key_result_set_gaps(ws: Workshop) -> list[str]:
    """What the key results themselves lack: how many there are, their fields, their numbers."""
    missing = []
    count = len(ws.key_results)
    if count < MIN_KEY_RESULTS:
        missing.append(f"Add key results: at least {MIN_KEY_RESULTS}, you have {count}.")
    elif count > MAX_KEY_RESULTS:
        missing.append(
            f"Keep at most {MAX_KEY_RESULTS} key results (you have {count}): "
            f"merge or drop the weakest."
        )
    for kr in ws.key_results:
        gaps = key_result_gaps(kr)
        if gaps:
            missing.append(f"{kr_label(ws, kr)} needs {_join(gaps)}.")
    for kr in ws.key_results:
        if same_baseline_and_target(kr.baseline, kr.target):
            missing.append(
                f"{kr_label(ws, kr)}: the target equals the baseline; set a target that moves."
            )
        problem = units_problem(kr.baseline, kr.target, kr.unit)
        if problem is not None:
            missing.append(f"{kr_label(ws, kr)}: {problem}")
    return missing


def same_baseline_and_target(baseline: str, target: str) -> bool:
    """Whether a key result's target says the same as its baseline, so nothing has to change.

    When both fields hold one amount, the amounts are compared in one unit ("12%" and "12.0 %",
    "$1.2M" and "1,200,000", "1.5k" and "1500", "2 days" and "48 hours"; "12 days" and "12
    hours" differ). Otherwise the words are, ignoring case and spacing ("High" and "high"). An
    empty field is never equal to anything: a missing value is a gap of its own. Finalizing
    and the linter both ask this, so they always agree.
    """
    b, t = normalized_text(baseline), normalized_text(target)
    if not b or not t:
        return False
    try:
        ends = read_ends(b, t)
    except ValueRefused:
        return False  # numbers that do not compare: a problem of its own (``units_problem``)
    if ends is not None:
        return not ends.moves
    return b == t


def units_problem(baseline: str, target: str, unit: str = "") -> str | None:
    """Why a key result's baseline and target cannot be compared ("3 days" and "30%", a value
    too large, "5%%"), in one sentence; None when they can, or when either is words. Adding a
    key result, finalizing and the linter ask this, so all three say the same."""
    return ends_problem(baseline, target, unit)


def require_comparable_ends(baseline: str, target: str, unit: str = "") -> None:
    problem = units_problem(baseline, target, unit)
    if problem is not None:
        raise RuleError(problem)


def unreviewed_checks(kr: KeyResult) -> list[Check]:
    return [check for check in Check if kr.smart[check].status is Review.OPEN]


def _missing_refinement(ws: Workshop) -> list[str]:
    if not ws.key_results:
        return ["Add key results first."]
    missing = []
    for kr in ws.key_results:
        open_checks = unreviewed_checks(kr)
        if open_checks:
            names = _join([c.label for c in open_checks])
            missing.append(f"{kr_label(ws, kr)}: confirm or accept {names}.")
    missing += _deadlines_outside_cycle(ws)
    return missing


def finalize_blockers(ws: Workshop) -> list[str]:
    """Everything that stops the OKR from being final; empty means it can be finalized."""
    if ws.status is Status.FINAL:
        return ["The OKR is already final."]
    blockers = [] if ws.focus_objective else ["Choose exactly one focus objective."]
    blockers += _key_result_set_gaps(ws)
    if ws.key_results:
        blockers += _missing_refinement(ws)
    return blockers


def require_can_finalize(ws: Workshop) -> None:
    blockers = finalize_blockers(ws)
    if blockers:
        raise RuleError("The OKR cannot be final yet: " + " ".join(blockers))


# --- focus and votes ------------------------------------------------------------------------


def tied_at_top(objectives: list[Objective]) -> list[Objective]:
    """The drafts that share the most dots, when more than one does (and anyone voted)."""
    most = max((o.total_votes for o in objectives), default=0)
    top = [o for o in objectives if o.total_votes == most]
    return top if most and len(top) > 1 else []


def tie_words(ws: Workshop) -> str:
    """ "Tie at the top: o1 and o3 have 2 dots each." once the votes are revealed, else "":
    what the shared screen flags and ``okrworkshop votes`` says, in the same words."""
    tie = tied_at_top(ws.objectives) if ws.settings.votes_revealed else []
    if not tie:
        return ""
    ids = ", ".join(o.id for o in tie[:-1]) + f" and {tie[-1].id}"
    return f"Tie at the top: {ids} have {plural(tie[0].total_votes, 'dot')} each."


def require_objective(ws: Workshop, objective_id: str) -> Objective:
    objective = ws.objective(objective_id)
    if objective is None:
        known = ", ".join(o.id for o in ws.objectives) or "none yet"
        raise RuleError(f"There is no draft objective {objective_id!r}. Drafts: {known}.")
    return objective


def require_key_result(ws: Workshop, kr_id: str) -> KeyResult:
    """The key result stored under ``kr_id`` (screens and actions pass stored ids)."""
    kr = ws.key_result(kr_id)
    if kr is None:
        raise RuleError(no_such_key_result(ws, stable_ref(kr_id.strip())))
    return kr


def require_named_key_result(ws: Workshop, typed: str) -> KeyResult:
    """The key result a person named ("KR2", "2", or "id:kr3" from a script): what every
    command-line argument that names a key result is read with (``kr_names``)."""
    kr = find_key_result(ws, typed)
    if kr is None:
        raise RuleError(no_such_key_result(ws, typed))
    return kr


def require_deprioritized(ws: Workshop, item_id: str) -> Deprioritized:
    item = ws.deprioritized_item(item_id)
    if item is None:
        known = ", ".join(d.id for d in ws.deprioritized) or "none yet"
        raise RuleError(f"There is no deprioritized item {item_id!r}. Items: {known}.")
    return item


def require_focus_allowed(ws: Workshop, objective: Objective) -> None:
    """Exactly one focus: a second one is refused until the first is cleared."""
    current = ws.focus_objective
    if current is not None and current.id != objective.id:
        raise RuleError(
            f"The team already chose one focus objective ({current.id}). A team has exactly one "
            f"focus per cycle; clear the current focus first if the team changes its mind."
        )


def drafts_to_offer_for_deprioritizing(ws: Workshop) -> list[Objective]:
    """Once a focus is chosen, the other drafts not yet on the deprioritized list."""
    return undecided_drafts(ws) if ws.focus_objective else []


def votes_used(ws: Workshop, person: str) -> int:
    return sum(o.votes.get(person, 0) for o in ws.objectives)


def votes_left(ws: Workshop, person: str) -> int:
    return max(ws.settings.votes_per_participant - votes_used(ws, person), 0)


def voting_open(ws: Workshop) -> bool:
    """Whether participants may dot-vote from their own screens: the room is at the focus step
    and has not chosen yet (before that, drafts are still coming in)."""
    return ws.stage is Stage.FOCUS and ws.focus_objective is None and ws.status is not Status.FINAL


def require_voting_open(ws: Workshop) -> None:
    if ws.focus_objective is not None:
        raise RuleError("Voting is closed: the team already chose its focus objective.")


def require_vote_available(ws: Workshop, person: str) -> None:
    limit = ws.settings.votes_per_participant
    if votes_used(ws, person) >= limit:
        raise RuleError(
            f"{person} has used all {plural(limit, 'dot')}. Take one back from another draft first."
        )


def require_votes_setting(count: int) -> int:
    if not 1 <= count <= MAX_VOTES_PER_PARTICIPANT:
        raise RuleError(
            f"Votes per participant must be between 1 and {MAX_VOTES_PER_PARTICIPANT}; "
            f"three to five suits most teams."
        )
    return count


# --- key results and reviews ----------------------------------------------------------------


def require_review_allowed(
    kr: KeyResult,
    check: Check,
    review: Review,
    note: str,
    lint: KeyResultLint,
    *,
    label: str = "",
) -> None:
    """Confirming needs the automatic check to pass; accepting a gap needs a note saying why.

    ``lint`` is the linter's verdict on ``kr`` (``smart.lint_key_result_record``), passed in so
    that the rules never import the linter, which asks them.
    """
    if review is Review.ACCEPTED and not note.strip():
        raise RuleError(
            f"Accepting {label or kr.id} as it is on {check.label} needs a note saying why the "
            f"team accepts it."
        )
    if review is Review.ACCEPTED and lint.passed(check) is True:
        raise RuleError(
            f"{label or kr.id} passes {check.label}, so there is no gap to accept; confirm it "
            "instead."
        )
    if review is Review.CONFIRMED and lint.passed(check) is False:
        problem = " ".join(f.message for f in lint.for_check(check))
        raise RuleError(
            f"{label or kr.id} does not pass {check.label} yet: {problem} Rewrite it, or accept it "
            f"as it is with a note."
        )


def accepted_gaps(kr: KeyResult, lint: KeyResultLint) -> list[Check]:
    """The checks the room accepted as gaps that are gaps: accepted with a note, and not passed
    by the linter (Achievable and Relevant are the room's own call). What the handout, the
    minutes and ``lint`` report as knowingly accepted; an acceptance stored on a check that
    passes (older files) says nothing false."""
    return [
        check
        for check in Check
        if kr.smart[check].status is Review.ACCEPTED and lint.passed(check) is not True
    ]


# --- after the room: confidence, check-ins, grades ------------------------------------------
#
# A final OKR is a record: its wording, numbers and owners stay as the room agreed them
# (``require_editable`` keeps refusing changes). What happens to it afterwards is recorded
# beside it, not in it: check-ins, grades and the retro are allowed on a final OKR, and only
# there. Reopening a tracked OKR keeps its check-ins (they are what happened) but pauses
# them until it is final again; a graded cycle cannot be reopened until its grade is undone.

MAX_CHECKIN_VALUE_LENGTH = 200
"""A check-in value is where the metric stands ("15%"); words belong in the note."""


def lifecycle(ws: Workshop) -> Lifecycle:
    """Where the OKR is in its life: the stored status in the room, then final -> tracking
    (a check-in exists) -> graded (a grade was recorded)."""
    if ws.status is not Status.FINAL:
        return Lifecycle(ws.status.value)
    if ws.graded:
        return Lifecycle.GRADED
    if any(kr.checkins for kr in ws.key_results):
        return Lifecycle.TRACKING
    return Lifecycle.FINAL


def listed(workshops: list[Workshop], *, include_archived: bool = False) -> list[Workshop]:
    """The workshops a list shows: archived ones only when asked for."""
    return [w for w in workshops if include_archived or not w.archived]


def confidence_voting_open(ws: Workshop) -> bool:
    """Whether participants may give confidence votes from their own screens: the room is
    writing or refining key results and the OKR is not final yet."""
    return (
        bool(ws.key_results)
        and ws.stage in (Stage.KEY_RESULTS, Stage.REFINE)
        and ws.status is not Status.FINAL
    )


def require_confidence_vote(value: int) -> int:
    if isinstance(value, bool) or not CONFIDENCE_VOTE_MIN <= value <= CONFIDENCE_VOTE_MAX:
        raise RuleError(
            f"A confidence vote is {CONFIDENCE_VOTE_MIN} to {CONFIDENCE_VOTE_MAX} fingers "
            f"(1: it will not happen, 5: certain); {value!r} is not one of them."
        )
    return value


def require_trackable(ws: Workshop) -> None:
    """Check-ins and grades belong to a final OKR that has not been graded yet."""
    if ws.status is not Status.FINAL:
        kept = sum(len(kr.checkins) for kr in ws.key_results)
        if kept:
            raise RuleError(
                f"The OKR was reopened for changes; finalize it again (okrworkshop finalize) "
                f"to go on checking in. What was checked in is kept ({plural(kept, 'check-in')})."
            )
        raise RuleError(
            "Check-ins start once the OKR is final: until then its key results can still "
            "change. Finalize it first (okrworkshop finalize)."
        )
    require_not_graded(ws)


def require_not_graded(ws: Workshop) -> None:
    """A recorded grade closes the cycle; undoing it is the one way back."""
    if ws.graded:
        raise RuleError(
            f"This cycle was graded on {ws.graded[:10]}, which closes it. Undo the grade first "
            f"(okrworkshop grade --undo) if the team wants to change it."
        )


def judged_until(ws: Workshop, kr: KeyResult) -> date | None:
    """The last day a key result is judged on: the cycle's last day, or the key result's own
    deadline when the room accepted one after the cycle's end (Time-bound accepted with a
    note). Until then it can be checked in on, and it is not graded before it."""
    end = ws.cycle.end
    accepted = kr.smart[Check.TIME_BOUND].status is Review.ACCEPTED
    if end is not None and kr.deadline is not None and kr.deadline > end and accepted:
        return kr.deadline
    return end


def checkin_day(ws: Workshop, kr: KeyResult, today: date) -> date:
    """The day a check-in made ``today`` is about, unless someone names one: today, or the key
    result's last day (``judged_until``) once that has passed."""
    due = judged_until(ws, kr)
    return due if due is not None and today > due else today


def require_checkin_date(
    ws: Workshop, when: date, today: date, kr: KeyResult | None = None
) -> date:
    """A check-in is about a day that has happened, inside the cycle (a missed week can be
    filled in later, so any past day of the cycle will do). A key result the room accepted
    with a deadline after the cycle takes check-ins until that deadline."""
    if when > today:
        raise RuleError(
            f"{when.isoformat()} is in the future (today is {today.isoformat()}); a check-in "
            f"records where a key result stands on a day that has happened."
        )
    start = ws.cycle.start
    end = judged_until(ws, kr) if kr is not None else ws.cycle.end
    if start and when < start:
        raise RuleError(
            f"{when.isoformat()} is before the cycle starts ({start.isoformat()}); a check-in "
            f"is for a day inside the cycle."
        )
    if end and when > end:
        if end != ws.cycle.end and kr is not None:
            raise RuleError(
                f"{when.isoformat()} is after {kr.id}'s deadline ({end.isoformat()}); its "
                f"check-ins run until that day."
            )
        raise RuleError(
            f"{when.isoformat()} is after the cycle ended ({end.isoformat()}); a check-in is "
            f"for a day inside the cycle (the last day is {end.isoformat()})."
        )
    return when


def require_checkin_confidence(value: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not CHECKIN_CONFIDENCE_MIN <= value <= CHECKIN_CONFIDENCE_MAX:
        raise RuleError(
            f"Confidence is a whole number from {CHECKIN_CONFIDENCE_MIN} to "
            f"{CHECKIN_CONFIDENCE_MAX} (how sure the team is that the key result will be "
            f"reached); {value!r} is not."
        )
    return value


def key_result_ends(kr: KeyResult) -> Ends | None:
    """Baseline and target read in one unit, when progress can be worked out from them: both
    one number, in units that compare, and not the same (None otherwise)."""
    try:
        ends = read_ends(kr.baseline, kr.target, kr.unit)
    except ValueRefused:
        return None
    return ends if ends is not None and ends.moves else None


def is_numeric(kr: KeyResult) -> bool:
    """Whether baseline and target each hold one amount, so progress can be worked out."""
    return key_result_ends(kr) is not None


def has_numbers(kr: KeyResult) -> bool:
    """Whether the key result's baseline or target holds a number (even one that cannot be
    used): its check-ins are then numbers too, never words."""
    return any(amount(field) is not None or refusal(field) for field in (kr.baseline, kr.target))


def require_checkin_value(kr: KeyResult, value: str, label: str = "") -> str:
    """The value as typed, checked against the key result: a number where there is one to
    compare with ("15%", or "15" for a key result in %; "30 hours" for one in days), any words
    where there is not. ``label`` is what people call it ("KR2", ``kr_names``)."""
    name = label or kr.id
    text = clean_text(value, "check-in value", limit=MAX_CHECKIN_VALUE_LENGTH)
    if not has_numbers(kr):
        return text
    target = kr.target.strip() or kr.baseline.strip()
    try:
        found = read(text)
    except ValueRefused as exc:
        raise RuleError(
            f"The value for {name} cannot be used: {exc} Write where it stands now, in the "
            f"units of its target ({target})."
        ) from None
    if found is None:
        raise RuleError(
            f"The value {text!r} for {name} is not one number; write where it stands now, in "
            f"the units of its target ({target}), and put any words in the note."
        )
    ends = key_result_ends(kr)
    if ends is not None:
        reason = mismatch(found.in_unit(ends.unit).unit, ends.unit)
        if reason is not None:
            raise RuleError(
                f"The value {text!r} is not in the units of {name}: {reason}. Write it the way "
                f"its target is written ({target}), or as a plain number."
            )
    return text


def require_score(value: float, kr_id: str) -> float:
    """A grade is a score from 0.0 (nothing moved) to 1.0 (the target was reached)."""
    if not math.isfinite(value) or not 0.0 <= value <= 1.0:
        raise RuleError(
            f"A score is a number from 0.0 to 1.0 (1.0: the target was reached); {value:g} "
            f"for {kr_id} is not."
        )
    return round_score(value)


def _join(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


# --- the room's additions: merging drafts, the plan, "contributes to", deadlines in the cycle --


def require_initiative(ws: Workshop, initiative_id: str) -> Initiative:
    item = ws.initiative(initiative_id)
    if item is None:
        known = ", ".join(i.id for i in ws.initiatives) or "none yet"
        raise RuleError(f"There is no initiative {initiative_id!r}. Initiatives: {known}.")
    return item


def require_deprioritizable(ws: Workshop, objective: Objective) -> None:
    """A draft goes on the deprioritized list once, and never while it is the focus."""
    if objective.id == ws.focus:
        raise RuleError(f"{objective.id} is the focus objective; it cannot also be deprioritized.")
    if any(d.from_objective == objective.id for d in ws.deprioritized):
        raise RuleError(f"{objective.id} is already on the deprioritized list.")


def require_merge_allowed(ws: Workshop, keep: Objective, other: Objective) -> None:
    """Two different drafts, and the focus is never the one that goes away.

    Merging into the focus is fine (a duplicate of the chosen objective joins it, with its
    votes); merging the focus into another draft would silently change what the team chose,
    so that is refused: keep the focus instead.
    """
    if keep.id == other.id:
        raise RuleError(f"{keep.id} is the same draft twice; name two different drafts to merge.")
    if other.id == ws.focus:
        raise RuleError(
            f"{other.id} is the focus objective, so it cannot be merged away. Keep it instead: "
            f"okrworkshop merge {other.id} {keep.id}."
        )


def capped_merged_votes(ws: Workshop, keep: Objective, other: Objective) -> dict[str, int]:
    """The dots of two drafts combined voter by voter, never taking anyone past their dots.

    A merge moves dots, it never adds any, so a voter only ends over the cap when the
    facilitator lowered it after they voted: then the merged draft keeps only what fits
    under the cap with their dots elsewhere (never below zero).
    """
    cap = ws.settings.votes_per_participant
    merged: dict[str, int] = {}
    for voter in [*keep.votes, *(v for v in other.votes if v not in keep.votes)]:
        combined = keep.votes.get(voter, 0) + other.votes.get(voter, 0)
        elsewhere = sum(
            o.votes.get(voter, 0) for o in ws.objectives if o.id not in (keep.id, other.id)
        )
        dots = min(combined, max(cap - elsewhere, 0))
        if dots:
            merged[voter] = dots
    return merged


def resolve_parent_okr(ws: Workshop, choice: str) -> str:
    """The higher-level OKR line a draft or a key result contributes to, as stored in the
    context: the one rule for what such a link may name.

    ``choice`` is the line's number as listed (1 for the first), or its exact text, case and
    runs of spaces aside. A number always means a position: a line made only of digits is
    picked by its number too.
    """
    lines = ws.context.parent_okrs
    wanted = " ".join(choice.split())
    if not lines:
        raise RuleError(
            "The strategic context lists no higher-level OKRs yet; add them first, e.g. "
            "okrworkshop context --parent-okr 'Company O1: grow EU revenue'."
        )
    numbered = "; ".join(f"{n}. {line}" for n, line in enumerate(lines, 1))
    if wanted.isascii() and wanted.isdigit():
        index = int(wanted)
        if 1 <= index <= len(lines):
            return lines[index - 1]
        raise RuleError(
            f"There is no higher-level OKR number {wanted}; pick 1 to {len(lines)}: {numbered}."
        )
    found = next(
        (line for line in lines if " ".join(line.split()).casefold() == wanted.casefold()), None
    )
    if found is None:
        raise RuleError(
            f"{wanted!r} is not one of the higher-level OKRs; give its number or its exact "
            f"text: {numbered}."
        )
    return found


CycleDates = tuple[date | None, date | None]


def deadline_outside_cycle(
    deadline: date | None, cycle: CycleDates
) -> Literal["before", "after"] | None:
    """Whether a deadline falls before the cycle starts or after it ends (None: inside, or
    nothing to compare). The linter and finalizing both ask this."""
    start, end = cycle
    if deadline is None:
        return None
    if end is not None and deadline > end:
        return "after"
    if start is not None and deadline < start:
        return "before"
    return None


def cycle_dates_phrase(cycle: CycleDates) -> str:
    """The cycle's dates as a phrase: "2027-01-01 to 2027-03-31", or the one date known."""
    start, end = cycle
    if start and end:
        return f"{start.isoformat()} to {end.isoformat()}"
    if end:
        return f"ending {end.isoformat()}"
    return f"starting {start.isoformat()}" if start else "with no dates set"


def deadline_outside_cycle_message(deadline: date, cycle: CycleDates) -> str | None:
    """One sentence naming the deadline and the cycle's dates, or None when it is inside."""
    side = deadline_outside_cycle(deadline, cycle)
    if side is None:
        return None
    start, end = cycle
    edge = f"ends ({end.isoformat()})" if side == "after" and end else ""
    if side == "before" and start:
        edge = f"starts ({start.isoformat()})"
    return (
        f"The deadline {deadline.isoformat()} is {side} the cycle {edge}; the cycle runs "
        f"{cycle_dates_phrase(cycle)}. Move the deadline inside the cycle, or accept "
        f"Time-bound with a note if the team means it."
    )


def _deadlines_outside_cycle(ws: Workshop) -> list[str]:
    """Key results due outside the cycle, unless the team accepted Time-bound with a note."""
    missing = []
    for kr in ws.key_results:
        if kr.smart[Check.TIME_BOUND].status is Review.ACCEPTED or kr.deadline is None:
            continue
        message = deadline_outside_cycle_message(kr.deadline, ws.cycle.dates)
        if message is not None:
            missing.append(f"{kr_label(ws, kr)}: {message}")
    return missing


# --- a draft's words, its dots, and what the room has made of it -----------------------------


def draft_words(objective: Objective) -> str:
    """A short fingerprint of what a draft says (text, pillar, rationale): equal words, equal
    fingerprint. An import keeps it on the draft (``Objective.imported``), so a later import
    can tell whether anyone changed the draft since."""
    return _fingerprint([objective.text, objective.pillar or "", objective.rationale or ""])


def idea_words(kr: KeyResult) -> str:
    """As ``draft_words``, for a key-result idea and the fields a drafts file carries."""
    deadline = kr.deadline.isoformat() if kr.deadline else ""
    return _fingerprint(
        [kr.statement, kr.metric, kr.baseline, kr.target, kr.unit, deadline, kr.owner]
    )


def _fingerprint(parts: list[str]) -> str:
    return hashlib.sha256(json.dumps(parts).encode("utf-8", "replace")).hexdigest()[:16]


def dots_after_rewording(
    objective: Objective, new_text: str, *, editor: str | None
) -> dict[str, int]:
    """Whose dots stay on a draft whose words change: the one rule for every way of editing.

    The room rewording a draft on the shared screen (``editor`` None), where everyone sees
    it, keeps every dot. The author rewording their own draft alone (the participant screen,
    a drafts file) keeps their own dots only: the others voted for words that are gone, so
    their dots go back to them to place again. The same words (case and spacing aside) keep
    every dot, whoever types them.
    """
    if editor is None or normalized_words(new_text) == normalized_words(objective.text):
        return dict(objective.votes)
    return {voter: n for voter, n in objective.votes.items() if voter == editor}


def normalized_words(text: str) -> str:
    """What counts as the same words: case and runs of spaces aside."""
    return " ".join(text.split()).casefold()


def changed_since_import(imported: str | None, words: str) -> bool:
    """An item's ``imported`` mark is "<the file's item>/<its words>" as the last import left
    them; its words now differ when someone changed it since."""
    return imported is not None and imported.rpartition("/")[2] != words


def _day(stamp: str | None) -> str:
    return f" on {stamp[:10]}" if stamp else ""


def room_hold_on_draft(ws: Workshop, objective: Objective) -> str | None:
    """Why a draft is no longer its author's alone (None while it is): the room merged it,
    voted on it, chose it as the focus or moved it to deprioritized, or someone changed it
    since it was imported. A drafts file may then add beside it but never change it."""
    if objective.merged or objective.coauthors:
        return f"was merged by the room{_day(objective.merged)}"
    if ws.focus == objective.id:
        return "was chosen as the focus objective"
    if any(d.from_objective == objective.id for d in ws.deprioritized):
        return "was moved to deprioritized"
    voters = sorted(voter for voter, n in objective.votes.items() if n)
    if voters:
        return f"has dots from {', '.join(voters)}"
    if changed_since_import(objective.imported, draft_words(objective)):
        return "was changed since it was imported"
    return None


def room_hold_on_idea(kr: KeyResult) -> str | None:
    """As ``room_hold_on_draft``, for a key-result idea: changed since it was imported,
    confidence votes, check-ins or a grade make it the room's."""
    if changed_since_import(kr.imported, idea_words(kr)):
        return "was changed since it was imported"
    if kr.confidence_votes:
        return "has confidence votes"
    if kr.checkins or kr.grade is not None:
        return "has check-ins"
    if any(review.status is not Review.OPEN for review in kr.smart.values()):
        return "was reviewed by the room"
    return None
