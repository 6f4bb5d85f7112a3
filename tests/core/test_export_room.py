"""The handout and the plain text for the room's additions: KR numbers, the plan, "contributes
to", co-authors and key results set aside. Read with a real CommonMark parser."""

from __future__ import annotations

import json

import pytest
from hostile import HOSTILE
from markdown_parse import tokens
from test_export import flat, rendered_text

from okrworkshop import actions
from okrworkshop.actions import KeyResultFields
from okrworkshop.export import to_json, to_markdown
from okrworkshop.model import Check, Review, Workshop
from okrworkshop.plain import render_plain


def workshop(*, focus: bool = True, initiative: str = "Tune the synonym list") -> Workshop:
    ws = actions.new_workshop(
        "Marketplace Search",
        "2027 Q1",
        start="2027-01-01",
        end="2027-03-31",
        facilitator="Ana",
        participants=["Ben", "Chen"],
    )
    ws.id = "abc123"
    actions.set_context(ws, parent_okrs=["Company O1: grow EU revenue", "Company O2: trust"])
    first = actions.add_draft(ws, "Buyers find the right product", author="Ben", contributes_to="1")
    twin = actions.add_draft(ws, "Buyers find what they want", author="Chen")
    actions.merge_drafts(ws, first.id, twin.id)
    for n, statement in enumerate(
        (
            "Cut checkout errors from 4% to 1% by 2027-03-31",
            "Increase search-to-purchase conversion from 12% to 18% by 2027-03-31",
            "Reduce zero-result searches from 9% to 4% by 2027-03-31",
        )
    ):
        actions.add_key_result(
            ws,
            statement,
            author="Chen",
            fields=KeyResultFields(metric=f"m{n}", baseline="1", target="2", deadline="2027-03-31"),
        )
    actions.delete_key_result(ws, "kr1")
    actions.review_check(ws, "kr3", Check.ACHIEVABLE, Review.ACCEPTED, "A stretch, on purpose")
    actions.add_initiative(ws, initiative, owner="Ben", key_result="kr3")
    actions.add_initiative(ws, "Hire a search engineer")
    if focus:
        actions.choose_focus(ws, first.id)
    return ws


def cells(doc: str) -> list[str]:
    return [t.content for t in tokens(doc) if t.type == "inline"]


@pytest.mark.parametrize("focus", [False, True], ids=["pre-read", "final"])
def test_key_results_are_numbered_one_to_n_whatever_their_ids(focus: bool) -> None:
    doc = to_markdown(workshop(focus=focus))
    labels = [c.split(":")[0] for c in cells(doc) if c.startswith("**KR")]
    assert labels == ["**KR1", "**KR2", "**KR2"]  # two key results, then KR2 in the plan
    assert "KR3" not in doc and "**KR2:**" in doc  # the ids are kr2 and kr3: kr1 was deleted
    if focus:
        assert "The team knows KR2 may not be reached in full: A stretch, on purpose" in (
            rendered_text(doc)
        )


def test_the_plan_lists_initiatives_under_their_key_result_then_the_objective() -> None:
    doc = to_markdown(workshop())
    lines = doc.splitlines()
    plan = lines[lines.index("## The plan") :]
    plan = plan[: next(i for i, line in enumerate(plan) if line.startswith("## ") and i)]
    assert [line for line in plan if line.startswith(("**", "- "))] == [
        "**KR2:** Reduce zero-result searches from 9% to 4% by 2027-03-31",
        "- Tune the synonym list (owner: Ben)",
        "**For the objective as a whole:**",
        "- Hire a search engineer",
    ]
    assert doc.index("## Key results") < doc.index("## The plan") < doc.index("## How this ties")


def test_no_initiatives_means_no_plan_section() -> None:
    ws = workshop()
    ws.initiatives.clear()
    assert "The plan" not in to_markdown(ws)


def test_the_objective_shows_what_it_contributes_to_and_both_authors() -> None:
    doc = to_markdown(workshop())
    text = rendered_text(doc)
    assert "Contributes to: Company O1: grow EU revenue" in text
    assert "Proposed by: Ben and Chen" in text
    assert doc.index("Contributes to") < doc.index("## Key results")
    draft_doc = rendered_text(to_markdown(workshop(focus=False)))
    assert "with Chen" in draft_doc and "contributes to: Company O1: grow EU revenue" in draft_doc


@pytest.mark.parametrize("key", list(HOSTILE))
def test_typed_initiatives_and_parent_okrs_never_become_markdown_structure(key: str) -> None:
    hostile = HOSTILE[key]
    clean = workshop()
    dirty = workshop(initiative=hostile)
    actions.set_context(dirty, parent_okrs=[hostile, "Company O2: trust"])
    dirty.objectives[0].contributes_to = hostile
    doc = to_markdown(dirty)
    dirty_tokens = tokens(doc)
    assert [t.type for t in dirty_tokens if t.type != "text"] == [
        t.type for t in tokens(to_markdown(clean)) if t.type != "text"
    ]
    for forbidden in ("html_inline", "html_block", "link_open", "image", "code_block", "fence"):
        assert all(t.type != forbidden for t in dirty_tokens), forbidden
    assert rendered_text(doc).count(flat(hostile)) >= 3  # plan, under the objective, context
    assert "\x1b" not in doc and "\x00" not in doc


def test_json_export_round_trips_the_rooms_additions() -> None:
    ws = workshop()
    actions.deprioritize_key_result(ws, "kr2", "After the relaunch")
    ws.objectives[0].source = "inv/o1"
    actions.key_result_to_initiative(ws, "kr3")
    doc = json.loads(to_json(ws))
    again = Workshop.from_dict(doc["workshop"])
    assert again == ws
    assert [i.text for i in again.initiatives][-1].startswith("Reduce zero-result searches")
    assert again.deprioritized[0].from_key_result == "kr2"
    assert again.objectives[0].coauthors == ["Chen"]
    assert again.objectives[0].contributes_to == "Company O1: grow EU revenue"


def test_plain_text_shows_plan_coauthors_contributes_to_and_where_items_came_from() -> None:
    ws = workshop(initiative=HOSTILE["ansi"])
    actions.deprioritize_key_result(ws, "kr2", "After the relaunch")
    out = render_plain(ws)
    assert "(Ben with Chen, pre-workshop" in out
    assert "contributes to: Company O1: grow EU revenue" in out
    assert "[was a key result]" in out
    assert "The plan (initiatives)" in out
    assert (
        "i1  \\x1b[31mred\\x1b[0m and \\x1b]0;title\\x07  (owner: Ben; for KR1)" in out
    )  # kr3 is KR1 now
    assert "i2  Hire a search engineer  (for the objective)" in out
    assert "\x1b" not in out
