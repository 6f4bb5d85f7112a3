"""The example company of data/make_org.py, written into a test's folder."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

MAKE_ORG = Path(__file__).resolve().parent.parent / "data" / "make_org.py"


def make_org_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_org", MAKE_ORG)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_org"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


make_org = make_org_module()


def company(folder: Path) -> list[Path]:
    """Ten team files and org.json in ``folder``."""
    return list(make_org.main(folder))


def sha1s(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (hidden ones too) and its sha1: what must not change."""
    return {
        str(p.relative_to(folder)): hashlib.sha1(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
