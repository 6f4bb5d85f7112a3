"""The org overview on screen: keys move through company OKRs and teams, Enter opens a team's
OKR read-only, r reads the files again, and nothing is ever written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from org_company import company, make_org, sha1s
from textual.widgets import OptionList, Static

from okrworkshop.org_view import OrgView, org_view
from okrworkshop.store import Store
from screens.facilitator.org.app import OrgApp
from screens.facilitator.org.org import OrgScreen, TeamScreen

AS_OF = make_org.AS_OF


def reader(folder: Path) -> Callable[[], OrgView]:
    return lambda: org_view([folder], today=AS_OF)


def text_of(screen, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(screen.query_one(selector, Static).render())


def highlighted(screen) -> str:  # type: ignore[no-untyped-def]
    listing = screen.query_one(OptionList)
    return str(listing.get_option_at_index(listing.highlighted).prompt)


async def test_keys_walk_company_okrs_and_teams_and_open_one_read_only(tmp_path: Path) -> None:
    company(tmp_path)
    before = sha1s(tmp_path)
    read = reader(tmp_path)
    app = OrgApp(read(), read)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OrgScreen)
        assert "Acme Market OKRs: 2027 Q1" in text_of(screen, "#org-title")
        assert highlighted(screen) == "Needs attention (10)"
        attention = text_of(screen, "#org-detail")
        assert "Served by no team\n- C3.2 Support tickets" in attention
        assert "One-sided: Search does not name Checkout." in attention
        assert "Seller Onboarding has gone quiet" in attention
        await pilot.press("down", "down", "down")
        assert "C1.2" in highlighted(screen)
        detail = text_of(screen, "#org-detail")
        assert "Search:" in detail and "KR1" in detail and "confidence 4/10" in detail
        for _ in range(6):
            await pilot.press("down")
        assert "C3.2" in highlighted(screen)
        assert "Served by no team." in text_of(screen, "#org-detail")
        # Enter on a company key result opens nothing; on a team, its OKR
        await pilot.press("enter")
        assert app.screen is screen
        await pilot.press("end")
        assert "Trust and Safety" in highlighted(screen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TeamScreen)
        okr = text_of(app.screen, "#team-okr")
        assert "Focus: “Buyers and sellers trust each other”" in okr
        assert "Serves: Fraud losses cut in half" in okr
        assert "Payments does not name them back" in okr
        await pilot.press("escape")
        assert app.screen is screen
    assert sha1s(tmp_path) == before


async def test_r_reads_the_files_again(tmp_path: Path) -> None:
    company(tmp_path)
    read = reader(tmp_path)
    app = OrgApp(read(), read)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        (tmp_path / "data.json").unlink()
        (tmp_path / "broken.json").write_text("{", encoding="utf-8")
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert "9 teams" in text_of(screen, "#org-title")
        assert "broken.json" in text_of(screen, "#org-skipped")


async def test_the_welcome_screen_opens_the_org_view_of_its_folder(tmp_path: Path, app_on) -> None:  # type: ignore[no-untyped-def]
    company(tmp_path)
    store = Store.open(tmp_path / "payments.json")
    before = sha1s(tmp_path)
    app = app_on(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OrgScreen)
        await app.workers.wait_for_complete()  # the files are read after the first frame
        await pilot.pause()
        assert "10 teams" in text_of(app.screen, "#org-title")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, OrgScreen)
    assert sha1s(tmp_path) == before


async def test_typed_markup_and_escapes_show_as_typed(tmp_path: Path) -> None:
    spec = make_org.teams()[0]
    spec.team = "[b]Pay[/b] [@click=app.quit]x[/]"
    spec.focus = "Focus \x1b[31m red"
    make_org.write_team(tmp_path, "p.json", [make_org.team_workshop(spec, "p1")])
    read = reader(tmp_path)
    app = OrgApp(read(), read)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("end", "enter")
        await pilot.pause()
        okr = text_of(app.screen, "#team-okr")
        assert "[b]Pay[/b] [@click=app.quit]x[/]" in okr
        assert "\\x1b[31m" in okr and "\x1b" not in okr


async def test_opened_without_a_view_it_reads_the_files_after_its_first_frame(
    tmp_path: Path,
) -> None:
    company(tmp_path)
    app = OrgApp(None, reader(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "10 teams" in text_of(app.screen, "#org-title")
        assert highlighted(app.screen).startswith("Needs attention")
