"""The room's confidence in one key result ("fist of five"), as the shared screen shows it.

Everyone shows one to five fingers for the key result on screen; the facilitator records each
hand (or people vote from their own screens). Like the dot votes, the numbers stay hidden
until revealed, so nobody anchors on the first hand up: while hidden the panel shows only who
has voted. Revealed, it shows each vote, the average, the spread and how the hands fell, and
``confidence_summary``'s prompt to talk (a low average, a wide spread, or someone with one or
two fingers) stands out, since that conversation belongs before finalizing.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from okrworkshop.confidence import ConfidenceSummary
from okrworkshop.model import CONFIDENCE_VOTE_MAX, CONFIDENCE_VOTE_MIN
from okrworkshop.text import visible
from screens.widgets.findings import chips

HAND = "●"


def histogram(summary: ConfidenceSummary) -> Content:
    """How the hands fell, one column per number of fingers: "1 ·  2 ●  3 ·  4 ●●  5 ●"."""
    parts = []
    for fingers, count in zip(
        range(CONFIDENCE_VOTE_MIN, CONFIDENCE_VOTE_MAX + 1), summary.histogram, strict=True
    ):
        parts.append(Content.styled(f"{fingers}:", "bold") + Content(HAND * count or "·"))
    return Content(" ").join(parts)


class ConfidencePanel(Static):
    """Who has shown their hand on the key result on screen, and what the room showed."""

    DEFAULT_CSS = """
    ConfidencePanel {
        height: auto;
        padding: 0 1;
        border-left: outer $primary-muted;
    }
    ConfidencePanel.-talk {
        border-left: outer $warning;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._shown: tuple[ConfidenceSummary, list[str], str | None, bool] | None = None

    def on_resize(self) -> None:
        if self._shown is not None:
            self.show(*self._shown)

    def show(
        self,
        summary: ConfidenceSummary,
        people: list[str],
        voter: str | None,
        open_for_votes: bool = True,
    ) -> None:
        """Draw ``summary`` for the room, with ``voter`` as the person whose hand a digit
        records next (nobody's, once ``open_for_votes`` is false: the OKR is final)."""
        self._shown = (summary, people, voter, open_for_votes)
        voter = voter if open_for_votes else None
        state = "revealed, v hides" if summary.revealed else "hidden until v"
        title = Content.styled("Confidence", "bold") + Content(f" ({state}): ")
        hands = chips([title, *self._hands(summary, people, voter)], self.content_region.width)
        lines = [hands]
        if summary.revealed and summary.count:
            assert summary.average is not None
            lines.append(
                Content(
                    f"Average {summary.average:.1f} of 5 · {summary.low} to {summary.high} "
                    f"(spread {summary.spread}) · "
                )
                + histogram(summary)
            )
        else:
            voted = f"{summary.count} of {summary.count + len(summary.waiting)} voted. "
            who = f"▶{visible(voter)}" if voter else "▶"
            keys = f"A digit 1–5 records {who}'s fingers, 0 takes it back, F2/F3 pick who."
            if not open_for_votes:
                keys = "Voting is closed: the OKR is final."
            lines.append(Content(voted) + Content.styled(keys, "$text-muted"))
        if summary.talk:
            lines.append(Content.styled("⚑ " + visible(summary.prompt), "bold $text-warning"))
        self.set_class(summary.talk, "-talk")
        self.update(Content("\n").join(lines))

    @staticmethod
    def _hands(summary: ConfidenceSummary, people: list[str], voter: str | None) -> list[Content]:
        """Each person with their vote (revealed), a tick (voted, hidden) or a dot (not yet)."""
        votes = {name.casefold(): n for name, n in summary.votes}
        voted = {name.casefold() for name in summary.voted}
        hands = []
        for person in people:
            key = person.casefold()
            if key in votes:
                mark = str(votes[key])
            elif key in voted:
                mark = "✓"
            else:
                mark = "·"
            chip = Content(f"{'▶' if person == voter else ' '}{visible(person)} {mark}")
            if person == voter:
                chip = chip.stylize("bold reverse")
            hands.append(chip)
        return hands or [Content("Nobody to vote yet: add participants on the Setup step.")]
