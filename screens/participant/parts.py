"""The names of a participant's working screens, and which one the room calls for now (a
module of its own, so no screen imports the app back)."""

from __future__ import annotations

from okrworkshop.participation import Openings

DRAFTING = "drafting"
"""Their own drafts and key-result ideas."""
VOTING = "voting"
"""Their ballot while the room dot-votes."""
CONFIDENCE = "confidence"
"""Their fist-of-five on each key result while the room refines them."""
CHECKIN = "checkin"
"""Check-ins on the key results of a final OKR."""
WEEK = "week"
"""Their part in the weekly meeting of a final OKR, while one is open."""


def part_for(openings: Openings, *, final: bool) -> str:
    """The screen that serves what the room is doing now; the drafts when nothing else is."""
    if openings.checkins or final:
        return CHECKIN
    if openings.confidence:
        return CONFIDENCE
    if openings.voting:
        return VOTING
    return DRAFTING
