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

import calendar
import re
from datetime import date, timedelta

from . import actions, rules
from .actions import KeyResultFields
from .grading import grade_report
from .model import (
    Context,
    KeyResult,
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
    if not label.strip():
        raise RuleError(f"The next cycle needs a label, e.g. {suggested_label(old.cycle.label)!r}.")
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
            f"follows. How about {suggested_label(old.cycle.label)!r}?"
        )
    end = old.cycle.end
    if end is not None and new.cycle.start is not None and new.cycle.start <= end:
        raise RuleError(
            f"The next cycle would start on {new.cycle.start.isoformat()}, inside "
            f"{old.cycle.label} (it runs until {end.isoformat()}); start it on "
            f"{(end + timedelta(days=1)).isoformat()} or later."
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


# --- what the form and the CLI offer ---------------------------------------------------------

_YEAR = r"(?<!\d)(?P<year>\d{4})(?!\d)"
_PERIOD = r"(?<![^\W\d])(?P<q>[QqHhTt])(?P<n>[1-4])(?!\d)"
_MID = r"(?P<mid>\s*[-/]?\s*)"
_QUARTER = re.compile(rf"^(?P<pre>.*?){_YEAR}{_MID}{_PERIOD}(?P<post>.*)$")
_QUARTER_FIRST = re.compile(rf"^(?P<pre>.*?){_PERIOD}{_MID}{_YEAR}(?P<post>.*)$")
_PERIODS = {"q": 4, "h": 2, "t": 3}
_LAST_NUMBER = re.compile(r"^(?P<pre>.*?)(?P<n>\d+)(?P<post>\D*)$")


def suggested_label(label: str) -> str:
    """A label for the cycle after ``label``: the next quarter ("2027 Q1" -> "2027 Q2", "2027
    Q4" -> "2028 Q1", "Q4 2027" -> "Q1 2028"), half or tertial, else its last number plus one
    ("Cycle 7" -> "Cycle 8"), else the label with "(next)" after it."""
    text = " ".join(label.split())
    for pattern in (_QUARTER, _QUARTER_FIRST):
        m = pattern.match(text)
        if m is None:
            continue
        year, n = int(m["year"]), int(m["n"])
        per_year = _PERIODS[m["q"].lower()]
        if n > per_year:
            continue
        n, year = (1, year + 1) if n == per_year else (n + 1, year)
        if pattern is _QUARTER:
            return f"{m['pre']}{year}{m['mid']}{m['q']}{n}{m['post']}"
        return f"{m['pre']}{m['q']}{n}{m['mid']}{year}{m['post']}"
    m = _LAST_NUMBER.match(text)
    if m is not None:
        return f"{m['pre']}{int(m['n']) + 1}{m['post']}"
    return f"{text} (next)" if text else "Next cycle"


def suggested_dates(old: Workshop, start: date | None = None) -> tuple[date | None, date | None]:
    """The next cycle's first and last day: from ``start`` (default: the day after ``old``
    ends), for as long as ``old`` ran; whole calendar months stay whole months (2027-01-01 to
    2027-03-31 is followed by 2027-04-01 to 2027-06-30). None where there is nothing to go by."""
    begin, end = old.cycle.start, old.cycle.end
    first = start or (end + timedelta(days=1) if end is not None else None)
    if first is None or begin is None or end is None or end <= begin:
        return first, None
    if begin.day == 1 and (end + timedelta(days=1)).day == 1 and first.day == 1:
        months = (end.year - begin.year) * 12 + end.month - begin.month + 1
        year, month = divmod(first.year * 12 + first.month - 1 + months - 1, 12)
        return first, date(year, month + 1, calendar.monthrange(year, month + 1)[1])
    return first, first + (end - begin)


def early_start_note(old: Workshop, today: date) -> str | None:
    """One sentence when the next cycle is made while ``old`` still runs, else None."""
    end = old.cycle.end
    if end is None or today > end:
        return None
    return (
        f"{old.cycle.label} still runs until {end.isoformat()}: its check-ins and grade go on "
        f"in its own workshop, and what is carried over is where it stands today."
    )


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
        baseline = latest.value if latest else kr.baseline
        fields = KeyResultFields(
            metric=kr.metric,
            baseline=baseline,
            target=kr.target,
            unit=kr.unit,
            deadline=new.cycle.end,
            owner=owner,
        )
        idea = actions.add_key_result(
            new,
            carried_statement(kr.statement, kr, baseline, new.cycle.end),
            author=_offerer(new, kr.author),
            fields=fields,
            origin=Origin.PRE_WORKSHOP,
        )
        idea.kind = kr.kind
        idea.carried_from = f"{old.id}/{kr.id}"


def carried_statement(statement: str, kr: KeyResult, baseline: str, due: date | None) -> str:
    """Last cycle's sentence with this cycle's numbers: the old baseline and the old deadline,
    where the sentence states them as its fields did ("from 12% to 18% by 2027-03-31"), become
    the new ones, so the words never contradict the fields beside them. A sentence that does
    not state them has no stale figure to correct and is kept as written (the room rewrites
    it in refinement, as every idea)."""
    text = statement
    old_base, new_base = kr.baseline.strip(), baseline.strip()
    if old_base and new_base and old_base != new_base:
        text = _replace_once(text, old_base, new_base)
    if kr.deadline is not None and due is not None:
        text = _replace_once(text, kr.deadline.isoformat(), due.isoformat())
    return text


def _replace_once(text: str, old: str, new: str) -> str:
    """``text`` with ``old`` (a whole figure, not part of a longer one) replaced by ``new``,
    when it occurs exactly once; else ``text`` unchanged."""
    pattern = re.compile(rf"(?<![\w.,]){re.escape(old)}(?![\w%]|[.,]\d)")
    found = pattern.findall(text)
    if len(found) != 1:
        return text
    return pattern.sub(lambda _: new, text)
