"""Saving an exported document where a person asked: names, checks and failures in words."""

from __future__ import annotations

from pathlib import Path

from okrworkshop import actions
from okrworkshop.files import (
    PREREAD_SUFFIX,
    default_file_name,
    resolve_path,
    target_problem,
    write_file,
)


def test_default_name_is_safe_on_any_system():
    ws = actions.new_workshop("Search / Ranking: [b]x[/b]", "2027 Q1 ✓")
    name = default_file_name(ws)
    assert name == "search-ranking-b-x-b-2027-q1.okr.md"
    assert "/" not in name and ".." not in name


def test_relative_and_home_paths(tmp_path):
    assert resolve_path("okr.md", tmp_path) == tmp_path / "okr.md"
    assert resolve_path("~/okr.md", tmp_path) == Path.home() / "okr.md"
    assert resolve_path(str(tmp_path / "a.md"), Path("/elsewhere")) == tmp_path / "a.md"


def test_target_problems_are_sentences(tmp_path):
    assert target_problem(tmp_path / "new.md", "x.md") == (None, False)
    (tmp_path / "old.md").write_text("kept", encoding="utf-8")
    assert target_problem(tmp_path / "old.md", "x.md") == (None, True)
    problem, _ = target_problem(tmp_path, "x.md")
    assert problem == f"{tmp_path} is a folder. Add a file name, e.g. {tmp_path / 'x.md'}"
    problem, _ = target_problem(tmp_path / "missing" / "a.md", "x.md")
    assert problem is not None and "does not exist" in problem


def test_write_file_writes_exactly_or_says_why(tmp_path):
    assert write_file(tmp_path / "a.md", "# OKR\n") is None
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "# OKR\n"
    error = write_file(tmp_path / "missing" / "a.md", "x")
    assert error is not None and error.startswith(f"Could not save to {tmp_path}")


def test_pre_read_file_name_has_its_own_suffix():
    ws = actions.new_workshop("Marketplace Search", "2027 Q1")
    assert default_file_name(ws, PREREAD_SUFFIX) == "marketplace-search-2027-q1.pre-read.md"
