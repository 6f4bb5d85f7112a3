"""The command line as scripts and remote participants use it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hostile import HOSTILE

from okrworkshop.cli import launch, main
from okrworkshop.model import Stage
from okrworkshop.sample import example_copy
from okrworkshop.store import Store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "okr.json"


def run(db: Path, *args: str, ok: bool = True) -> Result:
    result = CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output + result.stderr
    else:
        assert result.exit_code != 0, result.output
        assert result.stdout == "", "errors go to stderr only"
        assert "Traceback" not in result.stderr
    return result


def new(db: Path, *extra: str) -> str:
    result = run(
        db,
        "new",
        "--team",
        "Marketplace Search",
        "--cycle",
        "2027 Q1",
        "--start",
        "2027-01-01",
        "--end",
        "2027-03-31",
        "--facilitator",
        "Ana",
        "--participant",
        "Ben",
        "--participant",
        "Chen",
        *extra,
    )
    return result.stdout.strip().splitlines()[-1]


def test_new_prints_the_id_alone_on_the_last_line(db: Path) -> None:
    workshop_id = new(db)
    assert [w.id for w in Store.open(db).workshops()] == [workshop_id]


def test_full_workshop_by_script(db: Path, tmp_path: Path) -> None:
    new(db)
    run(
        db,
        "context",
        "--mission",
        "Help small sellers thrive",
        "--north-star",
        "Buyers always find what they want",
        "--pillar",
        "Search relevance",
        "--pillar",
        "Scale",
        "--strategy",
        "Win on relevance first",
        "--why-okrs",
        "To focus on one outcome",
        "--overlap",
        "Payments: checkout",
    )
    o1 = run(db, "draft", "--as", "Ben", "Buyers find the right product on the first search")
    o2 = run(db, "draft", "--as", "Chen", "Sellers list products in minutes")
    o1_id, o2_id = o1.stdout.strip(), o2.stdout.strip()
    assert (o1_id, o2_id) == ("o1", "o2")
    run(db, "vote", "--as", "Ben", o1_id)
    run(db, "vote", "--as", "Chen", o1_id)
    listing = run(db, "votes").stdout
    assert listing.splitlines()[0].split()[:2] == ["2", "o1"]
    focus = run(db, "focus", o1_id).stdout
    assert "o2" in focus and "deprioritize" in focus
    second = run(db, "focus", o2_id, ok=False)
    assert "exactly one focus" in second.stderr
    run(db, "deprioritize", "--from", o2_id, "--reason", "After search is fixed")
    run(db, "deprioritize", "Replatforming", "--reason", "Not this cycle")
    run(
        db,
        "kr",
        "--as",
        "Chen",
        "Increase search-to-purchase conversion from 12% to 18% by 2027-03-31",
        "--metric",
        "search-to-purchase conversion",
        "--baseline",
        "12%",
        "--target",
        "18%",
        "--deadline",
        "2027-03-31",
        "--owner",
        "Chen",
    )
    run(
        db,
        "kr",
        "--as",
        "Ben",
        "Reduce zero-result searches from 9% to 4% by 2027-03-31",
        "--metric",
        "zero-result rate",
        "--baseline",
        "9%",
        "--target",
        "4%",
        "--deadline",
        "2027-03-31",
        "--owner",
        "Ben",
    )
    refused = run(db, "finalize", ok=False)
    assert "confirm or accept" in refused.stderr
    run(db, "review", "kr1", "all")
    run(db, "review", "kr2", "all")
    run(db, "finalize")
    out = tmp_path / "okr.md"
    written = run(db, "export", "--format", "md", "-o", str(out)).stdout
    assert str(out.resolve()) in written
    document = out.read_text(encoding="utf-8")
    assert document.startswith("# Buyers find the right product on the first search\n")
    assert "search\\-to\\-purchase" not in document  # hyphens stay readable
    assert "**KR1: Increase search-to-purchase conversion from 12% to 18%" in document
    assert "After search is fixed" in document and "Replatforming" in document
    shown = run(db, "show").stdout
    assert "FOCUS Buyers find the right product" in shown
    assert "final" in run(db, "list").stdout


def test_lint_text_json_shape(db: Path) -> None:
    result = run(
        db,
        "lint",
        "--json",
        "--text",
        "Increase search-to-purchase conversion from 12% to 18% by 2027-03-31",
        "--text",
        "Launch the new search page",
    )
    data = json.loads(result.stdout)
    assert [sorted(k for k in d if k != "statement") for d in data] == [
        ["findings", "measurable", "outcome", "specific", "time_bound"]
    ] * 2
    good, bad = data
    assert good["measurable"] and good["time_bound"] and good["outcome"]
    assert not bad["outcome"] and not bad["measurable"] and not bad["time_bound"]
    assert {f["check"] for f in bad["findings"]} >= {"outcome", "measurable", "time_bound"}
    assert all(set(f) == {"check", "message"} for f in bad["findings"])


def test_lint_workshop_in_plain_words(db: Path) -> None:
    new(db)
    run(db, "kr", "--as", "Chen", "Ship five features")
    text = run(db, "lint").stdout
    assert "KR1: Ship five features" in text
    assert "Outcome     needs work" in text
    assert "For the room to decide" in text and "Achievable:" in text
    data = json.loads(run(db, "lint", "--json").stdout)
    assert data["key_results"][0]["id"] == "kr1" and data["key_results"][0]["outcome"] is False


def test_workshop_must_be_chosen_when_there_are_several(db: Path) -> None:
    first = new(db)
    second = new(db)
    refused = run(db, "draft", "--as", "Ben", "Something", ok=False)
    assert first in refused.stderr and second in refused.stderr and "-w" in refused.stderr
    assert run(db, "draft", "-w", second, "--as", "Ben", "Something").stdout.strip() == "o1"
    assert run(db, "draft", "-w", first[:4], "--as", "Ben", "Other").stdout.strip() == "o1"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["draft", "--as", "  ", "x"], "empty or only spaces"),
        (["draft", "--as", "B" * 200, "x"], "200 characters"),
        (["draft", "--as", "Mallory", "x"], "not a participant"),
        (["draft", "--as", "Ben", "   "], "empty"),
        (["vote", "--as", "Ben", "o9"], "no draft objective 'o9'"),
        (["kr", "--as", "Ben", "X up", "--deadline", "soon"], "2027-03-31"),
        (["focus"], "Name the draft"),
        (["remove", "zz1"], "not an item id"),
    ],
    ids=[
        "blank-name",
        "long-name",
        "stranger",
        "blank-draft",
        "no-such",
        "bad-date",
        "no-id",
        "id",
    ],
)
def test_user_mistakes_get_one_clear_line(db: Path, args: list[str], needle: str) -> None:
    new(db)
    before = db.read_bytes()
    refused = run(db, *args, ok=False)
    assert needle in refused.stderr
    assert db.read_bytes() == before


@pytest.mark.parametrize("key", list(HOSTILE))
def test_hostile_text_is_stored_exactly_and_printed_escaped(db: Path, key: str) -> None:
    new(db)
    text = HOSTILE[key].replace("\x00", "")  # the OS cannot pass NUL in argv
    run(db, "draft", "--as", "Ben", "--", text)  # "--": the text may start with a dash
    stored = Store.open(db).workshops()[0].objectives[0].text
    assert stored == text.strip()
    for out in (run(db, "show").stdout, run(db, "export", "--format", "md").stdout):
        assert "\x1b" not in out and "\u202e" not in out


def test_json_export_import_round_trip_and_copy(db: Path, tmp_path: Path) -> None:
    workshop_id = new(db)
    run(db, "draft", "--as", "Ben", HOSTILE["markdown"])
    exported = tmp_path / "w.json"
    run(db, "export", "--format", "json", "-o", str(exported))
    other = tmp_path / "other.json"
    assert run(other, "import", str(exported)).stdout.strip().splitlines()[-1] == workshop_id
    imported, original = Store.open(other).get(workshop_id), Store.open(db).get(workshop_id)
    assert imported.created == original.created
    imported.updated = original.updated
    assert imported == original
    again = run(other, "import", str(exported), ok=False)
    assert "already" in again.stderr and "--as-copy" in again.stderr
    copy_id = run(other, "import", "--as-copy", str(exported)).stdout.strip().splitlines()[-1]
    assert copy_id != workshop_id and len(Store.open(other).workshops()) == 2


def test_import_refuses_what_it_cannot_read(db: Path, tmp_path: Path) -> None:
    new(db)
    before = db.read_bytes()
    bad = tmp_path / "bad.json"
    for content, needle in [
        ("not json", "not valid JSON"),
        ("[1, 2]", "neither an okrworkshop"),
        ('{"format": "okrworkshop.workshop", "version": 9, "workshop": {}}', "newer"),
        ('{"format": "okrworkshop.workshop", "version": 1, "workshop": {"id": 5}}', "cannot"),
    ]:
        bad.write_text(content, encoding="utf-8")
        assert needle in run(db, "import", str(bad), ok=False).stderr
    assert "no file" in run(db, "import", str(tmp_path / "missing.json"), ok=False).stderr
    assert db.read_bytes() == before


def test_corrupt_database_is_named_and_left_untouched(db: Path) -> None:
    db.write_text('{"workshops": {"1": ', encoding="utf-8")
    before = db.read_bytes()
    refused = run(db, "list", ok=False)
    assert str(db) in refused.stderr and "not valid JSON" in refused.stderr
    assert db.read_bytes() == before


def test_help_lists_the_commands(db: Path) -> None:
    assert "Commands:" in run(db, "--help").stdout


def test_no_command_opens_the_app_on_the_welcome_screen(db: Path, monkeypatch) -> None:
    launched: list[tuple[str | None, str | None]] = []
    monkeypatch.setattr(
        launch, "facilitator", lambda db, wid, step=None: launched.append((wid, step))
    )
    run(db)
    assert launched == [(None, None)]


def test_open_picks_the_only_workshop_and_a_step(db: Path, monkeypatch) -> None:
    launched: list[tuple[str | None, str | None]] = []
    monkeypatch.setattr(
        launch, "facilitator", lambda db, wid, step=None: launched.append((wid, step))
    )
    wid = new(db)
    run(db, "open", "--step", "drafts")
    run(db, "open")
    assert launched == [(wid, Stage.DRAFTS), (wid, None)]


def test_open_passes_by_a_look_at_the_example(db: Path, monkeypatch) -> None:
    """After the example was opened from the welcome screen, `open` still opens the team's own
    workshop, as every other verb does; two of the team's own show the list."""
    launched: list[tuple[str | None, str | None]] = []
    monkeypatch.setattr(
        launch, "facilitator", lambda db, wid, step=None: launched.append((wid, step))
    )
    wid = new(db)
    Store.open(db).create(example_copy(date(2026, 12, 8)))
    run(db, "open")
    new(db)
    run(db, "open")
    assert launched == [(wid, None), (None, None)]


# --- real processes ---------------------------------------------------------------------------


def cli(db: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "okrworkshop", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "OKRWORKSHOP_DB": str(db), **(env or {})},
        timeout=60,
    )


def test_readme_walk_in_real_processes_with_env_database(db: Path) -> None:
    made = cli(db, "new", "--team", "Marketplace Search", "--cycle", "2027 Q1",
               "--start", "2027-01-01", "--end", "2027-03-31",
               "--facilitator", "Ana", "--participant", "Ben", "--participant", "Chen")  # fmt: skip
    assert made.returncode == 0, made.stderr
    draft = cli(db, "draft", "--as", "Ben", "Buyers find the right product on the first search")
    assert draft.returncode == 0 and draft.stdout.strip() == "o1"
    kr = cli(db, "kr", "--as", "Chen",
             "Increase search-to-purchase conversion from 12% to 18% by 2027-03-31")  # fmt: skip
    assert kr.returncode == 0 and kr.stdout == "Added KR1.\nid:kr1\n"
    lint = cli(db, "lint")
    assert lint.returncode == 0 and "Measurable  ok" in lint.stdout
    export = cli(db, "export", "--format", "md")
    assert export.returncode == 0
    assert "Buyers find the right product on the first search" in export.stdout


def test_verbs_without_a_screen_never_import_textual(db: Path) -> None:
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['okrworkshop', 'lint', '--text', 'Grow revenue 10% by Q3']\n"
        "try:\n"
        "    runpy.run_module('okrworkshop', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print('UI-MODULES:', bad)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            env={**os.environ, "OKRWORKSHOP_DB": str(db)}, timeout=60)  # fmt: skip
    assert "UI-MODULES: []" in result.stdout, result.stdout + result.stderr


def test_errors_exit_non_zero_on_stderr(db: Path) -> None:
    result = cli(db, "show")
    assert result.returncode != 0
    assert "no workshop" in result.stderr and result.stdout == ""


def test_concurrent_participants_get_unique_ids_and_lose_nothing(db: Path) -> None:
    """Eight people press enter at the same moment, each in their own process."""
    made = cli(db, "new", "--team", "T", "--cycle", "C", "--participant", "Ben")
    assert made.returncode == 0, made.stderr
    env = {**os.environ, "OKRWORKSHOP_DB": str(db)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "okrworkshop", "draft", "--as", "Ben", f"Draft number {n}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for n in range(8)
    ]
    printed = []
    for proc in procs:
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        printed.append(out.strip())
    ws = Store.open(db).workshops()[0]
    assert sorted(printed) == sorted(o.id for o in ws.objectives)
    assert sorted(o.id for o in ws.objectives) == sorted(f"o{n}" for n in range(1, 9))
    assert sorted(o.text for o in ws.objectives) == sorted(f"Draft number {n}" for n in range(8))
