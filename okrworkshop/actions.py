"""Every change a person can make to a workshop, as one function each.

An action takes the workshop *as just re-read from disk* (``Store.update`` hands it over under
the lock), asks ``rules`` whether the change is allowed, mutates the workshop and returns what
the caller wants to show. Actions never touch files, so they are tested on plain objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from . import rules
from .dates import read_day
from .kr_names import kr_label
from .model import (
    Check,
    CheckReview,
    Context,
    Cycle,
    Deprioritized,
    Initiative,
    KeyResult,
    Objective,
    Origin,
    Overlap,
    Review,
    Stage,
    Status,
    Workshop,
    utcnow,
)
from .org import OrgDefinition, ParentIndex, line_for, org_parent
from .rules import RuleError, clean_name, clean_text


def parse_date(value: str | date | None, what: str) -> date | None:
    """A date typed as 2027-03-31; empty means none. Refuses anything else with an example."""
    if value is None or isinstance(value, date):
        return value
    text = value.strip()
    if not text:
        return None
    try:
        return read_day(text)
    except ValueError:
        raise RuleError(f"The {what} {text!r} is not a date; write it as 2027-03-31.") from None


def _check_cycle_dates(start: date | None, end: date | None) -> None:
    if start and end and end <= start:
        raise RuleError(
            f"The cycle ends ({end.isoformat()}) before it starts ({start.isoformat()}); "
            f"swap the dates."
        )


def _unique_names(names: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for raw in names:
        name = clean_name(raw, "participant name")
        seen.setdefault(name.casefold(), name)
    return list(seen.values())


# --- setting up -----------------------------------------------------------------------------


def new_workshop(
    team: str,
    cycle_label: str,
    *,
    start: str | date | None = None,
    end: str | date | None = None,
    facilitator: str = "",
    participants: list[str] | tuple[str, ...] = (),
) -> Workshop:
    """A workshop ready to be stored; the store gives it its id."""
    start_date = parse_date(start, "cycle start")
    end_date = parse_date(end, "cycle end")
    _check_cycle_dates(start_date, end_date)
    return Workshop(
        id="",
        team=clean_name(team, "team name"),
        cycle=Cycle(clean_name(cycle_label, "cycle label"), start_date, end_date),
        facilitator=clean_name(facilitator, "facilitator name") if facilitator.strip() else "",
        participants=_unique_names(list(participants)),
    )


def update_setup(
    ws: Workshop,
    *,
    team: str | None = None,
    cycle_label: str | None = None,
    start: str | date | None = None,
    end: str | date | None = None,
    facilitator: str | None = None,
) -> None:
    """Change the team, cycle or facilitator; only the arguments given are changed."""
    rules.require_editable(ws)
    if team is not None:
        ws.team = clean_name(team, "team name")
    if cycle_label is not None:
        ws.cycle.label = clean_name(cycle_label, "cycle label")
    new_start = parse_date(start, "cycle start") if start is not None else ws.cycle.start
    new_end = parse_date(end, "cycle end") if end is not None else ws.cycle.end
    _check_cycle_dates(new_start, new_end)
    ws.cycle.start, ws.cycle.end = new_start, new_end
    if facilitator is not None:
        ws.facilitator = clean_name(facilitator, "facilitator name") if facilitator.strip() else ""


def add_participant(ws: Workshop, name: str) -> str:
    rules.require_editable(ws)
    clean = clean_name(name, "participant name")
    if any(p.casefold() == clean.casefold() for p in ws.participants):
        raise RuleError(f"{clean} is already a participant.")
    ws.participants.append(clean)
    return clean


def join(ws: Workshop, name: str) -> str:
    """A person opens their participant screen: a known name (any case) is theirs; an unknown
    one is added when the facilitator allows open joining, otherwise refused with the list."""
    person = rules.require_participant(ws, name)
    if person not in ws.participants and person != ws.facilitator:
        rules.require_editable(ws)
        ws.participants.append(person)
    return person


def rename_participant(ws: Workshop, old: str, new: str) -> str:
    """Rename a person everywhere: participant list, authorship, votes and ownership."""
    rules.require_editable(ws)
    current = next((p for p in ws.participants if p.casefold() == old.strip().casefold()), None)
    if current is None:
        raise RuleError(f"{old.strip()} is not a participant.")
    clean = clean_name(new, "participant name")
    clash = clean.casefold() != current.casefold() and any(
        p.casefold() == clean.casefold() for p in ws.participants
    )
    if clash:
        raise RuleError(f"{clean} is already a participant; pick another name.")
    ws.participants[ws.participants.index(current)] = clean
    for objective in ws.objectives:
        if objective.author == current:
            objective.author = clean
        objective.coauthors = [clean if c == current else c for c in objective.coauthors]
        if current in objective.votes:
            objective.votes[clean] = objective.votes.pop(current)
    for kr in ws.key_results:
        if kr.author == current:
            kr.author = clean
        if kr.owner == current:
            kr.owner = clean
        if current in kr.confidence_votes:
            kr.confidence_votes[clean] = kr.confidence_votes.pop(current)
        for checkin in kr.checkins:
            if checkin.author == current:
                checkin.author = clean
    for initiative in ws.initiatives:
        if initiative.owner == current:
            initiative.owner = clean
    for invitation in ws.invitations.values():  # a drafts file stays its person's
        if invitation.person == current:
            invitation.person = clean
    for week in ws.weeks:  # the weekly meetings' votes, actions, commitments and wins
        week.rename(current, clean)
    return clean


def remove_participant(ws: Workshop, name: str) -> None:
    """Take a person off the list; their drafts stay (with their name), their votes (dots and
    confidence) go."""
    rules.require_editable(ws)
    current = next((p for p in ws.participants if p.casefold() == name.strip().casefold()), None)
    if current is None:
        raise RuleError(f"{name.strip()} is not a participant.")
    ws.participants.remove(current)
    for invitation in ws.invitations.values():  # their drafts file no longer speaks for anyone
        if invitation.person == current:
            invitation.person = ""
    for objective in ws.objectives:
        objective.votes.pop(current, None)
    for kr in ws.key_results:
        kr.confidence_votes.pop(current, None)
    for week in ws.weeks:  # an open meeting's votes go; what closed meetings recorded stays
        if week.is_open:
            for votes in week.confidence.values():
                votes.pop(current, None)


def update_settings(
    ws: Workshop,
    *,
    votes_per_participant: int | None = None,
    open_joining: bool | None = None,
    show_drafts_to_participants: bool | None = None,
    drafts_due: str | date | None = None,
    meeting_date: str | date | None = None,
    meeting_time: str | None = None,
    meeting_place: str | None = None,
) -> None:
    """Change how the workshop runs; ``None`` leaves a setting, ``""`` clears a date, the
    workshop's time or its place."""
    rules.require_editable(ws)
    if votes_per_participant is not None:
        ws.settings.votes_per_participant = rules.require_votes_setting(votes_per_participant)
    if open_joining is not None:
        ws.settings.open_joining = open_joining
    if show_drafts_to_participants is not None:
        ws.settings.show_drafts_to_participants = show_drafts_to_participants
    if drafts_due is not None:
        ws.settings.drafts_due = parse_date(drafts_due, "drafts due date")
    if meeting_date is not None:
        ws.settings.meeting_date = parse_date(meeting_date, "workshop date")
    if meeting_time is not None:
        ws.settings.meeting_time = rules.clean_meeting_time(meeting_time)
    if meeting_place is not None:
        ws.settings.meeting_place = rules.clean_line(
            meeting_place, "workshop place", limit=rules.MAX_PLACE_LENGTH
        )


# --- strategic context ----------------------------------------------------------------------

CONTEXT_TEXT_FIELDS = ("mission", "north_star", "vision", "strategy", "why_okrs")
CONTEXT_LIST_FIELDS = ("pillars", "principles", "parent_okrs")
ContextKey = Literal[
    "mission",
    "north_star",
    "pillars",
    "vision",
    "principles",
    "strategy",
    "parent_okrs",
    "overlaps",
    "why_okrs",
]
"""The context's fields, as the CLI and the context step name them."""


def set_context(
    ws: Workshop,
    *,
    mission: str | None = None,
    north_star: str | None = None,
    pillars: list[str] | None = None,
    vision: str | None = None,
    principles: list[str] | None = None,
    strategy: str | None = None,
    parent_okrs: list[str] | None = None,
    overlaps: list[tuple[str, str]] | None = None,
    why_okrs: str | None = None,
) -> None:
    """Set any context fields; ``None`` leaves a field as it is, ``""`` or ``[]`` clears it."""
    rules.require_editable(ws)
    context: Context = ws.context
    texts = {
        "mission": mission,
        "north_star": north_star,
        "vision": vision,
        "strategy": strategy,
        "why_okrs": why_okrs,
    }
    for key, text in texts.items():
        if text is not None:
            value = text.strip()
            setattr(context, key, clean_text(value, key.replace("_", " ")) if value else "")
    lists = {"pillars": pillars, "principles": principles, "parent_okrs": parent_okrs}
    for key, items in lists.items():
        if items is not None:
            what = key.replace("_", " ")
            setattr(context, key, [clean_text(v, what) for v in items if v.strip()])
    if overlaps is not None:
        context.overlaps = [
            Overlap(clean_name(team, "team name"), _optional(topic, "overlap topic") or "")
            for team, topic in overlaps
        ]


def set_context_text(ws: Workshop, key: ContextKey, text: str) -> None:
    """One context field as typed in one box: a list is one item per line, the overlaps are
    "Team: topic" lines (a line that is not is refused, naming it)."""
    match key:
        case "overlaps":
            set_context(ws, overlaps=parse_overlaps(text))
        case "pillars":
            set_context(ws, pillars=parse_lines(text))
        case "principles":
            set_context(ws, principles=parse_lines(text))
        case "parent_okrs":
            set_context(ws, parent_okrs=parse_lines(text))
        case "mission":
            set_context(ws, mission=text)
        case "north_star":
            set_context(ws, north_star=text)
        case "vision":
            set_context(ws, vision=text)
        case "strategy":
            set_context(ws, strategy=text)
        case "why_okrs":
            set_context(ws, why_okrs=text)


@dataclass(frozen=True)
class NamedParents:
    """What ``name_org_parents`` changed in the context's higher-level OKRs."""

    added: list[str]
    removed: list[str]


def name_org_parents(
    ws: Workshop, org: OrgDefinition, ids: list[str], *, only: bool = False
) -> NamedParents:
    """Name the org's objectives and key results with these ids (any case) in the strategic
    context's higher-level OKRs, each as a line "C1.1 its words" after the lines already there.
    One the context already names (by its id or its words) is not added again.

    With ``only``, the context's lines that name another of the org's parents go (what a picker
    of the org's OKRs saves); lines that name none of them stay. An id the org does not have is
    refused, listing the ids it has."""
    chosen = []
    for wanted in ids:
        parent = org_parent(org, wanted)
        if parent is None:
            where = str(org.path) if org.path else "The org file"
            known = ", ".join(p.org_id or "" for p in org.parents)
            raise RuleError(f"{where} has no company OKR {wanted!r}; its ids are: {known}.")
        chosen.append(parent)
    keys = {p.key for p in chosen}
    index = ParentIndex(org)
    kept, removed = [], []
    for line in ws.context.parent_okrs:
        parent = index.match(line)
        if only and parent is not None and parent.org_id is not None and parent.key not in keys:
            removed.append(line)
        else:
            kept.append(line)
    named = {p.key for p in index.named_in(kept)}
    added = []
    for parent in chosen:
        if parent.key not in named:
            named.add(parent.key)
            added.append(line_for(parent))
    if added or removed:
        set_context(ws, parent_okrs=[*kept, *added])
    return NamedParents(added, removed)


def parse_lines(text: str) -> list[str]:
    """A list typed one item per line; blank lines are ignored."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def parse_overlap(line: str, where: str = "") -> tuple[str, str]:
    """One overlap as typed, "Team: topic"; ``where`` names it in a refusal ("Line 2")."""
    team, colon, topic = line.partition(":")
    prefix = f"{where}: " if where else ""
    subject = where or repr(line.strip())
    if not colon or not team.strip():
        missing = "no ':' between the team and the topic" if not colon else "no team before ':'"
        raise RuleError(
            f"{subject} has {missing}. Write an overlap as 'Team: topic', "
            f"e.g. 'Payments: checkout drop-off'."
        )
    try:
        clean_name(team, "team name")
    except RuleError as exc:
        raise RuleError(f"{prefix}{exc}") from None
    return team.strip(), topic.strip()


def parse_overlaps(text: str) -> list[tuple[str, str]]:
    """Overlaps typed one per line; the first line that is not "Team: topic" is refused."""
    return [
        parse_overlap(line, f"Line {number}")
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    ]


# --- draft objectives -----------------------------------------------------------------------


def _optional(value: str | None, what: str) -> str | None:
    """An optional text field: blank means none; otherwise it obeys the usual text rules."""
    if value is None or not value.strip():
        return None
    return clean_text(value, what)


def _origin(ws: Workshop) -> Origin:
    return Origin.LIVE if rules.is_live_or_later(ws) else Origin.PRE_WORKSHOP


def add_draft(
    ws: Workshop,
    text: str,
    *,
    author: str,
    pillar: str | None = None,
    rationale: str | None = None,
    origin: Origin | None = None,
    contributes_to: str | None = None,
) -> Objective:
    """Add a draft objective by a participant; before the meeting it is marked pre-workshop.
    ``contributes_to`` names a higher-level OKR line (see ``set_contributes_to``)."""
    rules.require_editable(ws)
    person = join(ws, author)  # under open joining, a newcomer becomes a participant
    parent = _parent_okr(ws, contributes_to)
    objective = Objective(
        id=ws.next_id("o"),
        text=clean_text(text, "draft objective"),
        author=person,
        origin=origin or _origin(ws),
        pillar=_optional(pillar, "pillar"),
        rationale=_optional(rationale, "rationale"),
        contributes_to=parent,
    )
    ws.objectives.append(objective)
    if ws.status is Status.PREPARING:
        ws.status = Status.DRAFTING
    return objective


def edit_draft(
    ws: Workshop,
    objective_id: str,
    *,
    text: str | None = None,
    pillar: str | None = None,
    rationale: str | None = None,
    author: str | None = None,
    editor: str | None = None,
) -> Objective:
    """Change a draft; ``""`` clears pillar or rationale, ``None`` leaves them.

    ``editor`` is the author changing their own draft alone (the participant screen, a drafts
    file); None is the room on the shared screen. Whose dots stay when the words change is
    ``rules.dots_after_rewording``."""
    rules.require_editable(ws)
    objective = rules.require_objective(ws, objective_id)
    if text is not None:
        clean = clean_text(text, "draft objective")
        objective.votes = rules.dots_after_rewording(objective, clean, editor=editor)
        objective.text = clean
    if pillar is not None:
        objective.pillar = _optional(pillar, "pillar")
    if rationale is not None:
        objective.rationale = _optional(rationale, "rationale")
    if author is not None:
        objective.author = rules.require_participant(ws, author)
    return objective


def delete_draft(ws: Workshop, objective_id: str) -> Objective:
    """Delete a draft; the focus cannot be deleted while it is the focus."""
    rules.require_editable(ws)
    objective = rules.require_objective(ws, objective_id)
    if ws.focus == objective.id:
        raise RuleError(f"{objective.id} is the focus objective; clear the focus before deleting.")
    ws.objectives.remove(objective)
    ws.deprioritized = [d for d in ws.deprioritized if d.from_objective != objective.id]
    _retire(ws, objective.source)  # a drafts file sent again does not bring it back
    return objective


def vote(ws: Workshop, objective_id: str, *, person: str) -> int:
    """Give one dot to a draft; returns the votes the person has left."""
    rules.require_editable(ws)
    rules.require_voting_open(ws)
    voter = rules.require_participant(ws, person)
    objective = rules.require_objective(ws, objective_id)
    rules.require_vote_available(ws, voter)
    objective.votes[voter] = objective.votes.get(voter, 0) + 1
    return rules.votes_left(ws, voter)


def unvote(ws: Workshop, objective_id: str, *, person: str) -> int:
    """Take one dot back; returns the votes the person has left."""
    rules.require_editable(ws)
    rules.require_voting_open(ws)
    voter = rules.require_participant(ws, person)
    objective = rules.require_objective(ws, objective_id)
    if objective.votes.get(voter, 0) == 0:
        raise RuleError(f"{voter} has no vote on {objective.id} to take back.")
    objective.votes[voter] -= 1
    if objective.votes[voter] == 0:
        del objective.votes[voter]
    return rules.votes_left(ws, voter)


def reveal_votes(ws: Workshop, revealed: bool = True) -> None:
    rules.require_editable(ws)
    ws.settings.votes_revealed = revealed


def choose_focus(ws: Workshop, objective_id: str) -> list[Objective]:
    """Make a draft the ONE focus; returns the other drafts to offer for deprioritizing."""
    rules.require_editable(ws)
    objective = rules.require_objective(ws, objective_id)
    rules.require_focus_allowed(ws, objective)
    ws.focus = objective.id
    ws.settings.votes_revealed = True
    ws.deprioritized = [d for d in ws.deprioritized if d.from_objective != objective.id]
    return rules.drafts_to_offer_for_deprioritizing(ws)


def clear_focus(ws: Workshop) -> None:
    rules.require_editable(ws)
    if ws.focus is None:
        raise RuleError("No focus objective is chosen yet.")
    ws.focus = None


# --- deprioritized --------------------------------------------------------------------------


def deprioritize(
    ws: Workshop, text: str | None, reason: str, *, from_objective: str | None = None
) -> Deprioritized:
    """Record something the team will not do this cycle, and why; a draft can be the source."""
    rules.require_editable(ws)
    source = rules.require_objective(ws, from_objective) if from_objective else None
    if source is not None:
        rules.require_deprioritizable(ws, source)
    body = text if text and text.strip() else (source.text if source else "")
    item = Deprioritized(
        id=ws.next_id("d"),
        text=clean_text(body, "deprioritized item"),
        reason=clean_text(reason, "reason"),
        from_objective=source.id if source else None,
    )
    ws.deprioritized.append(item)
    return item


def edit_deprioritized(
    ws: Workshop, item_id: str, *, text: str | None = None, reason: str | None = None
) -> Deprioritized:
    rules.require_editable(ws)
    item = rules.require_deprioritized(ws, item_id)
    if text is not None:
        item.text = clean_text(text, "deprioritized item")
    if reason is not None:
        item.reason = clean_text(reason, "reason")
    return item


def remove_deprioritized(ws: Workshop, item_id: str) -> Deprioritized:
    rules.require_editable(ws)
    item = rules.require_deprioritized(ws, item_id)
    ws.deprioritized.remove(item)
    return item


# --- key results ----------------------------------------------------------------------------


@dataclass
class KeyResultFields:
    """The optional fields of a key result as typed; ``None`` means "leave as it is"."""

    metric: str | None = None
    baseline: str | None = None
    target: str | None = None
    unit: str | None = None
    deadline: str | date | None = None
    owner: str | None = None


def _apply_fields(ws: Workshop, kr: KeyResult, fields: KeyResultFields) -> None:
    for key in ("metric", "baseline", "target", "unit"):
        value = getattr(fields, key)
        if value is not None:
            text = value.strip()
            setattr(kr, key, clean_text(text, key) if text else "")
    if fields.deadline is not None:
        kr.deadline = parse_date(fields.deadline, "deadline")
    if fields.owner is not None:
        kr.owner = rules.require_participant(ws, fields.owner) if fields.owner.strip() else ""


def add_key_result(
    ws: Workshop,
    statement: str,
    *,
    author: str,
    fields: KeyResultFields | None = None,
    origin: Origin | None = None,
    contributes_to: str | None = None,
) -> KeyResult:
    """Add a key result (or, before the meeting, a key-result idea) by a participant.
    ``contributes_to`` names a higher-level OKR line, as for a draft (``_parent_okr``)."""
    rules.require_editable(ws)
    person = rules.require_participant(ws, author)
    parent = _parent_okr(ws, contributes_to)
    kr = KeyResult(
        id=ws.next_id("kr"),
        statement=clean_text(statement, "key result"),
        author=person,
        origin=origin or _origin(ws),
        contributes_to=parent,
    )
    _apply_fields(ws, kr, fields or KeyResultFields())
    rules.require_comparable_ends(kr.baseline, kr.target, kr.unit)
    ws.key_results.append(kr)
    return kr


def edit_key_result(
    ws: Workshop, kr_id: str, statement: str | None = None, fields: KeyResultFields | None = None
) -> KeyResult:
    """Change a key result. Changing its words or numbers reopens its SMART review."""
    rules.require_editable(ws)
    kr = rules.require_key_result(ws, kr_id)
    before = kr.to_dict()
    if statement is not None:
        kr.statement = clean_text(statement, "key result")
    _apply_fields(ws, kr, fields or KeyResultFields())
    if fields is not None and fields.baseline is not None and fields.target is not None:
        # Both ends at once (a script, a drafts file): they must compare. The form saves one
        # field at a time, so a pair may disagree for a moment; finalizing refuses it then.
        rules.require_comparable_ends(kr.baseline, kr.target, kr.unit)
    after = kr.to_dict()
    substance = ("statement", "metric", "baseline", "target", "unit", "deadline")
    if any(before[key] != after[key] for key in substance):
        kr.smart = {check: CheckReview() for check in Check}
    return kr


def delete_key_result(ws: Workshop, kr_id: str) -> KeyResult:
    """Delete a key result; initiatives that served it stay, serving the objective instead."""
    rules.require_editable(ws)
    kr = rules.require_key_result(ws, kr_id)
    ws.key_results.remove(kr)
    _unlink_initiatives(ws, kr.id)
    _retire(ws, kr.source)  # a drafts file sent again does not bring it back
    return kr


def review_check(ws: Workshop, kr_id: str, check: Check, review: Review, note: str = "") -> None:
    """Record the facilitator's verdict on one SMART check of one key result."""
    rules.require_editable(ws)
    kr = rules.require_key_result(ws, kr_id)
    text = _optional(note, "note") or ""
    from .smart import lint_key_result_record  # the linter's word lists load only when used

    lint = lint_key_result_record(kr, cycle=ws.cycle.dates)
    rules.require_review_allowed(kr, check, review, text, lint, label=kr_label(ws, kr))
    kr.smart[check] = CheckReview(review, text)


def accept_gaps(ws: Workshop, kr_id: str, note: str) -> tuple[list[Check], list[Check]]:
    """Review every check the linter decides in one go: accept, with ``note``, those it finds a
    gap in, and confirm those it passes, so a note only ever stands beside a check that did not
    pass. Achievable and Relevant are the room's own call and are left for it to name. Returns
    (accepted, confirmed)."""
    rules.require_editable(ws)
    kr = rules.require_key_result(ws, kr_id)
    from .smart import lint_key_result_record  # the linter's word lists load only when used

    lint = lint_key_result_record(kr, cycle=ws.cycle.dates)
    accepted: list[Check] = []
    confirmed: list[Check] = []
    for check in Check:
        passed = lint.passed(check)
        if passed is True:
            review_check(ws, kr.id, check, Review.CONFIRMED)
            confirmed.append(check)
        elif passed is False:
            review_check(ws, kr.id, check, Review.ACCEPTED, note)
            accepted.append(check)
    return accepted, confirmed


# --- moving through the workshop ------------------------------------------------------------


def go_to_stage(ws: Workshop, stage: Stage) -> None:
    """Move the room to a step. Reaching the drafts step starts the live workshop."""
    ws.stage = stage
    order = list(Stage)
    if ws.status in (Status.PREPARING, Status.DRAFTING) and order.index(stage) >= order.index(
        Stage.DRAFTS
    ):
        ws.status = Status.LIVE


def add_stage_time(ws: Workshop, stage: Stage, seconds: float) -> None:
    """Add time the room spent on a step (the UI reports it as it leaves the step)."""
    if seconds > 0:
        ws.stage_seconds[stage] = round(ws.stage_seconds.get(stage, 0.0) + seconds, 1)


def set_timebox(ws: Workshop, stage: Stage, minutes: int) -> None:
    if not 0 <= minutes <= 480:
        raise RuleError("A timebox is between 1 and 480 minutes (0 removes it).")
    if minutes == 0:
        ws.timebox_minutes.pop(stage, None)
    else:
        ws.timebox_minutes[stage] = minutes


def finalize(ws: Workshop) -> None:
    """Make the OKR final, if the rules allow it."""
    rules.require_can_finalize(ws)
    ws.status = Status.FINAL
    ws.stage = Stage.FINAL
    ws.finalized = utcnow()


def reopen(ws: Workshop) -> None:
    """Open a final OKR for changes. Its check-ins stay (they are what happened) and pause until
    it is final again; a graded cycle is closed, so its grade is undone first."""
    if ws.status is not Status.FINAL:
        raise RuleError("The OKR is not final; there is nothing to reopen.")
    rules.require_not_graded(ws)
    ws.status = Status.LIVE
    ws.finalized = None


# --- the room's additions: merging drafts, the plan, "not now" for key results ----------------


def _parent_okr(ws: Workshop, choice: str | None) -> str | None:
    """A "contributes to" choice (of a draft or a key result) resolved to its line by
    ``rules.resolve_parent_okr``; None or blank means none."""
    if choice is None or not choice.strip():
        return None
    return rules.resolve_parent_okr(ws, choice)


def _retire(ws: Workshop, source: str | None) -> None:
    """Remember a drafts-file item that lives on in another form, so a re-import skips it."""
    if source and source not in ws.retired_sources:
        ws.retired_sources.append(source)


def merge_drafts(
    ws: Workshop, keep_id: str, other_id: str, *, text: str | None = None
) -> Objective:
    """Merge two drafts that say the same thing: ``keep_id`` stays (with ``text`` if given),
    ``other_id`` goes.

    The kept draft credits both authors (the other's author and co-authors join its
    ``coauthors``), takes each voter's dots from both (capped, see
    ``rules.capped_merged_votes``), and fills its pillar, rationale and "contributes to"
    from the other when it has none. A deprioritized entry of the other draft moves to the
    kept one, unless that one is the focus or already on the list. The focus can be kept but
    never merged away (``rules.require_merge_allowed``).
    """
    rules.require_editable(ws)
    keep = rules.require_objective(ws, keep_id)
    other = rules.require_objective(ws, other_id)
    rules.require_merge_allowed(ws, keep, other)
    new_text = clean_text(text, "draft objective") if text is not None else keep.text
    votes = rules.capped_merged_votes(ws, keep, other)

    keep.text = new_text
    seen = {keep.author.casefold()}
    coauthors = []
    for person in [*keep.coauthors, *other.authors]:
        if person.casefold() not in seen:
            seen.add(person.casefold())
            coauthors.append(person)
    keep.coauthors = coauthors
    keep.votes = votes
    keep.pillar = keep.pillar or other.pillar
    keep.rationale = keep.rationale or other.rationale
    keep.contributes_to = keep.contributes_to or other.contributes_to

    keep_listed = keep.id == ws.focus or any(d.from_objective == keep.id for d in ws.deprioritized)
    for item in [d for d in ws.deprioritized if d.from_objective == other.id]:
        if keep_listed:
            ws.deprioritized.remove(item)
        else:
            item.from_objective = keep.id
            keep_listed = True
    keep.merged = utcnow()
    ws.objectives.remove(other)
    _retire(ws, other.source)
    return keep


def set_contributes_to(ws: Workshop, objective_id: str, choice: str | None) -> Objective:
    """Say which higher-level OKR line a draft (or the focus) contributes to: its number in
    ``context.parent_okrs`` (1 for the first) or its exact text. None or "" clears it.

    The line's text is stored as it reads now, so reordering the context later does not move
    the draft to another line."""
    rules.require_editable(ws)
    objective = rules.require_objective(ws, objective_id)
    objective.contributes_to = _parent_okr(ws, choice)
    return objective


def set_key_result_contributes_to(ws: Workshop, kr_id: str, choice: str | None) -> KeyResult:
    """Say which higher-level OKR line a key result serves, read as for a draft
    (``set_contributes_to``): a number, the exact text, or None / "" for none."""
    rules.require_editable(ws)
    kr = rules.require_key_result(ws, kr_id)
    kr.contributes_to = _parent_okr(ws, choice)
    return kr


def deprioritize_drafts(
    ws: Workshop, objective_ids: list[str] | tuple[str, ...], reason: str
) -> list[Deprioritized]:
    """Put several drafts on the deprioritized list with one reason, in one change.

    An unknown id or the focus refuses the whole change (nothing is listed); a draft already
    on the list is skipped, since another terminal may have listed it meanwhile. Returns the
    items added, in the order asked.
    """
    rules.require_editable(ws)
    clean_reason = clean_text(reason, "reason")
    listed = {d.from_objective for d in ws.deprioritized if d.from_objective}
    drafts: list[Objective] = []
    for objective in (rules.require_objective(ws, oid) for oid in objective_ids):
        if objective.id not in listed and objective not in drafts:
            rules.require_deprioritizable(ws, objective)
            drafts.append(objective)
    return [deprioritize(ws, None, clean_reason, from_objective=o.id) for o in drafts]


def deprioritize_key_result(
    ws: Workshop, kr_id: str, reason: str, *, text: str | None = None
) -> Deprioritized:
    """Move a key result to "not now" with a reason (its statement, or ``text``, becomes the
    item); it leaves the key results, and initiatives that served it now serve the objective.
    """
    rules.require_editable(ws)
    kr = rules.require_key_result(ws, kr_id)
    body = clean_text(text if text and text.strip() else kr.statement, "deprioritized item")
    why = clean_text(reason, "reason")
    item = Deprioritized(id=ws.next_id("d"), text=body, reason=why, from_key_result=kr.id)
    ws.deprioritized.append(item)
    ws.key_results.remove(kr)
    _unlink_initiatives(ws, kr.id)
    _retire(ws, kr.source)
    return item


# --- the plan: initiatives ------------------------------------------------------------------


def _unlink_initiatives(ws: Workshop, kr_id: str) -> None:
    for initiative in ws.initiatives:
        if initiative.key_result == kr_id:
            initiative.key_result = None


def _owner(ws: Workshop, owner: str) -> str:
    return rules.require_participant(ws, owner) if owner.strip() else ""


def add_initiative(
    ws: Workshop, text: str, *, owner: str = "", key_result: str | None = None
) -> Initiative:
    """Add work to the plan: serving one key result (its id), or the objective as a whole."""
    rules.require_editable(ws)
    clean = clean_text(text, "initiative")
    who = _owner(ws, owner)
    serves = (
        rules.require_key_result(ws, key_result).id if key_result and key_result.strip() else None
    )
    initiative = Initiative(id=ws.next_id("i"), text=clean, owner=who, key_result=serves)
    ws.initiatives.append(initiative)
    return initiative


def edit_initiative(
    ws: Workshop,
    initiative_id: str,
    *,
    text: str | None = None,
    owner: str | None = None,
    key_result: str | None = None,
) -> Initiative:
    """Change an initiative; ``None`` leaves a field, ``""`` clears the owner or the key
    result it serves (it then serves the objective)."""
    rules.require_editable(ws)
    initiative = rules.require_initiative(ws, initiative_id)
    new_text = clean_text(text, "initiative") if text is not None else initiative.text
    new_owner = _owner(ws, owner) if owner is not None else initiative.owner
    serves = initiative.key_result
    if key_result is not None:
        serves = rules.require_key_result(ws, key_result).id if key_result.strip() else None
    initiative.text, initiative.owner, initiative.key_result = new_text, new_owner, serves
    return initiative


def remove_initiative(ws: Workshop, initiative_id: str) -> Initiative:
    rules.require_editable(ws)
    initiative = rules.require_initiative(ws, initiative_id)
    ws.initiatives.remove(initiative)
    return initiative


def key_result_to_initiative(ws: Workshop, kr_id: str) -> Initiative:
    """Move a key result that describes work to the plan in one step: it becomes an initiative
    for the objective (same words, same owner), and leaves the key results."""
    rules.require_editable(ws)
    kr = rules.require_key_result(ws, kr_id)
    initiative = Initiative(id=ws.next_id("i"), text=kr.statement, owner=kr.owner)
    ws.key_results.remove(kr)
    _unlink_initiatives(ws, kr.id)
    ws.initiatives.append(initiative)
    _retire(ws, kr.source)
    return initiative


def split_key_result(ws: Workshop, kr_id: str) -> tuple[KeyResult, Initiative]:
    """Cut a mixed key result ("Launch the portal and reach 500 active partners by June") in
    two, as the linter suggests: the result stays the key result's statement (its review
    starts again), the delivery part becomes an initiative serving it."""
    rules.require_editable(ws)
    kr = rules.require_key_result(ws, kr_id)
    from .smart import lint_key_result_record  # the linter's word lists load only when used

    split = lint_key_result_record(kr, cycle=ws.cycle.dates).suggested_split
    if split is None:
        raise RuleError(
            f"{kr_label(ws, kr)} does not mix a result with the work meant to cause it, so "
            f"there is nothing to split; edit it, or move it to the plan as a whole."
        )
    edit_key_result(ws, kr.id, split.result)
    initiative = Initiative(
        id=ws.next_id("i"),
        text=clean_text(split.delivery, "initiative"),
        owner=kr.owner,
        key_result=kr.id,
    )
    ws.initiatives.append(initiative)
    return kr, initiative
