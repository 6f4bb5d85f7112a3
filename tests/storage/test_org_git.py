"""Team files shared through a real git repository (the system's git): two clones of a bare
repository, two teams each saving and pushing their own file, a pull, the org view over the
merged tree; and one team's file changed in both clones, which git cannot merge by lines."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from org_company import make_org

from okrworkshop import store as store_module
from okrworkshop import tracking
from okrworkshop.store import Store

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

AS_OF = make_org.AS_OF  # 2027-02-22, a Monday in week 8
NEXT_MONDAY = date(2027, 3, 1)


def git(cwd: Path, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    result = subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "pull.rebase=false", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    if ok:
        assert result.returncode == 0, result.stderr + result.stdout
    return result


def okr(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "okrworkshop", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def check_in(path: Path, kr: str, value: str, confidence: int, day: date = NEXT_MONDAY) -> None:
    """What a team's check-in saves: one transaction on its own file."""
    store = Store.open(path)
    ws = store.resolve(None)
    store.update(
        ws.id,
        lambda w: tracking.check_in(
            w, kr, value, confidence=confidence, when=day, today=NEXT_MONDAY
        ),
    )


def sha1(path: Path) -> str:
    return hashlib.sha1(path.read_bytes()).hexdigest()


@pytest.fixture
def clones(tmp_path: Path) -> tuple[Path, Path]:
    """A bare repository holding the example company, and two clones of it."""
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "--bare", str(origin))
    seed = tmp_path / "seed"
    git(tmp_path, "clone", str(origin), str(seed))
    make_org.main(seed)
    git(seed, "add", ".")
    git(seed, "commit", "-m", "The company's team files")
    git(seed, "push", "origin", "HEAD:main")
    a, b = tmp_path / "a", tmp_path / "b"
    git(tmp_path, "clone", str(origin), str(a))
    git(tmp_path, "clone", str(origin), str(b))
    return a, b


def test_two_teams_push_their_own_files_and_a_pull_shows_both(clones: tuple[Path, Path]) -> None:
    a, b = clones
    # Payments works in clone a, Checkout in clone b, at the same time
    check_in(a / "payments.json", "kr1", "94%", 8)
    check_in(b / "checkout.json", "kr1", "66%", 6)

    # a save touches only the lines it must: the check-in and the workshop's time of change
    numstat = git(a, "diff", "--numstat").stdout.split()
    added, removed, name = int(numstat[0]), int(numstat[1]), numstat[2]
    assert name == "payments.json"
    assert removed <= 2 and added <= 12, numstat
    # reading (the org view, show, list) changes nothing
    assert okr("org", str(a), "--today", NEXT_MONDAY.isoformat()).returncode == 0
    assert okr("--db", str(a / "checkout.json"), "list").returncode == 0
    assert git(a, "status", "--porcelain").stdout.split() == ["M", "payments.json"]

    git(a, "commit", "-am", "Payments: week 9")
    git(a, "push")
    git(b, "commit", "-am", "Checkout: week 9")
    rejected = git(b, "push", ok=False)
    assert rejected.returncode != 0  # b must pull first
    git(b, "pull", "--no-edit")  # different files: git merges them by itself
    git(b, "push")
    git(a, "pull", "--no-edit")

    # leadership reads a's checkout: both teams' new check-ins are there
    before = {p.name: sha1(p) for p in a.glob("*.json")}
    result = okr("org", str(a), "--today", NEXT_MONDAY.isoformat(), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    import json

    doc = json.loads(result.stdout)
    latest = {
        t["team"]: t["key_results"][0]["latest_value"] for t in doc["teams"] if t["key_results"]
    }
    assert latest["Payments"] == "94%" and latest["Checkout"] == "66%"
    assert {p.name: sha1(p) for p in a.glob("*.json")} == before
    assert git(a, "status", "--porcelain").stdout == ""


def test_one_team_changed_in_two_clones_is_named_as_a_conflict_and_nothing_is_lost(
    clones: tuple[Path, Path],
) -> None:
    a, b = clones
    check_in(a / "payments.json", "kr1", "94%", 8)
    check_in(b / "payments.json", "kr1", "93%", 5)  # the same week, seen by two people
    git(a, "commit", "-am", "Payments: kr1 from a")
    git(a, "push")
    git(b, "commit", "-am", "Payments: kr1 from b")
    merge = git(b, "pull", "--no-edit", ok=False)
    assert merge.returncode != 0 and "payments.json" in merge.stdout + merge.stderr
    conflicted = b / "payments.json"
    held = conflicted.read_bytes()
    assert b"<<<<<<< " in held

    # the org view names the file, says what to do, and shows every other team
    view = okr("org", str(b), "--today", NEXT_MONDAY.isoformat())
    assert view.returncode == 0
    (line,) = view.stderr.strip().splitlines()
    assert "payments.json" in line and "git conflict markers" in line
    assert "git checkout --ours payments.json" in line
    assert "Checkout" in view.stdout and "Payments:" not in view.stdout
    # the app and the commands refuse it in one line naming it, and leave it as it is
    show = okr("--db", str(conflicted), "show")
    assert show.returncode == 1 and "Traceback" not in show.stderr
    assert "payments.json" in show.stderr and "git conflict markers" in show.stderr
    assert conflicted.read_bytes() == held
    # both versions are still in git: nothing was lost
    ours = git(b, "show", ":2:payments.json").stdout
    theirs = git(b, "show", ":3:payments.json").stdout
    assert '"93%"' in ours and '"94%"' in theirs


def test_org_merge_keeps_both_sides_of_a_conflicted_team_file(clones: tuple[Path, Path]) -> None:
    a, b = clones
    check_in(a / "payments.json", "kr1", "94%", 8)
    check_in(b / "payments.json", "kr1", "93%", 5)
    git(a, "commit", "-am", "Payments from a")
    git(a, "push")
    git(b, "commit", "-am", "Payments from b")
    assert git(b, "pull", "--no-edit", ok=False).returncode != 0

    merged = subprocess.run(
        [sys.executable, "-m", "okrworkshop", "org-merge", "payments.json"],
        cwd=b,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert merged.returncode == 0, merged.stderr
    assert "git add payments.json" in merged.stdout
    ws = Store.open(b / "payments.json", create=False).resolve(None)
    values = [c.value for c in ws.key_result("kr1").checkins]  # type: ignore[union-attr]
    assert values[-2:] == ["93%", "94%"]  # ours, then theirs: both kept
    git(b, "add", "payments.json")
    git(b, "commit", "--no-edit")
    git(b, "push")
    view = okr("org", str(b), "--today", NEXT_MONDAY.isoformat())
    assert view.returncode == 0 and view.stderr == "" and "Payments:" in view.stdout


def test_org_merge_refuses_a_real_disagreement_and_changes_nothing(
    clones: tuple[Path, Path],
) -> None:
    a, b = clones

    def retarget(path: Path, target: str) -> None:
        store = Store.open(path)
        ws = store.resolve(None)

        def change(w: object) -> None:
            w.key_results[0].target = target  # type: ignore[attr-defined]

        store.update(ws.id, change)

    retarget(a / "payments.json", "97%")
    retarget(b / "payments.json", "98%")
    git(a, "commit", "-am", "a")
    git(a, "push")
    git(b, "commit", "-am", "b")
    assert git(b, "pull", "--no-edit", ok=False).returncode != 0
    held = (b / "payments.json").read_bytes()
    refused = subprocess.run(
        [sys.executable, "-m", "okrworkshop", "org-merge", "payments.json"],
        cwd=b,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 1
    assert "target" in refused.stderr and "payments.json" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert (b / "payments.json").read_bytes() == held


def test_as_git_merge_driver_two_clones_editing_one_team_never_stop(
    clones: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = clones
    driver = f"{sys.executable} -m okrworkshop org-merge %O --driver %A %B"
    git(b, "config", "merge.okrworkshop.driver", driver)
    (b / ".git" / "info" / "attributes").write_text("*.json merge=okrworkshop\n")
    # the two saves' "updated" times differ, as they do in life: git alone would stop there
    monkeypatch.setattr(store_module, "utcnow", lambda: "2027-03-01T09:00:00+00:00")
    check_in(a / "payments.json", "kr1", "94%", 8)
    git(a, "commit", "-am", "a")
    git(a, "push")
    monkeypatch.setattr(store_module, "utcnow", lambda: "2027-03-01T09:05:00+00:00")
    check_in(b / "payments.json", "kr2", "17%", 6)
    git(b, "commit", "-am", "b")
    git(b, "pull", "--no-edit")  # the driver combines them: no conflict
    ws = Store.open(b / "payments.json", create=False).resolve(None)
    assert ws.updated == "2027-03-01T09:05:00+00:00"  # the later change's time
    assert ws.key_result("kr1").checkins[-1].value == "94%"  # type: ignore[union-attr]
    assert ws.key_result("kr2").checkins[-1].value == "17%"  # type: ignore[union-attr]
