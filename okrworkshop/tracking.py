"""The changes a team makes around a key result beyond writing it: committed or stretch, the
room's confidence votes, check-ins through the cycle, grades, the retro, archiving.

Like ``actions``, each function takes the workshop as just re-read under the lock, asks
``rules``, changes it and returns what the caller shows. The rules for after the room (what a
final OKR allows) are in the "after the room" section of ``rules``.
"""

from __future__ import annotations

from datetime import date

from . import rules
from .actions import parse_date
from .confidence import ConfidenceSummary, confidence_summary
from .grading import GradeReport, grade_report
from .kr_names import kr_label
from .model import CheckIn, Grade, KeyResult, KrKind, Status, Workshop, utcnow
from .rules import RuleError, clean_text
from .rules import listed as listed  # its home is rules, which `okrworkshop list` imports alone

# --- in the room: committed or stretch, confidence ------------------------------------------


def set_kind(ws: Workshop, kr_id: str, kind: KrKind | str) -> KeyResult:
    """Mark a key result committed (expected in full) or stretch (0.7 is a success)."""
    rules.require_editable(ws)
    kr = rules.require_key_result(ws, kr_id)
    try:
        kr.kind = KrKind(kind)
    except ValueError:
        raise RuleError(f"A key result is committed or stretch, not {kind!r}.") from None
    return kr


def vote_confidence(ws: Workshop, kr_id: str, fingers: int, *, person: str) -> ConfidenceSummary:
    """Record one person's fist-of-five vote on a key result (a second vote replaces the first).

    Returns the summary as that person may see it (hidden until revealed).
    """
    rules.require_editable(ws)
    voter = rules.require_participant(ws, person)
    kr = rules.require_key_result(ws, kr_id)
    kr.confidence_votes[voter] = rules.require_confidence_vote(fingers)
    return confidence_summary(ws, kr, viewer=voter)


def withdraw_confidence(ws: Workshop, kr_id: str, *, person: str) -> None:
    rules.require_editable(ws)
    voter = rules.require_participant(ws, person)
    kr = rules.require_key_result(ws, kr_id)
    if kr.confidence_votes.pop(voter, None) is None:
        raise RuleError(f"{voter} has no confidence vote on {kr_label(ws, kr)} to take back.")


def reveal_confidence(ws: Workshop, revealed: bool = True) -> None:
    """Show (or hide again) everyone's confidence votes. It changes what the room sees, not the
    OKR, so it is allowed on a final OKR too."""
    ws.settings.confidence_revealed = revealed


# --- after "final": check-ins ---------------------------------------------------------------


def check_in(
    ws: Workshop,
    kr_id: str,
    value: str,
    *,
    author: str | None = None,
    confidence: int | None = None,
    note: str = "",
    when: str | date | None = None,
    today: date | None = None,
) -> CheckIn:
    """Record where a key result stands on a day of the cycle (today unless ``when``).

    The author defaults to the key result's owner, else the facilitator. A second check-in for
    the same day does not replace the first: both stay in the history, and the later one is
    the day's value.
    """
    rules.require_trackable(ws)
    kr = rules.require_key_result(ws, kr_id)
    today = today or date.today()
    day = parse_date(when, "check-in date") or today
    rules.require_checkin_date(ws, day, today, kr)
    who = author if author is not None and author.strip() else (kr.owner or ws.facilitator)
    if not who:
        raise RuleError(f"{kr_label(ws, kr)} has no owner; say who is checking in (--as NAME).")
    checkin = CheckIn(
        date=day,
        value=rules.require_checkin_value(kr, value, kr_label(ws, kr)),
        author=rules.require_participant(ws, who),
        confidence=rules.require_checkin_confidence(confidence),
        note=clean_text(note, "note") if note.strip() else "",
    )
    kr.checkins.append(checkin)
    return checkin


def owned_key_results(ws: Workshop, person: str) -> list[KeyResult]:
    """The key results ``person`` owns: what their own screen offers to check in on first
    (anyone on the team may check in on any key result)."""
    wanted = " ".join(person.split()).casefold()
    return [kr for kr in ws.key_results if kr.owner.casefold() == wanted]


# --- the end of the cycle: grades and the retro ---------------------------------------------


def set_score(ws: Workshop, kr_id: str, score: float, reason: str) -> Grade:
    """Set a key result's score by hand, with the reason the number alone does not give."""
    rules.require_trackable(ws)
    kr = rules.require_key_result(ws, kr_id)
    value = rules.require_score(score, kr_label(ws, kr))
    if not reason.strip():
        raise RuleError(
            f"A score set by hand needs a reason: say why {kr_label(ws, kr)} is {value:g} rather "
            f"than what its progress says."
        )
    kr.grade = Grade(value, clean_text(reason, "reason for the score"), by_hand=True)
    return kr.grade


def clear_score(ws: Workshop, kr_id: str) -> None:
    """Go back to the score its progress gives."""
    rules.require_trackable(ws)
    kr = rules.require_key_result(ws, kr_id)
    if kr.grade is None:
        raise RuleError(f"{kr_label(ws, kr)} has no score set by hand to clear.")
    kr.grade = None


def set_retro(ws: Workshop, text: str) -> None:
    """What the team learned this cycle ("" clears it). Allowed on a final OKR, graded or not:
    a retro is often written after the grade."""
    if ws.status is not Status.FINAL:
        raise RuleError(
            "A retro looks back on a final OKR; finalize it first (okrworkshop finalize)."
        )
    ws.retro = clean_text(text, "retro") if text.strip() else ""


def record_grade(ws: Workshop, today: date | None = None) -> GradeReport:
    """Keep each key result's score on it and close the cycle: no more check-ins or scores
    until ``undo_grade``. Every key result needs a score first."""
    rules.require_trackable(ws)
    today = today or date.today()
    report = grade_report(ws, today)
    if not ws.key_results:
        raise RuleError("There are no key results to grade.")
    if report.unscored:
        ids = ", ".join(s.label for s in report.unscored)
        example = report.unscored[0].label
        raise RuleError(
            f"{ids} {'has' if len(report.unscored) == 1 else 'have'} no score: no number to "
            f"work one out from, or no check-in. Set it by hand first, e.g. okrworkshop grade "
            f"--set {example}=0.5 --reason 'WHY'."
        )
    if report.not_due:
        first = report.not_due[0]
        assert first.due_later is not None
        ids = ", ".join(s.kr_id for s in report.not_due)
        raise RuleError(
            f"{ids} {'is' if len(report.not_due) == 1 else 'are'} due after the cycle (the room "
            f"accepted a later deadline, {first.due_later.isoformat()}): record the grade once "
            f"it has come, or set the score by hand with a reason now."
        )
    for kr, scored in zip(ws.key_results, report.key_results, strict=True):
        if kr.grade is None and scored.score is not None:
            kr.grade = Grade(scored.score, "", by_hand=False)
    ws.graded = utcnow()
    return grade_report(ws, today)


def undo_grade(ws: Workshop) -> None:
    """Reopen a graded cycle: scores taken from progress are dropped (they follow progress
    again); scores set by hand and the retro stay."""
    if not ws.graded:
        raise RuleError("This cycle has not been graded; there is nothing to undo.")
    for kr in ws.key_results:
        if kr.grade is not None and not kr.grade.by_hand:
            kr.grade = None
    ws.graded = None


# --- archive --------------------------------------------------------------------------------


def archive(ws: Workshop, archived: bool = True) -> None:
    """Hide a finished workshop from lists (or bring it back). Nothing else changes."""
    if ws.archived == archived:
        state = "archived" if archived else "not archived"
        raise RuleError(f"Workshop {ws.id} is already {state}.")
    ws.archived = archived
