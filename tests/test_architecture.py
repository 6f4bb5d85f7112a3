"""The core stays free of the UI: every headless module imports without Textual or Rich."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import okrworkshop


def core_modules() -> list[str]:
    return sorted(
        m.name
        for m in pkgutil.walk_packages(okrworkshop.__path__, "okrworkshop.")
        if not m.name.endswith("__main__")
    )


def test_core_modules_import_without_textual_or_rich() -> None:
    modules = core_modules()
    assert {"okrworkshop.store", "okrworkshop.smart", "okrworkshop.cli.launch"} <= set(modules)
    probe = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
