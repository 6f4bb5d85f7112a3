"""The SMART linter: each check on several phrasings, the form fields, objectives, sets of key
results, hostile input, speed, and agreement with human labels."""

from __future__ import annotations

import importlib.util
import re
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from hostile import HOSTILE

from okrworkshop.model import Check, KeyResult
from okrworkshop.smart import (
    GUIDANCE,
    QUESTIONS,
    Finding,
    KeyResultLint,
    SuggestedSplit,
    lint_key_result,
    lint_key_result_set,
    lint_objective,
)

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"


def _ids(cases: list[tuple[str, bool]]) -> list[str]:
    return [re.sub(r"\W+", "-", text.lower()).strip("-")[:60] or "empty" for text, _ in cases]


# --- measurable ----------------------------------------------------------------------------

MEASURABLE: list[tuple[str, bool]] = [
    ("Increase trial-to-paid conversion from 12% to 18% by Q3", True),
    ("Cut p95 latency to below 200 ms", True),
    ("Grow MRR to $1.2M", True),
    ("Raise average order value from €42 to €48", True),
    ("Lift revenue from marketplace ads by £5,000 a month", True),
    ("Reduce churn by 15 points", True),
    ("Grow weekly active users 2x", True),
    ("Double the number of users who enable push notifications", True),
    ("Halve mean time to restore", True),
    ("Increase trial-to-paid conversion to eighteen percent", True),
    ("Reduce onboarding-related tickets by a third", True),
    ("Cut escalations to engineering by 40 per cent", True),
    ("Boost referral sign-ups threefold", True),
    ("Grow newsletter subscribers to 25k", True),
    ("Raise the App Store rating from 4.1 to 4.6", True),
    ("Ship 5 features", True),  # a count is measurable, even if it is activity
    ("Deploy the model to 100% of traffic", True),
    ("Resolve 95% of priority tickets within 24 hours", True),
    ("NPS 30 → 45", True),
    ("Zero P0 incidents", True),
    ("Improve search relevance", False),
    ("Increase signups in 2027", False),  # a year is a date, not a number to reach
    ("Improve checkout conversion by end of Q1 2027", False),
    ("Improve 30-day retention for new sellers", False),  # the window is not a target
    ("Increase D7 retention of iOS users", False),
    ("Cut P1 incidents", False),
    ("Achieve SOC 2 Type II certification", False),
    ("Implement 3D Secure 2 for EU cards", False),
    ("Release the Android tablet layout in sprint 14", False),
    ("Migrate all card processing to the new PSP", False),
    ("Increase NPS significantly", False),
    ("Increase conversion from 12%", False),  # a baseline with no target
    ("Upgrade all services to Java 21", False),
    # numbers that name: versions, categories, segments, age bands, labels, compounds
    ("Release Checkout 3.0 in the US by September", False),
    ("Upgrade the payments SDK to 2.14 in both apps", False),
    ("Raise adoption of app version 6.4 or later", False),
    ("Grow expansion revenue from our top-20 accounts", False),
    ("Grow footfall in our 12 flagship stores", False),
    ("Cut check-in queues at the 3 largest hotels", False),
    ("Get more 4-star and 5-star ratings on Trustpilot", False),
    ("Roll out zero-trust access for remote staff", False),
    ("Cut our reliance on third-party data brokers", False),
    ("Buy a third-party audit tool", False),
    ("Raise flu jab uptake among over-75s", False),
    ("Grow enrolment of 16-18 year olds in apprenticeships", False),
    ("Cut changeover time on line 4", False),
    ("Improve bed occupancy on ward 7", False),
    ("Reduce the share of games with a wait over 5 minutes", False),  # a filter, not a target
    ("Call every customer whose delivery is more than 2 days late", False),
    # and the same kinds of number where they are the amount
    ("Be in the top 3 apps in the Finance category", True),  # a rank is a target
    ("Raise the share of 5-star reviews from 58% to 70%", True),
    ("Customers rate support 4.5 or higher", True),
    ("Gain a 10-point rise in NPS", True),
    ("Grow signups ten-fold", True),
    ("Reduce late deliveries for the top 50 restaurants from 12% to 6%", True),
    ("Publish 6 case studies", True),  # a count of work is measurable (and an activity)
    ("Document the schema of the top 50 warehouse tables", True),  # a segment sizes the work
    ("Lower month-end overtime in the payroll team by a quarter", True),
    ("Review every invoice over $10k by Q3", False),  # which invoices, not how many
    ("Send reminders 24 hours ahead to every patient", False),  # a lead time
    ("Call back customers waiting over 10 minutes", False),  # which customers
]


@pytest.mark.parametrize(("statement", "expected"), MEASURABLE, ids=_ids(MEASURABLE))
def test_measurable(statement: str, expected: bool) -> None:
    """Whether the sentence says how much; the baseline field is filled, so that where the
    number starts is not what these cases test (see MEASURABLE_START)."""
    result = lint_key_result(statement, baseline="10")
    assert result.measurable is expected, result.findings
    assert bool(result.for_check(Check.MEASURABLE)) is not expected


# A target needs where it starts. The statement alone, no fields: (statement, starts).
MEASURABLE_START: list[tuple[str, bool]] = [
    ("Increase NPS from 30 to 50 by Q3", True),
    ("Increase NPS to 50 from 38 by Q3", True),
    ("Grow monthly active users to 1.2M, up from 800k, by Q4", True),
    ("Cut average claim time, currently 9 days, to 4 days by Q3", True),
    ("Lift repeat orders to 30% (baseline 22%) by H2", True),
    ("Grow paid seats to 3,000 (today 2,150) by Q4", True),
    ("NPS 30 → 45", True),
    ("Close the books in 5 working days instead of 10", True),
    ("Grow bookings by 15% over 2025 by December", True),
    ("Grow gross merchandise value 2x year over year", True),
    ("Increase revenue 20% compared to 2026 levels", True),
    # the target is the start: a level to hold
    ("Keep checkout availability at or above 99.95% each month", True),
    ("Maintain first-response time under 2 hours through Q3", True),
    # counts that start at zero: the cycle's work, and what it wins or adds
    ("Publish 6 case studies", True),
    ("Hire 4 additional support agents", True),
    ("Onboard 50 new merchants by Q2", True),
    ("Close $2M in new annual contracts by Q4", True),
    ("Sign 10 new wholesale partners before the book fair", True),
    ("Win back 120 former members before the spring season", True),
    ("Reach 2,000 paid seats in the first 60 days after launch", True),
    ("Get 60% of agents using the new knowledge base weekly by May", True),
    ("Grow patient visits at the new clinics to 2,500 a month by H2", True),
    ("Launch the partner portal and reach 500 active partners by June", True),
    ("Release the booking widget, with 40% of bookings made through it by Q4", True),
    ("Answer 85% of chats in under 2 minutes, compared with 60% last quarter, by June", True),
    ("Get 50% of sellers listing through the new app by Q4", True),
    ("Grow newsletter sign-ups 3x on H1 by Q4", True),  # the start is named: H1
    ("Raise £80,000 from the winter appeal by February", True),  # money raised starts at zero
    ("Open the new ice rink and welcome 25,000 skaters in its first season", True),
    ("Bring 4,000 families to the festival in August", True),  # counted from zero
    ("Upsell the premium plan to 250 existing customers by Q4", True),
    # a target with nothing to start from
    ("Increase NPS to 50 by 2027-06-30", False),
    ("Reach 1 million monthly active users", False),
    ("Reduce churn by 20% by Q4", False),
    ("Double weekly active users by Q3", False),
    ("Raise NPS by 10 points", False),
    ("Median time from sign-up to first order under 2 days", False),
    ("Resolve 95% of priority tickets within 24 hours", False),
    ("Grow the support team to 40 agents by Q3", False),  # a headcount, not work counted
    ("Activate 50% of new clinics within 30 days of signing", False),  # a cohort
    ("Cut 'where is my order' calls by 30% within 6 weeks of the tracking page launch", False),
    ("Increase conversion on the new checkout to 3% by Q3", False),
    ("Reach 800 daily orders within 8 weeks of the relaunch", False),
    ("Ship the new search and increase search-to-cart rate to 18% in Q3", False),
    ("Launch the salad bar so that 40% of diners pick a salad by June", False),  # a share
    ("Bring average check-in time below 5 minutes by Q2", False),  # a level, not a count
    ("Increase conversion from 12%", False),  # a start with no target
]


@pytest.mark.parametrize(("statement", "starts"), MEASURABLE_START, ids=_ids(MEASURABLE_START))
def test_measurable_needs_where_the_number_starts(statement: str, starts: bool) -> None:
    result = lint_key_result(statement)
    assert result.measurable is starts, result.findings
    assert bool(result.for_check(Check.MEASURABLE)) is not starts


def test_a_target_without_a_baseline_says_what_is_missing() -> None:
    """The issue's case: a target and a date, but nothing says where NPS is today."""
    result = lint_key_result("Increase NPS to 50 by 2027-06-30")
    assert not result.measurable
    assert result.specific and result.time_bound and result.outcome
    (finding,) = result.findings
    assert finding.check is Check.MEASURABLE
    assert "starting point" in finding.message
    assert "today" in finding.message and "baseline field" in finding.message


@pytest.mark.parametrize(
    ("fields", "measurable"),
    [
        ({"baseline": "38"}, True),
        ({"baseline": "38", "target": "50"}, True),
        ({"baseline": "not known yet"}, False),
        ({"target": "50"}, False),
        ({}, False),
    ],
    ids=["baseline-field", "both-fields", "baseline-words", "target-field-only", "none"],
)
def test_a_baseline_in_its_field_counts(fields: dict[str, str], measurable: bool) -> None:
    """A key result whose baseline is in the form's field is not failed for its sentence."""
    result = lint_key_result("Increase NPS to 50 by 2027-06-30", **fields)
    assert result.measurable is measurable, result.findings
    if measurable:
        assert result.findings == ()


# --- time-bound ----------------------------------------------------------------------------

TIME_BOUND: list[tuple[str, bool]] = [
    ("Grow revenue to $2M by 2027-03-31", True),
    ("Grow revenue to $2M by 31 March 2027", True),
    ("Grow revenue to $2M by March 31st", True),
    ("Grow revenue to $2M by September 30, 2027", True),
    ("Grow revenue to $2M by 31/03/2027.", True),
    ("Grow revenue to $2M by 3/31", True),
    ("Grow revenue to $2M by June", True),
    ("Grow revenue to $2M in March 2027", True),
    ("Grow revenue to $2M by end of May", True),
    ("Grow revenue to $2M by Q3", True),
    ("Grow revenue to $2M in Q1 2027", True),
    ("Grow revenue to $2M by end of Q2", True),
    ("Grow revenue to $2M this quarter", True),
    ("Grow revenue to $2M next quarter", True),
    ("Grow revenue to $2M in H1", True),
    ("Grow revenue to $2M in the first half of 2027", True),
    ("Grow revenue to $2M by mid-2027", True),
    ("Grow revenue to $2M by 2027", True),
    ("Grow revenue to $2M by end of year", True),
    ("Grow revenue to $2M by EOY", True),
    ("Grow revenue to $2M this year", True),
    ("Grow revenue to $2M in FY27", True),
    ("Grow revenue to $2M by the end of the cycle", True),
    ("Grow revenue to $2M by the end of the sprint", True),
    ("Grow revenue to $2M within six months", True),
    ("Grow revenue to $2M within 8 weeks", True),
    ("Grow revenue to $2M in the next 90 days", True),
    ("Grow revenue to $2M over the next two quarters", True),
    ("Grow revenue to $2M before Black Friday", True),
    ("Grow revenue to $2M by summer 2027", True),
    ("Complete the data-mapping exercise before launch", True),
    ("Release the tablet layout in sprint 14", True),
    ("Raise weekly active users to 40,000", False),
    ("Raise users active in the last 7 days to 40,000", False),
    ("Raise 30-day retention from 48% to 60%", False),
    ("Raise D7 retention to 25%", False),
    ("Lower p95 latency to below 200 ms over a 28-day window", False),
    ("Keep error rate under 1% over a rolling 30 days", False),
    ("Process $40M in payment volume per month", False),
    ("Run 3 webinars a week", False),
    ("Grow daily signups to 500", False),
    ("Grow MRR to $300k", False),
    ("Cut time to first value to under 10 minutes", False),
    ("Resolve tickets within 24 hours", False),
    ("Resolve 90% of tickets within 5 days", False),
    ("Activate 60% of new users within 2 weeks of signup", False),
    ("Sellers respond to 90% of buyer questions within 24 hours", False),
    ("Grow gross merchandise value 2x year over year", False),
    ("Maintain 99.9% uptime for 3 consecutive months", False),
    ("Keep checkout availability at or above 99.95% each month", False),
    ("Increase revenue 20% compared to 2026 levels", False),
    # dates that pick a cohort, and processes named after a period
    ("Raise retention of customers who joined after 1 March 2026 to 55%", False),
    ("Increase repeat purchases among shoppers acquired in Q4 2026 to 30%", False),
    ("Lift NPS for accounts created since March 2025 from 21 to 35", False),
    ("Reduce churn of members who signed up before 2025 by a fifth", False),
    ("Cut the quarter-end close from 10 days to 5", False),
    ("Reduce manual journal entries in month-end reporting by 60%", False),
    ("Cut year-end stocktake time from 4 days to 2", False),
    ("Activate 50% of new clinics within 30 days of signing the contract", False),
    ("Pay 95% of claims within 14 days of the final invoice", False),
    # time counted from a one-off event, seasons and festivals: deadlines
    ("Reach 800 daily orders within 8 weeks of the relaunch", True),
    ("Recover conversion to 3.2% within 30 days of the cutover", True),
    ("Reach 2,000 paid seats in the first 60 days after launch", True),
    ("Cut A&E waiting times to under 4 hours this winter", True),
    ("Raise gift-card sales to $2M by Diwali", True),
    ("Knock on 5,000 doors before polling day", True),
    ("Grow weekly bookings to 150 before the new financial year", True),
    ("Grow weekly active classrooms to 2,500 by the end of the school year", True),
    ("Halve time to hire by year-end.", True),
    ("Reduce churn to 2% by the quarter-end", True),
    ("Raise retention of customers who joined after March to 55% by Q4", True),
    ("Have 500 merchants onboarded in Q2", True),  # a count in a period, not a cohort
    ("Raise sellers making a sale in the first week after launching their store to 50%", False),
]


# Taught after the first blind set was read (its misses were of these kinds).
TIME_BOUND += [
    ("Cut churn among members who joined after 1 March 2026 from 5% to 3%", False),
    ("Email a renewal reminder to every lapsed member in Q2", True),
    ("Raise grain protein to 12% by the 2028 harvest", True),
    ("Open the new visitor centre before St Patrick's Day", True),
    ("Halve queue times at polling stations before the next general elections", True),
    # ... and after the second
    ("Archive the old HR files before the office move", True),
    ("Publish the safety policy before the inspection", True),
    ("Keep pool occupancy above 80% through the summer", True),
    ("Run a coaching programme for new managers from March", False),  # a start, not a deadline
    ("Run a coaching programme for new managers from March to June", True),
    # ... and after the third
    ("Grow newsletter sign-ups 3x on H1", False),  # the half compared with, not a deadline
    ("Open the help desk with 500 tickets answered in its first month", True),
    ("File the planning application before the planning committee", True),
    # ... and after the fourth
    ("Keep the backlog under 200 items all year", True),
    ("Empty bins under 2% late through the festive peak", True),
    ("Grow orders from shops signed in 2027 from 4,000 to 9,000", False),  # a cohort
    # ... and after the fifth
    ("Cut queue times at the stadium before the Highland Games", True),
    ("Sell 3,000 memberships at the new pool by opening day", True),
    ("Replant 5,000 hedgerow metres before the end of the planting season", True),
    ("Keep complaints under 20 a week during the rollout", True),
    ("Raise survival of hedges planted in 2026 from 70% to 85%", False),  # a cohort
    ("Lift pass rates among pupils enrolled this year to 70%", False),  # a cohort
    # ... and after the seventh
    ("Raise ticket income to £90,000 for the season", True),
    ("Fill 80% of rooms at the new hotels in their first winter", True),
    ("Grow forum posts from 200 to 500 a week by the 2.0 release", True),
    ("Cut wait times at the counter to 5 minutes at the next board meeting", True),
]


@pytest.mark.parametrize(("statement", "expected"), TIME_BOUND, ids=_ids(TIME_BOUND))
def test_time_bound(statement: str, expected: bool) -> None:
    result = lint_key_result(statement)
    assert result.time_bound is expected, result.findings
    assert bool(result.for_check(Check.TIME_BOUND)) is not expected


def test_metric_window_is_named_in_the_time_finding() -> None:
    """Saying why "30-day" is not a deadline teaches the room the difference."""
    (finding,) = lint_key_result("Raise 30-day retention from 48% to 60%").for_check(
        Check.TIME_BOUND
    )
    assert "30-day" in finding.message


# --- outcome -------------------------------------------------------------------------------

OUTCOME: list[tuple[str, bool]] = [
    ("Increase search-to-purchase conversion from 2.1% to 3.0% by Q3", True),
    ("Reduce time to deploy from 2 days to 2 hours", True),
    ("Increase the share of sellers who launch a promotion in week one from 10% to 25%", True),
    ("Increase the share of merchants who publish their first store page by 20%", True),
    ("40% of new users complete onboarding in their first session", True),
    ("Twenty enterprise customers actively using SSO by the end of H2", True),
    ("Process $40M in total payment volume per month", True),
    ("Onboard 50 new merchants by Q2", True),
    ("Close $2M in new annual contracts by Q4", True),
    ("Ensure 90% of releases ship without a rollback", True),
    ("Ship 95% of orders within 2 days", True),
    ("NPS from 30 to 45 by Q3", True),
    ("Make CI builds faster", True),
    ("Become the market leader in small-business invoicing", True),
    ("Anna (PM): raise net revenue retention by 15 points", True),
    ("increse repeat purchase rate from 24% to 30%", True),
    ("Test coverage from 40% to 80% by the end of the sprint", True),
    ("Launch semantic search for the laptops category by Q2", False),
    ("Ship an interactive onboarding checklist", False),
    ("Run 12 onboarding webinars in Q1", False),
    ("Interview 20 churned customers", False),
    ("Hire 4 additional support agents", False),
    ("Publish 8 update notes on the blog this year", False),
    ("Conduct a data-quality survey with 50 analysts", False),
    ("Set up a developer portal for internal teams", False),
    ("Roll out dark mode to all users by Q3", False),
    ("Migrate 80% of services to the new platform", False),
    ("Deploy the new recommendation model to 100% of traffic", False),
    ("Index 100% of seller listings in the new search cluster", False),
    ("Platform team to write runbooks for the 15 most critical services", False),
    ("Deliver 5 features requested by enterprise customers", False),
    ("5 new features shipped by Q2", False),
    ("New onboarding flow live in all markets by May 2027", False),
    ("Increase the number of experiments shipped from 4 to 12", False),
    ("Double the number of blog posts published", False),
    ("Grow the team to 12 engineers", False),
    ("Achieve SOC 2 Type II certification", False),
    ("Enable SSO for all enterprise customers", False),
    ("Mobile team: ship offline mode by Q3", False),
    ("lauch the new referral flow by june", False),
    ("Create a dashboard tracking marketplace GMV", False),
    # activities no word list used to name
    ("Fill 8 open data engineering roles by Q3", False),
    ("Staff the weekend support rota with 6 agents by May", False),
    ("Digitise 20,000 paper land-registry files by the end of 2027", False),
    ("Convert 150 legacy Word templates to the new design system", False),
    ("Convert the onboarding handbook into a video course", False),
    ("Scan the remaining HR paper files into the archive", False),
    ("Transcribe 300 support calls to train the intent model", False),
    ("Make 300 calls a week to lapsed donors", False),
    ("Book 40 discovery calls with hospital procurement teams in Q1", False),
    ("Knock on 5,000 doors in the ward before polling day", False),
    ("Close out 500 stale leads in the CRM", False),
    ("Get the new HR system live for payroll by April", False),
    ("Make the checkout available in 4 new currencies", False),
    ("Get 80% of account executives certified on the new product", False),
    ("Grow the support team to 40 agents by Q3", False),
    ("Move tier-3 support to the offshore team by Q2", False),
    ("Switch off the legacy mainframe", False),
    ("Achieve ISO 14001 recertification", False),
    ("Get SOC 2 Type II by November", False),
    ("Drive 12 brown-bag sessions on the data platform", False),
    ("Release Checkout 3.0 in the US and Canada", False),
    ("Publish 6 case studies", False),
    # results the word lists used to take for work
    ("Median time from sign-up to first order under 2 days", True),
    ("Cut median time from quote to bound policy from 6 days to 2", True),
    ("Convert 30% of webinar attendees into trials", True),
    ("Move 30% of customers to annual billing", True),
    ("Ship hotfixes for P1 bugs within 24 hours", True),
    ("Finish month-end reconciliations 3 days sooner", True),
    ("Achieve a 4.6 average rating in post-course surveys", True),
    ("Have 150 clinics booking through the platform every week", True),
    ("Get 200 students enrolled on the spring course", True),
    ("Make onboarding complete in under 10 minutes for 80% of users", True),
    ("Book $2M in new ARR by Q4", True),  # booking revenue is a sale, booking calls is work
    ("Staff turnover down from 20% to 12% by year end", True),
    # mixed: the result is there
    ("Launch the partner portal and reach 500 active partners by June", True),
    ("Hire 3 account managers and grow net revenue retention to 115%", True),
    ("Reach 10,000 paying subscribers by Q4 and launch the annual plan", True),
]


# Taught after the first blind set was read.
OUTCOME += [
    ("Process 4,000 backlogged passport applications by May", False),  # the team's output
    ("Process $12M in card payments per month by Q3", True),
    ("Process 90% of refunds within 3 days by Q2", True),
    ("Onboard 25 new veterinary practices by Q3", True),  # customers won
    # ... and after the second
    ("Text delivery updates to every customer on the day", False),
    ("Backlog of appeals cleared by 30 September", False),
    ("Harvest 2,000 tonnes of apples by October", False),
    ("Move 35% of invoices to e-invoicing by Q4, up from 10%", True),  # a measure moving
    # ... and after the third
    ("Offer same-day repairs in all 12 service centres by Q2", False),
    ("Submit the grant application before the deadline", False),
    ("Collect 300 tonnes of garden waste in 2027", False),
    ("Collect $1.5M in overdue rent by Q3", True),
    ("Review every open vendor contract for renewal terms", False),
    ("Get the new boiler commissioned at the depot by March", False),
    ("Make the member portal usable with a keyboard alone by the audit", False),
    # ... and after the fourth: verbs of work no list names, and more named ones
    ("Paint 120 new cycle lanes across the borough by June", False),
    ("Grit every school road before the first frost", False),
    ("Take on 25 new trainee drivers in September", False),
    ("Fit double glazing in every council flat by 2029", False),
    ("Make all 12 stations step-free by 2030", False),
    ("Extend opening hours to 10pm at 6 libraries by March", False),
    ("Extend broadband coverage to 95% of rural homes by Q4, up from 80%", True),
    ("Open the new marina and take 600 berth bookings by the summer", True),
    ("Sell 900 season passes at the new lido by the end of spring", True),
    ("Activate 60% of new stores within 14 days of signing", True),  # a share: a result
    # ... and after the fifth
    ("Put the tenancy forms online for every borough by June", False),
    ("Negotiate shared-depot deals with 3 other hauliers in H1", False),
    ("Extend mobile coverage to 97% of the national park by Q4", True),  # a measure moving
    ("Open the new ice rink and welcome 25,000 skaters in its first season", True),
    ("Get 60% of repeat orders placed online by April", True),  # a share, not work done
    # ... and after the sixth
    ("Re-key the 300 oldest client files by May", False),
    ("Use the new triage checklist on 80% of calls by Q2", False),
    ("Restore failed backups in under 15 minutes by Q3", True),  # a speed kept each time
    ("Make every report searchable by its owner by Q3", False),
    # ... and after the seventh
    ("Retrain the churn model on this year's data by Q2", False),
    ("Pass the ISO 27001 audit with no major findings", False),
    ("Hold first-response times at 4 hours or better all winter", True),
    ("Staff completing the security course up from 40% to 90% by Q3", True),
    ("Answer 90% of tickets raised by new users within a day by the next release", True),
    ("Count the ballots from all 12 wards by the morning after polling day", False),
    ("Register 5,000 new blood donors before the summer", True),
]


@pytest.mark.parametrize(("statement", "expected"), OUTCOME, ids=_ids(OUTCOME))
def test_outcome(statement: str, expected: bool) -> None:
    result = lint_key_result(statement)
    assert result.outcome is expected, result.findings
    assert bool(result.for_check(Check.OUTCOME)) is not expected


@pytest.mark.parametrize(
    ("statement", "words"),
    [
        ("Fill 8 open data engineering roles by Q3", "filling roles"),
        ("Make 300 calls a week to lapsed donors", "calls, emails and meetings"),
        ("Grow the support team to 40 agents by Q3", "hiring"),
    ],
)
def test_activity_finding_names_the_kind_of_work(statement: str, words: str) -> None:
    (finding,) = lint_key_result(statement).for_check(Check.OUTCOME)
    assert words in finding.message.lower()


# --- mixed key results: a result and the work meant to cause it -----------------------------

MIXED: list[tuple[str, str, str]] = [
    (
        "Launch the partner portal and reach 500 active partners by June.",
        "Reach 500 active partners by June",
        "Launch the partner portal",
    ),
    (
        "By June, launch the partner portal and reach 500 active partners.",
        "By June, reach 500 active partners",
        "Launch the partner portal",
    ),
    (
        "Reach 10,000 paying subscribers by Q4 and launch the annual plan",
        "Reach 10,000 paying subscribers by Q4",
        "Launch the annual plan",
    ),
    (
        "Roll out self-checkout in 12 stores and cut average queue time to under 4 minutes",
        "Cut average queue time to under 4 minutes",
        "Roll out self-checkout in 12 stores",
    ),
    (
        "Publish 6 case studies, then grow demo requests from case-study pages to 120 a month",
        "Grow demo requests from case-study pages to 120 a month",
        "Publish 6 case studies",
    ),
]


@pytest.mark.parametrize(("statement", "result", "delivery"), MIXED, ids=[m[1] for m in MIXED])
def test_mixed_key_result_keeps_the_result_and_moves_the_work(
    statement: str, result: str, delivery: str
) -> None:
    lint = lint_key_result(statement, baseline="10")
    assert lint.outcome and lint.measurable, lint.findings
    assert lint.suggested_split == SuggestedSplit(result=result, delivery=delivery)
    (finding,) = [f for f in lint.for_check(Check.SPECIFIC) if f.suggested_split]
    assert f"move '{delivery}' to the plan as an initiative" in finding.message
    assert f"Keep '{result}' as the key result" in finding.message
    assert finding.to_dict()["suggested_split"] == {"result": result, "delivery": delivery}


# Work linked to its result by "so that", "with", "to" or a participle clause: the two
# statements and others of the same shapes.
LINKED: list[tuple[str, str, str]] = [
    (
        "Ship the new setup checklist so that 50% of new teams finish setup in their first "
        "session, by the end of Q2",
        "50% of new teams finish setup in their first session, by the end of Q2",
        "Ship the new setup checklist",
    ),
    (
        "Launch in 3 countries with 10,000 paying users",
        "10,000 paying users",
        "Launch in 3 countries",
    ),
    (
        "Redesign the invoice email so that 70% of invoices are paid within 14 days, up from "
        "55%, by Q3",
        "70% of invoices are paid within 14 days, up from 55%, by Q3",
        "Redesign the invoice email",
    ),
    (
        "Release the Android app with 20,000 weekly active users by March",
        "20,000 weekly active users by March",
        "Release the Android app",
    ),
    (
        "Rebuild the quote form to cut quote abandonment from 40% to 25% by Q4",
        "Cut quote abandonment from 40% to 25% by Q4",
        "Rebuild the quote form",
    ),
    (
        "Open Saturday clinics, raising monthly appointments from 3,000 to 3,600 by May",
        "Raise monthly appointments from 3,000 to 3,600 by May",
        "Open Saturday clinics",
    ),
    (
        "Open the help desk with 500 tickets answered in its first month",
        "500 tickets answered in its first month",
        "Open the help desk",
    ),
    (
        "Automate supplier onboarding in order to cut setup time from 10 days to 3 by Q2",
        "Cut setup time from 10 days to 3 by Q2",
        "Automate supplier onboarding",
    ),
]


@pytest.mark.parametrize(("statement", "result", "delivery"), LINKED, ids=[m[2] for m in LINKED])
def test_work_linked_to_its_result_is_an_outcome_with_a_split(
    statement: str, result: str, delivery: str
) -> None:
    """Not only "describes work": the result is there, so it is an outcome, and the finding
    offers to keep the result and move the work to the plan."""
    lint = lint_key_result(statement)
    assert lint.outcome, lint.findings
    assert not lint.for_check(Check.OUTCOME)
    assert lint.suggested_split == SuggestedSplit(result=result, delivery=delivery)
    (finding,) = [f for f in lint.findings if f.suggested_split]
    assert f"Keep '{result[:69]}" in finding.message
    assert "to the plan as an initiative" in finding.message
    data = lint.to_dict()
    assert data["outcome"] is True


@pytest.mark.parametrize(
    "statement",
    [
        "Conduct a data-quality survey with 50 analysts by end of Q1",
        "Staff the weekend support rota with 6 agents by May",
        "Migrate 80% of services to the new platform",
        "Roll out dark mode to all users by Q3",
        "Grow the support team to 40 agents by Q3",
        "Train 300 nurses so they can use the new scanners",
        "Launch the referral programme with a video campaign",
    ],
)
def test_work_without_a_result_is_still_work(statement: str) -> None:
    lint = lint_key_result(statement)
    assert not lint.outcome and lint.suggested_split is None, lint.findings


# A participle inside a noun phrase describes the thing measured, not work done.
PARTICIPLES: list[tuple[str, bool]] = [
    ("Median time from sign-up to first sent invoice under 3 days", True),
    ("Refund rate on delivered orders below 2% by Q4", True),
    ("Average rating of completed rides at 4.8 or higher by Q3", True),
    ("Share of published listings with a photo from 60% to 80% by Q3", True),
    ("Ten onboarding videos recorded for new hosts by June", False),
    ("Migration of the billing service completed by May", False),
    ("5 new features shipped by Q2", False),
    ("New onboarding flow live in all markets by May 2027", False),
]


@pytest.mark.parametrize(("statement", "expected"), PARTICIPLES, ids=_ids(PARTICIPLES))
def test_participle_in_a_noun_phrase_is_not_work_done(statement: str, expected: bool) -> None:
    assert lint_key_result(statement).outcome is expected


@pytest.mark.parametrize(
    "statement",
    [
        "Build and launch the partner portal by June",  # work only
        "Launch the partner portal and the reseller directory by June",
        "Increase the share of sellers who create and publish a listing from 10% to 20% by Q3",
        "Increase retention to 40% and reduce churn to 2% by Q4",  # two results
        "Increase conversion from 12% to 18% by Q3",
        "Launch the partner portal and make partners happier",  # no measurable result
        ("Launch it and grow revenue to $1M and " * 40)[:2_000],  # a paste, not a key result
    ],
    ids=["work", "two-things", "relative-clause", "two-results", "plain", "vague", "paste"],
)
def test_not_every_and_is_a_mixed_key_result(statement: str) -> None:
    lint = lint_key_result(statement)
    assert lint.suggested_split is None
    assert all("suggested_split" not in f.to_dict() for f in lint.findings)


def test_hiring_finding_speaks_about_hiring() -> None:
    (finding,) = lint_key_result("Hire 3 senior engineers by Q2").for_check(Check.OUTCOME)
    assert "hiring" in finding.message.lower()


# --- our own phrasings, all three checks at once --------------------------------------------
# Written for this linter (not taken from the labelled files): statement, measurable,
# time-bound, outcome. Each row is a phrasing someone typed in a workshop, or could have.

OWN_CASES_TSV = """
Grow organic traffic from 40k to 65k monthly visits by the end of Q2 2027.	yes	yes	yes
reduce avg handle time from 11 min to 8 min by eoq	yes	yes	yes
Increase seller retention (90-day) from 61% to 70% by Dec 31.	yes	yes	yes
Decrease cart abandonment from seventy to sixty percent by end of Q1.	yes	yes	yes
Raise the percentage of invoices paid on time from 72% to 85% by 2027-09-30.	yes	yes	yes
Increase upsell revenue by $250,000 within the next 6 months.	yes	yes	yes
Improve page load speed to under 1.5s on 3G by Q3.	yes	yes	yes
Bring weekly churned accounts below 20 by mid-Q3.	yes	yes	yes
Launch the loyalty programme in Germany and France by October.	no	yes	no
Rebuild the search index pipeline on Kafka by Q4.	no	yes	no
Organise 4 customer advisory board meetings in 2027.	yes	yes	no
Add 3 new payment methods to checkout by H1.	yes	yes	no
Publish the public API docs before the developer conference.	no	yes	no
Deploy the fraud model to production by 1 July.	no	yes	no
Complete 30 user interviews with churned admins by end of Q2.	yes	yes	no
Introduce usage-based pricing for the Pro tier by Q3.	no	yes	no
Develop an internal admin tool for refunds.	no	no	no
Increase the number of features released per sprint from 2 to 4.	yes	no	no
Create 5 onboarding videos for new sellers by May.	yes	yes	no
Ten partner integrations launched by end of year.	yes	yes	no
Increase the share of active users who open the app daily from 18% to 25% by Q4.	yes	yes	yes
Reduce the median time to resolve P2 bugs from 14 days to 5 days by Q3.	yes	yes	yes
Reduce MTTR from 4h to 1h by the end of H1.	yes	yes	yes
Increase weekly logins per user from 2.1 to 3.0 by end of cycle.	yes	yes	yes
Grow API calls per customer by 40% this half.	yes	yes	yes
Raise first-contact resolution to 80% by end of September.	yes	yes	yes
Cut the number of refund-related complaints in half by Q2.	yes	yes	yes
Increase annual contract value from €18k to €24k by FY28.	yes	yes	yes
Improve customer satisfaction.	no	no	yes
Increase retention by end of Q3.	no	yes	yes
Grow revenue in 2027.	no	yes	yes
Reduce churn substantially this year.	no	yes	yes
Become the go-to tool for freelance designers.	no	no	yes
Keep weekly active users above 50k.	yes	no	yes
Resolve 99% of critical alerts within 15 minutes.	yes	no	yes
Reach 1 million monthly active users.	yes	no	yes
Drive 20% more qualified leads from the website.	yes	no	yes
Lift conversion of the pricing page by 3 percentage points.	yes	no	yes
Reduce the share of sessions with an error to under 0.5% over a rolling 30 days.	yes	no	yes
Increase 12-month net revenue retention from 104% to 112%.	yes	no	yes
Sales team: close 40 new logos by Q4.	yes	yes	yes
Marketing: run 2 campaigns per month in Q2.	yes	yes	no
Support: answer all tickets within 1 business day by March.	yes	yes	yes
Q3: increase activation to 45%.	yes	yes	yes
By end of Q2, reduce onboarding drop-off from 40% to 25%.	yes	yes	yes
In H1 2027, grow repeat buyers to 30%.	yes	yes	yes
Roll out the new pricing to 100% of new signups by May 2027.	yes	yes	no
Migrate 50 enterprise customers to the new platform by Q3.	yes	yes	no
Train 200 support agents on the new CRM by April.	yes	yes	no
Recruit 12 beta testers for the tablet app in Q1.	yes	yes	no
Increase the beta programme to 500 testers by Q2.	yes	yes	yes
Double repeat purchase rate within a year.	yes	yes	yes
Halve time to hire for engineers by year end.	yes	yes	yes
Reduce infrastructure cost per order from $0.42 to $0.30 by H2.	yes	yes	yes
Achieve 99.95% API availability in Q4.	yes	yes	yes
Hit 10,000 paying customers by 2028.	yes	yes	yes
Ensure 90% of releases ship without a rollback by Q3.	yes	yes	yes
NPS 30 → 45 by Q3	yes	yes	yes
Checkout conversion 2.1%->2.6% by end of H1	yes	yes	yes
Increase activation (baseline 31%, target 45%) by Q2	yes	yes	yes
Reduce churn to no more than 2% by Dec '27	yes	yes	yes
Grow repeat buyers +5pp by 12/31	yes	yes	yes
Reduce p50 latency -20% this sprint	yes	yes	yes
lauch the new referral flow by june	no	yes	no
increse signups to 5k by q3	yes	yes	yes
Improve trial conversion from 8% to 11% by the end of the quarter	yes	yes	yes
Get at least 3 enterprise pilots to convert to paid by Q4	yes	yes	yes
Keep error budget burn under 50% per sprint	yes	no	yes
Ship updates every two weeks	yes	no	no
Publish release notes twice a month	yes	no	no
Increase the share of users who finish setup in under 10 minutes from 30% to 50%	yes	no	yes
Reduce steps to checkout from 7 to 3 by Q2	yes	yes	yes
Increase conversions from the Q2 campaign by 10%	yes	yes	yes
Make 40% of new users successful in week one by Q3	yes	yes	yes
Grow the partner channel to 15% of new revenue by end of FY	yes	yes	yes
Reduce onboarding calls needed per customer from 3 to 1 by H2	yes	yes	yes
Increase the number of sellers using promotions from 1,200 to 2,000 by Q3	yes	yes	yes
Increase the number of A/B tests run per quarter from 6 to 15	yes	no	no
Run a pricing experiment with 5% of traffic by May	yes	yes	no
Launch in 3 new countries by Q4	yes	yes	no
Expand to two new regions in 2027	yes	yes	no
Open 5 new warehouses by H2	yes	yes	no
Reduce manual reconciliation work from 20 hours to 5 hours per week by Q3	yes	yes	yes
Double down on enterprise by Q3	no	yes	yes
Deliver the new API by the end of Q2	no	yes	no
Provide 24/7 support for enterprise customers by Q3	no	yes	no
Support 10,000 concurrent users on the live stream by launch	yes	yes	yes
Achieve a 4.5/5 CSAT score by Q2	yes	yes	yes
Reach break-even by Q4 2027	no	yes	yes
Make the dashboard world-class	no	no	yes
Build world-class onboarding by Q2	no	yes	no
Cut median delivery time from 4 days to 2 days by 1 October.	yes	yes	yes
Organise a hackathon in Q3.	no	yes	no
Train all support staff on the new refund policy by April.	no	yes	no
Increase buyer repeat rate from 1 in 5 to 1 in 4 by Q4.	yes	yes	yes
Write a pricing strategy document.	no	no	no
Keep monthly churn under two percent.	yes	no	yes
Launch in Spain, Italy and Portugal by Q4.	no	yes	no
Move 30% of customers to annual billing by Q3.	yes	yes	yes
Sign up 200 new sellers in Q2.	yes	yes	yes
Get 500 five-star reviews by year end.	yes	yes	yes
Finish the checkout redesign before the summer sale.	no	yes	no
Respond to every review within 48 hours.	yes	no	yes
Lower infrastructure spend to €50k a month by FY end.	yes	yes	yes
Pilot the new pricing with 10 customers in Q2.	yes	yes	no
Deliver 2 customer workshops per quarter.	yes	no	no
Ten new integrations live by EOY.	yes	yes	no
Add 500 new paying customers by Q3.	yes	yes	yes
Add $1M in net new ARR by Q4.	yes	yes	yes
Add three new payment methods to checkout by Q2.	yes	yes	no
Bring in 50 new partners by the end of the year.	yes	yes	yes
Reduce the number of tickets per 1,000 orders.	no	no	yes
Grow revenue by 20% over 12 months.	yes	yes	yes
Retain customers with tenure over 12 months at 95%.	yes	no	yes
Maintain 99.9% uptime for the next 6 months.	yes	yes	yes
Reach thousands of new buyers.	no	no	yes
Get more five-star reviews.	no	no	yes
Reach top-10 in the App Store travel category by Q3.	yes	yes	yes
Decrease bounce rate on landing pages from 60% to 45% over the next quarter.	yes	yes	yes
Reduce refund processing time during the holiday season to under 3 days.	yes	yes	yes
Send the NPS survey to all customers by March.	no	yes	no
Convert 25% of trial users to paid by Q2.	yes	yes	yes
Implement feature flags for 100% of deployments.	yes	no	no
Increase the number of sellers with 5+ listings from 300 to 600 by Q3.	yes	yes	yes
Search team delivers personalised recommendations by Q3.	no	yes	no
Build the team dashboard for squad leads.	no	no	no
Finalise the 2027 pricing.	no	no	no
Grow the team to 12 engineers by EOY.	yes	yes	no
Customers rate support 4.5 or higher by Q2.	yes	yes	yes
Our enterprise offering generates $3M ARR by FY27.	yes	yes	yes
Sunset the legacy dashboard by Q2.	no	yes	no
Reduce technical debt.	no	no	yes
Finish the checkout redesign by the end of 2027.	no	yes	no
Reach 500 beta users by Q3.	yes	yes	yes
Achieve 100% compliance with the new expense policy by Q2.	yes	yes	yes
Increase the number of engineers using the internal platform from 40 to 120 by H2.	yes	yes	yes
Achieve PCI DSS compliance by Q4.	no	yes	no
Enable dark mode for 100% of users by Q2.	yes	yes	no
Enable 30% of sellers to manage inventory from the app by Q3.	yes	yes	yes
Support Apple Pay for all buyers in the EU by May.	no	yes	no
Drive 20 demo requests through published case studies by Q3.	yes	yes	yes
Increase conversion by launching 3 new landing pages by Q2.	yes	yes	yes
Get 10 customers to pilot the new API by June.	yes	yes	yes
Automate 80% of manual refund reviews by Q3.	yes	yes	no
Achieve 80% automated test coverage by end of H1.	yes	yes	yes
Grow the blog audience to 50k monthly readers by Q4.	yes	yes	yes
Publish case studies that drive 20 demo requests.	yes	no	no
Have 100 sellers live on the new storefront at launch.	yes	yes	yes
Cut support tickets about billing by 30% before the contract renewal.	yes	yes	yes
Reach 5,000 paying users by the next board meeting.	yes	yes	yes
Keep uptime at five nines through 2027.	yes	yes	yes
Eliminate all P1 incidents in the checkout flow this half.	no	yes	yes
Improve the onboarding experience in the coming months.	no	no	yes
Release a new version every two weeks.	yes	no	no
Hold monthly customer office hours.	no	no	no
Migrate the billing database to Postgres by end of cycle.	no	yes	no
Reduce p99 checkout latency from 1.8s to 900ms by end of Q3.	yes	yes	yes
Increase weekly returning visitors on mobile by ten percent by the end of Q4.	yes	yes	yes
Raise gross margin from 38% to 42% during FY27.	yes	yes	yes
Lower cost per ticket to $4.50 by year-end.	yes	yes	yes
Introduce a loyalty tier for top sellers in H2.	no	yes	no
Get 3 design partners to sign LOIs for the new analytics product by Q2.	yes	yes	yes
Double organic search traffic.	yes	no	yes
Customer churn below 3% per month.	yes	no	yes
Grow paid seats to 12,000 by Oct. 1.	yes	yes	yes
Grow paid seats to 12,000 by October 1, 2027.	yes	yes	yes
Grow paid seats to 12,000 by 1st October.	yes	yes	yes
Grow paid seats to 12,000 by 4Q27.	yes	yes	yes
Grow paid seats to 12,000 in CY2027.	yes	yes	yes
Grow paid seats to 12,000 by the end of calendar year 2027.	yes	yes	yes
Grow paid seats to 12,000 before next quarter.	yes	yes	yes
Grow paid seats to 12,000 by Christmas.	yes	yes	yes
Grow paid seats to 12,000 in time for the holidays.	yes	yes	yes
Grow paid seats to 12,000 by GA.	yes	yes	yes
Grow paid seats to 12,000 by the close of H1.	yes	yes	yes
Grow paid seats to 12,000 by the end of this OKR cycle.	yes	yes	yes
Grow paid seats to 12,000 over the next 18 months.	yes	yes	yes
Grow paid seats to 12,000 within 1 year.	yes	yes	yes
Grow paid seats to 12,000 within a year.	yes	yes	yes
Grow paid seats to 12,000 in 2 quarters.	yes	yes	yes
Grow paid seats to 12,000 soon.	yes	no	yes
Grow paid seats to 12,000 ASAP.	yes	no	yes
Grow paid seats to 12,000 every quarter.	yes	no	yes
Grow paid seats to 12,000 quarter over quarter.	yes	no	yes
Keep weekly churn under 1% throughout the year.	yes	yes	yes
Respond to 100% of security reports within 3 business days.	yes	no	yes
Onboard new enterprise customers within 30 days of contract signature.	yes	no	yes
Reach 1,000 installs in the first 30 days after launch.	yes	yes	yes
Cut refund turnaround to 2 days by May 15.	yes	yes	yes
Raise AOV to $55 by the 2027 holiday season.	yes	yes	yes
Reduce cancellations in the first 14 days from 9% to 6% by H2 2027.	yes	yes	yes
"""
OWN_CASES = [line.split("\t") for line in OWN_CASES_TSV.strip().splitlines()]


@pytest.mark.parametrize(
    ("statement", "measurable", "time_bound", "outcome"),
    OWN_CASES,
    ids=[re.sub(r"\W+", "-", row[0].lower()).strip("-")[:60] for row in OWN_CASES],
)
def test_own_phrasings(statement: str, measurable: str, time_bound: str, outcome: str) -> None:
    """Measurable here is whether the sentence says how much: the baseline field is filled,
    as in the room, so where the number starts is tested apart (MEASURABLE_START)."""
    result = lint_key_result(statement, baseline="10")
    got = (result.measurable, result.time_bound, result.outcome)
    assert got == (measurable == "yes", time_bound == "yes", outcome == "yes"), result.findings


# --- specific ------------------------------------------------------------------------------

SPECIFIC: list[tuple[str, bool]] = [
    ("Increase trial-to-paid conversion from 12% to 18% by Q3", True),
    ("Reduce the share of searches returning zero results from 9% to 4%", True),
    ("Hire 3 senior engineers by Q2", True),
    ("Reduce churn", False),  # too short
    ("Better onboarding", False),
    ("Make checkout world-class", False),
    ("Deliver a best-in-class, seamless experience to every customer", False),
    ("Improve search relevance for our buyers this year", False),
    ("Increase NPS significantly by the end of the year", False),
    ("Increase from 12% to 18% by Q3", False),  # says nothing about what
    ("Increase retention to 40% and reduce churn to 2% by Q4", False),  # two results
    ("Increase revenue and retention by 10% by Q4", False),
    ("Grow activation " + "because it matters a great deal to the business " * 6, False),
]


@pytest.mark.parametrize(("statement", "expected"), SPECIFIC, ids=_ids(SPECIFIC))
def test_specific(statement: str, expected: bool) -> None:
    result = lint_key_result(statement)
    assert result.specific is expected, result.findings
    assert bool(result.for_check(Check.SPECIFIC)) is not expected


def test_two_results_finding_suggests_splitting() -> None:
    result = lint_key_result("Increase retention to 40% and reduce churn to 2% by Q4")
    assert any("split" in f.message.lower() for f in result.for_check(Check.SPECIFIC))


def test_relative_clause_with_and_is_one_result() -> None:
    """A relative clause ("sellers who create and publish") is one behaviour, not two KRs."""
    result = lint_key_result(
        "Increase the share of sellers who create and publish a listing from 10% to 20% by Q3"
    )
    assert result.specific, result.findings


# --- findings ------------------------------------------------------------------------------

_REWRITE_CUES = re.compile(
    r"'[^']+'|\b(?:add|name|split|replace|keep|ask|measure|end|spell|cut|turn|set|write|say|"
    r"rewrite|fill in|move)\b",
    re.IGNORECASE,
)

_WEAK_KRS = [
    "",
    "Better onboarding",
    "Launch the referral programme",
    "Increase conversion from 12%",
    "Raise 30-day retention to 60%",
    "Increase signups in 2027",
    "Hire 3 engineers",
    "5 new features shipped",
    "Achieve SOC 2 certification",
    "Increase retention to 40% and reduce churn to 2%",
    "Grow activation " + "because it matters " * 20,
    "Launch the partner portal and reach 500 active partners by June",
    "Fill 8 open data engineering roles",
    "Make 300 calls a week to lapsed donors",
]


@pytest.mark.parametrize("statement", _WEAK_KRS, ids=[s[:30] or "empty" for s in _WEAK_KRS])
def test_every_finding_says_what_is_wrong_and_how_to_rewrite(statement: str) -> None:
    result = lint_key_result(statement)
    assert result.findings
    for finding in result.findings:
        assert isinstance(finding, Finding)
        assert _REWRITE_CUES.search(finding.message), finding.message
        unquoted = re.sub(r"'[^']*'", "''", finding.message)
        sentences = re.findall(r"[.!?](?:\s|$)", unquoted)
        assert 1 <= len(sentences) <= 2, finding.message
    for check in (Check.SPECIFIC, Check.MEASURABLE, Check.TIME_BOUND, Check.OUTCOME):
        assert bool(result.for_check(check)) is (result.passed(check) is False)


def test_findings_follow_check_order() -> None:
    result = lint_key_result("Launch it")
    order = list(Check)
    positions = [order.index(f.check) for f in result.findings]
    assert positions == sorted(positions)


def test_a_clean_key_result_has_no_findings() -> None:
    result = lint_key_result(
        "Increase search-to-purchase conversion from 2.1% to 3.0% by end of Q3 2027."
    )
    assert result.findings == ()
    assert result.specific and result.measurable and result.time_bound and result.outcome


# --- form fields ---------------------------------------------------------------------------


def test_fields_make_a_short_statement_measurable_and_time_bound() -> None:
    bare = lint_key_result("Checkout conversion")
    assert not bare.measurable and not bare.time_bound and not bare.specific
    filled = lint_key_result(
        "Checkout conversion",
        metric="checkout conversion rate",
        baseline="2.1%",
        target="3%",
        unit="%",
        deadline=date(2027, 9, 30),
    )
    assert filled.measurable and filled.time_bound and filled.specific and filled.outcome
    assert filled.findings == ()


@pytest.mark.parametrize(
    ("deadline", "expected"),
    [
        (date(2027, 3, 31), True),
        ("2027-03-31", True),
        ("Q3 2027", True),
        ("end of June", True),
        ("", False),
        ("   ", False),
        ("soon", False),
        (None, False),
    ],
    ids=["date", "iso-text", "quarter-text", "month-text", "empty", "blank", "vague", "none"],
)
def test_deadline_field(deadline: date | str | None, expected: bool) -> None:
    assert lint_key_result("Grow weekly active teams to 2,000", deadline=deadline).time_bound is (
        expected
    )


def test_target_alone_asks_for_the_baseline() -> None:
    result = lint_key_result("Grow weekly active teams", target="2,000")
    assert not result.measurable
    (finding,) = result.for_check(Check.MEASURABLE)
    assert "baseline" in finding.message
    assert lint_key_result("Grow weekly active teams", baseline="1,200", target="2,000").measurable


def test_baseline_alone_is_not_measurable_and_asks_for_a_target() -> None:
    result = lint_key_result("Grow weekly active teams by Q3", baseline="1,200")
    assert not result.measurable
    (finding,) = result.for_check(Check.MEASURABLE)
    assert "target" in finding.message


def test_target_field_without_a_number_does_not_count() -> None:
    assert not lint_key_result("Grow weekly active teams by Q3", target="a lot more").measurable


# --- API shape -----------------------------------------------------------------------------


def test_passed_is_none_for_checks_only_people_can_decide() -> None:
    result = lint_key_result("Increase conversion from 12% to 18% by Q3")
    assert result.passed(Check.ACHIEVABLE) is None
    assert result.passed(Check.RELEVANT) is None
    assert result.passed(Check.MEASURABLE) is True


def test_to_dict_shape() -> None:
    data = lint_key_result("Launch the app").to_dict()
    assert set(data) == {"specific", "measurable", "time_bound", "outcome", "findings"}
    assert all(isinstance(data[k], bool) for k in ("specific", "measurable", "time_bound"))
    assert data["findings"]
    for finding in data["findings"]:
        assert set(finding) == {"check", "message"}
        assert Check(finding["check"])


def test_lint_is_frozen_data() -> None:
    result = lint_key_result("Launch the app")
    assert isinstance(result, KeyResultLint)
    with pytest.raises(AttributeError):
        result.measurable = True  # type: ignore[misc]


def test_questions_and_guidance_cover_every_check() -> None:
    assert set(QUESTIONS) == set(Check)
    assert set(GUIDANCE) == set(Check)
    for check in (Check.ACHIEVABLE, Check.RELEVANT):
        assert QUESTIONS[check].endswith("?")
    for text in (*QUESTIONS.values(), *GUIDANCE.values()):
        assert text.strip() and "\n" not in text


# --- objectives ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "New sellers succeed in their first week",
        "Make 2027 the year buyers trust our marketplace",
        "Become the one place small shops run their business",
        "Double down on what enterprise buyers love",
    ],
)
def test_good_objective_has_no_findings(text: str) -> None:
    assert lint_objective(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "Grow revenue 20%",
        "Reach 10,000 paying customers",
        "Win twenty enterprise logos",
        "Raise NPS for every buyer",
        "Get to $1M in new revenue",
    ],
)
def test_objective_with_a_number_or_metric_is_flagged(text: str) -> None:
    findings = lint_objective(text)
    assert any(f.check is Check.MEASURABLE and "key results" in f.message for f in findings)


def test_objective_on_several_lines_is_flagged() -> None:
    findings = lint_objective("Buyers trust us\nSellers love us")
    assert any("line" in f.message for f in findings)


def test_long_objective_is_flagged() -> None:
    text = "Make the marketplace the place where every small shop in Europe feels at home and grows"
    assert len(text) > 70
    assert any("characters" in f.message for f in lint_objective(text))


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "\u200b"], ids=["empty", "spaces", "nl", "zw"])
def test_empty_objective_is_flagged(text: str) -> None:
    (finding,) = lint_objective(text)
    assert "empty" in finding.message


# --- sets of key results -------------------------------------------------------------------


def _kr(n: int, statement: str, baseline: str = "", target: str = "") -> KeyResult:
    return KeyResult(
        id=f"kr{n}", statement=statement, author="ana", baseline=baseline, target=target
    )


GOOD = "Increase checkout conversion from 2.1% to 2.6% by Q3"
ACTIVITY = "Launch the new checkout by Q3"


@pytest.mark.parametrize(
    ("count", "flagged"),
    [(0, True), (1, True), (2, False), (5, False), (6, True)],
    ids=["none", "one", "two", "five", "six"],
)
def test_set_size(count: int, flagged: bool) -> None:
    findings = lint_key_result_set([_kr(i, GOOD) for i in range(count)])
    about_size = [f for f in findings if "key result" in f.message and "There " in f.message]
    assert bool(about_size) is flagged


def test_set_of_only_activities_is_flagged() -> None:
    findings = lint_key_result_set([_kr(1, ACTIVITY), _kr(2, "Hire 3 engineers by Q2")])
    assert [f.check for f in findings] == [Check.OUTCOME]
    mixed = lint_key_result_set([_kr(1, ACTIVITY), _kr(2, GOOD)])
    assert mixed == ()


@pytest.mark.parametrize(
    ("baseline", "target", "flagged"),
    [
        ("12%", "12%", True),
        ("12%", "12 %", True),
        ("$1.2M", "1,200,000", True),
        ("1.5k", "1500", True),
        ("High", "high", True),
        ("12%", "18%", False),
        ("", "", False),
        ("", "18%", False),
        ("from 12% to 18%", "12%", False),
        ("low", "high", False),
    ],
)
def test_set_flags_baseline_equal_to_target(baseline: str, target: str, flagged: bool) -> None:
    krs = [_kr(1, GOOD, baseline, target), _kr(2, GOOD)]
    findings = [f for f in lint_key_result_set(krs) if f.check is Check.MEASURABLE]
    assert bool(findings) is flagged
    if flagged:
        assert findings[0].message.startswith("KR1 has the same baseline")


# --- hostile input and speed ---------------------------------------------------------------

EXTRA_HOSTILE: dict[str, str] = {
    "empty": "",
    "whitespace": " \t\n ",
    "nul-flood": "\x00" * 10_000,
    "digits": "1" * 10_000,
    "commas": "Increase " + "1," * 5_000,
    "from-flood": "from 1 " * 1_500,
    "by-flood": "by " * 4_000,
    "within-flood": "within " * 2_000 + "days",
    "slashes": "9/" * 5_000,
    "quarters": "q1 " * 3_000,
    "currency": "$" * 10_000,
    "percent": "%" * 10_000,
    "colons": ("x" * 39 + ":") * 250,
    "and-flood": "launch and " * 1_000,
    "emoji-flood": "😀" * 10_000,
    "bidi-flood": "\u200b\u202e\u2066" * 3_000,
    "surrogate": "bad \ud800 surrogate",
    "markup-kr": "[b]Increase[/b] NPS [@click=app.quit] from 30 to 45 by Q3[/]",
}
ALL_HOSTILE = {**HOSTILE, **EXTRA_HOSTILE}


@pytest.mark.parametrize("text", list(ALL_HOSTILE.values()), ids=list(ALL_HOSTILE))
def test_hostile_input_never_crashes(text: str) -> None:
    """(How fast the linter reads such pastes is measured in bench/lint_bench.py, not here.)"""
    result = lint_key_result(
        text, metric=text, baseline=text, target=text, unit=text, deadline=text
    )
    lint_objective(text)
    lint_key_result_set([_kr(1, text, text, text), _kr(2, text)])
    assert isinstance(result.to_dict()["findings"], list)
    # A target in its field with no start: the start is looked for in words that may be none.
    assert isinstance(lint_key_result(text, target="50%").to_dict()["findings"], list)


def test_markup_in_a_key_result_is_read_as_words() -> None:
    result = lint_key_result(EXTRA_HOSTILE["markup-kr"])
    assert result.measurable and result.time_bound


# --- agreement with human labels -----------------------------------------------------------


def _agreement_module() -> ModuleType:
    """The bench script, loaded by path so the test and the script share one definition."""
    path = ROOT / "bench" / "smart_agreement.py"
    spec = importlib.util.spec_from_file_location("smart_agreement", path)
    assert spec and spec.loader, path
    module = sys.modules.get(spec.name)
    if module is None:
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up while being built
        spec.loader.exec_module(module)
    return module


# Agreement the linter must keep per check, per labelled file. 97% everywhere, except on the
# blind set that reports on the rules as they are (blind_8, read once, never tuned on): there
# the floor is what it measured, which is lower, and the README says so. blind_1 to blind_7
# were read once each, then the rules were taught their misses (see data/LABELS.md).
_FLOOR = 0.97
AGREEMENT_FLOORS: dict[str, dict[str, float]] = {
    name: dict.fromkeys(("measurable", "time_bound", "outcome"), _FLOOR)
    for name in (
        "dev",
        "holdout",
        "hard_dev",
        "hard_holdout",
        *(f"blind_{i}" for i in range(1, 8)),
    )
}
AGREEMENT_FLOORS["blind_8"] = {"measurable": 50 / 57, "time_bound": 52 / 57, "outcome": 52 / 57}


@pytest.mark.parametrize("name", list(AGREEMENT_FLOORS))
def test_agreement_with_labels(name: str) -> None:
    """Agreement per check on every labelled file, the held-out and blind ones included (see
    data/LABELS.md); a missing file fails rather than skips."""
    path = DATA / f"kr_labels_{name}.tsv"
    assert path.is_file(), f"labelled file missing: {path}"
    bench = _agreement_module()
    result = bench.agreement(path)
    rows = result.rows
    ratios = {check: result.ratio(check) for check in bench.CHECKS}
    summary = result.summary(name)  # counts only: holdout rows are never shown
    del result  # keep the rows out of any failure report
    print(f"\n{summary}")
    assert rows > 0, summary
    floors = AGREEMENT_FLOORS[name]
    below = sorted(check for check, ratio in ratios.items() if ratio < floors[check] - 1e-9)
    assert not below, summary


def test_every_labelled_file_has_a_floor() -> None:
    """A new labelled file is checked too: it needs its floor here."""
    names = {p.stem.removeprefix("kr_labels_") for p in DATA.glob("kr_labels_*.tsv")}
    assert names == set(AGREEMENT_FLOORS)


def test_the_bench_reads_every_labelled_file() -> None:
    bench = _agreement_module()
    assert {p.name for p in (*bench.DEV_FILES, *bench.HOLDOUT_FILES)} == {
        f"kr_labels_{name}.tsv" for name in AGREEMENT_FLOORS
    }


def test_a_long_objective_is_counted_whole_not_where_the_analysis_stops() -> None:
    """The patterns read the first MAX_ANALYSED_CHARS; the length said is the real one."""
    from okrworkshop.smart import MAX_ANALYSED_CHARS, lint_objective

    draft = ("Buyers find the right product first time " * 200)[:5000]
    assert len(draft.strip()) > MAX_ANALYSED_CHARS
    said = " ".join(f.message for f in lint_objective(draft))
    assert f"At {len(draft.strip()):,} characters the objective is hard to remember" in said
    assert "At 2,000 characters" not in said and "At 2000 characters" not in said
