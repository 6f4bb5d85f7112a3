"""One name for each key result on the command line: what every output calls KR2 is what
`checkin kr2` (or KR2, or 2) hits, after a key result moved to the plan; scripts keep id:kr3."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from test_cli import run

from okrworkshop.model import Workshop
from okrworkshop.store import Store

TODAY = date.today()
START, END = TODAY - timedelta(days=30), TODAY + timedelta(days=60)
WIZARD = "Launch the new onboarding wizard"
STATEMENTS = [
    "Increase search-to-purchase conversion from 12% to 18%",
    WIZARD,
    "Reduce zero-result searches from 9% to 3%",
    "Raise repeat purchases from 20% to 30%",
    "Cut refunds from 5% to 3%",
]
TARGETS = [("12%", "18%"), ("", ""), ("9%", "3%"), ("20%", "30%"), ("5%", "3%")]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "okr.json"


def stored(db: Path) -> Workshop:
    (ws,) = Store.open(db).workshops()
    return ws


def final_after_a_move(db: Path) -> list[str]:
    """The issue's walk: five key results, the wizard (kr2) moved to the plan, then final.
    Returns what `kr` printed last for each (the stable ids)."""
    run(db, "new", "--team", "Search", "--cycle", "Now", "--start", START.isoformat(),
        "--end", END.isoformat(), "--facilitator", "Ana", "--participant", "Ben",
        "--participant", "Lena")  # fmt: skip
    run(db, "draft", "--as", "Ben", "Buyers find the right product first time")
    run(db, "focus", "o1")
    printed = []
    for statement, (baseline, target) in zip(STATEMENTS, TARGETS, strict=True):
        fields = ["--metric", "rate", "--baseline", baseline, "--target", target] if target else []
        out = run(
            db, "kr", "--as", "Lena", f"{statement} by {END.isoformat()}", *fields,
            "--deadline", END.isoformat(), "--owner", "Lena",
        ).stdout  # fmt: skip
        printed.append(out.strip().splitlines()[-1])
    assert run(db, "initiative", "--from", "KR2").stdout == "Moved KR2 to the plan as i1.\ni1\n"
    for n in range(1, 5):
        run(db, "review", f"KR{n}", "all")
    run(db, "finalize")
    return printed


def test_after_a_move_kr2_is_the_same_key_result_everywhere_and_checkin_kr2_hits_it(
    db: Path,
) -> None:
    printed = final_after_a_move(db)
    assert printed == ["id:kr1", "id:kr2", "id:kr3", "id:kr4", "id:kr5"]
    ws = stored(db)
    assert [kr.id for kr in ws.key_results] == ["kr1", "kr3", "kr4", "kr5"]

    said = run(db, "checkin", "kr2", "8%", "--confidence", "7").stdout

    assert said.startswith(f"Checked in KR2 for {TODAY.isoformat()}: 8% (Lena).")
    kr3 = stored(db).key_result("kr3")
    assert kr3 is not None and [c.value for c in kr3.checkins] == ["8%"]
    zero_results = STATEMENTS[2]
    assert f"KR2  {zero_results}" in run(db, "show").stdout
    assert f"KR2  {zero_results}" in run(db, "progress").stdout
    handout = run(db, "export", "--format", "md").stdout
    assert f"**KR2: {zero_results}" in handout
    assert re.search(r"- \*\*KR2:\*\* [^\n]*\n +9% → 8% → 3% \(baseline", handout)
    assert "KR5" not in handout and "KR5" not in run(db, "show").stdout
    minutes = run(db, "summary").stdout
    assert f"| KR2 | {zero_results}" in minutes
    assert "KR2  " in run(db, "grade").stdout
    document = json.loads(run(db, "export", "--format", "json").stdout)
    both = [(k["id"], k["label"]) for k in document["workshop"]["key_results"]]
    assert both == [("kr1", "KR1"), ("kr3", "KR2"), ("kr4", "KR3"), ("kr5", "KR4")]
    linted = json.loads(run(db, "lint", "--json").stdout)["key_results"]
    assert [(k["id"], k["label"]) for k in linted] == both


@pytest.mark.parametrize("typed", ["KR2", "kr2", "2", " Kr 2 ", "id:kr3", "ID:KR3"])
def test_every_spelling_of_kr2_and_its_stable_id_name_the_same_key_result(
    db: Path, typed: str
) -> None:
    final_after_a_move(db)
    run(db, "checkin", typed, "7%")
    assert [c.value for c in stored(db).key_results[1].checkins] == ["7%"]


def test_a_stale_stored_id_is_refused_with_both_names_never_read_as_another(db: Path) -> None:
    final_after_a_move(db)
    refused = run(db, "checkin", "kr5", "4%", ok=False).stderr
    assert refused == (
        "Error: There is no key result 'kr5'; they are KR1 to KR4. kr5 is the stored id of KR4: "
        "type KR4, or id:kr5 in a script.\n"
    )
    gone = run(db, "checkin", "id:kr2", "4%", ok=False).stderr  # the one moved to the plan
    assert "There is no key result 'id:kr2'; they are KR1 to KR4." in gone
    assert all(not kr.checkins for kr in stored(db).key_results)


def test_every_verb_that_names_a_key_result_reads_the_number(db: Path) -> None:
    final_after_a_move(db)
    run(db, "reopen")
    assert run(db, "kind", "KR2", "stretch").stdout == "KR2 is stretch.\n"
    assert stored(db).key_result("kr3").kind.value == "stretch"  # type: ignore[union-attr]
    assert run(db, "confidence", "2", "4", "--as", "Ben").stdout.startswith("Ben: 4 of 5 on KR2.")
    assert run(db, "initiative", "--kr", "kr2", "Tune synonyms").stdout == "i2\n"
    assert stored(db).initiatives[-1].key_result == "kr3"
    assert "for KR2" in run(db, "show").stdout
    assert run(db, "review", "KR2", "specific").stdout == "KR2: confirmed Specific.\n"
    assert run(db, "remove", "KR2").stdout == "Removed KR2.\n"
    assert [kr.id for kr in stored(db).key_results] == ["kr1", "kr4", "kr5"]
    assert run(db, "deprioritize", "--from", "kr2", "--reason", "Later").stdout == "d1\n"
    assert [kr.id for kr in stored(db).key_results] == ["kr1", "kr5"]
