"""Snapshots of the org overview on the example company (data/make_org.py), read as of week 8:
the list of company OKRs and teams with one item's detail, and a team's OKR opened read-only.
The folder is read as "." from inside it, so file names in the picture do not move."""

from __future__ import annotations

from pathlib import Path

import pytest
from org_company import company, make_org

from okrworkshop.org_view import org_view
from screens.facilitator.org.app import OrgApp


@pytest.fixture
def org_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> OrgApp:
    company(tmp_path)
    monkeypatch.chdir(tmp_path)

    def read():  # type: ignore[no-untyped-def]
        return org_view([Path(".")], today=make_org.AS_OF)

    return OrgApp(read(), read)


def _keys(*keys: str):  # type: ignore[no-untyped-def]
    async def run(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()

    return run


def test_overview_wide(snap_compare, org_app) -> None:  # type: ignore[no-untyped-def]
    """120x40, C1.2 highlighted: what needs attention first, every company OKR with how many
    teams serve it ((none) for C3.2), the parent only a team named under its own heading, the
    teams with where each one is, and Search's key results on the right."""
    assert snap_compare(org_app, terminal_size=(120, 40), run_before=_keys("down", "down", "down"))


def test_overview_80x24(snap_compare, org_app) -> None:  # type: ignore[no-untyped-def]
    """80x24, C3.2 highlighted: lines cut with an ellipsis, "Served by no team." on the right."""
    keys = ["down"] * 9
    assert snap_compare(org_app, terminal_size=(80, 24), run_before=_keys(*keys))


def test_team_okr_80x24(snap_compare, org_app) -> None:  # type: ignore[no-untyped-def]
    """Enter on Search: its focus, what it serves, each KR against the time gone with its
    last confidence and trend (KR1 fell to 4), and its file."""
    keys = ["down"] * 17 + ["enter"]
    assert snap_compare(org_app, terminal_size=(80, 24), run_before=_keys(*keys))


def test_attention_first_80x24(snap_compare, org_app) -> None:  # type: ignore[no-untyped-def]
    """80x24 as it opens: "Needs attention (10)" highlighted, on the right the company key
    result nobody serves, the teams without a final OKR, the overlaps and the quiet team."""
    assert snap_compare(org_app, terminal_size=(80, 24), run_before=_keys())
