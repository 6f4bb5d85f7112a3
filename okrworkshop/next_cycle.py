"""Starting the next cycle from the last one, so the room starts from what it learned.

The new workshop keeps the team, the people, the strategic context and how the facilitator
runs the room; it records which workshop it follows and a copy of how that cycle ended (its
grade, each key result's score and latest value, the retro, what was left out and why). Work
that is still open is offered, not decided: last cycle's deprioritized items become draft
objectives, and its unfinished key results become key-result ideas whose baseline is where they
got to. Both are marked as carried over and written in the facilitator's name (the person who
puts them on the table), drafted before the meeting like anyone else's. The old workshop is
not touched.
"""

from __future__ import annotations

from datetime import date

from . import actions, rules
from .actions import KeyResultFields
from .grading import grade_report
from .model import (
    Context,
    LastCycle,
    LastCycleItem,
    LastCycleKeyResult,
    Origin,
    Status,
    Workshop,
)
from .progress import kr_progress
from .rules import RuleError
from .weeks import missed_commitments, weekly_record


def next_cycle(
    old: Workshop,
    label: str,
    *,
    start: str | date | None,
    end: str | date | None,
    today: date | None = None,
) -> Workshop:
    """A new workshop (not stored yet) for the cycle after ``old``."""
    if old.status is not Status.FINAL:
        raise RuleError(
            f"Workshop {old.id} is not final yet; the next cycle starts from a final OKR. "
            f"Finalize it first, or start afresh with okrworkshop new."
        )
    today = today or date.today()
    new = actions.new_workshop(
        old.team,
        label,
        start=start,
        end=end,
        facilitator=old.facilitator,
        participants=old.participants,
    )
    if new.cycle.label.casefold() == old.cycle.label.casefold():
        raise RuleError(
            f"The next cycle needs a label of its own; {old.cycle.label!r} is the one it "
            f"follows. Use e.g. --cycle '2027 Q2'."
        )
    new.context = Context.from_dict(old.context.to_dict())
    new.settings.votes_per_participant = old.settings.votes_per_participant
    new.settings.open_joining = old.settings.open_joining
    new.settings.show_drafts_to_participants = old.settings.show_drafts_to_participants
    new.timebox_minutes = dict(old.timebox_minutes)
    new.follows = old.id
    new.last_cycle = last_cycle_of(old, today)
    _offer_deprioritized(old, new)
    _offer_unfinished(old, new, today)
    return new


def last_cycle_of(ws: Workshop, today: date) -> LastCycle:
    """What the next cycle's room should read about this one."""
    report = grade_report(ws, today)
    focus = ws.focus_objective
    return LastCycle(
        workshop=ws.id,
        label=ws.cycle.label,
        objective=focus.text if focus else "",
        score=report.average,
        forecast=ws.graded is None,
        retro=ws.retro,
        key_results=[
            LastCycleKeyResult(
                id=kr.id,
                statement=kr.statement,
                kind=kr.kind,
                score=score.score,
                latest=kr_progress(ws, kr, today).latest_value,
            )
            for kr, score in zip(ws.key_results, report.key_results, strict=True)
        ],
        deprioritized=[LastCycleItem(d.text, d.reason) for d in ws.deprioritized],
        weekly=weekly_record(ws, today),
        missed_commitments=[LastCycleItem(text, why) for text, why in missed_commitments(ws)],
    )


def _offerer(new: Workshop, fallback: str) -> str:
    """Who puts carried-over work on the table: the facilitator, else its old author."""
    for name in (new.facilitator, fallback, *new.participants):
        if name and rules.find_participant(new, name):
            return name
    raise RuleError(
        "The next cycle has no facilitator or participants to offer last cycle's work as "
        "drafts; add people to the old workshop first."
    )


def _offer_deprioritized(old: Workshop, new: Workshop) -> None:
    for item in old.deprioritized:
        source = old.objective(item.from_objective) if item.from_objective else None
        draft = actions.add_draft(
            new,
            item.text,
            author=_offerer(new, source.author if source else ""),
            pillar=source.pillar if source else None,
            rationale=source.rationale if source else None,
            origin=Origin.PRE_WORKSHOP,
        )
        draft.carried_from = f"{old.id}/{item.id}"


def _offer_unfinished(old: Workshop, new: Workshop, today: date) -> None:
    report = grade_report(old, today)
    for kr, score in zip(old.key_results, report.key_results, strict=True):
        if score.score is not None and score.score >= 1.0:
            continue  # done: nothing to carry
        latest = kr_progress(old, kr, today).latest
        owner = kr.owner if kr.owner and rules.find_participant(new, kr.owner) else ""
        fields = KeyResultFields(
            metric=kr.metric,
            baseline=latest.value if latest else kr.baseline,
            target=kr.target,
            unit=kr.unit,
            deadline=new.cycle.end,
            owner=owner,
        )
        idea = actions.add_key_result(
            new,
            kr.statement,
            author=_offerer(new, kr.author),
            fields=fields,
            origin=Origin.PRE_WORKSHOP,
        )
        idea.kind = kr.kind
        idea.carried_from = f"{old.id}/{kr.id}"
