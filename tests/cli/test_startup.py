"""Each verb loads what it uses: a script that lists workshops does not pay for the linter, the
write path (TinyDB, filelock) or the renderers, and ``--help`` does not open the database.

Checked on the modules a real process has loaded when it exits, never on timings (the bench,
``bench/cli_bench.py``, measures those).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import json, runpy, sys
sys.argv = ["okrworkshop", *sys.argv[1:]]
try:
    runpy.run_module("okrworkshop", run_name="__main__")
except SystemExit as exit:
    code = exit.code
else:
    code = 0
print("MODULES " + json.dumps([code, sorted(sys.modules)]))
"""

WRITE_PATH = {"tinydb", "filelock", "tempfile", "secrets"}
LINTER = {"okrworkshop.smart", "okrworkshop.smart_words"}
RENDERERS = {"okrworkshop.plain", "okrworkshop.export", "okrworkshop.preread"}


def loaded(*args: str) -> set[str]:
    """The modules loaded by ``okrworkshop ARGS`` by the time it exits (it must succeed)."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=60
    )
    line = next(x for x in result.stdout.splitlines() if x.startswith("MODULES "))
    code, modules = json.loads(line.removeprefix("MODULES "))
    assert code in (0, None), result.stderr
    return set(modules)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "w.json"
    new = ["new", "--team", "T", "--cycle", "2027 Q1", "--participant", "Ben"]
    subprocess.run(
        [sys.executable, "-m", "okrworkshop", "--db", str(path), *new],
        check=True,
        capture_output=True,
    )
    return path


def test_importing_the_command_line_loads_click_and_little_else() -> None:
    probe = "import sys, okrworkshop.cli; print(' '.join(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    modules = set(result.stdout.split())
    assert "click" in modules
    assert not modules & {"okrworkshop.store", "okrworkshop.model", "orjson", *WRITE_PATH}


def test_help_opens_no_database_and_no_linter() -> None:
    modules = loaded("--help")
    assert not modules & {"okrworkshop.store", *WRITE_PATH, *LINTER}


def test_list_reads_without_the_write_path_the_linter_or_the_renderers(db: Path) -> None:
    modules = loaded("--db", str(db), "list")
    assert "okrworkshop.store" in modules
    assert not modules & (WRITE_PATH | LINTER | RENDERERS)


def test_show_renders_without_the_write_path_or_the_linter(db: Path) -> None:
    modules = loaded("--db", str(db), "show")
    assert "okrworkshop.plain" in modules
    assert not modules & (WRITE_PATH | LINTER)


def test_draft_writes_and_hints_without_the_renderers(db: Path) -> None:
    modules = loaded("--db", str(db), "draft", "--as", "Ben", "Buyers trust our reviews")
    assert {"tinydb", "filelock", "okrworkshop.smart"} <= modules
    assert not modules & RENDERERS


def test_a_full_screen_app_runs_with_the_collector_tuned(tmp_path, monkeypatch):
    """Textual allocates a great deal while it draws the first screen; the shared screen runs
    with the imports frozen out of the collector and collections rarer (a third of the first
    frame's CPU time went to collections at Python's defaults)."""
    import gc

    from okrworkshop.cli import launch
    from screens.facilitator import app as facilitator_app

    seen: dict[str, object] = {}

    class FakeApp:
        def run(self) -> None:
            seen["threshold"] = gc.get_threshold()
            seen["frozen"] = gc.get_freeze_count()

    before = gc.get_threshold()
    monkeypatch.setattr(facilitator_app, "make_app", lambda *a, **k: FakeApp())
    try:
        launch.facilitator(tmp_path / "w.json", None)
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()
    assert seen["threshold"] == launch.FULL_SCREEN_GC
    assert isinstance(seen["frozen"], int) and seen["frozen"] > 0
