"""``okrworkshop org`` in real processes: formats, output file, skipped files, refusals."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from org_company import company, make_org, sha1s

AS_OF = make_org.AS_OF.isoformat()


def org(*args: str, env_db: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = None
    if env_db is not None:
        import os

        env = {**os.environ, "OKRWORKSHOP_DB": str(env_db)}
    return subprocess.run(
        [sys.executable, "-m", "okrworkshop", "org", "--today", AS_OF, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def test_a_folder_as_text_markdown_and_json(tmp_path: Path) -> None:
    company(tmp_path)
    before = sha1s(tmp_path)
    text = org(str(tmp_path))
    assert text.returncode == 0, text.stderr
    assert text.stderr == ""
    assert "Acme Market OKRs: 2027 Q1" in text.stdout
    assert "Served by no team" in text.stdout and "C3.2" in text.stdout
    md = org(str(tmp_path), "--format", "md")
    assert md.stdout.startswith("# Acme Market OKRs: 2027 Q1")
    doc = json.loads(org(str(tmp_path), "--format", "json").stdout)
    assert doc["unserved"] == ["C3.2"]
    assert sha1s(tmp_path) == before


def test_db_files_cycle_and_output_file(tmp_path: Path) -> None:
    folder = tmp_path / "teams"
    company(folder)
    out = tmp_path / "review.md"
    result = org(
        "--db",
        str(folder / "payments.json"),
        "--db",
        str(folder / "checkout.json"),
        "--org",
        str(folder / "org.json"),
        "--format",
        "md",
        "-o",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    assert str(out.resolve()) in result.stdout
    text = out.read_text(encoding="utf-8")
    assert "### Payments" in text and "### Checkout" in text and "### Search" not in text
    other = org("--db", str(folder / "payments.json"), "--cycle", "2026 q4")
    assert other.returncode == 0 and "OKRs across teams: 2026 Q4" in other.stdout


def test_a_broken_file_is_one_line_on_stderr_and_the_rest_is_printed(tmp_path: Path) -> None:
    company(tmp_path)
    (tmp_path / "broken.json").write_text("{{{", encoding="utf-8")
    result = org(str(tmp_path), str(tmp_path / "nope.json"))
    assert result.returncode == 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2
    assert all(line.startswith("Skipped ") for line in lines)
    assert "broken.json" in result.stderr and "nope.json" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Payments" in result.stdout
    md = org(str(tmp_path), "--format", "md")
    assert "## Files not read" in md.stdout


def test_nothing_readable_is_an_error(tmp_path: Path) -> None:
    result = org(str(tmp_path / "nope.json"))
    assert result.returncode == 1
    assert result.stdout == ""
    assert "nope.json" in result.stderr and "None of the files" in result.stderr
    assert not (tmp_path / "nope.json").exists()


def test_without_files_it_reads_the_database_and_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "sub" / "w.json"
    result = org(env_db=db)
    assert result.returncode == 1
    assert not db.parent.exists()


def test_a_wrong_today_is_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "okrworkshop", "org", str(tmp_path), "--today", "soon"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0 and "--today" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def okr(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "okrworkshop", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_parents_lists_the_org_file_beside_the_team_and_adds_by_id(tmp_path: Path) -> None:
    company(tmp_path)
    db = tmp_path / "data.json"
    listed = okr(db, "parents")
    assert listed.returncode == 0, listed.stderr
    assert "Acme Market: company OKRs in" in listed.stdout
    assert "  C1.2  Search success rate from 40% to 55%   (named in your context)" in (
        listed.stdout
    )
    added = okr(db, "parents", "--add", "c2.1", "--add", "C1.2")
    assert added.returncode == 0, added.stderr
    assert added.stdout == (
        "Added to the strategic context: C2.1 Active sellers from 12,000 to 15,000\n"
    )
    again = okr(db, "parents", "--add", "C2.1")
    assert "nothing changed" in again.stdout
    shown = okr(db, "parents").stdout
    assert "C2.1  Active sellers from 12,000 to 15,000   (named in your context)" in shown
    view = json.loads(org(str(tmp_path), "--format", "json").stdout)
    (c21,) = [p for p in view["parents"] if p["id"] == "C2.1"]
    assert "Data" in c21["named_by"]


def test_parents_refusals_are_one_line(tmp_path: Path) -> None:
    company(tmp_path)
    unknown = okr(tmp_path / "data.json", "parents", "--add", "X9")
    assert unknown.returncode == 1 and "'X9'" in unknown.stderr and "C3.2" in unknown.stderr
    alone = tmp_path / "elsewhere"
    alone.mkdir()
    (alone / ".git").mkdir()  # a checkout of its own: the search stops at its root
    (alone / "t.json").write_bytes((tmp_path / "data.json").read_bytes())
    missing = okr(alone / "t.json", "parents")
    assert missing.returncode == 1 and "no org file" in missing.stderr
    for result in (unknown, missing):
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
