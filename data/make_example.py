"""Rebuild data/example.json and its packaged copy: a complete, finalized example workshop.

Run: python data/make_example.py [OUTPUT]. It goes through the same actions and store the app
uses, so the example always obeys the current rules and schema. Timestamps are fixed so that a
rebuild only changes the file when the content changes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from okrworkshop import actions, tracking
from okrworkshop.actions import KeyResultFields
from okrworkshop.export import EXPORT_FORMAT, EXPORT_VERSION
from okrworkshop.model import Check, Review, Stage, Workshop
from okrworkshop.sample import SEEN_FROM
from okrworkshop.store import Store

HERE = Path(__file__).resolve().parent
PACKAGED = HERE.parent / "okrworkshop" / "example_workshop.json"  # what the app's welcome opens
FIXED_TIME = "2026-12-14T09:00:00+00:00"
LAST_CHECK_IN = SEEN_FROM  # the example is seen from the Monday of week 8 (its latest)

# Eight Mondays of check-ins: (key result, date, value, confidence, note, who or "" for owner).
# kr1 climbs close to the pace the calendar asks for, kr2 stalls on a blocker (behind, with
# falling confidence), kr3 moves but more slowly than the cycle (at risk).
CHECK_INS: list[tuple[str, str, str, int, str, str]] = [
    ("kr1", "2027-01-04", "12.1%", 6, "Starting point holds; the ranking experiment starts.", ""),
    ("kr1", "2027-01-11", "12.4%", 6, "New ranking live for a fifth of traffic.", ""),
    ("kr1", "2027-01-18", "12.9%", 7, "Synonyms for the 200 most common queries shipped.", ""),
    ("kr1", "2027-01-25", "13.4%", 7, "New ranking rolled out to everyone.", ""),
    ("kr1", "2027-02-01", "13.8%", 7, "", ""),
    ("kr1", "2027-02-08", "14.3%", 8, "Results on mobile now show price and stock.", ""),
    ("kr1", "2027-02-15", "14.6%", 7, "A slower week: the winter sale changed the mix.", "Ana"),
    ("kr1", "2027-02-22", "15.1%", 8, "Back on pace. Next: spelling correction.", ""),
    ("kr2", "2027-01-04", "9.0%", 7, "Zero-result queries now logged by category.", ""),
    ("kr2", "2027-01-11", "8.7%", 7, "", ""),
    ("kr2", "2027-01-25", "8.1%", 6, "Most zero results are misspellings.", ""),
    ("kr2", "2027-02-01", "8.0%", 5, "Spelling correction waits on the engine upgrade.", ""),
    ("kr2", "2027-02-08", "7.9%", 4, "Still blocked; raised it with Platform.", "Ana"),
    ("kr2", "2027-02-15", "7.6%", 4, "Workaround: synonyms for the 50 worst misspellings.", ""),
    ("kr2", "2027-02-22", "7.2%", 5, "The workaround helps; the upgrade is due in March.", ""),
    ("kr3", "2027-01-11", "41.5%", 6, "First reading with the new click tracking.", ""),
    ("kr3", "2027-01-25", "43.0%", 6, "The ranking change lifts the top three too.", ""),
    ("kr3", "2027-02-08", "45.0%", 5, "Thumbnail test inconclusive on desktop.", ""),
    ("kr3", "2027-02-22", "46.5%", 6, "Thumbnails win on mobile; rolling them out.", ""),
]


def build(ws: Workshop) -> None:
    """Play a whole workshop for a marketplace search team."""
    actions.set_context(
        ws,
        mission="Help small businesses sell what they make to people who want it.",
        north_star="Our buyers always find what they are looking for.",
        pillars=[
            "New products and features",
            "Scale the business into new markets",
            "Technology and quality",
        ],
        vision="Search that understands what a buyer means, not only what they typed.",
        principles=[
            "Relevance before volume: fewer, better results.",
            "Sellers of every size get a fair chance to be found.",
        ],
        strategy=(
            "This half we win on search relevance in our home market before we expand; "
            "expansion to the EU waits until buyers here find what they want first time."
        ),
        parent_okrs=[
            "Company O1: Buyers come back because shopping with us just works.",
            "Company KR: Repeat purchase rate from 31% to 38% by 2027-06-30.",
        ],
        overlaps=[
            ("Payments", "checkout drop-off after a search"),
            ("Seller Tools", "product data quality: titles, categories, attributes"),
        ],
        why_okrs=(
            "We keep starting more work than we finish. OKRs make us choose one outcome a "
            "quarter and say out loud what we will not do."
        ),
    )
    ws.settings.votes_per_participant = 3
    actions.update_settings(
        ws,
        meeting_date="2026-12-14",
        meeting_time="10:00-12:30 CET",
        meeting_place="Room 4.12, second floor",
    )
    o1 = actions.add_draft(
        ws,
        "Buyers find the right product on their first search",
        author="Ben",
        pillar="Technology and quality",
        rationale="Half of our sessions end after a search with no click.",
    )
    o2 = actions.add_draft(
        ws,
        "Sellers get their products listed in minutes",
        author="Chen",
        pillar="New products and features",
    )
    o3 = actions.add_draft(
        ws,
        "Buyers in the EU can shop with us",
        author="Dana",
        pillar="Scale the business into new markets",
    )
    actions.go_to_stage(ws, Stage.DRAFTS)
    o4 = actions.add_draft(
        ws, "Search feels instant on mobile", author="Ana", pillar="Technology and quality"
    )
    for voter, picks in {"Ben": [o1, o1, o4], "Chen": [o1, o2, o2], "Dana": [o3, o1, o4]}.items():
        for objective in picks:
            actions.vote(ws, objective.id, person=voter)
    actions.reveal_votes(ws)
    actions.choose_focus(ws, o1.id)
    actions.deprioritize(
        ws, None, "Listing speed matters, but relevance comes first.", from_objective=o2.id
    )
    actions.deprioritize(
        ws, None, "The strategy says: home market first, EU next half.", from_objective=o3.id
    )
    actions.deprioritize(
        ws,
        None,
        "Folded into the focus: faster results are part of finding things.",
        from_objective=o4.id,
    )
    actions.deprioritize(ws, "Replacing the search engine", "A platform bet for a later cycle.")
    krs = [
        (
            "Increase search-to-purchase conversion from 12% to 18% by 2027-03-31",
            "Chen",
            KeyResultFields(
                "search-to-purchase conversion", "12%", "18%", "%", "2027-03-31", "Chen"
            ),
        ),
        (
            "Reduce searches that return zero results from 9% to 3% by 2027-03-31",
            "Ben",
            KeyResultFields("zero-result search rate", "9%", "3%", "%", "2027-03-31", "Ben"),
        ),
        (
            "Raise the share of searches with a click in the top 3 results "
            "from 41% to 55% by end of Q1",
            "Dana",
            KeyResultFields("top-3 click share", "41%", "55%", "%", "2027-03-31", "Dana"),
        ),
    ]
    for statement, author, fields in krs:
        kr = actions.add_key_result(ws, statement, author=author, fields=fields)
        for check in Check:
            actions.review_check(ws, kr.id, check, Review.CONFIRMED)
    actions.review_check(
        ws, "kr1", Check.ACHIEVABLE, Review.ACCEPTED, "A stretch: six points in one quarter."
    )
    tracking.set_kind(ws, "kr1", "stretch")
    fists = {"kr1": [3, 4, 2, 3], "kr2": [4, 4, 5, 4], "kr3": [3, 4, 4, 3]}
    for kr_id, votes in fists.items():
        for person, fingers in zip(["Ben", "Chen", "Dana", "Ana"], votes, strict=True):
            tracking.vote_confidence(ws, kr_id, fingers, person=person)
    tracking.reveal_confidence(ws)
    for stage, minutes in {Stage.CONTEXT: 15, Stage.DRAFTS: 20, Stage.FOCUS: 15}.items():
        actions.set_timebox(ws, stage, minutes)
        actions.add_stage_time(ws, stage, minutes * 60 - 42)
    actions.finalize(ws)
    for kr_id, when, value, confidence, note, who in CHECK_INS:
        tracking.check_in(
            ws,
            kr_id,
            value,
            author=who or None,
            confidence=confidence,
            note=note,
            when=when,
            today=LAST_CHECK_IN,
        )


def freeze_times(doc: dict) -> None:
    """Fix every timestamp so regenerating gives the same bytes."""
    doc["created"] = doc["updated"] = FIXED_TIME
    doc["finalized"] = FIXED_TIME
    for key in ("objectives", "deprioritized", "key_results"):
        for item in doc[key]:
            item["created"] = FIXED_TIME
    for kr in doc["key_results"]:
        for checkin in kr["checkins"]:
            checkin["created"] = f"{checkin['date']}T10:00:00+00:00"  # in the Monday stand-up


def main(output: Path) -> None:
    if output.exists():
        output.unlink()
    store = Store.open(output)
    ws = actions.new_workshop(
        "Marketplace Search",
        "2027 Q1",
        start="2027-01-01",
        end="2027-03-31",
        facilitator="Ana",
        participants=["Ben", "Chen", "Dana"],
    )
    ws.id = "example"
    store.create(ws)
    store.update(ws.id, build)
    data = json.loads(output.read_text(encoding="utf-8"))
    for doc in data["workshops"].values():
        freeze_times(doc)
    output.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    lock = output.with_name(output.name + ".lock")
    lock.unlink(missing_ok=True)
    print(f"Wrote {output}")
    (doc,) = data["workshops"].values()
    packaged = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "workshop": doc}
    PACKAGED.write_text(json.dumps(packaged, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"Wrote {PACKAGED}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "example.json")
