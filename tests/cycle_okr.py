"""A final OKR built through the real actions, for the tests of what happens after the room."""

from __future__ import annotations

import json
from datetime import date

from okrworkshop import actions
from okrworkshop.actions import KeyResultFields
from okrworkshop.model import Check, Review, Workshop

START = date(2027, 1, 1)
END = date(2027, 3, 31)  # 89 days after the start: day 0 is 0%, day 89 is 100%


def room(
    krs: list[tuple[str, str, str]] | None = None,
    *,
    start: date | None = START,
    end: date | None = END,
    final: bool = True,
    deadline: str = "2027-03-31",
) -> Workshop:
    """A workshop with one focus, one deprioritized draft and key results given as
    (statement, baseline, target); final unless asked otherwise."""
    ws = actions.new_workshop(
        "Marketplace Search",
        "2027 Q1",
        start=start,
        end=end,
        facilitator="Ana",
        participants=["Ben", "Chen", "Dana"],
    )
    ws.id = "w1"
    focus = actions.add_draft(ws, "Buyers find the right product first time", author="Ben")
    actions.add_draft(
        ws, "Sellers list in minutes", author="Chen", rationale="Listing takes an hour"
    )
    actions.choose_focus(ws, focus.id)
    actions.deprioritize(ws, None, "Relevance first", from_objective="o2")
    for statement, baseline, target in krs or [
        ("Increase search conversion from 12% to 18% by 2027-03-31", "12%", "18%"),
        ("Reduce zero-result searches from 9% to 3% by 2027-03-31", "9%", "3%"),
    ]:
        kr = actions.add_key_result(
            ws,
            statement,
            author="Chen",
            fields=KeyResultFields("a metric", baseline, target, "", deadline, "Chen"),
        )
        for check in Check:
            ws.key_results[-1].smart[check].status = Review.CONFIRMED
        assert kr.id
    if final:
        actions.finalize(ws)
    return ws


def day(n: int) -> date:
    """The cycle's day ``n`` counted from 0 (2027-01-01)."""
    return date.fromordinal(START.toordinal() + n)


V2_KEY_RESULT_FIELDS = ("kind", "confidence_votes", "checkins", "grade", "carried_from")
V2_WORKSHOP_FIELDS = ("retro", "graded", "follows", "last_cycle", "archived")


def version_1_bytes(ws: Workshop) -> bytes:
    """A database file holding ``ws`` as okrworkshop wrote it at schema 1: none of the
    after-the-room fields."""
    doc = ws.to_dict()
    for key in V2_WORKSHOP_FIELDS:
        doc.pop(key)
    for key in ("confidence_revealed", "meeting_date", "meeting_time", "meeting_place"):
        doc["settings"].pop(key)
    for objective in doc["objectives"]:
        objective.pop("carried_from")
    for kr in doc["key_results"]:
        for key in V2_KEY_RESULT_FIELDS:
            kr.pop(key)
    meta = {"1": {"schema_version": 1, "app": "okrworkshop"}}
    return json.dumps({"workshops": {"1": doc}, "meta": meta}).encode()
