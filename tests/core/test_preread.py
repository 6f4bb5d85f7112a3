"""The pre-read participants get before the workshop, and who has drafted what so far."""

from __future__ import annotations

import pytest
from hostile import HOSTILE
from markdown_parse import PARSER, tokens

from okrworkshop import actions, rules
from okrworkshop.actions import KeyResultFields
from okrworkshop.export import to_markdown
from okrworkshop.model import Origin, Overlap, Stage, Workshop
from okrworkshop.preread import missing_for_reader, to_preread
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
    commands = [t.content for t in tokens(doc) if t.type == "fence"]
    assert commands == [
        "okrworkshop join --file NAME.okr.json\n",
        "okrworkshop join -w abc123 --as NAME\n",
    ]
    assert "open the link the facilitator sends you" in rendered_text(doc)


def test_the_browser_way_comes_before_any_shell_command() -> None:
    """Most readers never open a terminal: the link is the first way they read about."""
    doc = to_preread(make_workshop())
    send = doc[doc.index("## How to send your drafts") :]
    assert send.index("**In a browser:**") < send.index("```") < send.index("--as NAME")


def test_commands_sit_in_code_blocks_so_no_option_wraps_across_lines() -> None:
    """A code span wraps at its spaces ("--as" at the end of one line, "NAME" on the next); a
    code block keeps the command on one line and copies as it is."""
    doc = to_preread(make_workshop())
    inline = [t.content for t in tokens(doc) if t.type == "code_inline"]
    assert not [code for code in inline if "okrworkshop" in code]
    for token in (t for t in tokens(doc) if t.type == "fence"):
        assert token.content.count("\n") == 1  # one command, one line
    assert "--as NAME" not in rendered_text(doc)  # only inside the code block


def test_pre_read_says_when_and_where_the_workshop_is() -> None:
    ws = make_workshop()
    actions.update_settings(
        ws,
        meeting_date="2027-01-12",
        meeting_time="10:00-12:00 CET",
        meeting_place="Room 4.12 or https://meet.example/okr",
        drafts_due="2027-01-10",
    )
    doc = to_preread(ws)
    facts = doc.split("\n\n")[1].splitlines()
    assert facts[:3] == [
        "**When:** Tuesday 2027-01-12, 10:00-12:00 CET  ",
        "**Where:** Room 4.12 or https://meet.example/okr  ",
        "**Drafts due:** Sunday 2027-01-10  ",
    ]
    assert not [t for t in tokens(doc) if t.type == "link_open"]


def test_what_is_not_set_is_left_out_and_listed_for_the_facilitator() -> None:
    ws = actions.new_workshop("Search", "2027 Q1")
    doc = to_preread(ws)
    text = rendered_text(doc)
    for gap in ("not set", "Not written", "not named", "none listed", "When:", "Where:"):
        assert gap not in text, gap
    assert missing_for_reader(ws) == [
        "Set the date of the workshop.",
        "Set the time of the workshop.",
        "Say where the workshop is: a room, an address or a video link.",
        "Set the cycle's start and end dates.",
        "Name the facilitator.",
        "Add the participants.",
        *rules.missing_for(ws, Stage.CONTEXT),
    ]
    actions.update_settings(
        ws, meeting_date="2027-01-12", meeting_time="10:00", meeting_place="Room 4"
    )
    assert "Set the date of the workshop." not in missing_for_reader(ws)
    assert "When: Tuesday 2027-01-12, 10:00 Where: Room 4" in rendered_text(to_preread(ws))


def test_handout_and_pre_read_share_one_header_layout() -> None:
    """The same title-then-facts layout, and the same words for the facts both give."""
    ws = make_workshop()
    pre_read = to_preread(ws).splitlines()
    actions.add_draft(ws, "Buyers find the right product", author="Ben")
    actions.choose_focus(ws, "o1")
    handout = to_markdown(ws).splitlines()
    for doc in (pre_read, handout):
        assert doc[0].startswith("# ") and doc[1] == ""
        facts = doc[2 : doc.index("", 2)]
        assert all(line.startswith("**") and ":** " in line for line in facts)
    shared = ("**Team:**", "**Cycle:**", "**Participants:**")
    assert [line for line in pre_read if line.startswith(shared)] == [
        line for line in handout if line.startswith(shared)
    ]


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


def test_context_not_written_yet_is_left_out_of_the_readers_copy() -> None:
    ws = make_workshop()
    actions.set_context(ws, strategy="", vision="", principles=[], overlaps=[])
    doc = to_preread(ws)
    h3 = [title for tag, title in headings(doc) if tag == "h3"]
    assert h3 == [
        "Company mission",
        "North Star",
        "Strategic pillars",
        "Higher-level OKRs",
        "Why we use OKRs",
    ]
    assert "Not written yet" not in doc and "Product strategy" not in doc
    assert "Add the product strategy." in missing_for_reader(ws)  # the facilitator is told


def test_an_empty_context_leaves_the_section_out_and_changes_the_ask() -> None:
    ws = actions.new_workshop("Search", "2027 Q1")
    doc = to_preread(ws)
    assert "The strategic context" not in [title for _, title in headings(doc)]
    text = rendered_text(doc)
    assert "Read the strategic context below" not in text
    assert "the facilitator opens the workshop with the strategic context" in text
    assert "pillars below" not in text
    lines = doc.splitlines()
    assert "**Cycle:** 2027 Q1" in lines and "Participants" not in text


def test_half_set_cycle_dates_are_said_plainly() -> None:
    ws = actions.new_workshop("Search", "2027 Q1", start="2027-01-01")
    assert "Cycle: 2027 Q1, from 2027-01-01" in rendered_text(to_preread(ws))


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
    ws.settings.meeting_time = text  # as stored; the rules would want a time first
    ws.settings.meeting_place = text
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
    for forbidden in ("html_inline", "html_block", "link_open", "image", "code_block"):
        assert all(t.type != forbidden for t in dirty_tokens), forbidden
    # The two command blocks are the document's own, holding no one's words.
    assert [t.content for t in dirty_tokens if t.type == "fence"] == [
        "okrworkshop join --file NAME.okr.json\n",
        "okrworkshop join -w abc123 --as NAME\n",
    ]
    assert " ".join(visible(hostile, keep_newlines=True).split()) in rendered_text(doc)
    for raw in ("\x1b", "\x00", "\u202e", "\x07"):
        assert raw not in doc


@pytest.mark.parametrize("workshop_id", ["a`b``c", "a```b", "```", "a\nb"])
def test_a_workshop_id_with_backticks_stays_one_code_block(workshop_id: str) -> None:
    ws = make_workshop()
    ws.id = workshop_id
    code = [t.content for t in tokens(to_preread(ws)) if t.type == "fence"]
    shown = visible(workshop_id)
    assert code == [
        "okrworkshop join --file NAME.okr.json\n",
        f"okrworkshop join -w {shown} --as NAME\n",
    ]


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


# --- the workshop's date, time and place -------------------------------------------------------


def test_meeting_date_time_and_place_are_set_cleared_and_round_trip() -> None:
    ws = make_workshop()
    actions.update_settings(
        ws, meeting_date="2027-01-12", meeting_time=" 9:30 - 11:00\tCET ", meeting_place="Room 4"
    )
    s = ws.settings
    assert (str(s.meeting_date), s.meeting_time, s.meeting_place) == (
        "2027-01-12",
        "9:30 - 11:00 CET",  # one line, as written
        "Room 4",
    )
    assert Workshop.from_dict(ws.to_dict()) == ws
    actions.update_settings(ws, meeting_date="", meeting_time="", meeting_place="")
    assert (s.meeting_date, s.meeting_time, s.meeting_place) == (None, "", "")


def test_a_workshop_stored_before_these_fields_reads_with_defaults() -> None:
    doc = make_workshop().to_dict()
    for key in ("meeting_date", "meeting_time", "meeting_place"):
        del doc["settings"][key]
    s = Workshop.from_dict(doc).settings
    assert (s.meeting_date, s.meeting_time, s.meeting_place) == (None, "", "")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"meeting_time": "2pm"},
            "The workshop time '2pm' does not start with a 24-hour time; write it as 14:00, or "
            "14:00-16:00 CET.",
        ),
        (
            {"meeting_time": "24:00"},
            "The workshop time '24:00' does not start with a 24-hour time; write it as 14:00, "
            "or 14:00-16:00 CET.",
        ),
        (
            {"meeting_date": "12/01/2027"},
            "The workshop date '12/01/2027' is not a date; write it as 2027-03-31.",
        ),
        (
            {"meeting_place": "x" * 501},
            "The workshop place is 501 characters long; the limit is 500. Shorten it.",
        ),
    ],
)
def test_a_bad_date_time_or_place_is_refused_in_one_sentence(
    change: dict[str, str], message: str
) -> None:
    ws = make_workshop()
    with pytest.raises(rules.RuleError) as refused:
        actions.update_settings(ws, **change)
    assert str(refused.value) == message
    assert (ws.settings.meeting_date, ws.settings.meeting_time) == (None, "")
