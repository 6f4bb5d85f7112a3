"""The pre-read participants get before the workshop, and who has drafted what so far."""

from __future__ import annotations

import pytest
from hostile import HOSTILE
from markdown_parse import PARSER, tokens

from okrworkshop import actions, rules
from okrworkshop.actions import KeyResultFields
from okrworkshop.model import Origin, Overlap, Workshop
from okrworkshop.preread import to_preread
from okrworkshop.rules import DraftingProgress, drafting_progress
from okrworkshop.text import visible


def rendered_text(markdown: str) -> str:
    """What a reader sees, without markup (line breaks as spaces)."""
    pieces = []
    for t in tokens(markdown):
        if t.type in ("text", "code_inline"):
            pieces.append(t.content)
        elif t.type in ("softbreak", "hardbreak"):
            pieces.append(" ")
    return "".join(pieces)


def headings(markdown: str) -> list[tuple[str, str]]:
    """(tag, text) of every heading, in order."""
    found = []
    toks = PARSER.parse(markdown)
    for i, t in enumerate(toks):
        if t.type == "heading_open":
            found.append((t.tag, toks[i + 1].content))
    return found


def make_workshop() -> Workshop:
    ws = actions.new_workshop(
        "Marketplace Search",
        "2027 Q1",
        start="2027-01-01",
        end="2027-03-31",
        facilitator="Ana",
        participants=["Ben", "Chen", "Dana"],
    )
    ws.id = "abc123"
    actions.set_context(
        ws,
        mission="Help small sellers thrive",
        north_star="Our users always find what they want",
        pillars=["Search relevance", "Scale into new markets"],
        vision="Every buyer finds it on the first try",
        principles=["Fast beats fancy"],
        strategy="Win on relevance before we expand",
        parent_okrs=["Company O1: grow EU revenue"],
        overlaps=[("Payments", "checkout conversion")],
        why_okrs="To agree on one outcome and stop chasing ten",
    )
    return ws


def add_pre_workshop(ws: Workshop, text: str, author: str) -> None:
    actions.add_draft(ws, text, author=author, origin=Origin.PRE_WORKSHOP)


# --- the pre-read -----------------------------------------------------------------------------


def test_pre_read_names_team_cycle_dates_and_people() -> None:
    doc = to_preread(make_workshop())
    text = rendered_text(doc)
    assert headings(doc)[0] == ("h1", "Before the OKR workshop: Marketplace Search, 2027 Q1")
    assert "2027-01-01 to 2027-03-31" in text
    assert "Facilitator: Ana" in text
    assert "Participants: Ben, Chen, Dana" in text


def test_pre_read_sections_come_in_reading_order() -> None:
    doc = to_preread(make_workshop())
    h2 = [title for tag, title in headings(doc) if tag == "h2"]
    assert h2 == [
        "What we ask of you",
        "How to send your drafts",
        "What makes a good draft objective",
        "The strategic context",
    ]
    h3 = [title for tag, title in headings(doc) if tag == "h3"]
    assert h3 == [
        "Company mission",
        "North Star",
        "Strategic pillars",
        "Product vision",
        "Product principles",
        "Product strategy",
        "Higher-level OKRs",
        "Overlaps with other teams",
        "Why we use OKRs",
    ]


def test_pre_read_holds_every_part_of_the_context() -> None:
    text = rendered_text(to_preread(make_workshop()))
    for words in (
        "Help small sellers thrive",
        "Our users always find what they want",
        "Search relevance",
        "Scale into new markets",
        "Every buyer finds it on the first try",
        "Fast beats fancy",
        "Win on relevance before we expand",
        "Company O1: grow EU revenue",
        "Payments: checkout conversion",
        "To agree on one outcome and stop chasing ten",
    ):
        assert words in text, words


def test_pre_read_asks_for_one_to_three_objectives_and_key_result_ideas() -> None:
    text = rendered_text(to_preread(make_workshop()))
    assert "one to three objectives" in text
    assert "ideas for key results" in text
    assert "Send them before the workshop." in text


def test_pre_read_says_when_drafts_are_due() -> None:
    ws = make_workshop()
    actions.update_settings(ws, drafts_due="2027-01-10")
    text = rendered_text(to_preread(ws))
    assert "Send them by Sunday 2027-01-10." in text
    assert "before the workshop." not in text.split("Send them")[1][:40]


def test_pre_read_says_how_to_send_drafts() -> None:
    doc = to_preread(make_workshop())
    code = [t.content for t in tokens(doc) if t.type == "code_inline"]
    assert "okrworkshop join -w abc123 --as NAME" in code
    assert "okrworkshop join --file NAME.okr.json" in code
    assert "link the facilitator shares" in rendered_text(doc)


def test_pre_read_explains_a_good_objective() -> None:
    text = rendered_text(to_preread(make_workshop()))
    guidance = text.split("What makes a good draft objective")[1]
    assert "in words rather than numbers" in guidance  # qualitative
    assert "a result rather than a task" in guidance  # an outcome
    assert "ambitious" in guidance  # inspiring


def test_pre_read_never_shows_anyones_drafts() -> None:
    ws = make_workshop()
    add_pre_workshop(ws, "Buyers find the right product first time", "Ben")
    actions.add_draft(ws, "Sellers list in minutes", author="Chen")
    actions.add_key_result(
        ws, "Conversion from 12% to 18%", author="Dana", fields=KeyResultFields()
    )
    doc = to_preread(ws)
    assert "Buyers find the right product" not in doc
    assert "Sellers list in minutes" not in doc
    assert "12% to 18%" not in doc
    assert "Nobody else sees your drafts" in rendered_text(doc)


def test_pre_read_does_not_promise_privacy_when_drafts_are_shared() -> None:
    ws = make_workshop()
    actions.update_settings(ws, show_drafts_to_participants=True)
    assert "Nobody else sees your drafts" not in to_preread(ws)


def test_missing_required_context_is_marked_and_optional_parts_left_out() -> None:
    ws = make_workshop()
    actions.set_context(ws, strategy="", vision="", principles=[], overlaps=[])
    doc = to_preread(ws)
    h3 = [title for tag, title in headings(doc) if tag == "h3"]
    assert "Product strategy" in h3  # needed by every team: marked as missing
    assert "Product vision" not in h3 and "Product principles" not in h3
    assert "Overlaps with other teams" not in h3
    strategy = doc.split("### Product strategy")[1].split("###")[0]
    assert "Not written yet" in strategy


def test_an_empty_context_gets_one_line_not_nine_gaps() -> None:
    ws = actions.new_workshop("Search", "2027 Q1")
    doc = to_preread(ws)
    assert [t for t, _ in headings(doc)].count("h3") == 0
    assert "has not written the strategic context yet" in rendered_text(doc)
    assert "dates not set yet" in rendered_text(doc)
    assert "Participants: none listed yet" in rendered_text(doc)


def test_half_set_cycle_dates_are_said_plainly() -> None:
    ws = actions.new_workshop("Search", "2027 Q1", start="2027-01-01")
    assert "from 2027-01-01 (end date not set yet)" in rendered_text(to_preread(ws))


def fill_everywhere(text: str) -> Workshop:
    """The same workshop with ``text`` typed into every field the pre-read shows."""
    ws = make_workshop()
    ws.team = text
    ws.cycle.label = text
    ws.facilitator = text
    ws.participants = [text, "Ben"]
    c = ws.context
    c.mission = c.north_star = c.vision = c.strategy = c.why_okrs = text
    c.pillars = [text, "Scale"]
    c.principles = [text]
    c.parent_okrs = [text]
    c.overlaps = [Overlap(text, text)]
    ws.id = "abc123"
    return ws


STRUCTURE_ONLY = ("text", "softbreak", "hardbreak")


@pytest.mark.parametrize("key", list(HOSTILE))
def test_typed_text_never_becomes_markdown_structure(key: str) -> None:
    hostile = HOSTILE[key]
    doc = to_preread(fill_everywhere(hostile))
    clean = [t.type for t in tokens(to_preread(fill_everywhere("Plain words"))) if t.type]
    dirty_tokens = tokens(doc)
    # Exactly the structure of the same document with harmless words in every field.
    assert [t.type for t in dirty_tokens if t.type not in STRUCTURE_ONLY] == [
        t for t in clean if t not in STRUCTURE_ONLY
    ]
    for forbidden in ("html_inline", "html_block", "link_open", "image", "code_block", "fence"):
        assert all(t.type != forbidden for t in dirty_tokens), forbidden
    assert " ".join(visible(hostile, keep_newlines=True).split()) in rendered_text(doc)
    for raw in ("\x1b", "\x00", "\u202e", "\x07"):
        assert raw not in doc


def test_a_workshop_id_with_backticks_stays_one_code_span() -> None:
    ws = make_workshop()
    ws.id = "a`b``c"
    code = [t.content for t in tokens(to_preread(ws)) if t.type == "code_inline"]
    assert "okrworkshop join -w a`b``c --as NAME" in code


# --- drafting progress ------------------------------------------------------------------------


def test_progress_counts_pre_workshop_items_per_participant_in_order() -> None:
    ws = make_workshop()
    add_pre_workshop(ws, "One", "Chen")
    add_pre_workshop(ws, "Two", "Chen")
    add_pre_workshop(ws, "Three", "Ben")
    actions.add_draft(ws, "Typed in the room", author="Dana", origin=Origin.LIVE)  # does not count
    actions.add_key_result(ws, "From 12% to 18%", author="Chen", origin=Origin.PRE_WORKSHOP)
    actions.add_key_result(ws, "Live key result", author="Ben", origin=Origin.LIVE)
    assert drafting_progress(ws) == [
        DraftingProgress("Ben", 1, 0),
        DraftingProgress("Chen", 2, 1),
        DraftingProgress("Dana", 0, 0),
    ]


def test_progress_matches_names_without_case_and_adds_others_who_drafted() -> None:
    ws = make_workshop()
    add_pre_workshop(ws, "Mine", "ben")
    add_pre_workshop(ws, "From the facilitator", "Ana")
    progress = drafting_progress(ws)
    assert [p.name for p in progress] == ["Ben", "Chen", "Dana", "Ana"]
    assert progress[0].drafts == 1 and progress[3].drafts == 1


def test_progress_in_words() -> None:
    assert DraftingProgress("Ana", 2, 1).describe() == "2 drafts, 1 key-result idea"
    assert DraftingProgress("Ana", 1, 3).describe(short=True) == "1 draft, 3 KR ideas"
    assert DraftingProgress("Ana", 0, 2).describe() == "2 key-result ideas"
    assert DraftingProgress("Ben", 0, 0).describe() == "nothing yet"
    assert not DraftingProgress("Ben", 0, 0).started


def test_progress_with_no_participants_is_empty() -> None:
    assert rules.drafting_progress(actions.new_workshop("Search", "2027 Q1")) == []
