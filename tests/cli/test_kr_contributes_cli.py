"""A key result's "contributes to" from the command line, in real processes: `kr
--contributes-to`, `contributes KR2 N` / `contributes id:kr3 --clear`, what `show`, `export` and
`org` print of it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hostile import HOSTILE

from okrworkshop.model import Workshop
from okrworkshop.store import Store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "okr.json"


def cli(db: Path, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "okrworkshop", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if ok:
        assert done.returncode == 0, done.stderr
    else:
        assert done.returncode != 0 and done.stdout == "", done.stdout
        assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1, done.stderr
    return done


def stored(db: Path) -> Workshop:
    (ws,) = Store.open(db).workshops()
    return ws


def start(db: Path) -> None:
    cli(db, "new", "--team", "Search", "--cycle", "2027 Q1", "--start", "2027-01-01",
        "--end", "2027-03-31", "--facilitator", "Ana", "--participant", "Ben",
        "--participant", "Chen")  # fmt: skip
    cli(db, "context", "--parent-okr", "Company O1: grow EU revenue", "--parent-okr", "O2: trust")


def test_a_key_result_names_its_higher_level_okr_when_added_and_later(db: Path) -> None:
    start(db)
    out = cli(db, "kr", "--as", "Chen", "--contributes-to", "2", "Cut refunds from 5% to 3%")
    assert out.stdout.splitlines()[-1] == "id:kr1"
    cli(db, "kr", "--as", "Chen", "Raise repeat purchases from 20% to 30%")
    assert [k.contributes_to for k in stored(db).key_results] == ["O2: trust", None]

    listing = cli(db, "contributes", "KR1").stdout
    assert listing == (
        "KR1 contributes to: O2: trust\nHigher-level OKRs:\n"
        "  1. Company O1: grow EU revenue\n  2. O2: trust\n"
    )
    assert cli(db, "contributes", "kr2", "company o1: grow eu revenue").stdout == (
        "KR2 contributes to: Company O1: grow EU revenue\n"
    )
    assert cli(db, "contributes", "id:kr1", "--clear").stdout == (
        "KR1 contributes to no higher-level OKR now.\n"
    )
    assert [k.contributes_to for k in stored(db).key_results] == [
        None,
        "Company O1: grow EU revenue",
    ]
    assert "       contributes to: Company O1: grow EU revenue" in cli(db, "show").stdout
    exported = json.loads(cli(db, "export", "--format", "json").stdout)
    krs = exported["workshop"]["key_results"]
    assert "contributes_to" not in krs[0]
    assert krs[1]["contributes_to"] == "Company O1: grow EU revenue"


def test_refusals_are_one_line_and_change_nothing(db: Path, tmp_path: Path) -> None:
    start(db)
    cli(db, "kr", "--as", "Chen", "Cut refunds from 5% to 3%")
    before = db.read_bytes()
    assert "no higher-level OKR number 3" in cli(db, "contributes", "KR1", "3", ok=False).stderr
    assert (
        "not one of the higher-level OKRs"
        in cli(db, "kr", "--as", "Chen", "--contributes-to", "O3", "Another", ok=False).stderr
    )
    assert "no key result 'KR7'" in cli(db, "contributes", "KR7", "1", ok=False).stderr
    assert "not both" in cli(db, "contributes", "KR1", "1", "--clear", ok=False).stderr
    assert db.read_bytes() == before

    path = tmp_path / "ben.okr.json"
    cli(db, "invite", "--as", "Ben", "-o", str(path))
    refused = cli(
        db, "kr", "--file", str(path), "--as", "Ben", "--contributes-to", "1", "X", ok=False
    ).stderr
    assert "A drafts file does not carry --contributes-to" in refused


def test_a_hostile_higher_level_okr_prints_escaped(db: Path) -> None:
    start(db)
    cli(db, "context", "--parent-okr", HOSTILE["ansi"])
    cli(db, "kr", "--as", "Chen", "--contributes-to", "1", "Cut refunds from 5% to 3%")
    out = cli(db, "contributes", "KR1").stdout + cli(db, "show").stdout
    assert "\x1b" not in out and "\\x1b[31mred" in out


def test_org_and_parents_show_a_team_serving_a_company_kr_with_one_key_result(
    tmp_path: Path,
) -> None:
    from org_company import company

    company(tmp_path)
    team_file = tmp_path / "trust-and-safety.json"
    data = json.loads(team_file.read_text())
    (workshop,) = data["workshops"].values()
    workshop["key_results"][0]["contributes_to"] = "C3.2"  # as the team's own save writes it
    team_file.write_text(json.dumps(data, indent=2))

    text = cli(tmp_path / "unused.json", "org", str(tmp_path)).stdout
    c32 = text.split("C3.2 ")[1].split("\n\n")[0]
    assert "    - Trust and Safety\n      - KR1 “Fraud losses from 0.8% to 0.4% of sales”" in c32
    assert "confidence" in c32
    assert "Served by no team" not in c32
    unserved = text.split("Served by no team\n")[1].split("\n\n")[0]
    assert "C3.2" not in unserved and "Every company key result" in unserved
    parents = cli(team_file, "parents").stdout
    assert (
        "C3.2  Support tickets per 1,000 orders from 12 to 8   (named in your context; "
        "served by your KR1)" in parents
    )
