"""The room's verbs from the command line: merge, contributes, initiative, split, deprioritize
--from kr3, remove i1, and deadlines outside the cycle in lint and finalize."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hostile import HOSTILE
from test_cli import new, run

from okrworkshop.model import Check, Workshop
from okrworkshop.store import Store

MIXED = "Launch the partner portal and reach 500 active partners by 2027-03-31"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "okr.json"


def stored(db: Path) -> Workshop:
    (ws,) = Store.open(db).workshops()
    return ws


def add_kr(db: Path, statement: str, *extra: str) -> str:
    out = run(db, "kr", "--as", "Chen", statement, "--owner", "Chen", *extra).stdout
    return out.strip().splitlines()[-1]


# --- merge ----------------------------------------------------------------------------------


def test_merge_keeps_one_draft_with_both_authors_and_all_dots(db: Path) -> None:
    new(db)
    run(db, "draft", "--as", "Ben", "Buyers find the right product")
    run(db, "draft", "--as", "Chen", "Buyers find what they want")
    run(db, "stage", "focus")
    run(db, "vote", "--as", "Ben", "o1")
    run(db, "vote", "--as", "Chen", "o2")
    run(db, "vote", "--as", "Chen", "o2")

    out = run(db, "merge", "o1", "o2", "--text", "Buyers find it first time").stdout

    assert out == "Merged o2 into o1: Buyers find it first time (Ben with Chen; 3 dots).\n"
    ws = stored(db)
    assert [(o.id, o.text, o.authors, o.votes) for o in ws.objectives] == [
        ("o1", "Buyers find it first time", ["Ben", "Chen"], {"Ben": 1, "Chen": 2})
    ]
    assert "(Ben with Chen, pre-workshop)" in run(db, "show").stdout


def test_merge_refusals_are_one_line_and_change_nothing(db: Path) -> None:
    new(db)
    run(db, "draft", "--as", "Ben", "Buyers find the right product")
    run(db, "draft", "--as", "Chen", "Buyers find what they want")
    run(db, "focus", "o1")
    before = db.read_bytes()
    away = run(db, "merge", "o2", "o1", ok=False).stderr
    assert away == (
        "Error: o1 is the focus objective, so it cannot be merged away. Keep it instead: "
        "okrworkshop merge o1 o2.\n"
    )
    assert "same draft twice" in run(db, "merge", "o2", "O2", ok=False).stderr
    assert "no draft objective 'o5'" in run(db, "merge", "o1", "o5", ok=False).stderr
    assert db.read_bytes() == before
    run(db, "merge", "o1", "o2")
    assert [o.id for o in stored(db).objectives] == ["o1"]


@pytest.mark.parametrize("key", ["ansi", "click-action", "rtl", "nul"])
def test_merged_hostile_text_is_stored_exactly_and_printed_escaped(db: Path, key: str) -> None:
    new(db)
    run(db, "draft", "--as", "Ben", "Idea")
    run(db, "draft", "--as", "Chen", "Idea again")
    out = run(db, "merge", "o1", "o2", "--text", HOSTILE[key]).stdout
    assert stored(db).objectives[0].text == HOSTILE[key]
    assert not any(ch in out for ch in "\x1b\x00\u202e")


def test_a_merged_draft_from_a_drafts_file_is_not_imported_again(db: Path, tmp_path: Path) -> None:
    """Real processes: Ben's file is imported, his draft merged into Chen's, a key-result idea
    moved to the plan; sending the same file again adds neither back."""
    new(db)
    path = tmp_path / "ben.okr.json"
    okr = [sys.executable, "-m", "okrworkshop", "--db", str(db)]

    def cli(*args: str) -> str:
        done = subprocess.run([*okr, *args], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout

    cli("invite", "--as", "Ben", "-o", str(path))
    cli("draft", "--file", str(path), "--as", "Ben", "Sellers list in minutes")
    cli("kr", "--file", str(path), "--as", "Ben", "Launch the seller wizard by 2027-03-31")
    cli("draft", "--as", "Chen", "Sellers list fast")
    assert "2 added" in cli("import", str(path))
    cli("merge", "o1", "o2")  # Chen's o1 stays, Ben's imported o2 goes
    cli("initiative", "--from", "kr1")

    again = cli("import", str(path))

    assert "0 added" in again and "2 already there" in again
    ws = stored(db)
    assert [(o.id, o.authors) for o in ws.objectives] == [("o1", ["Chen", "Ben"])]
    assert ws.key_results == []
    assert [i.text for i in ws.initiatives] == ["Launch the seller wizard by 2027-03-31"]


# --- initiatives ----------------------------------------------------------------------------


def test_initiative_prints_its_id_and_remove_takes_it_away(db: Path) -> None:
    new(db)
    kr = add_kr(db, "Increase conversion from 12% to 18% by 2027-03-31")
    assert run(db, "initiative", "--kr", kr, "--owner", "ben", "Tune synonyms").stdout == "i1\n"
    assert run(db, "initiative", "--", "-10% of the backlog first").stdout == "i2\n"
    assert run(db, "remove", "I1").stdout == "Removed i1.\n"
    assert run(db, "initiative", "Hire a search engineer").stdout == "i3\n"
    ws = stored(db)
    assert [(i.id, i.text, i.owner, i.key_result) for i in ws.initiatives] == [
        ("i2", "-10% of the backlog first", "", None),
        ("i3", "Hire a search engineer", "", None),
    ]
    assert "i2  -10% of the backlog first  (for the objective)" in run(db, "show").stdout
    assert "no initiative 'i9'" in run(db, "remove", "i9", ok=False).stderr
    assert "o3, KR2, d1 or i4" in run(db, "remove", "x1", ok=False).stderr


def test_initiative_refusals(db: Path) -> None:
    new(db)
    assert "no key result 'kr4'" in run(db, "initiative", "--kr", "kr4", "Work", ok=False).stderr
    assert "not a participant" in run(db, "initiative", "--owner", "Zed", "W", ok=False).stderr
    assert "Say what the work is" in run(db, "initiative", ok=False).stderr
    kr = add_kr(db, "Launch the seller wizard by 2027-03-31")
    both = run(db, "initiative", "--from", kr, "Text too", ok=False).stderr
    assert "drop TEXT, --kr and --owner" in both
    assert stored(db).initiatives == []


def test_a_key_result_moves_to_the_plan_and_a_mixed_one_splits(db: Path) -> None:
    new(db)
    activity = add_kr(db, "Launch the seller wizard by 2027-03-31")
    mixed = add_kr(db, MIXED)
    advice = run(db, "lint").stdout
    assert (activity, mixed) == ("id:kr1", "id:kr2")  # the stable ids a script keeps
    assert "  To move it to the plan: okrworkshop initiative --from KR1\n" in advice
    assert "  In one step: okrworkshop split KR2\n" in advice
    moved = run(db, "initiative", "--from", activity).stdout
    assert moved == "Moved KR1 to the plan as i1.\ni1\n"

    out = run(db, "split", mixed).stdout  # the stable id still names it, now KR1

    assert out == (
        "KR1 now reads: Reach 500 active partners by 2027-03-31\n"
        "i2 (serving KR1): Launch the partner portal\n"
    )
    ws = stored(db)
    assert [k.id for k in ws.key_results] == ["kr2"]
    assert [(i.text, i.key_result, i.owner) for i in ws.initiatives] == [
        ("Launch the seller wizard by 2027-03-31", None, "Chen"),
        ("Launch the partner portal", "kr2", "Chen"),
    ]
    again = run(db, "split", mixed, ok=False).stderr
    assert "nothing to split" in again


@pytest.mark.parametrize("key", list(HOSTILE))
def test_hostile_initiatives_are_stored_exactly_and_shown_safely(db: Path, key: str) -> None:
    new(db)
    run(db, "initiative", "--", HOSTILE[key])
    assert stored(db).initiatives[0].text == HOSTILE[key].strip()
    shown = run(db, "show").stdout + run(db, "export").stdout
    assert "\x1b" not in shown and "\x00" not in shown and "\u202e" not in shown


# --- deprioritize --from kr3 ----------------------------------------------------------------


def test_deprioritize_takes_a_key_result_as_well_as_a_draft(db: Path) -> None:
    new(db)
    run(db, "draft", "--as", "Ben", "Buyers find the right product")
    run(db, "draft", "--as", "Chen", "Sellers list fast")
    run(db, "focus", "o1")
    for n in range(3):
        add_kr(db, f"Increase conversion in market {n} from 12% to 18% by 2027-03-31")
    assert run(db, "deprioritize", "--from", "KR2", "--reason", "Market 1 waits").stdout == "d1\n"
    assert run(db, "deprioritize", "--from", "o2", "--reason", "Later").stdout == "d2\n"
    ws = stored(db)
    assert [k.id for k in ws.key_results] == ["kr1", "kr3"]
    assert [(d.text, d.from_key_result, d.from_objective) for d in ws.deprioritized] == [
        ("Increase conversion in market 1 from 12% to 18% by 2027-03-31", "kr2", None),
        ("Sellers list fast", None, "o2"),
    ]
    missing = run(db, "deprioritize", "--from", "kr9", "--reason", "x", ok=False).stderr
    assert "no key result 'kr9'" in missing
    assert "--from KR3 (a key result)" in run(db, "deprioritize", "--reason", "x", ok=False).stderr


# --- contributes to -------------------------------------------------------------------------


def test_contributes_to_from_draft_and_its_own_verb(db: Path, tmp_path: Path) -> None:
    new(db)
    run(db, "context", "--parent-okr", "Company O1: grow EU revenue", "--parent-okr", "O2: trust")
    run(db, "draft", "--as", "Ben", "--contributes-to", "2", "Buyers trust checkout")
    assert stored(db).objectives[0].contributes_to == "O2: trust"

    listing = run(db, "contributes", "o1").stdout
    assert listing == (
        "o1 contributes to: O2: trust\nHigher-level OKRs:\n"
        "  1. Company O1: grow EU revenue\n  2. O2: trust\n"
    )
    out = run(db, "contributes", "o1", "company o1: grow eu revenue").stdout
    assert out == "o1 contributes to: Company O1: grow EU revenue\n"
    assert "contributes to: Company O1" in run(db, "show").stdout
    assert "no higher-level OKR number 3" in run(db, "contributes", "o1", "3", ok=False).stderr
    assert "not both" in run(db, "contributes", "o1", "1", "--clear", ok=False).stderr
    assert run(db, "contributes", "o1", "--clear").stdout == (
        "o1 contributes to no higher-level OKR now.\n"
    )
    assert stored(db).objectives[0].contributes_to is None

    path = tmp_path / "ben.okr.json"
    run(db, "invite", "--as", "Ben", "-o", str(path))
    refused = run(
        db, "draft", "--file", str(path), "--as", "Ben", "--contributes-to", "1", "X", ok=False
    ).stderr
    assert "A drafts file does not carry --contributes-to" in refused


def test_a_hostile_higher_level_okr_prints_escaped(db: Path) -> None:
    new(db)
    run(db, "context", "--parent-okr", HOSTILE["ansi"])
    run(db, "draft", "--as", "Ben", "--contributes-to", "1", "Buyers trust checkout")
    out = run(db, "contributes", "o1").stdout + run(db, "show").stdout
    assert "\x1b" not in out and "\\x1b[31mred" in out


# --- deadlines inside the cycle -------------------------------------------------------------


def test_lint_names_the_cycle_for_a_deadline_after_it(db: Path) -> None:
    new(db)
    late = add_kr(db, "Increase conversion from 12% to 18%", "--deadline", "2027-06-30")
    hint = run(db, "kr", "--as", "Ben", "Cut errors from 4% to 1% by 2026-12-01").stderr
    assert "2026-12-01 is before the cycle starts (2027-01-01)" in hint

    text = run(db, "lint").stdout
    assert late == "id:kr1" and "KR1: Increase conversion" in text
    assert "  Time-bound  needs work\n      The deadline 2027-06-30 is after the cycle ends" in text
    assert "the cycle runs 2027-01-01 to 2027-03-31" in text

    document = json.loads(run(db, "lint", "--json").stdout)
    first = document["key_results"][0]
    assert first["time_bound"] is False
    assert any(
        f["check"] == "time_bound" and "2027-01-01 to 2027-03-31" in f["message"]
        for f in first["findings"]
    )


def test_finalize_is_blocked_by_a_deadline_outside_the_cycle_until_accepted(db: Path) -> None:
    new(db)
    run(db, "draft", "--as", "Ben", "Buyers find the right product")
    run(db, "focus", "o1")
    fields = ("--metric", "conversion", "--baseline", "12%", "--target", "18%")
    late = add_kr(db, "Increase conversion from 12% to 18%", *fields, "--deadline", "2027-06-30")
    other = add_kr(db, "Cut errors from 4% to 1%", *fields, "--deadline", "2027-03-31")
    run(db, "review", other, "all")
    refused = run(db, "review", late, "all", ok=False).stderr
    assert "does not pass Time-bound yet: The deadline 2027-06-30" in refused
    for check in ("specific", "measurable", "achievable", "relevant", "outcome"):
        run(db, "review", late, check)

    blocked = run(db, "finalize", ok=False).stderr
    assert "KR1: The deadline 2027-06-30 is after the cycle ends (2027-03-31)" in blocked

    run(db, "review", late, "time_bound", "--accept", "--note", "The contract ends in June")
    assert "The OKR is final" in run(db, "finalize").stdout


def test_accepting_all_puts_the_note_only_on_the_checks_that_did_not_pass(db: Path) -> None:
    new(db)
    run(db, "draft", "--as", "Ben", "Buyers find the right product")
    run(db, "focus", "o1")
    fields = ("--metric", "conversion", "--baseline", "12%", "--target", "18%")
    late = add_kr(db, "Increase conversion from 12% to 18%", *fields, "--deadline", "2027-06-30")
    other = add_kr(db, "Cut errors from 4% to 1%", *fields, "--deadline", "2027-03-31")
    said = run(db, "review", late, "all", "--accept", "--note", "The contract ends in June").stdout
    assert "KR1: accepted Time-bound, with the note." in said
    assert "Specific, Measurable, Outcome: they pass, so they are confirmed" in said
    reviews = stored(db).key_results[0].smart
    assert [c.value for c, r in reviews.items() if r.status.value == "accepted"] == ["time_bound"]
    assert reviews[Check.OUTCOME].note == ""

    linted = run(db, "lint").stdout
    assert "Time-bound  accepted by the room: The contract ends in June" in linted
    assert linted.count("needs work") == 0

    for check in ("achievable", "relevant"):
        run(db, "review", late, check)
    run(db, "review", other, "all")
    run(db, "finalize")
    handout = run(db, "export", "--format", "md").stdout
    assert handout.count("The team knows") == 1
    assert (
        "The team knows KR1 is due on 2027-06-30, after the cycle ends (2027-03-31): The "
        "contract ends in June" in handout
    )
    assert "has no firm date" not in handout
