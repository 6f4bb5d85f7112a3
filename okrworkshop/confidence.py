"""The room's confidence in each key result ("fist of five"), and when to talk about it.

Before the OKR is final, each person shows one to five fingers for each key result: how sure
they are the team will reach it. Like dot votes, the votes stay hidden until the facilitator
reveals them, so nobody anchors on the first hand up. A low average says the room doubts the
key result; a wide spread says people see it differently; one or two fingers from anyone says
that person knows of a problem. Each is worth a conversation before finalizing, and whoever
showed one or two fingers is the first person to ask. The
thresholds live here; the CLI and the screens show what ``confidence_summary`` returns.
"""

from __future__ import annotations

from dataclasses import dataclass

from .kr_names import kr_label
from .model import CONFIDENCE_VOTE_MAX, CONFIDENCE_VOTE_MIN, KeyResult, Workshop

LOW_AVERAGE = 3.0
"""An average below three fingers: the room as a whole doubts this key result."""
WIDE_SPREAD = 3
"""Three fingers or more between the lowest and highest vote (say 2 and 5)."""
CONCERN_VOTE = 2
"""One or two fingers: this person has a concern the room should hear."""


@dataclass(frozen=True)
class ConfidenceSummary:
    """What a screen shows about one key result's confidence votes.

    While the votes are hidden only ``count``, ``voted``, ``waiting`` and the viewer's own vote
    are filled in; the rest is empty, so a screen cannot show what it must not.
    """

    kr_id: str
    revealed: bool
    count: int
    voted: tuple[str, ...]
    waiting: tuple[str, ...]
    """Participants (and the facilitator) who have not voted yet."""
    own: int | None
    votes: tuple[tuple[str, int], ...]
    """(name, fingers), in the order people voted; empty while hidden."""
    histogram: tuple[int, ...]
    """How many people showed 1, 2, 3, 4 and 5 fingers; all zero while hidden."""
    average: float | None
    low: int | None
    high: int | None
    talk: bool
    prompt: str
    """A sentence saying why to talk about it, or "" when nothing stands out."""

    @property
    def spread(self) -> int | None:
        return None if self.low is None or self.high is None else self.high - self.low

    @property
    def concerns(self) -> tuple[str, ...]:
        """Who showed one or two fingers (empty while hidden)."""
        return tuple(name for name, n in self.votes if n <= CONCERN_VOTE)


def confidence_summary(
    ws: Workshop, kr: KeyResult, *, viewer: str | None = None
) -> ConfidenceSummary:
    """The confidence votes on ``kr`` as ``viewer`` may see them (everyone, once revealed)."""
    votes = tuple(kr.confidence_votes.items())
    voted = tuple(name for name, _ in votes)
    people = [*ws.participants, *([ws.facilitator] if ws.facilitator else [])]
    done = {name.casefold() for name in voted}
    waiting = tuple(p for p in people if p.casefold() not in done)
    own = None
    if viewer is not None:
        own = next((n for name, n in votes if name.casefold() == viewer.casefold()), None)
    revealed = ws.settings.confidence_revealed
    if not revealed or not votes:
        return ConfidenceSummary(
            kr_id=kr.id,
            revealed=revealed,
            count=len(votes),
            voted=voted,
            waiting=waiting,
            own=own,
            votes=(),
            histogram=(0,) * (CONFIDENCE_VOTE_MAX - CONFIDENCE_VOTE_MIN + 1),
            average=None,
            low=None,
            high=None,
            talk=False,
            prompt="",
        )
    numbers = [n for _, n in votes]
    average = sum(numbers) / len(numbers)
    low, high = min(numbers), max(numbers)
    histogram = tuple(numbers.count(n) for n in range(CONFIDENCE_VOTE_MIN, CONFIDENCE_VOTE_MAX + 1))
    reasons = []
    if average < LOW_AVERAGE:
        reasons.append(f"the average is {average:.1f} of 5, so the room doubts it")
    if high - low >= WIDE_SPREAD:
        reasons.append(f"the votes run from {low} to {high}, so people see it differently")
    concerns = [name for name, n in votes if n <= CONCERN_VOTE]
    if concerns and not reasons:
        reasons.append(f"{_names(concerns)} showed {CONCERN_VOTE} fingers or fewer")
    prompt = ""
    if reasons:
        prompt = f"Talk about {kr_label(ws, kr)}: " + " and ".join(reasons) + "."
        if concerns:
            prompt += " Ask " + _names(concerns) + " what worries them first."
    return ConfidenceSummary(
        kr_id=kr.id,
        revealed=True,
        count=len(votes),
        voted=voted,
        waiting=waiting,
        own=own,
        votes=votes,
        histogram=histogram,
        average=round(average, 2),
        low=low,
        high=high,
        talk=bool(reasons),
        prompt=prompt,
    )


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
