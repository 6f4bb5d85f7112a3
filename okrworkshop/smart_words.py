"""Every word list and pattern the SMART linter uses, in one place so it is easy to tune.

The linter in ``smart.py`` holds the logic; this module holds the vocabulary. To teach the linter
a new word, add it to the right list below: all entries are lower case, multi-word entries are
written with single spaces, and the regular expressions are built from the lists the first
time the linter uses them. Patterns use only bounded repetition so that a 10,000-character
paste cannot make them backtrack for long.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any


def wordset(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated block, the easiest form to extend."""
    return frozenset(text.split())


def _alt(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, built as a prefix tree.

    Python's regex engine tries the branches of a plain ``a|b|c`` one by one at every
    position; sharing prefixes ("launch", "launched", "later") makes each attempt cost one
    word's length instead of the whole list's, which keeps linting well under a millisecond.
    Longer words still win ("set up" over "set") because the optional tails are greedy. A space
    inside an entry matches a space or a hyphen ("world class" / "world-class").
    """
    trie: dict[str, Any] = {}
    for word in {" ".join(x.lower().split()) for x in words}:
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, Any]) -> str:
    ends_here = "" in node
    branches = [
        (r"[\s-]" if ch == " " else re.escape(ch)) + _trie_regex(child)
        for ch, child in sorted(node.items())
        if ch
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        body = f"(?:{body})?" if len(branches) == 1 else body + "?"
    return body


class LazyRegex:
    """A regular expression compiled on first use.

    The linter has about eighty patterns, most of them large, that take some 55 ms to compile
    on the development VM. Every command and the TUI import this module (confirming a check asks
    the linter), but most never lint; deferring the compile keeps their start-up fast, and a
    first lint compiles only the patterns it reaches. Only the methods the linter uses.

    A pattern built from a word list takes a function that writes its source: turning the
    lists into prefix trees (``_alt``) took another 25 ms when this module was imported.
    """

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str | Callable[[], str], flags: int = 0) -> None:
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def source(self) -> str:
        return self._source if isinstance(self._source, str) else self._source()

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source, self._flags)
        return self._compiled

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(string, pos, endpos)

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled.findall(string, pos, endpos)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled.split(string, maxsplit)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled.sub(repl, string, count)


# --- verbs that open a key result ------------------------------------------------------------

# Delivery / activity verbs: the team doing work. A key result that *leads* with one of these
# (after "We will", "KR1:", bullets and adverbs are stripped) describes output, not outcome.
# Add the base form and every inflection you want caught ("ship", "ships", "shipped").
DELIVERY_VERBS: frozenset[str] = wordset(
    """
    launch launches launched launching ship ships shipped shipping build builds built building
    implement implements implemented implementing release releases released releasing
    deliver delivers delivered migrate migrates migrated migrating deploy deploys deployed
    write writes wrote written create creates created run runs ran hold holds held
    develop develops developed complete completes completed finish finishes finished
    introduce introduces introduced hire hires hired recruit recruits recruited publish
    publishes published post posts posted conduct conducts conducted host hosts hosted
    organise organises organised organize organizes organized add adds added design designs
    designed redesign redesigns redesigned refactor refactors refactored rewrite rewrites
    rewrote interview interviews interviewed survey surveys surveyed roll rolls rolled
    integrate integrates integrated upgrade upgrades upgraded replace replaces replaced
    rebuild rebuilds rebuilt prototype prototypes prototyped pilot pilots piloted
    document documents documented define defines defined draft drafts drafted
    establish establishes established train trains trained audit audits audited
    test tests tested deprecate deprecates deprecated sunset sunsets retire retires
    consolidate consolidates consolidated standardise standardize standardised standardized
    automate automates automated set sets attend attends attended present presents presented
    produce produces produced prepare prepares prepared finalise finalize finalised finalized
    kick kicks start starts started begin begins began execute executes executed
    send sends sent provide provides provided open opens opened text texts texted
    harvest harvests harvested offer offers offered submit submits submitted collect collects
    collected check checks checked review reviews reviewed inspect inspects inspected verify
    verifies verified fit fits fitted extend extends extended negotiate negotiates negotiated
    use uses count counts counted retrain retrains retrained
    translate translates translated localise localize localised localized instrument
    instruments instrumented research researches researched analyse analyze analyses
    analyzes analysed analyzed map maps mapped identify identifies identified evaluate
    evaluates evaluated investigate investigates investigated explore explores explored
    validate validates validated spin stand adopt adopts adopted enable enables enabled
    support supports supported partner partners partnered close closes closed fix fixes
    fixed resolve resolves resolved onboard onboards onboarded index indexes indexed
    backfill backfills backfilled containerise containerize containerised containerized
    dockerise dockerize port ports ported decommission decommissions decommissioned
    archive archives archived encrypt encrypts encrypted certify certifies certified
    configure configures configured install installs installed provision provisions
    provisioned clean cleans cleaned tag tags tagged label labels labelled labeled
    email emails emailed call calls called contact contacts contacted visit visits visited
    meet meets pitch pitches pitched demo demos demoed record records recorded film
    refresh refreshes refreshed update updates updated
    digitise digitises digitised digitising digitize digitizes digitized digitizing
    digitalise digitalize digitalised digitalized scan scans scanned transcribe transcribes
    transcribed photograph photographs photographed rekey rekeys rekeyed re-key re-keys
    re-keyed catalogue catalogues catalogued catalog catalogs cataloged upload uploads
    uploaded print prints printed distribute distributes distributed mail mails mailed
    canvass canvasses canvassed leaflet appoint appoints appointed staff staffs staffed
    replatform replatforms replatformed re-platform re-platforms
    re-platformed
    """
)

# Delivery phrases of more than one word ("set up", "roll out", "put together"). They are checked
# before single verbs, so a finding can quote the whole phrase and phrases whose first word is
# harmless on its own ("put", "carry", "go") are still caught.
DELIVERY_PHRASAL: frozenset[str] = frozenset(
    {
        "set up",
        "sets up",
        "setting up",
        "roll out",
        "rolls out",
        "rolled out",
        "rolling out",
        "kick off",
        "kicks off",
        "kicked off",
        "spin up",
        "spun up",
        "stand up",
        "stood up",
        "start up",
        "put in place",
        "put together",
        "carry out",
        "carried out",
        "go live",
        "went live",
        "sign off",
        "sign up for",
        "switch off",
        "switches off",
        "switched off",
        "turn off",
        "turned off",
        "shut down",
        "shuts down",
        "shut off",
        "wind down",
        "phase out",
        "phases out",
        "phased out",
        "close out",
        "closes out",
        "closed out",
        "clean up",
        "cleans up",
        "cleaned up",
        "clear out",
        "knock on",
        "knocks on",
        "knocked on",
        "hand out",
        "hands out",
        "handed out",
        "key in",
        "type up",
        "take on",
        "takes on",
        "took on",
    }
)

# Leading verbs that are delivery verbs only for some objects: "close 30 bugs" is work,
# "close $2M in new deals" is a result; "onboard 50 merchants" is a result, "onboard 3 engineers"
# is work. The linter looks at the object (customer/business nouns vs activity nouns) to decide.
AMBIGUOUS_VERBS: frozenset[str] = wordset(
    """
    process processes processed collect collects collected extend extends extended
    close closes closed onboard onboards onboarded deliver delivers delivered support supports
    supported enable enables enabled fix fixes fixed resolve resolves resolved expand expands
    expanded add adds added partner partners partnered open opens opened provide provides
    provided adopt adopts adopted fill fills filled convert converts converted give gives gave
    book books booked
    """
)

# Verbs that move things from one place to another ("Move tier-3 support to the offshore team",
# "Switch traffic to the v3 API"): work, unless what moves is a measure going from one value to
# another ("Move NPS from +5 to +25").
RELOCATE_VERBS: frozenset[str] = wordset(
    """
    move moves moved shift shifts shifted switch switches switched transfer transfers
    transferred
    """
)

# Filling or staffing roles: a finding about it says people are a means, not a result.
STAFFING_VERBS: frozenset[str] = wordset(
    """
    fill fills filled staff staffs staffed appoint appoints appointed
    """
)

# Leading verbs that, with calls, emails or meetings as object, count outreach the team does:
# "Make 300 calls a week", "Book 40 discovery calls", "Set 20 meetings a month".
OUTREACH_VERBS: frozenset[str] = wordset(
    """
    make makes made book books booked place places placed log logs logged do does did set
    sets schedule schedules scheduled arrange arranges arranged hold holds held have has
    """
)
OUTREACH_NOUNS: frozenset[str] = wordset(
    """
    call calls dials emails messages texts visits meetings appointments demos touches
    touchpoints follow-ups conversations pitches intros introductions doors
    """
) | {"cold calls", "phone calls", "sales calls"}

# After "make", "get" or "have", a state that marks work as done: "Make the help centre
# available in 5 languages", "Get the new CRM live", "Get 95% of laptops enrolled".
DONE_STATES: frozenset[str] = frozenset(
    {
        "live",
        "available",
        "ready",
        "accessible",
        "compliant",
        "operational",
        "certified",
        "trained",
        "enrolled",
        "installed",
        "configured",
        "deployed",
        "migrated",
        "upgraded",
        "integrated",
        "localised",
        "localized",
        "translated",
        "documented",
        "tagged",
        "labelled",
        "labeled",
        "in place",
        "set up",
        "up and running",
        "signed off",
        "approved",
        "done",
        "complete",
        "completed",
        "finished",
        "commissioned",
        "usable",
        "deployable",
        "releasable",
        "searchable",
        "bookable",
    }
)
DONE_STATE_VERBS: frozenset[str] = wordset("make makes get gets have has")

# Words after a customer noun that make it a role in the company: "account executives",
# "customer success", "user researchers". Those people's work is activity, not a result.
ROLE_WORDS: frozenset[str] = wordset(
    """
    executive executives manager managers rep reps representative representatives
    researcher researchers success service services support owner owners
    director directors lead leads partner
    """
)

# Things a product offers people, named after them: "the patient portal", "the seller app".
# Before one of these a customer noun names the thing, not people doing something.
PRODUCT_WORDS: frozenset[str] = wordset(
    """
    portal portals app apps dashboard dashboards site website websites page pages tool tools
    platform api hub area database records forum community helpline line handbook guide
    guides docs documentation terms contract contracts
    """
)

# Words that open a noun phrase: after "Ship" they make "the app" a thing, not a service.
DETERMINERS: frozenset[str] = wordset("a an the our this that its their my your")
# Quantifiers before a noun phrase: "every lapsed customer" is a group, not a cohort by date.
QUANTIFIERS: frozenset[str] = wordset("every each all any no some")

# Nouns that are areas of a product rather than measures: after a delivery verb they name
# what is delivered ("Release Checkout 3.0"), not a metric ("Build time under 8 minutes").
AREA_WORDS: frozenset[str] = wordset("checkout onboarding cart funnel basket wallet")

# Outcome verbs: a measure moving or a result being reached. A key result that leads with one
# of these is treated as an outcome unless its object is a count of the team's own output
# ("Increase the number of features shipped" is still activity).
OUTCOME_VERBS: frozenset[str] = wordset(
    """
    increase increases increased grow grows grew raise raises raised reduce reduces reduced
    cut cuts lower lowers lowered improve improves improved decrease decreases decreased
    double doubles doubled triple triples tripled quadruple halve halves halved lift lifts
    boost boosts boosted drive drives drove achieve achieves achieved reach reaches reached
    hit hits attain attains maintain maintains maintained keep keeps kept sustain sustains
    sustained shorten shortens shortened accelerate accelerates speed drop drops dropped
    minimise minimize minimised minimized maximise maximize maximised maximized eliminate
    eliminates eliminated prevent prevents prevented win wins won acquire acquires acquired
    convert converts converted retain retains retained generate generates generated earn
    earns earned save saves saved sign signs signed scale scales scaled bring brings brought
    get gets got have has stay stays remain remains ensure ensures ensured exceed exceeds
    exceeded surpass surpasses beat beats outperform outperforms decline declines shrink
    shrinks limit limits contain contains move moves moved attract attracts attracted engage
    engages engaged serve serves served recover recovers recovered restore restores restored
    protect protects protected go goes make makes become becomes take takes took sell sells
    sold welcome welcomes welcomed upsell upsells upsold cross-sell cross-sells register
    registers registered
    """
)

# Words that may stand before the real verb and are skipped when finding it.
LEADING_FILLER: frozenset[str] = wordset(
    """
    we will we'll i shall our the team teams squad to successfully fully finally completely
    significantly substantially dramatically measurably meaningfully materially noticeably
    further also first then and must should need needs aim aims try plan plans going be
    able help helps helping continue continues continuously consistently reliably
    """
)

# --- nouns that describe the team's own output -------------------------------------------------

# Activity nouns: things a team produces or does. A count of them ("5 features", "20 customer
# interviews", "3 webinars") measures effort, not a change in behaviour or results. Plural and
# singular forms both need listing; multi-word entries are fine ("blog posts").
ACTIVITY_NOUNS: frozenset[str] = frozenset(
    {
        "feature",
        "features",
        "release",
        "releases",
        "survey",
        "surveys",
        "study",
        "studies",
        "interview",
        "interviews",
        "customer interviews",
        "user interviews",
        "user tests",
        "usability tests",
        "usability studies",
        "blog post",
        "blog posts",
        "blogs",
        "articles",
        "posts",
        "webinar",
        "webinars",
        "workshop",
        "workshops",
        "hire",
        "hires",
        "new hires",
        "engineers",
        "designers",
        "headcount",
        "experiments shipped",
        "experiments run",
        "experiments launched",
        "tickets closed",
        "bugs fixed",
        "story points",
        "stories",
        "epics",
        "tasks",
        "pull requests",
        "prs",
        "sprints",
        "prototypes",
        "mockups",
        "designs",
        "campaigns",
        "case studies",
        "whitepapers",
        "white papers",
        "videos",
        "podcasts",
        "newsletters",
        "events",
        "meetups",
        "conferences",
        "talks",
        "trainings",
        "training sessions",
        "workshops held",
        "research sessions",
        "documents",
        "runbooks",
        "runbook",
        "playbook",
        "wikis",
        "specs",
        "requirements",
        "user stories",
        "test cases",
        "scripts",
        "experiments",
        "a/b test",
        "interviewees",
        "docs",
        "pages",
        "landing pages",
        "integrations",
        "apis",
        "endpoints",
        "dashboards",
        "reports",
        "playbooks",
        "roadmap",
        "a/b tests",
        "ab tests",
        "tests",
        "initiatives",
        "projects",
        "milestones",
        "deliverables",
        "improvements",
        "enhancements",
        "updates",
        "changes",
        "deployments",
        "migrations",
        "components",
        "modules",
        "screens",
        "templates",
        "guides",
        "tutorials",
        "courses",
        "meetings",
        "demos",
        "outreach",
        "emails sent",
        "posts published",
        "brown bag sessions",
        "brown bags",
        "lunch and learn sessions",
        "lunch and learns",
        "info sessions",
        "coaching sessions",
        "mentoring sessions",
        "onboarding sessions",
        "enablement sessions",
        "q&a sessions",
        "office hours",
        "town halls",
        "all hands",
        "offsites",
        "hackathons",
        "drills",
        "tabletop exercises",
        "penetration tests",
        "pen tests",
        "roadshows",
        "open days",
    }
)

# Hiring words: a finding about hiring explains that people are a means, not a result.
HIRING_WORDS: frozenset[str] = wordset(
    """
    hire hires hired hiring recruit recruits recruited recruiting engineers designers
    headcount
    """
) | {"new hires"}

# Milestones: reaching them is a one-off piece of work, not a change in behaviour or results.
# "Achieve SOC 2 certification" or "Reach feature parity" read as outcomes but are output.
MILESTONE_NOUNS: frozenset[str] = frozenset(
    {
        "certification",
        "certified",
        "accreditation",
        "compliance",
        "sign-off",
        "signoff",
        "approval",
        "parity",
        "feature parity",
        "general availability",
        "go-live",
        "readiness",
        "audit",
        "milestone",
        "beta",
        "mvp",
        "soc 2",
        "soc2",
        "iso 27001",
        "iso 9001",
        "iso 14001",
        "pci dss",
        "fedramp",
        "cyber essentials",
        "hitrust",
    }
)

# Verbs that, with a milestone as object, describe finishing work ("achieve certification").
MILESTONE_VERBS: frozenset[str] = wordset(
    """
    achieve achieves achieved reach reaches reached attain attains attained get gets got
    obtain obtains obtained pass passes passed secure secures secured gain gains gained
    earn earns earned receive receives received hit hits complete completes completed
    """
)

# Nominalised work ("the launch of", "rollout", "migration completed") that reads as activity
# when it is the subject of a key result instead of a verb.
ACTIVITY_NOMINALS: frozenset[str] = wordset(
    """
    launch launched release released rollout roll-out rolled migration migrated
    implementation implemented delivery delivered completion completed redesign redesigned
    rewrite rebuilt built shipped deployed deployment published hired live in-place
    integration integrated go-live golive done finished ready available
    """
)

# Past participles that turn a noun phrase into "thing done": "New checkout launched by June".
DELIVERY_PARTICIPLES: frozenset[str] = wordset(
    """
    launched shipped built implemented released delivered migrated deployed written created
    held set developed completed finished introduced hired published posted conducted hosted
    organised organized added designed redesigned refactored rewritten interviewed surveyed
    rolled integrated upgraded replaced rebuilt prototyped piloted documented defined drafted
    established trained audited tested deprecated sunset retired consolidated automated
    run live done ready available sent produced prepared executed finalised finalized
    cleared installed commissioned connected submitted translated digitised digitized scanned
    """
)

# --- people and things whose behaviour is an outcome ------------------------------------------

# Customer-side nouns: when a delivery verb follows one of these ("sellers who launch a
# promotion", "users publish a post") it is the customer's behaviour, i.e. an outcome.
CUSTOMER_NOUNS: frozenset[str] = wordset(
    """
    user users customer customers seller sellers buyer buyers merchant merchants member members
    visitor visitors subscriber subscribers shopper shoppers client clients account accounts
    tenant tenants reader readers student students patient patients driver drivers rider riders
    guest guests player players learner learners creator creators admin admins employee
    employees people participants respondents developers partners teams organisations
    organizations companies businesses brands publishers advertisers hosts agents owners
    signups sign-ups trials trialists installs leads prospects households families fans
    viewers listeners authors writers freelancers restaurants stores shops vendors suppliers
    cohort cohorts logos deals contracts renewals opportunities
    practices pharmacies farmers dealers dealerships resellers distributors charities landlords
    """
)

# --- vocabulary of measures -----------------------------------------------------------------

# Metric words: nouns that name something measured. Their presence makes a statement specific
# about *what* changes. Add product metrics your teams use; acronyms are matched as whole words.
METRIC_WORDS: frozenset[str] = wordset(
    """
    conversion conversions retention churn revenue nps csat ces latency p50 p75 p90 p95 p99
    rate rates share percentage percent ratio uptime availability downtime errors error
    incidents incident mrr arr gmv aov arpu arpa ltv cac roi margin margins cost costs
    spend time duration speed throughput frequency adoption activation engagement usage
    sessions signups sign-ups registrations installs downloads orders purchases sales
    bookings deals pipeline leads trials subscribers subscriptions renewals renewal upsell
    expansion referrals satisfaction score scores rating ratings reviews tickets complaints
    contacts calls abandonment bounce dau wau mau users customers accounts sellers buyers
    merchants members visitors traffic clicks ctr cpc cpa cpm impressions reach
    views watch minutes hours seconds days load crash crashes crash-free coverage
    defects bugs vulnerabilities findings mttr mttd mtbf sla slo lead cycle velocity
    utilisation utilization occupancy efficiency accuracy precision recall yield profit
    profitability ebitda cash burn runway savings payback wins win-rate backlog queue
    completion completions participation attendance enrolment enrollment retention-rate
    stickiness wallet basket cart checkout funnel onboarding activation-rate nrr grr
    turnover attrition absence absenteeism sickness wellbeing morale footfall punctuality
    """
)

# Metric phrases of more than one word.
METRIC_PHRASES: frozenset[str] = frozenset(
    {
        "time to",
        "time-to",
        "lead time",
        "cycle time",
        "response time",
        "resolution time",
        "first response",
        "load time",
        "page load",
        "net promoter",
        "net revenue retention",
        "active users",
        "active teams",
        "active accounts",
        "weekly active",
        "monthly active",
        "daily active",
        "customer satisfaction",
        "average order value",
        "market share",
        "share of",
        "number of",
        "percentage of",
        "proportion of",
        "% of",
        "ratio of",
        "customer effort",
        "error rate",
        "crash rate",
        "failure rate",
        "success rate",
        "drop-off",
        "drop off",
    }
)

# Vague words: sound good, measure nothing. Flagged (Specific) when no number or metric backs
# them up. Multi-word entries match with spaces or hyphens ("world class" / "world-class").
VAGUE_WORDS: frozenset[str] = frozenset(
    {
        "better",
        "best",
        "more",
        "improve",
        "improved",
        "improving",
        "enhance",
        "enhanced",
        "optimise",
        "optimize",
        "optimised",
        "optimized",
        "world class",
        "best in class",
        "seamless",
        "seamlessly",
        "great",
        "greater",
        "awesome",
        "amazing",
        "delightful",
        "delight",
        "excellent",
        "robust",
        "stellar",
        "top notch",
        "cutting edge",
        "state of the art",
        "next level",
        "a lot",
        "lots",
        "significantly",
        "substantially",
        "massively",
        "as much as possible",
        "as soon as possible",
        "asap",
        "etc",
        "various",
        "stuff",
        "things",
        "some",
        "many",
        "frictionless",
        "effortless",
        "modern",
        "intuitive",
        "user friendly",
        "easier",
        "faster",
        "smoother",
        "stronger",
        "healthier",
        "happier",
        "higher",
        "lower",
        "bigger",
    }
)

# --- numbers written as words ------------------------------------------------------------------

# Cardinal numbers in words. "one" is deliberately absent from quantity matching (it is also a
# pronoun: "the one place"); "one hundred" still matches through "hundred".
NUMBER_WORDS: frozenset[str] = wordset(
    """
    zero two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred thousand million billion trillion dozen
    """
)

# Fractions in words: "by a third", "two fifths of". "Quarter" is handled apart because
# "a quarter" is also a time span.
FRACTION_WORDS: frozenset[str] = frozenset({"third", "fourth", "fifth", "sixth", "tenth"})

# Multipliers that make a target measurable on their own: "double signups", "halve churn".
MULTIPLIER_WORDS: frozenset[str] = wordset(
    """
    double doubles doubled doubling twice triple triples tripled tripling threefold twofold
    fourfold fivefold tenfold quadruple quadrupled halve halves halved halving thrice
    """
)

# Words that may follow a number and a hyphen and keep it an amount ("10-point rise",
# "ten-fold"). After any other word the number describes a kind of thing: "4-star reviews",
# "3-tier pricing", "zero-trust access", "two-factor sign-in".
COMPOUND_UNITS: frozenset[str] = wordset(
    """
    percent per point points pt pts pp fold x k m bn million billion thousand hundred
    """
)
# Number words used inside time phrases ("within six months"), including "one" and "a".
TIME_NUMBER_WORDS: frozenset[str] = NUMBER_WORDS | {"one", "a", "an", "a couple of", "a few"}

# --- calendar vocabulary ---------------------------------------------------------------------

# Month names that are never ordinary words; any of them in a statement is a date reference.
MONTHS_UNAMBIGUOUS: frozenset[str] = wordset(
    """
    january february april june july august september october november december
    """
)

# Month names and abbreviations that are also ordinary words ("may", "march") or too short to
# trust alone ("jan", "dec"). They count only next to a day, a year or a preposition like "by".
MONTHS_AMBIGUOUS: frozenset[str] = wordset(
    """
    may march jan feb mar apr jun jul aug sep sept oct nov dec
    """
)

# Words that, placed before a month, year or period, make it a deadline ("by June",
# "end of Q2", "before 2027").
DEADLINE_PREPOSITIONS: frozenset[str] = frozenset(
    {
        "by",
        "in",
        "before",
        "until",
        "till",
        "til",
        "through",
        "thru",
        "during",
        "within",
        "for",
        "from",
        "on",
        "at",
        "end of",
        "the end of",
        "by the end of",
        "by end of",
        "start of",
        "beginning of",
        "early",
        "mid",
        "late",
        "due",
        "deadline",
        "no later than",
        "not later than",
        "ending",
        "ends",
    }
)

# Periods a team plans in: "end of the cycle", "this sprint", "next quarter".
PLANNING_PERIODS: frozenset[str] = frozenset(
    {
        "cycle",
        "okr cycle",
        "goal cycle",
        "quarter",
        "sprint",
        "month",
        "year",
        "calendar year",
        "fiscal year",
        "financial year",
        "school year",
        "academic year",
        "tax year",
        "half",
        "half-year",
        "half year",
        "period",
        "season",
        "semester",
        "term",
        "programme",
        "program",
        "pi",
        "increment",
        "fy",
        "fiscal",
        "week",
    }
)

# Words that make a following "within 24 hours" / "within 5 days" a service level (part of the
# metric) instead of a deadline: "Resolve 90% of tickets within 5 days". Strong words decide on
# their own; weak words ("ship", "activate") decide only when a share of something comes
# before them ("95% of orders ship within 2 days"), because "Ship the app within 6 weeks" is a
# deadline.
SERVICE_WORDS_STRONG: frozenset[str] = wordset(
    """
    resolve resolved resolves resolution respond responds responded response reply replies
    replied answer answered answers acknowledge acknowledged triage triaged refund refunded
    dispatch dispatched restore restored recover recovered recovery detect detected detection
    remediate remediated patch patched turnaround sla slo escalation escalations
    """
)
SERVICE_WORDS_WEAK: frozenset[str] = wordset(
    """
    fix fixed fixes close closed closes deliver delivered delivers delivery ship shipped ships
    shipping onboard onboarded onboarding activate activated activation process processed
    processing approve approved approval review reviewed pay paid payout merge merged deploy
    deployed handle handled complete completed convert converted return returned signup
    sign-up purchase order orders ticket tickets request requests incidents incident install
    installation setup
    """
)

# Things customers wait for. Delivering a share of them on time ("Ship 95% of orders within
# 2 days", "Resolve 90% of tickets within a day") is a service level, i.e. an outcome, even
# though the verb is a delivery verb.
SERVICE_OBJECTS: frozenset[str] = wordset(
    """
    orders parcels packages shipments deliveries tickets requests refunds claims payouts chats
    questions calls messages enquiries inquiries emails cases complaints disputes returns
    applications invoices payments bookings reservations
    """
)

# Words in front of a number that make it a name or a label, not a quantity: "phase 2",
# "sev 1", "iOS 17", "sprint 5". Add product or tool names your teams put numbers after.
LABEL_WORDS: frozenset[str] = wordset(
    """
    phase step version v tier level sev severity priority stage gen generation ios android
    python java node chapter part round wave batch release sprint gate milestone number no
    item pillar objective okr kr team squad web windows macos ubuntu covid series model
    soc iso pci hipaa type psd gdpr wcag oauth http ipv tls ssl secure fortune
    line ward terminal route press gate band grade age ages round bay dock zone floor
    building room platform lane pod chapter season episode article
    section clause annex gen class division league cohort category channel
    sdk api postgres postgresql mysql kubernetes k8s react rails django php angular vue
    swift kotlin xcode chrome firefox ftse nasdaq russell dax cac nikkei stoxx
    """
)

# Small words that carry no subject matter; used to check that a statement names *something*.
STOPWORDS: frozenset[str] = wordset(
    """
    a an the of to from by in on at for with within into onto over under below above than
    and or but so as is are be been being was were will would should shall can could may
    might must do does did our their its his her my your we us they them it this that these
    those who whose which what when where how per each every all any both no not at least
    most up down out off about around roughly approximately nearly almost new
    """
)

# Rate units: "per month", "a day", "/week". They describe how a metric is counted, never when
# a result is due.
RATE_WORDS: frozenset[str] = wordset(
    """
    daily weekly monthly quarterly yearly annually annual hourly nightly biweekly fortnightly
    mrr arr dau wau mau qoq yoy mom wow ttm ltm l7d l28d l30d
    """
)

# Units that may follow a number directly ("200ms", "$1.2M", "2x", "15pp") and keep it a
# quantity. A number glued to any other letters ("v2", "p95", "ga4", "b2b") is a name, not a
# quantity.
NUMBER_UNIT_SUFFIXES: frozenset[str] = wordset(
    """
    k m mm bn b x ms s sec secs h hr hrs min mins pp pts pt gb mb tb kb kg km mi
    st nd rd th
    """
)

# Words after a 4-digit year that make it a reference point, not a deadline ("2026 levels").
YEAR_REFERENCE_AFTER: frozenset[str] = wordset(
    """
    levels level baseline baselines average averages figures numbers results value values
    cohort cohorts budget plan actuals
    """
)

# Words before a 4-digit year that make it a reference point, not a deadline ("since 2024").
YEAR_REFERENCE_BEFORE: frozenset[str] = wordset(
    """
    since from than vs versus compared last the
    """
)


# --- compiled patterns -----------------------------------------------------------------------
# Built from the lists above. Each carries a short comment on what it finds.

_NUM = r"\d{1,3}(?:,\d{3}){1,4}(?:\.\d{1,6})?|\d{1,12}(?:\.\d{1,6})?|\.\d{1,6}"
_numw = functools.cache(lambda: _alt(TIME_NUMBER_WORDS | {"one"}))
_numw_strict = functools.cache(lambda: _alt(NUMBER_WORDS | {"one"}))
_mon_all = functools.cache(lambda: _alt(MONTHS_UNAMBIGUOUS | MONTHS_AMBIGUOUS))
_mon_full = functools.cache(lambda: _alt(MONTHS_UNAMBIGUOUS))
_prep = functools.cache(lambda: _alt(DEADLINE_PREPOSITIONS))
_period = functools.cache(lambda: _alt(PLANNING_PERIODS))
_YEAR = r"(?:19|20)\d{2}"
_ORD = r"(?:st|nd|rd|th)"
_DAY = rf"(?:[12]\d|3[01]|0?[1-9]){_ORD}?"

# A number as digits, with thousands separators or decimals.
NUMBER_RE = LazyRegex(rf"(?<![\w.])(?:{_NUM})")

# Money: "$1.2M", "€40k", "£5,000", "1,200 EUR", "USD 3m".
CURRENCY_RE = LazyRegex(
    rf"(?:[$€£¥₹]|\b(?:usd|eur|gbp|chf|jpy|inr|aud|cad)\s?)\s?(?:{_NUM})\s?"
    r"(?:k|m|mm|bn|b|million|billion|thousand)?\b"
    rf"|(?:{_NUM})\s?(?:k|m|mm|bn|b)?\s?(?:usd|eur|gbp|chf|dollars|euros|pounds)\b"
)

# Percentages and point changes: "18%", "15 percent", "by 15 points", "3pp".
PERCENT_RE = LazyRegex(
    rf"(?:{_NUM})\s?(?:%|percent\b|per\s?cent\b|pp\b|percentage\s+points?\b|points?\b|pts?\b|bps\b|basis\s+points\b)"
)

# Multipliers: "2x", "10×", "x3", "double", "halve".
MULTIPLIER_RE = LazyRegex(
    lambda: (
        rf"(?<![\w.])(?:{_NUM})\s?[x×](?![a-wyz])|(?<![\w])[x×]\s?\d{{1,3}}\b|\b(?:{_alt(MULTIPLIER_WORDS)})\b(?![\s-]+down\b)"
    )
)

# Numbers in words: "twelve", "two hundred", "half of".
NUMBER_WORD_RE = LazyRegex(
    lambda: (
        rf"\b(?:{_alt(NUMBER_WORDS)})\b(?!-(?!(?:{_alt(COMPOUND_UNITS | NUMBER_WORDS)})\b)[a-z])"
        r"|\bhalf\s+of\b|\b(?:by|in)\s+half\b"
        rf"|\b(?:a|one|two|three|four)[\s-]+(?:{_alt(FRACTION_WORDS)})s?\b(?!-[a-z])"
        r"|\bby\s+a\s+quarter\b|\ba\s+quarter\s+of\b|\bthree[\s-]+quarters\b"
        r"|\bat\s+least\s+one\b|\bone\s+(?:new|additional|more|extra|hundred|thousand|million|billion)\b"
    )
)

# Movement from a baseline to a target: "from 12% to 18%", "from 2 days to 2 hours".
FROM_TO_RE = LazyRegex(
    lambda: (
        r"\bfrom\s+(?:an?\s+|the\s+)?(?:about\s+|around\s+|roughly\s+|~\s?)?[$€£¥₹]?(?:\d|\.\d|"
        rf"{_alt(NUMBER_WORDS)})[^.;]{{0,40}}?\bto\s+(?:below\s+|under\s+|above\s+|over\s+|at\s+least\s+)?"
        rf"(?:an?\s+|the\s+)?[$€£¥₹<>≤≥~]?\s?(?:\d|\.\d|{_alt(NUMBER_WORDS | MULTIPLIER_WORDS)})"
    )
)

# --- calendar patterns (deadlines) ---

# ISO date "2027-03-31" and year-month "2027-03".
ISO_DATE_RE = LazyRegex(rf"\b{_YEAR}-(?:0?[1-9]|1[0-2])(?:-(?:[12]\d|3[01]|0?[1-9]))?\b")

# Numeric dates with a year: "31/03/2027", "3/31/27", "31.03.2027".
NUMERIC_DATE_RE = LazyRegex(
    r"(?<![\d./])(?:[12]\d|3[01]|0?[1-9])([/.])(?:[12]\d|3[01]|0?[1-9])\1(?:\d{4}|\d{2})(?![\d/]|\.\d)"
)

# Numeric day/month with no year, trusted only after a deadline word: "by 3/31", "due 31/3".
SHORT_DATE_RE = LazyRegex(
    r"\b(?:by|on|before|until|till|due|deadline:?|ends?|end|through)\s+"
    r"(?:[12]\d|3[01]|0?[1-9])/(?:[12]\d|3[01]|0?[1-9])(?![\d/]|\.\d)"
)

# Month with a day or year: "31 March 2027", "March 31st", "31st of March", "May 2027", "Jun '27".
MONTH_DAY_RE = LazyRegex(
    lambda: (
        rf"\b{_DAY}\s+(?:of\s+)?(?:{_mon_all()})\b\.?(?:,?\s+{_YEAR})?"
        rf"|\b(?:{_mon_all()})\.?\s+{_DAY}\b(?:,?\s+{_YEAR})?"
        rf"|\b(?:{_mon_all()})\.?,?\s+(?:{_YEAR}|'\d{{2}})\b"
    )
)

# Seasons after a deadline word: "by summer 2027", "before the autumn". Only with a preposition,
# because "fall" and "spring" are also ordinary words.
SEASONS: frozenset[str] = frozenset({"spring", "summer", "autumn", "fall", "winter"})
SEASON_RE = LazyRegex(
    lambda: (
        r"\b(?:by|before|in|until|during|for|end\s+of|this|next|coming|through|throughout|over)\s+"
        rf"(?:the\s+|this\s+|next\s+)?(?:{_alt(SEASONS)})\b(?:\s+{_YEAR})?"
    )
)

# A full month name anywhere: "by June", "the September release".
MONTH_NAME_RE = LazyRegex(lambda: rf"\b(?:{_mon_full()})\b")

# An ambiguous month after a deadline word: "by May", "end of March", "mid-Sept".
MONTH_AFTER_PREP_RE = LazyRegex(
    lambda: rf"\b(?:{_prep()})[\s-]+(?:the\s+)?(?:end\s+of\s+|start\s+of\s+)?(?:{_mon_all()})\b"
)

# Quarters: "Q3", "Q1 2027", "2027 Q1", "Q3'27", "3Q27", "FY27 Q2".
QUARTER_RE = LazyRegex(rf"\b(?:q[1-4]|[1-4]q)(?:\s?[-/']?\s?(?:{_YEAR}|\d{{2}}))?\b")

# Halves: "H1", "H2 2027", "1H27", "first half of 2027", "mid-2027", "mid year".
HALF_RE = LazyRegex(
    rf"\bh[12](?:\s?[-/']?\s?(?:{_YEAR}|\d{{2}}))?\b|\b[12]h\s?[-/']?\s?(?:{_YEAR}|\d{{2}})\b"
    r"|\b(?:first|second|1st|2nd|next|this)\s+half\b"
    rf"|\bmid[\s-]?(?:{_YEAR}|'?\d{{2}}\b|year\b)"
)

# Fiscal years and end-of-period abbreviations: "FY27", "FY 2027", "EOY", "EOQ".
FISCAL_RE = LazyRegex(rf"\bfy\s?'?(?:{_YEAR}|\d{{2}})\b|\b(?:eoy|eoq|eom|eoh)\b")

# A four-digit year (its context decides whether it is a deadline or a reference point).
YEAR_RE = LazyRegex(rf"(?<![\d$€£¥₹.,/-]){_YEAR}(?![\d%]|[.,]\d|\s?(?:%|k\b|m\b))")

# Planning periods: "end of the cycle", "this quarter", "next sprint", "year-end", "by end of year".
PERIOD_RE = LazyRegex(
    lambda: (
        rf"\b(?:by\s+|before\s+|at\s+|until\s+)?(?:the\s+)?(?:end|close)\s+of\s+(?:the\s+|this\s+|next\s+|our\s+)?(?:{_period()})\b"
        rf"|\b(?:this|next|the\s+current|current|the\s+next|the\s+coming|coming|the\s+following|following)\s+(?:{_period()})\b"
        r"|\b(?:year|quarter|month|sprint|cycle|half|fy|fiscal\s+year)[\s-]end\b"
        r"|\b(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\b"
        rf"|\b(?:within|during|in|throughout|through)\s+(?:the|this)\s+(?:{_period()})\b"
        r"|\bby\s+(?:the\s+)?(?:end\s+of\s+)?week\s+\d{1,2}\b"
        r"|\b(?:in|by|during|before|within|end\s+of|after)\s+(?:the\s+)?(?:sprint|pi|iteration|release)"
        r"\s?#?\d{1,3}\b"
    )
)

# Relative deadlines: "within six months", "in the next 90 days", "over the next two quarters".
RELATIVE_RE = LazyRegex(
    lambda: (
        rf"\b(?P<prep>within|in|over|during|inside|for)\s+(?P<next>(?:the\s+)?(?:next|coming|following)\s+)?"
        rf"(?P<n>{_NUM}|{_numw()})?\s?-?\s?"
        r"(?P<unit>days?|weeks?|months?|quarters?|years?|sprints?|cycles?)\b"
    )
)

# Events that set a date: "by Black Friday", "before launch", "ahead of the peak season",
# "before the PSD2 enforcement date". Add the events your company plans around to EVENT_WORDS.
EVENT_WORDS: frozenset[str] = frozenset(
    {
        "black friday",
        "cyber monday",
        "christmas",
        "xmas",
        "holidays",
        "holiday season",
        "peak season",
        "new year",
        "year end",
        "launch",
        "go-live",
        "go live",
        "release",
        "date",
        "deadline",
        "cutoff",
        "cut-off",
        "renewal",
        "conference",
        "kickoff",
        "kick-off",
        "code freeze",
        "freeze",
        "season",
        "enforcement",
        "board meeting",
        "summit",
        "trade show",
        "ga",
        "sale",
        "sales event",
        "peak",
        "open enrolment",
        "open enrollment",
        "back to school",
        "audit",
        "election",
        "polling day",
        "elections",
        "office move",
        "committee",
        "planning committee",
        "games",
        "opening day",
        "opening",
        "rollout",
        "roll-out",
        "pilot",
        "move",
        "relocation",
        "review",
        "inspection",
        "harvest",
        "planting",
        "sowing season",
        "results day",
        "new school year",
        "st david's day",
        "st patrick's day",
        "st andrew's day",
        "st george's day",
        "independence day",
        "national day",
        "labour day",
        "labor day",
        "memorial day",
        "boxing day",
        "election day",
        "financial year",
        "fiscal year",
        "school year",
        "academic year",
        "tax year",
        "fair",
        "expo",
        "exhibition",
        "festival",
        "eid",
        "diwali",
        "ramadan",
        "easter",
        "thanksgiving",
        "halloween",
        "hanukkah",
        "lunar new year",
        "chinese new year",
        "singles day",
        "singles' day",
        "prime day",
        "valentine's day",
        "mother's day",
        "father's day",
        "world cup",
        "olympics",
        "ipo",
        "agm",
        "all-hands",
        "relaunch",
        "rebrand",
        "cutover",
        "general availability",
        "public beta",
    }
)

# One-off events a period can be counted from: "within 8 weeks of the relaunch", "in the first
# 90 days after launch". Counted from something each customer does ("of signup", "of their
# first order", "of the final invoice"), the same words describe a metric window instead.
ONE_OFF_EVENTS: frozenset[str] = frozenset(
    {
        "launch",
        "relaunch",
        "re-launch",
        "go-live",
        "go live",
        "going live",
        "rollout",
        "roll-out",
        "cutover",
        "cut-over",
        "switchover",
        "migration",
        "merger",
        "acquisition",
        "rebrand",
        "rebranding",
        "redesign",
        "beta",
        "general availability",
        "ga",
        "kickoff",
        "kick-off",
        "opening",
        "reorg",
        "reorganisation",
        "reorganization",
        "price change",
        "price increase",
        "announcement",
        "ipo",
        "funding round",
    }
)
AFTER_EVENT_RE = LazyRegex(
    lambda: (
        r"\s*(?:of|after|following|from|since|post)\s+(?:the\s+|our\s+|its\s+|this\s+)?"
        r"(?:(?!(?:their|a|an|each|every|his|her|your|my)\b)[\w'-]{1,20}\s+){0,2}?"
        rf"(?:{_alt(ONE_OFF_EVENTS)})\b"
    )
)

# Just before a date, words that make it pick a cohort rather than set a deadline: "customers
# who joined after 1 March 2026", "shoppers acquired in Q4 2026", "accounts opened since
# January", "members who signed up before 2025".
COHORT_VERBS: frozenset[str] = wordset(
    """
    joined registered enrolled enroled acquired created opened onboarded hired started
    subscribed activated installed bought purchased churned lapsed left admitted born issued
    filed ordered arrived signed-up referred recruited graduated signed planted built sold made
    """
) | {"signed up", "first ordered", "first bought", "first purchased"}
# Before a cohort verb, a count makes the date a period after all: "500 merchants onboarded in
# Q2" are onboardings to reach by the end of Q2.
COUNT_ENDING_RE = LazyRegex(r"\d[\d,.]*\s?[km]?\s+(?:[\w'-]+\s+){0,3}$")
COHORT_BEFORE_RE = LazyRegex(
    lambda: (
        rf"\b(?:{_alt(COHORT_VERBS)})\s+(?:[\w'-]+\s+){{0,2}}?"
        r"(?:after|before|since|in|during|between|from|until|through)\s+"
        r"(?:the\s+|early\s+|late\s+|mid[\s-]?)?$"
        r"|\bsince\s+(?:the\s+|early\s+|late\s+|mid[\s-]?)?$"
    )
)
EVENT_DEADLINE_RE = LazyRegex(
    lambda: (
        r"\b(?:by|before|ahead\s+of|in\s+time\s+for|prior\s+to|until|during|over|through"
        r"|throughout|at)\s+(?:the\s+|our\s+|its\s+)?"
        r"(?:end\s+of\s+(?:the\s+)?)?"
        rf"(?:[\w'.-]{{1,20}}\s+){{0,2}}?(?:{_alt(EVENT_WORDS)})\b|\bat\s+launch\b"
    )
)

# --- metric windows and rates (never deadlines, never targets) ---

# Windows that define a metric: "in the last 7 days", "30-day retention", "D7", "week one",
# "over a 28-day window", "rolling 30 days", "for 3 consecutive months", "trailing 12 months".
WINDOW_RE = LazyRegex(
    lambda: (
        r"\b(?:"  # every branch starts at a word boundary: checking it first is much faster
        rf"\b(?:in|over|during|within|across|for)\s+(?:the\s+|a\s+|their\s+|its\s+)?"
        rf"(?:last|past|previous|prior|trailing|rolling)\s+(?:(?:{_NUM}|{_numw_strict()})\s?-?\s?)?"
        r"(?:days?|weeks?|months?|hours?|quarters?|years?|sessions?|visits?|orders?)\b"
        rf"|\b(?:in|over|during|within|across)\s+(?:the\s+|a\s+|their\s+|its\s+)?first\s+"
        rf"(?:(?:{_NUM}|{_numw_strict()})\s?-?\s?)?"
        r"(?:days?|weeks?|months?|hours?|minutes?|sessions?|visits?|orders?|uses?|logins?)\b"
        rf"|\b(?:rolling|trailing)\s+(?:{_NUM}|{_numw_strict()})?\s?-?\s?(?:days?|weeks?|months?|quarters?|years?)\b"
        rf"|(?<![\w.])(?:{_NUM}|{_numw_strict()})-(?:day|week|month|year|hour|minute|second)s?\b"
        r"(?:\s+(?:window|period|average))?"
        r"|\b[dwm]\d{1,3}\b"
        rf"|(?<!by\s)(?<!end\sof\s)\b(?:day|week|month)\s?-?\s?(?:\d{{1,3}}|{_numw_strict()})\b"
        rf"|\b(?:for\s+)?(?:{_NUM}|{_numw_strict()})\s+(?:consecutive|straight|successive)\s+"
        r"(?:days?|weeks?|months?|quarters?|sprints?)\b"
        r"|\b(?:of|after|from|since|post)\s+(?:sign[\s-]?up|signing\s+up|registration|install|"
        r"purchase|onboarding|joining|activation)\b"
        r")"
    )
)

# Rates: "per month", "a week", "/day", "each quarter", "daily", "MRR". Not a deadline.
RATE_RE = LazyRegex(
    lambda: (
        r"(?<!within\s)(?<!in\s)(?<!by\s)\b(?:per|a|an|each|every)\s+(?:calendar\s+)?"
        r"(?:day|week|month|quarter|year|sprint|hour|minute|second|cycle|user|customer)\b"
        r"|/\s?(?:day|d|week|wk|w|month|mo|m|quarter|q|year|yr|y|hour|hr|h|user|customer)\b"
        rf"|\bper\s+(?:{_NUM})\s?k?\s+[\w-]{{1,20}}"
        rf"|\b(?:{_alt(RATE_WORDS)})\b"
        r"|\b(?:year|month|week|quarter)[\s-](?:over|on)[\s-](?:year|month|week|quarter)\b"
    )
)

# Durations that are part of a metric ("under 10 minutes", "200 ms", "within 24 hours").
METRIC_DURATION_RE = LazyRegex(
    lambda: (
        rf"(?:(?<![\w.])(?:{_NUM})\s?-?\s?|\b(?:{_numw()})[\s-]\s?)(?:milliseconds?|ms|seconds?|secs?|s|minutes?|mins?|hours?|hrs?|h)\b"
    )
)

# --- objective checks ---

# Metric acronyms that do not belong in an objective ("Raise NPS").
OBJECTIVE_METRIC_RE = LazyRegex(
    r"\b(?:nps|csat|mrr|arr|gmv|kpis?|dau|wau|mau|p9[05]|p99|ltv|cac|aov|arpu|roi|ctr)\b"
    r"|\b(?:conversion|churn|retention|error|bounce|click-through|crash)\s+rate\b"
)

# --- statement structure ---

# Bullets, numbering and labels in front of a key result: "- ", "1.", "KR2:", "[ ]".
LEADING_LABEL_RE = LazyRegex(
    r"^(?:[\s\-*•·>#+~]|\[[ xX]?\]|\(?[a-z0-9]{1,2}[.)]\s"
    r"|(?:kr|key\s+result|o\d{1,2})\s?\d{0,2}\s?[:.)\-–]?\s)+"
)

# An owner or team in front of the key result: "Customer Success: ...", "Anna (PM): ...",
# "Platform team to ...", "The data team will ...".
OWNER_PREFIX_RE = LazyRegex(
    r"^[^:\n]{1,40}:\s+"
    r"|^(?:the\s+|our\s+)?(?:[\w&'-]{1,20}\s+){0,3}?(?:team|squad|group|guild|tribe|crew|org)"
    r"\s+(?:will|to|shall|must|should|needs\s+to|aims\s+to|plans\s+to)\s+"
)

# A team as the subject: "Search team delivers ...", "The data squad ships ...".
TEAM_SUBJECT_RE = LazyRegex(
    r"^((?:the\s+|our\s+)?(?:[\w&'-]{1,20}\s+){0,3}?(?:team|squad|group|guild|tribe|crew))\s+"
    r"([a-z]+)\b"
)

# Words: letters (any script) with inner apostrophes/hyphens, or numbers.
WORD_RE = LazyRegex(r"[^\W\d_](?:[\w'’-]{0,40}\w)?|\d[\d.,]{0,20}")

# ANSI escape sequences (colour codes, cursor moves) pasted from a terminal.
ANSI_RE = LazyRegex(
    r"\x1b(?:\[[0-?]{0,32}[ -/]{0,8}[@-~]|\][^\x07\x1b]{0,512}(?:\x07|\x1b\\)|[@-_])"
)

# "Year-end" and "month-end" name a date only after a deadline word ("by year-end") or at the end
# of a clause ("… at 2% quarter-end."); before a noun they name a process: "the quarter-end
# close", "month-end reporting", "year-end stocktake".
PERIOD_END_RE = LazyRegex(r"(?:year|quarter|month|sprint|cycle|half|fy|fiscal\s+year)[\s-]end$")
PERIOD_END_DATE_BEFORE_RE = LazyRegex(
    r"\b(?:by|before|until|till|at|for|through|ahead\s+of|prior\s+to|in\s+time\s+for)\s+"
    r"(?:the\s+|this\s+|next\s+|our\s+)?$"
)
PERIOD_END_DATE_AFTER_RE = LazyRegex(r"\s*(?:[.,;:!)]|$|(?:and|or|&|while)\b)")

# A time frame in front of the key result: "By June, launch … and reach …".
LEAD_TIME_RE = LazyRegex(
    r"^(?:by|in|before|until|within|during|over|for)\b[^,:;]{1,40}[,:]\s+", re.IGNORECASE
)

# Where a mixed key result may be cut into clauses: "and", "&", "plus", "while", a comma or a
# semicolon, each only where a verb follows.
CLAUSE_SPLIT_RE = LazyRegex(
    r",\s+(?:and\s+|then\s+)?|\s(?:and(?:\s+then)?|&|as\s+well\s+as|plus|while\s+also|while)\s"
    r"|;\s?"
)

# Clause breaks used when looking for two results glued into one key result.
CONJUNCTION_RE = LazyRegex(r"\s(?:and|&|as\s+well\s+as|plus|while\s+also|while)\s|;\s?")

VAGUE_RE = LazyRegex(lambda: rf"\b(?:{_alt(VAGUE_WORDS)})\b")
METRIC_WORD_RE = LazyRegex(lambda: rf"\b(?:{_alt(METRIC_WORDS)})\b|(?:{_alt(METRIC_PHRASES)})")
SERVICE_STRONG_RE = LazyRegex(
    lambda: rf"\b(?:{_alt(SERVICE_WORDS_STRONG)})\b|time[\s-]to\b|lead\s+time|cycle\s+time"
)
SERVICE_WEAK_RE = LazyRegex(lambda: rf"\b(?:{_alt(SERVICE_WORDS_WEAK)})\b")
SHARE_RE = LazyRegex(
    r"%|\bpercent\b|\bper\s?cent\b|\b(?:share|half|proportion|majority)\s+of\b|\ball\b|\bevery\b"
)
LABEL_BEFORE_RE = LazyRegex(lambda: rf"\b(?:{_alt(LABEL_WORDS)})\s?#?$")
CUSTOMER_NOUN_RE = LazyRegex(lambda: rf"\b(?:{_alt(CUSTOMER_NOUNS)})\b")
ACTIVITY_NOUN_RE = LazyRegex(lambda: rf"\b(?:{_alt(ACTIVITY_NOUNS)})\b")
MILESTONE_NOUN_RE = LazyRegex(lambda: rf"\b(?:re-?)?(?:{_alt(MILESTONE_NOUNS)})\b")
DELIVERY_PARTICIPLE_RE = LazyRegex(lambda: rf"\b(?:{_alt(DELIVERY_PARTICIPLES)})\b")
RELATIVE_PRONOUN_RE = LazyRegex(r"\b(?:who|whose|which|that|where|when)\b")


# --- words and patterns for reading numbers and structure ------------------------------------

# Four-digit numbers in this range are read as years; outside it ("2000 members") as amounts.
# The window follows the calendar: ten years back (baselines) to twenty ahead (deadlines).
YEARS = range(date.today().year - 10, date.today().year + 21)

# Values of the number words that can count days in "within thirty days" (to tell a 30-day
# deadline from a 2-day service level).
NUMBER_WORD_VALUES: dict[str, int] = {
    "zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "ninety": 90,
    "hundred": 100,
}  # fmt: skip

# Where a clause ends, when looking back from "within 5 days" for a service word.
CLAUSE_BREAK_RE = LazyRegex(r"[;,.:]\s|\s(?:and|but|while)\s")

# A number that is only a starting point: "from 12%" with nothing after it.
FROM_BEFORE_RE = LazyRegex(
    r"\bfrom\s+(?:about\s+|around\s+|roughly\s+|approximately\s+|~\s?|an?\s+|the\s+)?[$€£¥₹]?$"
)

# What follows "within 7 days" when it is a window inside the metric: "of signup", "after".
AFTER_WINDOW_RE = LazyRegex(r"\s*(?:of|after|since|post|following)\b|\s*from\s+(?!now|today)")

# A number glued to a word by a hyphen is part of a name: "covid-19", "mp-3" (not "top-10").
GLUED_NUMBER_RE = LazyRegex(r"[a-z]-$")

COMPOUND_AFTER_RE = LazyRegex(lambda: rf"-(?!(?:{_alt(COMPOUND_UNITS | NUMBER_WORDS)})\b)[a-z]")

# After a number, what makes it a version: "2.14 or later", "1.2.3" ("4.5 or higher" is a
# target).
VERSION_AFTER_RE = LazyRegex(r"\.\d|\s?or\s+(?:later|newer)\b")

# A unit right after a number, which makes it an amount ("2.5%", "1.5x", "3.2 ms").
UNIT_AFTER_RE = LazyRegex(r"\s?(?:%|x\b|k\b|m\b|bn\b|ms\b|s\b|pp\b|pts?\b|points?\b)")

# Before "to 2.14", a verb of upgrading: the number is the version moved to, not a target.
VERSION_TO_RE = LazyRegex(
    r"\b(?:upgrade|update|migrate|move|bump|pin|port|switch|patch|roll)(?:s|d|ed|ing)?\b"
    r"[^.;,]{0,50}\bto\s+(?:v|version\s+|release\s+)?$"
)

# Just before a number that picks out a segment rather than sets a target: "our top-20
# accounts", "the top 50 stores", "our 12 flagship stores", "the 3 largest hotels", "all 4
# brands". (Whether it is a rank target, "be in the top 3", is checked apart.)
SEGMENT_WORDS: frozenset[str] = wordset("our its their these those the all top")
SEGMENT_BEFORE_RE = LazyRegex(
    r"\b(?:our|its|their|these|those|the|all|all\s+of\s+(?:our|the)|each\s+of\s+(?:our|the))"
    r"\s+(?:top[\s-]?)?$|\btop[\s-]?$"
)

# Before "the top 3" or "top 10", a verb of ranking makes it a target, not a segment.
RANK_BEFORE_RE = LazyRegex(
    r"\b(?:rank|ranks|ranked|ranking|be|is|are|stay|stays|remain|remains|break|breaks|enter"
    r"|enters|reach|reaches|climb|climbs|land|lands|appear|appears|place|placed|finish"
    r"|finishes|keep|keeps|get|gets|move|moves|rise|rises)\s+(?:[\w'-]+\s+){0,3}?"
    r"(?:(?:in|into|among|within|to)\s+)?$"
)

# Age bands and groups, which name people rather than count them: "18-24 year olds",
# "over-65s", "under 25s", "aged 65 and over", "ages 5-11".
AGE_BAND_RE = LazyRegex(
    r"\b\d{1,2}\s?(?:-|to)\s?\d{1,2}[\s-]?(?:year|yr)s?[\s-]?olds?\b"
    r"|\b\d{1,2}[\s-](?:year|yr)s?[\s-]olds?\b"
    r"|\b(?:over|under)[\s-]?\d{1,2}s\b"
    r"|\baged?\s+\d{1,2}(?:\s?(?:-|to)\s?\d{1,2}|\+|\s+(?:and|or)\s+(?:over|above|under|older|younger))?"
    r"|\bages\s+\d{1,2}(?:\s?(?:-|to)\s?\d{1,2})?"
)

# Durations that only filter what is counted: "older than 30 days", "a wait over 5 minutes",
# "whose delivery is more than 2 days late". They are not the target.
_DURATION_UNITS = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)"
FILTER_RE = LazyRegex(
    r"\b(?:older|longer|later|newer|younger)\s+than\s+(?:\d[\d.,]*|[a-z]+)\s+"
    r"(?:business\s+|working\s+)?" + _DURATION_UNITS + r"\b"
    r"|\bwith\s+(?:an?\s+)?[\w-]+\s+(?:[\w-]+\s+)?(?:of\s+)?"
    r"(?:over|above|exceeding|(?:more|longer)\s+than|beyond)\s+\d[\d.,]*\s?"
    + _DURATION_UNITS
    + r"\b"
    r"|\bmore\s+than\s+\d[\d.,]*\s?(?:business\s+|working\s+)?"
    + _DURATION_UNITS
    + r"\s+(?:late|old|overdue|ago|behind)\b"
)
# More filters, kept apart so that a statement without their words never compiles them (the
# linter asks this one only when "over", "than", "beyond", "ahead", "advance" or "beforehand"
# is in the text).
MORE_FILTERS_RE = LazyRegex(
    # "customers waiting over 5 minutes": which customers, not how many
    r"\b(?=over\s|more\s|longer\s|beyond\s)"
    r"(?:(?<=[a-z]{3}ing\s)|(?<=[a-z]{3}ed\s)|(?<=[a-z]{3}ing\sfor\s)|(?<=[a-z]{3}ed\sfor\s))"
    r"(?:over|more\s+than|longer\s+than|beyond)\s+"
    r"\d[\d.,]*\s?(?:business\s+|working\s+)?" + _DURATION_UNITS + r"\b"
    # "reminders 48 hours ahead": a lead time, not an amount
    r"|\b\d[\d.,]*\s?(?:business\s+|working\s+)?"
    + _DURATION_UNITS
    + r"\s+(?:ahead|in\s+advance|beforehand)\b"
    # "every supplier contract over €50k": which contracts, not how many
    r"|\b(?:every|each|all|any)\s+(?:[a-z-]+\s+){1,3}?(?=[oaubelmw])(?:over|above|under|below"
    r"|exceeding|(?:more|less)\s+than|worth(?:\s+over|\s+more\s+than)?)\s+[$€£¥₹]\s?\d[\d.,]*"
    r"\s?(?:k|m|bn)?\b"
)
MORE_FILTER_WORDS = (
    "over",
    "than",
    "beyond",
    "ahead",
    "advance",
    "beforehand",
    "above",
    "under",
    "below",
    "exceeding",
    "worth",
)

# Numbers that name a kind of thing rather than an amount: "24/7 support", "Office 365", "1:1s".
SPECIAL_NONQUANTITY_RE = LazyRegex(
    r"\b24\s?[/x]\s?7\b|\b365\s+days\s+a\s+year\b|\b(?:office|microsoft|m)\s?365\b|\b1:1s?\b"
)

# Everything above that is never an amount, in one pattern: one scan instead of three.
NOT_AMOUNT_RE = LazyRegex(
    lambda: "|".join(p.source for p in (SPECIAL_NONQUANTITY_RE, AGE_BAND_RE, FILTER_RE))
)

# A capitalised word just before a small number, as in product names ("Secure 2", "SOC 2").
NAME_BEFORE_RE = LazyRegex(r"(?<=[\w)] )([A-Z][\w-]{0,20}) ?$")

# --- patterns for telling outcomes from activity ---------------------------------------------

# A share or count of customers: "30% of new sellers", "the number of active buyers". Whatever
# verb follows, this measures customer behaviour.
SHARE_OF_CUSTOMERS_RE = LazyRegex(
    lambda: (
        r"(?:%|\bpercent|\bper\s?cent|\bshare|\bproportion|\bnumber|\bratio|\bmajority|\bhalf|\bcount)"
        r"\s+(?:of\s+)?(?:[\w'-]+\s+){0,4}?"
        rf"(?:{_alt(CUSTOMER_NOUNS)})\b"
    )
)

# A number of customers: "50 new merchants", "twenty enterprise customers".
COUNTED_CUSTOMERS_RE = LazyRegex(
    lambda: (
        rf"(?:(?<![\w/.])\d[\d,.]*\s?(?:k|m)?|\b(?:{_alt(NUMBER_WORDS)}))"
        rf"\s+(?:[\w'-]+\s+){{0,3}}?(?:{_alt(CUSTOMER_NOUNS)})\b"
    )
)

# Right after a delivery verb, a share of things customers wait for: "ship 95% of orders".
SERVICE_SHARE_RE = LazyRegex(
    lambda: (
        r"\s+(?:\d[\d.,]*\s?%|\d[\d.,]*\s+per\s?cent|all|every|half|(?:the\s+)?majority)\s+"
        r"(?:of\s+)?(?:the\s+|our\s+|all\s+)?(?:[\w'-]+\s+){0,2}?"
        rf"(?:{_alt(SERVICE_OBJECTS)})\b"
    )
)

# Where the means start: "Drive 20 demo requests through published case studies". What comes
# after is how the result is reached, so activity nouns there do not make the KR an activity.
MEANS_RE = LazyRegex(
    r"\b(?:through|via|by\s+using|thanks\s+to|because|so\s+that|by\s+[a-z]{2,20}ing|with\s+the\s+help)\b"
)

# A service level: "within 24 hours", "within 3 business days". After a verb like "fix" or
# "onboard" it makes the key result a promise customers feel, not a piece of work.
SERVICE_LEVEL_RE = LazyRegex(
    lambda: (
        rf"\bwithin\s+(?:{_NUM}|{_numw()})\s?-?\s?(?:business\s+|working\s+|calendar\s+)?"
        r"(?:minutes?|mins?|hours?|hrs?|h|days?)\b"
    )
)

# Rollout scope after a delivery verb: "enable dark mode for 100% of users", "to all sellers".
SCOPE_RE = LazyRegex(
    r"\b(?:to|for|across)\s+(?:\d[\d.,]*\s?%|\d[\d.,]*\s+per\s?cent|all|every|each)\s+(?:of\s+)?"
)

# Just before an activity noun, a rate: "90% of releases ...", "the share of deploys ...".
RATE_OF_RE = LazyRegex(
    r"(?:%|\bpercent|\bper\s?cent|\bshare|\bproportion|\bratio|\brate)\s+(?:of\s+)?"
    r"(?:[\w'-]+\s+){0,3}?$"
)

# Just before an activity noun, a count: "5 features", "twenty customer interviews".
COUNT_BEFORE_RE = LazyRegex(
    lambda: rf"(?:\d[\d,.]*\s?(?:k|m)?|\b(?:{_alt(NUMBER_WORDS)}))\s+(?:[\w'-]+\s+){{0,3}}?$"
)

# Outcome verbs that make their object bigger or keep it: with a count of the team's output as
# object ("Increase the number of features shipped") they still describe activity. Verbs that
# shrink things ("reduce bugs") are outcomes whatever they shrink.
INCREASING_VERBS: frozenset[str] = wordset(
    """
    increase increases increased grow grows grew raise raises raised double doubles doubled
    triple tripled quadruple lift lifts boost boosts boosted drive drives achieve achieves
    reach reaches hit hits attain maintain maintains keep sustain maximise maximize get gets
    have has generate expand scale exceed surpass deliver ensure ensures make makes
    """
)

# Words after a noun that show people doing something with it: "engineers using the platform".
PEOPLE_DOING_WORDS: frozenset[str] = wordset("using who that which adopting active with")

# Words after an activity or milestone noun that turn it into a metric's qualifier: "feature
# adoption", "webinar attendance", "audit pass rate".
METRIC_MODIFIERS: frozenset[str] = wordset(
    """
    adoption attendance attendees response responses completion participation conversion
    engagement satisfaction quality coverage frequency views usage uptake signups sign-ups
    registrations rate rates score nps csat traffic success failure failures pass reach
    lead leads revenue pipeline retention
    """
)

# Calendar words, which say when but not what; ignored when checking a statement names a thing.
TIME_WORDS: frozenset[str] = (
    MONTHS_UNAMBIGUOUS
    | MONTHS_AMBIGUOUS
    | PLANNING_PERIODS
    | wordset("q1 q2 q3 q4 h1 h2 eoy eoq end days weeks months quarters years next this")
)

# Two metrics joined by "and" ("revenue and retention"): two key results in one.
_plain_metrics = functools.cache(
    lambda: _alt(METRIC_WORDS - {"time", "rate", "score", "share", "lead", "cycle"})
)
METRIC_AND_METRIC_RE = LazyRegex(
    lambda: rf"\b(?:{_plain_metrics()})\s+(?:and|&)\s+(?:the\s+)?(?:{_plain_metrics()})\b"
)

# --- more patterns for telling outcomes from activity ----------------------------------------

# After a delivery verb, a time saved on the work: "Finish month-end reconciliations 3 days
# sooner", "close the books in 5 days instead of 10". The process got faster: a result.
FASTER_RE = LazyRegex(
    lambda: (
        rf"(?:\d[\d.,]*|\b(?:{_alt(NUMBER_WORDS)}))\s+(?:[\w-]+\s+)?"
        r"(?:minutes?|hours?|days?|weeks?)\s+(?:sooner|earlier|faster|quicker)\b"
        r"|\b(?:twice|\d[\d.,]*\s?(?:x|%|percent))\s+(?:as\s+)?(?:faster|quicker)\b"
        r"|\binstead\s+of\s+\d"
    )
)

# A service level short enough that it is a promise to customers, not a deadline for the
# team: "Ship hotfixes for P1 bugs within 24 hours".
SHORT_SERVICE_RE = LazyRegex(
    lambda: (
        rf"\b(?:within|in\s+under|in\s+less\s+than)\s+(?:{_NUM}|{_numw()})\s?-?\s?"
        r"(?:minutes?|mins?|hours?|hrs?|h|(?:business|working)\s+days?)\b"
    )
)

# Growing a team is hiring: "Grow the support team to 40 agents", "double our sales squad".
HEADCOUNT_RE = LazyRegex(
    r"^\s+(?:the\s+|our\s+)(?:[\w&'-]+\s+){0,3}?"
    r"(?:team|squad|department|org|organisation|organization|function|workforce|headcount|staff"
    r"|crew|bench)\b(?:\s+(?:to|from|by)\b|\s*[.,;]?\s*$)"
)

# Outreach counted as work right after an outreach verb: "Make 200 outbound calls".
OUTREACH_RE = LazyRegex(
    lambda: (
        rf"^\s+(?:(?:an?|the|more|\d[\d.,]*\s?k?|{_alt(NUMBER_WORDS)})\s+)?(?:[\w'-]+\s+){{0,2}}?"
        rf"(?:{_alt(OUTREACH_NOUNS)})\b"
    )
)
DONE_STATE_RE = LazyRegex(
    lambda: (
        rf"\b(?:{_alt(DONE_STATES)})\b"
        r"|\b[a-z0-9]{2,20}-(?:free|ready|compliant|proof|enabled|friendly)\b"
    )
)
# After a done state, a time it should take: then the state is a speed customers feel
# ("Make onboarding complete in under 10 minutes"), not work being finished.
QUICKLY_AFTER_RE = LazyRegex(
    lambda: (
        r"\s+(?:in|within)\s+(?:under\s+|less\s+than\s+|about\s+)?"
        rf"(?:{_NUM}|{_numw()})\s?-?\s?(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?"
        r"|clicks?|steps?)\b"
    )
)

# Before an activity noun, a place the number is read from: "a 4.6 rating in post-course
# surveys", "leads from webinars". The noun is where the result shows, not the work counted.
SOURCE_BEFORE_RE = LazyRegex(
    r"\b(?:in|on|from|via|through|across|after|during|at)\s+(?:[\w']+[\s-]+){0,4}?$"
)

# --- where a target starts: Measurable needs both ends --------------------------------------

# A starting point written in the sentence: "from 12% to 18%", "to 80% from 64%", "up from 40",
# "(today 1,240)", "currently 12 days", "(baseline 41%)", "2.4% → 0.8%", "instead of 10", or a
# named one ("over 2026", "compared to 2026 levels", "against the 2025 baseline", "year over
# year"): the number it is measured against exists, even if the sentence does not repeat it.
BASELINE_FROM_RE = LazyRegex(
    lambda: (
        r"\b(?:up|down)\s+from\b"
        r"|\bfrom\s+(?:about\s+|around\s+|roughly\s+|approximately\s+|~\s?|an?\s+|the\s+)?"
        rf"[$€£¥₹+-]?(?:\d|\.\d|(?:{_alt(NUMBER_WORDS)})\b)"
    )
)
BASELINE_WORD_RE = LazyRegex(r"\bbaseline\b|\binstead\s+of\s+\d")
BASELINE_NOW_RE = LazyRegex(
    r"\b(?:today|currently|now|at\s+present)\b[\s:,]{0,3}(?:is\s+|at\s+|of\s+)?"
    r"(?:about\s+|around\s+)?[$€£¥₹]?\d"
)
BASELINE_ARROW_RE = LazyRegex(r"\d\s?(?:%|[a-z]{1,8})?\s?(?:→|->|=>|⟶)\s?[$€£¥₹]?\d")
BASELINE_COMPARED_RE = LazyRegex(
    r"\b(?:over|against|vs\.?|versus|than(?:\s+in)?|compared\s+(?:with|to)|on)\s+"
    r"(?:the\s+)?(?:(?:fy\s?)?(?:19|20)\d\d\b|(?:last|previous|prior)\s+"
    r"(?:year|quarter|month|week|cycle|season|term)\b)"
    r"|\b(?:compared\s+(?:with|to)|vs\.?|versus)\s+(?:about\s+|around\s+)?[$€£¥₹]?\d"
    r"|\b(?:on|vs\.?|versus|compared\s+(?:with|to)|against)\s+(?:the\s+)?(?:q[1-4]|h[12])\b"
    r"|\b(?:year|quarter|month|week)[\s-]+(?:over|on)[\s-]+(?:year|quarter|month|week)\b"
    r"|\b(?:yoy|qoq|mom|wow)\b"
)

# Leading verbs that hold a level: the target is where the number already is.
HOLD_VERBS: frozenset[str] = wordset(
    """
    keep keeps kept maintain maintains maintained sustain sustains sustained stay stays
    remain remains hold holds protect protects preserve preserves
    """
)

# Leading verbs that count what the cycle wins or adds, from zero: "Onboard 50 new merchants",
# "Close $2M in new contracts", "Sign 10 new partners", "Win back 120 members". With a percent
# ("Win 40% of competitive deals") they name a rate instead, which has a level today.
ZERO_START_VERBS: frozenset[str] = wordset(
    """
    win wins won sign signs signed close closes closed sell sells sold onboard onboards
    onboarded acquire acquires acquired add adds added book books booked land lands landed
    gain gains gained secure secures secured generate generates generated recruit recruits
    recruited enrol enrols enroll enrolls enrolled attract attracts attracted bring brings
    brought welcome welcomes welcomed upsell upsells upsold cross-sell cross-sells register
    registers registered
    """
)

# Leading verbs that make a number smaller: nothing shrinks from zero.
REDUCING_VERBS: frozenset[str] = wordset(
    """
    reduce reduces reduced cut cuts lower lowers lowered decrease decreases decreased halve
    halves halved shorten shortens shortened minimise minimize minimised minimized eliminate
    eliminates eliminated drop drops dropped shrink shrinks limit limits decline declines
    """
)

# A count of new things: "40 new dental practices", "250 new cafés".
COUNT_OF_NEW_RE = LazyRegex(
    lambda: rf"(?:\d[\d,.]*\s?[km]?|\b(?:{_alt(NUMBER_WORDS)}))\s+(?:brand[\s-]+)?new\b"
)

# Something the cycle brings in, measured by its use or by a count: "using the new scheduling
# app", "weekly use of the new editor", "visits at the new clinics".
THE_NEW_RE = LazyRegex(
    r"\b(?:the|our|its|their|a)\s+(?:brand[\s-]+)?new\b(?!\s+(?:financial\s+|fiscal\s+|school\s+"
    r"|academic\s+|calendar\s+|tax\s+)?(?:year|quarter|month|week|term|season|cycle|semester)\b)"
)
USE_WORDS_RE = LazyRegex(
    r"\b(?:through|via)\s+(?:the|our)\s+new\b"
    r"|\b(?:use|uses|using|used|usage|adoption|adopt|adopting|active|members|membership|users"
    r"|subscribers|customers|orders|visits|bookings|sales|signups|sign-ups|downloads|installs)\b"
)

# Counted after a first launch: "in the first 60 days after launch", "within six weeks of the
# public beta". A relaunch, rebrand or migration starts from where the number already was.
AFTER_LAUNCH_RE = LazyRegex(
    r"\b(?:after|of|following|since)\s+(?:the\s+|our\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:launch|launching|beta|general\s+availability|go-live|going\s+live|opening|debut)\b"
)

# Verbs that open a first launch: a count of what the launched thing reaches starts at zero
# ("Launch the loyalty app and get 30,000 members").
FIRST_LAUNCH_VERBS: frozenset[str] = wordset(
    """
    launch launches launched open opens opened introduce introduces introduced release
    releases released ship ships shipped debut debuts start starts started roll rolls rolled
    """
)
# ... and the verbs of the result that counts it: "reach", "get", "hit", "with".
REACH_VERBS: frozenset[str] = wordset(
    "reach reaches hit hits get gets have has attract attracts sign signs win wins with drive"
    " take takes sell sells welcome welcomes"
)

# --- work linked to its result ----------------------------------------------------------------

# Where a statement of work hands over to the result it is for: "Ship the checklist so that 50%
# of new teams finish setup", "Launch in 3 countries with 10,000 paying users", "Redesign the
# checkout to lift conversion ...", "Open on Saturdays, lifting footfall ...".
LINK_RE = LazyRegex(
    r"\s+(?:so\s+that|so|in\s+order\s+that|in\s+order\s+to|to)\s+(?=[a-z0-9$€£¥₹])"
    r"|,?\s+with\s+(?=(?:at\s+least\s+|over\s+|more\s+than\s+|some\s+)?[$€£¥₹]?\d)"
    r"|,\s+(?=[a-z]{2,20}ing\s)"
)
# After "with", the amount must be people or a share: "10,000 paying users", "70% of
# inspections completed offline", not "a video campaign" or "50 analysts".
WITH_RESULT_RE = LazyRegex(
    lambda: (
        rf"^(?:at\s+least\s+|over\s+|more\s+than\s+|some\s+)?(?:{CURRENCY_RE.source}|{_NUM})"
        r"\s?(?:%|percent\b|k\b|m\b)?\s+(?:of\b|(?:[\w'-]+\s+){1,2}?[a-z]{3,}(?:ed|ing)\b"
        r"|(?:[\w'-]+\s+){0,3}?"
        rf"(?:{_alt(CUSTOMER_NOUNS)})\b|(?:[\w'-]+\s+){{0,3}}?(?:{_alt(METRIC_WORDS)})\b)"
    )
)

# Words after a participle that show it says work is done ("shipped by Q2", "live in all
# markets", "completed for 3 teams"), rather than describing a noun ("first sent invoice").
AFTER_PARTICIPLE_WORDS: frozenset[str] = wordset(
    """
    by before after in on at to for across within into onto from and or with without under
    over through throughout during until till ahead prior per each every all the a an this
    our their its as than up out off down live via so but end
    """
)

# Before a date, words that make it a start rather than a deadline: "from January", "starting
# in March", "as of Q2". A range's end ("from January to March") is still read on its own.
START_BEFORE_RE = LazyRegex(
    r"\b(?:from|starting(?:\s+in|\s+from)?|beginning(?:\s+in)?|commencing|as\s+of)\s+$"
)
START_AT_RE = LazyRegex(
    r"(?:from|starting(?:\s+in|\s+from)?|beginning(?:\s+in)?|commencing|as\s+of)\s+(?!the\b)"
)

# Before a quarter or half, words that make it the period compared with, not a deadline:
# "2x on Q2", "up 10% versus H1", "compared with Q3".
COMPARED_BEFORE_RE = LazyRegex(
    r"\b(?:on|vs\.?|versus|compared\s+(?:with|to)|against|than(?:\s+in)?)\s+(?:the\s+)?$"
)
PERIOD_NAME_RE = LazyRegex(r"(?:q[1-4]|h[12]|fy\s?'?\d{2,4}|[1-4]q)\b")
# "in its first month": counted from the start of the thing the key result launches.
ITS_FIRST_RE = LazyRegex(
    lambda: (
        rf"\b(?:in|within|during|over)\s+its\s+first\s+(?:(?:{_NUM}|{_numw()})\s+)?"
        r"(?:days?|weeks?|months?|quarters?|year|season|summer|winter|spring|autumn)\b"
        r"|\b(?:in|during|over)\s+their\s+first\s+(?:season|summer|winter|spring|autumn)\b"
    )
)

# A whole period: "all year", "throughout the quarter", "the whole season".
WHOLE_PERIOD_RE = LazyRegex(
    r"\b(?:all|the\s+whole|the\s+entire|throughout\s+the|for\s+the)\s+"
    r"(?:year|quarter|half|season|term|cycle|winter|summer|spring|autumn)\b"
)

# Before a noun phrase, words that show the first word of a key result is a verb of work no
# list names ("Paint 300 bays", "List 1,200 properties", "Repaint the trams").
OBJECT_OPENERS: frozenset[str] = wordset("the a an all every each our their its this these those")

# After a verb, a measure taken to a level: "Extend 4G coverage to 98%", "expand coverage to".
MEASURE_TO_RE = LazyRegex(
    r"\s+((?:[\w'-]+\s+){1,4}?)to\s+(?:over\s+|above\s+|at\s+least\s+)?\d[\d.,]*\s?(?:%|percent\b)"
)
# A cohort verb right before "this year" or "last quarter": "learners enrolled this year".
COHORT_DIRECT_RE = LazyRegex(lambda: rf"\b(?:{_alt(COHORT_VERBS)})\s+$")

# Right after a verb that counts what the cycle wins, the amount: "Win 8 new logos", "Sign up
# 400 restaurants", "Bring 10,000 pupils", not "Bring check-in time below 5 minutes".
AMOUNT_AFTER_VERB_RE = LazyRegex(
    r"\s+(?:(?:back|up|in|on|out)\s+)?(?:over\s+|more\s+than\s+|at\s+least\s+)?[$€£¥₹]?\d"
)
# ... or the people it is sold to: "Upsell the premium plan to 250 existing customers".
SOLD_TO_RE = LazyRegex(
    lambda: rf"\bto\s+[\d][\d,.]*\s?k?\s+(?:[\w'-]+\s+){{0,2}}?(?:{_alt(CUSTOMER_NOUNS)})\b"
)

# Before a noun, a deadline's opening: "by the next release", "before the 3.0 launch". A noun
# there names the date, not the work counted.
DEADLINE_OPENING_RE = LazyRegex(
    r"\b(?:by|before|after|until|till|ahead\s+of|at|in\s+time\s+for|prior\s+to)\s+"
    r"(?:the\s+|our\s+|its\s+|this\s+|next\s+)?(?:next\s+)?(?:[\w'.-]+\s+){0,2}$"
)
# A level held: "at 85% or better", "above 99.9%".
HELD_LEVEL_RE = LazyRegex(
    r"\b(?:at|above|below|under|over)\s+(?:or\s+(?:above|below)\s+)?[$€£¥₹]?\d|\bor\s+(?:better|more|less|higher|lower)\b"
)
