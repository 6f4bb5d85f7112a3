"""Markdown and JSON export, checked with a real CommonMark parser (markdown-it-py)."""

from __future__ import annotations

import json

import pytest
from hostile import HOSTILE
from markdown_parse import tokens

from okrworkshop import actions
from okrworkshop.actions import KeyResultFields
from okrworkshop.export import (
    EXPORT_VERSION,
    md,
    md_block,
    to_json,
    to_json_document,
    to_markdown,
)
from okrworkshop.model import Check, Review, Workshop
from okrworkshop.text import visible


def rendered_text(markdown: str) -> str:
    """The text a reader sees, without markup."""
    return "".join(
        t.content for t in tokens(markdown) if t.type in ("text", "code_inline", "softbreak")
    )


def flat(text: str) -> str:
    return " ".join(visible(text, keep_newlines=True).split())


def make_workshop(*, focus: bool, draft_text: str = "Buyers find the right product") -> Workshop:
    ws = actions.new_workshop(
        "Marketplace Search",
        "2027 Q1",
        start="2027-01-01",
        end="2027-03-31",
        facilitator="Ana",
        participants=["Ben", "Chen"],
    )
    ws.id = "abc123"
    actions.set_context(
        ws,
        north_star="Our users always find what they want",
        mission="Help small sellers thrive",
        pillars=["Search relevance", "Scale"],
        parent_okrs=["Company O1: grow EU revenue"],
        overlaps=[("Payments", "checkout conversion")],
    )
    first = actions.add_draft(ws, draft_text, author="Ben", pillar="Search relevance")
    actions.add_draft(ws, "Sellers list products in minutes", author="Chen")
    if focus:
        actions.choose_focus(ws, first.id)
        actions.deprioritize(ws, None, "Next quarter, after search", from_objective="o2")
        kr = actions.add_key_result(
            ws,
            "Increase search-to-purchase conversion from 12% to 18% by 2027-03-31",
            author="Chen",
            fields=KeyResultFields(
                metric="search-to-purchase conversion",
                baseline="12%",
                target="18%",
                deadline="2027-03-31",
                owner="Chen",
            ),
        )
        actions.review_check(ws, kr.id, Check.ACHIEVABLE, Review.ACCEPTED, "A stretch, on purpose")
    return ws


def test_pre_read_lists_drafts_by_author_before_a_focus() -> None:
    doc = to_markdown(make_workshop(focus=False))
    headings = [t.content for t in tokens(doc) if t.type == "inline" and "Ben" in t.content]
    assert doc.startswith("# OKR workshop in progress: Marketplace Search, 2027 Q1")
    assert "### Ben" in doc and "### Chen" in doc
    assert headings, "each author gets a heading"
    assert "No focus objective has been chosen yet" in doc
    assert "Our users always find what they want" in rendered_text(doc)


def test_final_document_has_objective_key_results_strategy_and_deprioritized() -> None:
    doc = to_markdown(make_workshop(focus=True))
    text = rendered_text(doc)
    assert doc.startswith("# Buyers find the right product\n")
    assert "Buyers find the right product" in text and "Proposed by: Ben" in text
    assert not [t for t in tokens(doc) if t.type == "table_open"]  # blocks and lists only
    assert "KR1: Increase search-to-purchase conversion from 12% to 18% by 2027-03-31" in text
    assert "Owner: Chen · Due: 2027-03-31" in text
    assert "Strategic pillar: Search relevance" in text
    assert "Company O1: grow EU revenue" in text and "Payments: checkout conversion" in text
    assert "Sellers list products in minutes: Next quarter, after search" in text
    assert "A stretch, on purpose" in text
    assert "Ana" in text and "Chen" in text


@pytest.mark.parametrize("key", list(HOSTILE))
@pytest.mark.parametrize("focus", [False, True], ids=["pre-read", "final"])
def test_typed_text_never_becomes_markdown_structure(key: str, focus: bool) -> None:
    hostile = HOSTILE[key]
    clean = make_workshop(focus=focus)
    dirty = make_workshop(focus=focus, draft_text=hostile)
    clean_types = [t.type for t in tokens(to_markdown(clean))]
    doc = to_markdown(dirty)
    dirty_tokens = tokens(doc)
    # The document has exactly the structure of the same workshop with a harmless draft.
    assert [t.type for t in dirty_tokens if t.type != "text"] == [
        t for t in clean_types if t != "text"
    ]
    for forbidden in ("html_inline", "html_block", "link_open", "image", "code_block", "fence"):
        assert all(t.type != forbidden for t in dirty_tokens), forbidden
    assert flat(hostile) in rendered_text(doc)
    assert "\x1b" not in doc and "\x00" not in doc


def test_pipes_in_a_key_result_never_make_a_table() -> None:
    ws = make_workshop(focus=True)
    ws.key_results[0].statement = "| a | b |"
    ws.deprioritized[0].reason = "| c | d |"
    doc = to_markdown(ws)
    assert not [t for t in tokens(doc) if t.type in ("table_open", "tr_open")]
    assert "KR1: | a | b |" in rendered_text(doc) and "| c | d |" in rendered_text(doc)


def test_md_escapes_every_special_and_keeps_words() -> None:
    assert md("*a* _b_ `c` <d> [e](f) #g |h| @ana :rocket:") == (
        r"\*a\* \_b\_ \`c\` \<d> \[e\](f) \#g \|h\| \@ana \:rocket:"
    )
    assert md("12% -> 18%, plain words") == "12% -> 18%, plain words"
    assert md("1. one") == r"1\. one" and md("> q") == r"\> q" and md("- x") == r"\- x"


PLAIN_VALUES = ("15.1%", "0.8", "0.8 → 0.55", "-3%", "+1", "1.5. done", "2027-01-01", "=5", "-x")
"""Values that mean nothing to markdown anywhere on a line: printed exactly as typed."""
MARKERS = ("1. one", "1) one", "12.", "- x", "+ x", "-", "+", "> q", "---", "- - -", "===", "=")
"""Text that would open a list, a quote, a heading or a break at the start of a line."""


@pytest.mark.parametrize("value", PLAIN_VALUES + MARKERS)
def test_md_escapes_only_what_would_change_the_markdown(value: str) -> None:
    """At the start of a line after another line (where "===" and "---" make a heading), and in
    a table cell, each reads exactly as typed; only real markers carry a backslash."""
    if value in PLAIN_VALUES:
        assert md(value) == value
    else:
        assert md(value) != value
    block = md_block(f"Before\n{value}")
    assert [t.type for t in tokens(block) if t.type.endswith("_open")] == ["paragraph_open"]
    assert rendered_text(block) == f"Before{value}"
    table = "\n".join(["| a | b |", "|---|---|", f"| {md(value)} | x |"])
    cells = [t.content for t in tokens(table) if t.type == "inline"]
    assert cells[2] == md(value) and rendered_text(table).startswith(f"ab{value}")


def test_md_leaves_times_and_ratios_alone_but_breaks_every_emoji_shortcode() -> None:
    assert md("10:00-12:00 CET, 3:1:2") == "10:00-12:00 CET, 3:1:2"
    assert md(":100: :+1: :-1: :1234: :8ball:") == r"\:100: \:+1: \:-1: \:1234: \:8ball:"


def test_json_export_holds_everything() -> None:
    ws = make_workshop(focus=True)
    doc = json.loads(to_json(ws))
    assert doc["format"] == "okrworkshop.workshop" and doc["version"] == EXPORT_VERSION == 3
    assert Workshop.from_dict(doc["workshop"]) == ws
    everything_but_the_secret = {k: v for k, v in ws.to_dict().items() if k != "invite_key"}
    for n, kr in enumerate(everything_but_the_secret["key_results"], 1):
        kr["label"] = f"KR{n}"  # both names: the stable id, and the number people read
    assert to_json_document(ws)["workshop"] == everything_but_the_secret


def test_json_export_is_safe_to_print_and_exact_to_read() -> None:
    ws = make_workshop(focus=False, draft_text=HOSTILE["ansi"] + " \x9b31m \x7f " + HOSTILE["rtl"])
    text = to_json(ws)
    assert not any(ch in text for ch in "\x1b\x9b\x7f\u202e\u202c")
    assert Workshop.from_dict(json.loads(text)["workshop"]) == ws
