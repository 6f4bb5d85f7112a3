"""The SMART linter: reads a key result as typed and says which checks it passes and why not.

It is a heuristic reader, not a judge: it decides Specific, Measurable, Time-bound and
Outcome-not-activity from the words and the form fields (a filled-in target or deadline passes
its check however short the sentence), and leaves Achievable and Relevant to the room, offering
the question to ask instead. Every finding
says what is wrong and how to rewrite it, so the facilitator can read it out as it is.

All vocabulary lives in ``smart_words``; this module holds only the logic. Where the linter
and finalizing judge the same thing (how many key results, whether a target moves from its
baseline), the rule lives in ``rules`` and both ask it; ``rules`` never imports this module.

Input is untrusted: anything a person can type or paste (control characters, markup, 10,000
characters) is cleaned first and only ever read, so nothing here can raise on odd text or take
long on it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from okrworkshop import smart_words as w
from okrworkshop.dates import is_day, read_day
from okrworkshop.kr_names import label_for
from okrworkshop.model import Check, KeyResult
from okrworkshop.rules import (
    MAX_KEY_RESULTS,
    MIN_KEY_RESULTS,
    CycleDates,
    deadline_outside_cycle_message,
    same_baseline_and_target,
    units_problem,
)

__all__ = [
    "GUIDANCE",
    "MAX_KEY_RESULTS",
    "MIN_KEY_RESULTS",
    "QUESTIONS",
    "Finding",
    "KeyResultLint",
    "SuggestedSplit",
    "lint_key_result",
    "lint_key_result_set",
    "lint_objective",
    "lint_sentence",
]

# Longer input is cut before analysis: no real key result is this long, and it bounds the work.
MAX_ANALYSED_CHARS = 2_000
# A key result longer than this is hard to read out in the room.
LONG_STATEMENT_CHARS = 220
# A key result cut into more clauses than this is a list or a paste: it is not split.
MAX_CLAUSES = 4
# Fewer words than this rarely say what changes.
MIN_WORDS = 4
# An objective longer than this is hard to remember.
OBJECTIVE_MAX_CHARS = 70


@dataclass(frozen=True)
class SuggestedSplit:
    """A key result that mixes a result with the work meant to cause it, cut in two: the
    result stays the key result, the delivery part goes to the plan as an initiative."""

    result: str
    delivery: str

    def to_dict(self) -> dict[str, str]:
        return {"result": self.result, "delivery": self.delivery}


@dataclass(frozen=True)
class Finding:
    """One problem with one check, phrased so it can be read to the room as it is.

    ``suggested_split`` is set when the fix can be offered in one step (keep the result, move
    the delivery part to the plan), so a screen can offer to apply it.
    """

    check: Check
    message: str
    suggested_split: SuggestedSplit | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"check": self.check.value, "message": self.message}
        if self.suggested_split is not None:
            data["suggested_split"] = self.suggested_split.to_dict()
        return data


@dataclass(frozen=True)
class KeyResultLint:
    """The linter's verdict on one key result: four decidable checks plus what to fix."""

    specific: bool
    measurable: bool
    time_bound: bool
    outcome: bool
    findings: tuple[Finding, ...]

    def passed(self, check: Check) -> bool | None:
        """Whether ``check`` passed; None for Achievable and Relevant, which only people decide."""
        return {
            Check.SPECIFIC: self.specific,
            Check.MEASURABLE: self.measurable,
            Check.TIME_BOUND: self.time_bound,
            Check.OUTCOME: self.outcome,
        }.get(check)

    def for_check(self, check: Check) -> tuple[Finding, ...]:
        """The findings about one check, so a screen can show them beside it."""
        return tuple(f for f in self.findings if f.check is check)

    @property
    def suggested_split(self) -> SuggestedSplit | None:
        """The result and the delivery part of a mixed key result, if it is one."""
        return next((f.suggested_split for f in self.findings if f.suggested_split), None)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the CLI's JSON output and for tests."""
        return {
            "specific": self.specific,
            "measurable": self.measurable,
            "time_bound": self.time_bound,
            "outcome": self.outcome,
            "findings": [f.to_dict() for f in self.findings],
        }


# The question the facilitator asks the room for each check. Achievable and Relevant cannot be
# read from the text; for the others the question helps when the team disagrees with the linter.
QUESTIONS: dict[Check, str] = {
    Check.SPECIFIC: "If someone outside the team read this, would they know exactly what changes?",
    Check.MEASURABLE: "Which number will we look at, where is it today, and where must it be?",
    Check.ACHIEVABLE: (
        "Looking at where this number is today and what we can put into it this cycle, "
        "do we believe we can get there, with a stretch but without a miracle?"
    ),
    Check.RELEVANT: (
        "If we hit this number and nothing else, would the objective be closer, "
        "and would the people above us agree it matters now?"
    ),
    Check.TIME_BOUND: "On which date do we look at the number and call it met or missed?",
    Check.OUTCOME: (
        "If we did all the work and this number did not move, would we call it a success?"
    ),
}

# One line per check explaining what it asks for, usable as guidance next to the form.
GUIDANCE: dict[Check, str] = {
    Check.SPECIFIC: "Say what changes for whom, in plain words, with one result per key result.",
    Check.MEASURABLE: "Give the number: the metric, where it starts and where it should end.",
    Check.ACHIEVABLE: "A stretch the team believes in: ambitious, but possible with what it has.",
    Check.RELEVANT: "Moving this number should clearly move the objective, and matter this cycle.",
    Check.TIME_BOUND: "Name the date by which the number is met, usually the end of the cycle.",
    Check.OUTCOME: "Measure the change the work causes, not the work itself.",
}


# --- cleaning --------------------------------------------------------------------------------

_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−⁃"), "-")
_QUOTES = {ord("‘"): "'", ord("’"): "'", ord("‚"): "'", ord("“"): '"', ord("”"): '"'}
_SPACES_RE = re.compile(r"[^\S\n]+")
_LINES_RE = re.compile(r"\s*\n\s*")


def _clean(text: object, *, keep_lines: bool = False) -> str:
    """Text reduced to what a reader sees: no escapes, invisible or combining characters.

    The stored text is never changed; this copy exists only to be read by the patterns.
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = text[:MAX_ANALYSED_CHARS]
    if text.isascii() and text.isprintable():
        return _SPACES_RE.sub(" ", text).strip()  # the common case: nothing to remove
    text = w.ANSI_RE.sub(" ", text)
    text = unicodedata.normalize("NFKC", text)
    out: list[str] = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch in "\n\r\u2028\u2029":
            out.append("\n")
        elif cat in ("Cc", "Zl", "Zp"):
            out.append(" ")
        elif cat in ("Cf", "Mn", "Me", "Cs", "Co", "Cn"):
            continue
        else:
            out.append(ch)
    text = "".join(out).translate(_DASHES).translate(_QUOTES)
    text = _SPACES_RE.sub(" ", text)
    if keep_lines:
        return "\n".join(line.strip() for line in text.split("\n")).strip()
    return _LINES_RE.sub(" ", text).strip()


def _blank(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` with ``spans`` replaced by spaces, so positions still line up with the original."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _words(text: str) -> list[str]:
    return w.WORD_RE.findall(text)


def _word_before(text: str, pos: int) -> str:
    found = re.findall(r"[\w%']+", text[max(0, pos - 40) : pos])
    return found[-1] if found else ""


def _word_after(text: str, pos: int) -> str:
    found = re.findall(r"[\w%']+", text[pos : pos + 40])
    return found[0] if found else ""


# --- reading a statement ---------------------------------------------------------------------

_LETTERS_RE = re.compile(r"[^\W\d_]{1,12}")


@dataclass(frozen=True)
class _Reading:
    """What the patterns found in one cleaned, lower-cased statement."""

    text: str
    deadlines: tuple[str, ...]
    windows: tuple[str, ...]
    quantities: tuple[str, ...]
    # Quantities that only pick out a segment ("our top-20 accounts", "the 3 largest hotels"):
    # a target in an activity ("Document the top 50 tables"), never in a result.
    segments: tuple[str, ...]
    baseline_only: bool
    year_only: bool


def _span_list(pattern: re.Pattern[str] | w.LazyRegex, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text) if m.end() > m.start()]


def _relative_is_deadline(original: str, m: re.Match[str]) -> bool:
    """Whether "within 6 weeks" here is a due date, or a service level inside the metric."""
    unit = m.group("unit").rstrip("s")
    count = m.group("n")
    has_next = bool(m.group("next"))
    prep = m.group("prep")
    if count is None and (not has_next or m.group("unit").endswith("s")):
        return False  # "in days", "in the coming months": no period anyone can check
    if w.AFTER_WINDOW_RE.match(original, m.end()):
        # "within 7 days of signup": a window inside the metric; "within 8 weeks of the
        # relaunch": a deadline counted from a one-off event
        return bool(w.AFTER_EVENT_RE.match(original, m.end()))
    if has_next:
        return True
    if prep == "for":
        return False  # "for 6 months": how long a level is held, not when it is reached
    if prep in ("over", "during"):
        # "over 6 months" mid-sentence usually means "more than"; at the end it is a time frame
        return unit in ("month", "quarter", "year") and not original[m.end() :].strip(" .!)")
    clause = original[max(0, m.start() - 90) : m.start()]
    parts = w.CLAUSE_BREAK_RE.split(clause)
    clause = parts[-1] if parts else clause
    if unit in ("day", "week"):
        if w.SERVICE_STRONG_RE.search(clause):
            return False
        if w.SERVICE_WEAK_RE.search(clause) and w.SHARE_RE.search(clause):
            return False
        if unit == "day":
            value = w.NUMBER_WORD_VALUES.get(count or "")
            if value is None:
                try:
                    value = int(float((count or "0").replace(",", "")))
                except ValueError:
                    value = 0
            return value >= 30
    return True


_NAME_NUMBER_RE = re.compile(r"\d{1,3}(?:\.\d{1,2})?")


def _is_name_number(cased: str, start: int, end: int) -> bool:
    """Whether a small whole number follows a capitalised word mid-sentence, as in product
    names ("Secure 2", "SOC 2", "Windows 11"), rather than measuring anything."""
    if not _NAME_NUMBER_RE.fullmatch(cased[start:end]):
        return False
    if re.match(r"\s?(?:%|[.,]\d|x\b|k\b|m\b)", cased[end : end + 3]):
        return False
    name = w.NAME_BEFORE_RE.search(cased[max(0, start - 24) : start])
    if not name:
        return False
    if cased.endswith(".0", start, end):
        return True  # "Checkout 3.0", "Search 2.0": a release, even of a thing that is measured
    word = name.group(1).lower()
    return not (
        word in w.METRIC_WORDS
        or word in w.STOPWORDS
        or word in w.OUTCOME_VERBS
        or word in w.DELIVERY_VERBS
        or word in w.METRIC_MODIFIERS
    )


def _is_segment_number(text: str, start: int, end: int) -> bool:
    """Whether a number picks out whom or what is measured ("our 12 flagship stores", "the top
    50 stores", "our top-20 accounts") rather than where it should get to. Ranks are targets:
    "be in the top 3 apps"."""
    if not re.match(r"\s+[a-z]", text[end : end + 2]):
        return False
    before = text[max(0, start - 60) : start]
    if not before.endswith((" ", "-")) or _word_before(before, len(before)) not in w.SEGMENT_WORDS:
        return False  # cheap test first: most numbers follow no determiner
    found = w.SEGMENT_BEFORE_RE.search(before)
    if not found:
        return False
    ranked = w.RANK_BEFORE_RE.search(before, 0, found.start())
    return not (ranked and found.group().startswith(("the", "top")))


def _is_version(text: str, start: int, end: int) -> bool:
    """Whether a number is a version ("2.14 or later", "1.2.3", "upgrade the SDK to 2.14")."""
    if w.VERSION_AFTER_RE.match(text, end):
        return True
    return "." in text[start:end] and bool(
        w.VERSION_TO_RE.search(text[max(0, start - 70) : start])
        and not w.UNIT_AFTER_RE.match(text, end)
    )


def _names_a_process(text: str, start: int, end: int) -> bool:
    """Whether "year-end" or "month-end" here names a process ("month-end reporting") rather than
    a date ("by year-end")."""
    if not w.PERIOD_END_RE.search(text, start, end):
        return False
    if w.PERIOD_END_DATE_BEFORE_RE.search(text, max(0, start - 30), start):
        return False
    return not w.PERIOD_END_DATE_AFTER_RE.match(text, end)


def _picks_cohort(text: str, start: int) -> bool:
    """Whether the date starting at ``start`` says who is counted, not when: "accounts opened
    since January 2026", "shoppers acquired in Q4 2026"."""
    before = text[max(0, start - 60) : start]
    cohort = w.COHORT_BEFORE_RE.search(before)
    if cohort is None and text.startswith(("this ", "last "), start):
        cohort = w.COHORT_DIRECT_RE.search(before)  # "learners enrolled this year"
    if cohort is None:
        return False
    if _word_before(before, cohort.start()) in w.DETERMINERS | w.QUANTIFIERS:
        return False  # "to every lapsed customer in Q1": the verb describes, the date is when
    return not w.COUNT_ENDING_RE.search(before, 0, cohort.start())


def _year_is_reference(original: str, start: int, end: int) -> bool:
    before = _word_before(original, start)
    after = _word_after(original, end)
    return before in w.YEAR_REFERENCE_BEFORE or after in w.YEAR_REFERENCE_AFTER


_DIGIT_RE = re.compile(r"\d")
_DEADLINE_PATTERNS = (
    w.MONTH_NAME_RE,
    w.MONTH_AFTER_PREP_RE,
    w.SEASON_RE,
    w.HALF_RE,
    w.FISCAL_RE,
    w.PERIOD_RE,
    w.EVENT_DEADLINE_RE,
)
_DEADLINE_PATTERNS_WITH_DIGITS = (
    w.ISO_DATE_RE,
    w.NUMERIC_DATE_RE,
    w.SHORT_DATE_RE,
    w.MONTH_DAY_RE,
    w.QUARTER_RE,
    *_DEADLINE_PATTERNS,
)
_QUANTITY_PATTERNS = (w.MULTIPLIER_RE, w.METRIC_DURATION_RE, w.NUMBER_WORD_RE)
_QUANTITY_PATTERNS_WITH_DIGITS = (w.CURRENCY_RE, w.PERCENT_RE, *_QUANTITY_PATTERNS)


def _read(statement: str) -> _Reading:
    """Find deadlines, metric windows and quantities in a cleaned statement."""
    text = statement.lower()
    cased = statement if len(statement) == len(text) else text
    # "in the first 90 days after launch" counts from a one-off event: a deadline, not a window
    windows: list[tuple[int, int]] = []
    after_event: list[tuple[int, int]] = []
    for start, end in _span_list(w.WINDOW_RE, text):
        (after_event if w.AFTER_EVENT_RE.match(text, end) else windows).append((start, end))
    windows += _span_list(w.RATE_RE, text)
    # "24/7", "18-24 year olds", "older than 30 days": numbers that never say how much
    has_digits = bool(_DIGIT_RE.search(text))
    names = _span_list(w.NOT_AMOUNT_RE, text) if has_digits else []
    if has_digits and any(word in text for word in w.MORE_FILTER_WORDS):
        names += _span_list(w.MORE_FILTERS_RE, text)
    t1 = _blank(text, windows + names)

    # Patterns that need a digit are skipped when there is none: most of the time is spent
    # scanning, and a statement without digits is common ("Improve search relevance").
    digits = bool(_DIGIT_RE.search(text))
    deadlines: list[tuple[int, int]] = list(after_event)
    if "its first" in text or "their first" in text:
        deadlines += _span_list(w.ITS_FIRST_RE, text)  # "in its first month"
    if any(key in text for key in ("all ", "whole", "entire", "throughout", "for the ")):
        deadlines += _span_list(w.WHOLE_PERIOD_RE, t1)  # "all year", "throughout the term"
    for pattern in _DEADLINE_PATTERNS_WITH_DIGITS if digits else _DEADLINE_PATTERNS:
        deadlines += _span_list(pattern, t1)
    deadlines += [m.span() for m in w.RELATIVE_RE.finditer(t1) if _relative_is_deadline(text, m)]
    # A date that picks a cohort ("customers who joined after 1 March 2026") is no deadline, nor
    # is a process named after a period ("the quarter-end close").
    references = [
        span
        for span in deadlines
        if _picks_cohort(text, span[0])
        or _names_a_process(t1, *span)
        or w.START_BEFORE_RE.search(text, max(0, span[0] - 25), span[0])
        or w.START_AT_RE.match(text, span[0])
        or (
            w.PERIOD_NAME_RE.match(text, span[0])
            and w.COMPARED_BEFORE_RE.search(text, max(0, span[0] - 25), span[0])
        )
    ]
    # ... nor any part of such a date ("January" in "joined after 1 January 2026").
    deadlines = [
        (start, end)
        for start, end in deadlines
        if not any(s <= start and end <= e for s, e in references)
    ]

    for m in w.YEAR_RE.finditer(t1 if digits else ""):
        start, end = m.span()
        inside_reference = any(s <= start and end <= e for s, e in references)
        if inside_reference or _year_is_reference(text, start, end) or _picks_cohort(text, start):
            references.append((start, end))
            continue
        if int(m.group()) in w.YEARS:
            deadlines.append((start, end))
    t2 = _blank(t1, deadlines + references)

    quantities: list[tuple[int, int]] = []
    segments: list[tuple[int, int]] = []
    for pattern in _QUANTITY_PATTERNS_WITH_DIGITS if digits else _QUANTITY_PATTERNS:
        quantities += _span_list(pattern, t2)
    for m in w.NUMBER_RE.finditer(t2 if digits else ""):
        start, end = m.span()
        glued = _LETTERS_RE.match(t2, end)
        if glued and glued.group() not in w.NUMBER_UNIT_SUFFIXES:
            continue  # glued to letters: "2fa", "3d", a name rather than an amount
        if w.COMPOUND_AFTER_RE.match(t2, end):
            continue  # "4-star", "3-tier": describes a kind of thing
        if _is_version(t2, start, end):
            continue  # "2.14 or later", "upgrade to 2.14"
        before = t2[max(0, start - 5) : start]
        if w.GLUED_NUMBER_RE.search(before) and not before.endswith("top-"):
            continue  # "covid-19", "mp-3"
        if w.LABEL_BEFORE_RE.search(t2[max(0, start - 20) : start].rstrip()):
            continue  # "phase 2", "iOS 17"
        if _is_name_number(cased, start, end):
            continue  # "Secure 2", "Fortune 500": part of a name
        if _is_segment_number(t2, start, end):
            segments.append((start, end))
        quantities.append((start, end))

    quantities = _merged(quantities)
    segment_spans = set(segments)
    baseline_only = bool(quantities) and all(
        w.FROM_BEFORE_RE.search(t2[max(0, s - 30) : s]) for s, _ in quantities
    )
    dates = _merged(deadlines + references)
    return _Reading(
        text=text,
        deadlines=tuple(cased[s:e].strip() for s, e in _merged(deadlines)),
        windows=tuple(cased[s:e].strip() for s, e in _merged(windows)),
        quantities=tuple(cased[s:e].strip() for s, e in quantities),
        segments=tuple(cased[s:e].strip() for s, e in quantities if (s, e) in segment_spans),
        baseline_only=baseline_only,
        year_only=not quantities and any(_DIGIT_RE.search(text, s, e) for s, e in dates),
    )


def _merged(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans joined, in order: "20" and "20%" become one "20%"."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


# --- outcome or activity ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Activity:
    """Why a key result reads as activity: the word that gave it away and what kind it is."""

    word: str
    kind: str  # "verb", "count", "nominal"


@functools.lru_cache(maxsize=1024)
def _lead_words(text: str) -> tuple[str, ...]:
    """The statement's words with labels ("KR1:"), bullets and filler ("We will") removed.
    Cached: one lint asks it of the same statement several times."""
    text = w.LEADING_LABEL_RE.sub("", text, count=1)
    owner = w.OWNER_PREFIX_RE.match(text)
    if owner and (":" in owner.group() or _words(owner.group())[0] not in _ALL_VERBS):
        text = text[owner.end() :]  # "Platform team to ...", not "Grow the support team to 40"
    team = w.TEAM_SUBJECT_RE.match(text)
    if team and team.group(2) in _ALL_VERBS and _words(team.group(1))[0] not in _ALL_VERBS:
        text = text[team.start(2) :]  # "Search team delivers ...": the verb is what counts
    words = _words(text)
    i = 0
    while i < len(words) and i < 6 and words[i] in w.LEADING_FILLER:
        i += 1
    return tuple(words[i:])


_ALL_VERBS = (
    w.DELIVERY_VERBS | w.OUTCOME_VERBS | w.AMBIGUOUS_VERBS | w.MILESTONE_VERBS | w.RELOCATE_VERBS
)
# Verbs that open a clause of work in a mixed key result ("and launch the annual plan").
_WORK_VERBS = w.DELIVERY_VERBS | w.AMBIGUOUS_VERBS | w.RELOCATE_VERBS
_KNOWN_NOUNS = w.METRIC_WORDS | w.CUSTOMER_NOUNS | w.ACTIVITY_NOUNS | w.STOPWORDS


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by one dropped, added or swapped letter (or, for long words,
    one wrong letter): the typos people make when typing fast in the room."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 2 and diff[1] == diff[0] + 1:
            return a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        return len(diff) == 1 and len(a) >= 7
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


_VERBS_BY_LENGTH: dict[int, list[str]] = {}
for _verb in sorted(_ALL_VERBS):
    _VERBS_BY_LENGTH.setdefault(len(_verb), []).append(_verb)


@functools.lru_cache(maxsize=4096)
def _spelled_verb(word: str) -> str:
    """The verb a misspelt first word was meant to be ("lauch" -> "launch"), else the word."""
    if word in _ALL_VERBS or word in _KNOWN_NOUNS or len(word) < 5 or len(word) > 20:
        return word
    if word.startswith("re") and word[2:] in w.DELIVERY_VERBS:
        return word[2:]  # "retrain", "reinstall": the work done again, not a typo
    for size in (len(word), len(word) + 1, len(word) - 1):
        for verb in _VERBS_BY_LENGTH.get(size, ()):
            if _one_edit(word, verb):
                return verb
    return word


def _object_activity(rest: str) -> str | None:
    """An activity noun counted in ``rest`` ("number of features shipped"), unless it is the
    customers' behaviour ("sellers who publish posts") or a metric's modifier ("feature adoption").
    """
    means = w.MEANS_RE.search(rest)
    if means:
        rest = rest[: means.start()]  # "... through 3 case studies": the means, not the object
    people = _first_people(rest)
    for m in w.ACTIVITY_NOUN_RE.finditer(rest):
        if m.start() >= people:
            return None
        before = rest[max(0, m.start() - 60) : m.start()]
        if w.DEADLINE_OPENING_RE.search(before):
            continue  # "by the next release": a date, not the work counted
        if w.RATE_OF_RE.search(before):
            return None  # "90% of releases ship without a rollback": a quality rate
        if _is_modifier(rest, m) or w.SOURCE_BEFORE_RE.search(before):
            continue  # "a 4.6 rating in post-course surveys": where the number is read
        return m.group().strip()
    return None


def _is_modifier(text: str, m: re.Match[str]) -> bool:
    """Whether a matched noun only qualifies what is measured: "feature adoption", "beta
    users", "100% compliance", "engineers using the platform"."""
    following = _word_after(text, m.end())
    if following in w.METRIC_WORDS or following in w.METRIC_MODIFIERS:
        return True
    if following in w.CUSTOMER_NOUNS or following in w.PEOPLE_DOING_WORDS:
        return True
    return bool(re.search(r"%\s*$|\bpercent\s*$", text[max(0, m.start() - 12) : m.start()]))


def _activity(text: str) -> _Activity | None:
    """Decide whether a key result describes the team's work rather than a result it causes."""
    words = _lead_words(text)
    if not words:
        return None
    first = _spelled_verb(words[0])
    second = words[1] if len(words) > 1 else ""
    at = re.search(rf"(?<!\w){re.escape(words[0])}(?!\w)", text)
    rest = text[at.end() :] if at else text

    pair = f"{first} {second}"
    if pair in w.DELIVERY_PHRASAL or f"{pair} {words[2] if len(words) > 2 else ''}" in (
        w.DELIVERY_PHRASAL
    ):
        return _Activity(pair, "verb")
    if first in ("put", "puts") and (placed := re.search(r"\b(?:online|live|in place)\b", rest)):
        return _Activity(placed.group(), "nominal")  # "Put permit applications online"

    noun_phrase = (
        second in w.METRIC_WORDS or second in w.METRIC_MODIFIERS
    ) and second not in w.AREA_WORDS
    if first in w.MILESTONE_VERBS:
        milestone = w.MILESTONE_NOUN_RE.search(rest)
        if (
            milestone
            and milestone.start() < _first_people(rest)
            and (
                # "an audit with no findings", but not "100% compliance with the policy"
                (
                    _word_after(rest, milestone.end()) == "with"
                    and not re.search(
                        r"%\s*$", rest[max(0, milestone.start() - 3) : milestone.start()]
                    )
                )
                or not _is_modifier(rest, milestone)
            )
        ):
            return _Activity(milestone.group(), "milestone")
    if first in w.HOLD_VERBS and w.HELD_LEVEL_RE.search(rest):
        return None  # "Hold on-time departures at 85% or better": a level kept
    if first in w.STAFFING_VERBS and second.endswith("ing"):
        first = ""  # "Staff reporting phishing emails ...": the staff are the subject
    if first in w.OUTREACH_VERBS and w.OUTREACH_RE.match(rest):
        return _Activity(first, "outreach")  # "Make 300 calls a week": work, however many
    if first in w.DONE_STATE_VERBS:
        done = w.DONE_STATE_RE.search(rest, 0, 80)
        quick = done and w.QUICKLY_AFTER_RE.match(rest, done.end())  # "complete in under 10 min"
        if done and not quick and done.start() < _first_people(rest):
            return _Activity(done.group(), "nominal")  # "Get the new CRM live"
    if (
        first in w.RELOCATE_VERBS
        and not noun_phrase
        and not w.FROM_TO_RE.search(rest)
        and not _has_baseline(rest)  # "Move 40% of payments to X, up from 12%"
    ):
        # "Move tier-3 support to the offshore team" is work; "Move 30% of customers to annual
        # billing" is customers changing what they do
        moved = w.CUSTOMER_NOUN_RE.search(rest, 0, 50)
        after = _word_after(rest, moved.end()) if moved else ""
        if not moved or after in w.METRIC_WORDS or after in w.ROLE_WORDS:
            return _Activity(first, "verb")
    if first in w.AMBIGUOUS_VERBS and not noun_phrase:
        # "Close $2M in deals", "Onboard 50 merchants", "Resolve 95% of tickets": a result.
        # "Enable SSO for customers", "Fix 50 bugs", "Deliver 2 customer workshops": work.
        scoped = w.SCOPE_RE.sub(" ", rest)  # "for 100% of users" is rollout scope, not a result
        moved = w.MEASURE_TO_RE.match(rest)
        if moved and w.METRIC_WORD_RE.search(moved.group(1)):
            return None  # "Extend 4G coverage to 98% of homes": a measure moving
        if _object_activity(rest) is None and (
            w.SHARE_OF_CUSTOMERS_RE.search(scoped)
            or w.COUNTED_CUSTOMERS_RE.search(scoped)
            or w.CURRENCY_RE.search(scoped)
            or w.PERCENT_RE.search(scoped)
            or w.SERVICE_LEVEL_RE.search(scoped)
        ):
            return None
        return _Activity(first, "verb")

    if (first in w.DELIVERY_VERBS or _unknown_verb(first, second, rest)) and not noun_phrase:
        if w.SERVICE_SHARE_RE.match(rest):
            return None  # "Ship 95% of orders within 2 days": a service level customers feel
        if w.FASTER_RE.search(rest):
            return None  # "Finish month-end reconciliations 3 days sooner": the process sped up
        thing = _word_after(rest, 0)
        if w.SHORT_SERVICE_RE.search(rest) and thing not in w.DETERMINERS and thing.isalpha():
            return None  # "Ship hotfixes for P1 bugs within 24 hours": a promise kept each time
        return _Activity(first, "verb")

    if first in w.OUTCOME_VERBS:
        if first in w.INCREASING_VERBS:
            if w.HEADCOUNT_RE.match(rest):
                return _Activity("headcount", "count")  # "Grow the support team to 40 agents"
            found = _object_activity(rest)
            if found:
                return _Activity(found, "count")
        return None

    # The statement opens with a noun phrase: "5 features shipped", "NPS from 30 to 45".
    if first in w.ACTIVITY_NOMINALS and second in ("of", "the", "a", "an", "new"):
        return _Activity(first, "nominal")
    if w.SHARE_OF_CUSTOMERS_RE.search(text):
        return None
    people = _first_people(text)
    for m in w.ACTIVITY_NOUN_RE.finditer(text, 0, people):
        if _is_modifier(text, m):
            continue
        if w.COUNT_BEFORE_RE.search(text[max(0, m.start() - 60) : m.start()]):
            return _Activity(m.group().strip(), "count")
    participle = _participle_of_work(text, people)
    if participle and not w.FROM_TO_RE.search(text):
        return _Activity(participle, "nominal")
    return None


def _participle_of_work(text: str, end: int) -> str | None:
    """The first participle before ``end`` that says work is done ("5 features shipped by Q2",
    "migration completed"), skipping those that describe a noun ("first sent invoice",
    "delivered orders"): a participle followed by a noun is part of what is measured."""
    for m in w.DELIVERY_PARTICIPLE_RE.finditer(text, 0, end):
        following = re.match(r"\s+([a-z][\w'-]*)", text[m.end() : m.end() + 40])
        if following is None:
            return m.group()  # the end of the sentence, a number or punctuation follows
        word = following.group(1)
        if word in w.AFTER_PARTICIPLE_WORDS or word in w.TIME_WORDS or word.endswith("ly"):
            return m.group()  # "shipped by Q2", "live in all markets", "published weekly"
    return None


@functools.cache
def _known_words() -> frozenset[str]:
    """Every word some list names; built on first use, like the patterns."""
    return (
        _ALL_VERBS
        | _KNOWN_NOUNS
        | w.METRIC_MODIFIERS
        | w.TIME_WORDS
        | w.NUMBER_WORDS
        | w.LABEL_WORDS
        | w.ACTIVITY_NOMINALS
        | w.AREA_WORDS
        | w.LEADING_FILLER
        | w.VAGUE_WORDS
        | w.ZERO_START_VERBS
        | w.HOLD_VERBS
        | w.REDUCING_VERBS
    )


def _unknown_verb(first: str, second: str, rest: str) -> bool:
    """Whether the first word is a verb of work no list names: a plain word the linter does not
    know, followed by an amount or the start of a noun phrase ("Paint 300 new bays", "List
    1,200 properties"). A noun phrase's first word is followed by another noun or "of"
    ("Median time", "Share of"); plurals, -ing and -ed forms and adverbs are left alone, and
    so is a share or a time limit, which read as a result ("Activate 50% of new clinics
    within 30 days", "Remediate all critical findings within 14 days")."""
    if first.startswith("re-") and first[3:].isalpha():
        first = first[3:]  # "Re-slot the top 500 products": re- makes a verb
    elif not first.isalpha() or len(first) < 3 or first in _known_words():
        return False
    if w.PERCENT_RE.search(rest) or re.search(r"\bwithin\b", rest):
        return False
    if first.endswith(("ing", "ly")) or (first.endswith("ed") and not first.endswith("eed")):
        return False
    if first.endswith("s") and not first.endswith("ss"):
        return False
    return second in w.OBJECT_OPENERS or second[:1].isdigit() or second in w.NUMBER_WORDS


def _first_people(text: str) -> int:
    """Where customers or a relative clause first appear: after that point, verbs and nouns
    describe what customers do ("sellers who launch a promotion"), not the team's work."""
    first = len(text)
    relative = w.RELATIVE_PRONOUN_RE.search(text)
    if relative:
        first = relative.start()
    for m in w.CUSTOMER_NOUN_RE.finditer(text, 0, first):
        if w.ACTIVITY_NOUN_RE.match(text, m.end() + 1):
            continue  # "customer interviews": the team's work
        following = _word_after(text, m.end())
        if following in w.ROLE_WORDS:
            continue  # "account executives", "customer success": people in the company
        if following in w.PRODUCT_WORDS:
            continue  # "the patient portal": a thing named after people
        return m.start()
    return first


# --- specific --------------------------------------------------------------------------------


def _content_words(words: Sequence[str]) -> list[str]:
    """Words that carry subject matter: not filler, verbs, vague words, numbers or dates."""
    return [
        x
        for x in words
        if x not in w.STOPWORDS
        and x not in w.OUTCOME_VERBS
        and x not in w.DELIVERY_VERBS
        and x not in w.VAGUE_WORDS
        and x not in w.NUMBER_WORDS
        and x not in w.MULTIPLIER_WORDS
        and x not in w.TIME_WORDS
        and x not in w.LEADING_FILLER
        and not x[0].isdigit()
        and not re.fullmatch(r"(?:fy|q|h)\d+", x)
    ]


def _split_mixed(clean: str, whole_is_work: bool) -> SuggestedSplit | None:
    """The result and the delivery part of a key result that holds both ("Launch the partner
    portal and reach 500 active partners by June"), or None when it is not such a mix.

    Clauses are cut at "and", "&", ",", ";", "while" or "plus" where a verb follows; a clause
    that holds a relative pronoun keeps what follows ("sellers who create and publish"). More
    than a few clauses is a list or a paste, not a key result, and is left alone. When the whole
    reads as a result (``whole_is_work`` false), a clause of work must open with a verb of
    delivery ("and launch the annual plan"), which saves reading each clause.
    """
    lead = w.LEAD_TIME_RE.match(clean)
    prefix = lead.group() if lead else ""
    body = clean[len(prefix) :]
    clauses: list[str] = []
    pos = 0
    for m in w.CLAUSE_SPLIT_RE.finditer(body):
        head = _lead_words(body[m.end() : m.end() + 60].lower())
        before = body[pos : m.start()]
        starts_clause = len(head) >= 2 and _spelled_verb(head[0]) in _ALL_VERBS
        if (
            starts_clause
            and len(_words(before)) >= 2
            and not w.RELATIVE_PRONOUN_RE.search(before.lower())
        ):
            clauses.append(before)
            pos = m.end()
            if len(clauses) >= MAX_CLAUSES:
                return None
    clauses.append(body[pos:])
    if len(clauses) < 2:
        return None
    heads = [_lead_words(clause[:60].lower())[:1] for clause in clauses]
    if not whole_is_work and not any(
        head and _spelled_verb(head[0]) in _WORK_VERBS for head in heads
    ):
        return None
    results: list[str] = []
    work: list[str] = []
    for clause in clauses:
        lower = clause.lower()
        words = _lead_words(lower)
        if not words or _spelled_verb(words[0]) not in _ALL_VERBS:
            return None
        if _activity(lower) is not None:
            work.append(clause)
        elif any(
            pattern.search(lower)
            for pattern in (_DIGIT_RE, w.METRIC_WORD_RE, w.MULTIPLIER_RE, w.NUMBER_WORD_RE)
        ):
            results.append(clause)  # a number or a metric: a result that can be checked
        else:
            return None  # a clause that is neither clearly work nor a measurable result
    if not results or not work:
        return None
    return SuggestedSplit(
        result=_sentence(prefix + " and ".join(results)),
        delivery=_sentence(" and ".join(work)),
    )


def _sentence(text: str) -> str:
    """A clause as a key result or initiative on its own: trimmed, first letter capitalised."""
    text = text.strip(" ,;.")
    return text[:1].upper() + text[1:]


def _glued(text: str) -> bool:
    """Whether the statement holds two results joined by "and" that should be two key results."""
    if len(w.FROM_TO_RE.findall(text)) >= 2:
        return True
    verbs = w.OUTCOME_VERBS | w.DELIVERY_VERBS
    parts = w.CONJUNCTION_RE.split(text)
    if len(parts) < 2:
        return False
    for i in range(1, len(parts)):
        head = _lead_words(parts[i])
        before = parts[i - 1]
        if not head or head[0] not in verbs or head[0] in ("double", "keep", "have", "get"):
            continue
        if w.RELATIVE_PRONOUN_RE.search(before) or before.rstrip().endswith(","):
            continue
        before_words = _lead_words(before)
        if before_words and before_words[0] in verbs and len(head) >= 2 and len(before_words) >= 2:
            return True
    return False


def _base_of_ing(word: str) -> str:
    """The outcome verb an -ing form comes from ("lifting" -> "lift", "raising" -> "raise",
    "cutting" -> "cut"), or "" when it is none."""
    if not word.endswith("ing") or len(word) < 6:
        return ""
    stem = word[:-3]
    for base in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else ""):
        if base and base in w.OUTCOME_VERBS:
            return base
    return ""


def _split_linked(clean: str) -> tuple[SuggestedSplit, str] | None:
    """The result and the work of a statement whose work hands over to its result: "so that",
    "so", "in order to", "to" with a verb of change, "with" and an amount of people or a share
    after a launch, or a clause such as ", lifting footfall from 12,000 to 15,000".

    The part before must read as work and the part after as a result with a number or a
    metric; otherwise it is not split. Returns the split and the words that linked it.
    """
    text = clean.lower()
    if len(text) != len(clean):
        return None  # lower-casing changed the length: positions would not line up
    lead = w.LEAD_TIME_RE.match(clean)
    prefix = lead.group() if lead else ""
    for tried, m in enumerate(w.LINK_RE.finditer(text, len(prefix))):
        if tried >= MAX_CLAUSES:
            return None  # a list or a paste, not a key result
        before, after = clean[len(prefix) : m.start()], clean[m.end() :]
        link = " ".join(text[m.start() : m.end()].strip(" ,").split())
        work_words = _lead_words(before.lower())
        if len(work_words) < 2:
            continue
        work = _activity(before.lower())
        if work is None:
            continue
        after_lower = after.lower()
        if link == "with":
            verb = _spelled_verb(work_words[0])
            if verb not in w.FIRST_LAUNCH_VERBS or not w.WITH_RESULT_RE.match(after_lower):
                continue
        elif not link:  # ", lifting weekly footfall ..."
            word = _words(after_lower)[0]
            base = _base_of_ing(word)
            if not base:
                continue
            after = base + after[len(word) :]
        elif link in ("to", "in order to"):
            head = _lead_words(after_lower)[:1]
            if not head or _spelled_verb(head[0]) not in w.OUTCOME_VERBS:
                continue
        result = after.lower()
        if _activity(result) is not None or not any(
            pattern.search(result)
            for pattern in (_DIGIT_RE, w.METRIC_WORD_RE, w.MULTIPLIER_RE, w.NUMBER_WORD_RE)
        ):
            continue
        split = SuggestedSplit(result=_sentence(prefix + after), delivery=_sentence(before))
        return split, link
    return None


NO_START_MESSAGE = (
    "There is a target but no starting point, so nobody can tell how far the number has to "
    "move. Say where it is today ('from 38 to 50'), or fill in the baseline field."
)

# Each way of giving a starting point, after the words that must be in the text for it to
# apply: a substring test is far cheaper than scanning with the pattern.
_BASELINE_PARTS: tuple[tuple[tuple[str, ...], w.LazyRegex], ...] = (
    (("from",), w.BASELINE_FROM_RE),
    (("baseline", "instead of"), w.BASELINE_WORD_RE),
    (("today", "currently", "now", "present"), w.BASELINE_NOW_RE),
    (("→", "->", "=>", "⟶"), w.BASELINE_ARROW_RE),
    (
        (" on ", "over", "against", "vs", "versus", "than", "compared", "-on-", "yoy", "qoq"),
        w.BASELINE_COMPARED_RE,
    ),
    (("mom", "wow"), w.BASELINE_COMPARED_RE),
)


def _has_baseline(text: str) -> bool:
    """Whether ``text`` says where its number starts: "from 12% to 18%", "up from 40",
    "(today 1,240)", "2.4% → 0.8%", "compared with 70%", "year over year"."""
    return any(
        any(key in text for key in keys) and pattern.search(text)
        for keys, pattern in _BASELINE_PARTS
    )


_OVER_YEAR_RE = w.LazyRegex(r"\bover\s+(?:fy\s?)?((?:19|20)\d\d)\b")


def _start_known(
    text: str,
    activity: _Activity | None,
    split: SuggestedSplit | None,
    *,
    with_link: bool = False,
) -> bool:
    """Whether the sentence says where its number starts, or the start goes without saying: a
    count of work or of what the cycle wins or adds (from zero), the use of something new, and
    a level to hold (already there). See "measurable" in tests/core/data/LABELS.md."""
    if activity is not None and activity.word != "headcount":
        return True  # work counts from zero (a team, though, has a size today)
    if _has_baseline(text):
        return True
    over = _OVER_YEAR_RE.search(text) if "over" in text else None
    if over and int(over.group(1)) <= date.today().year:
        return True  # "by 25% over 2026": the year's figure is the start
    if activity is not None:
        return False
    if split is not None and _launched_then_reached(text, split, with_link=with_link):
        return True
    # In a mixed key result only the result's number needs a start ("Open two new warehouses
    # and get coverage to 90%": the new warehouses are the work).
    body = split.result.lower() if split is not None else text
    body = body[m.end() :] if (m := w.LEAD_TIME_RE.match(body)) else body
    words = _lead_words(body)
    if not words:
        return False  # nothing to read a start from ("[/]", a bare number)
    first = _spelled_verb(words[0])
    if first in w.HOLD_VERBS:
        return True
    if first in w.REDUCING_VERBS:
        return False  # nothing shrinks from zero
    after_verb = body.find(words[0]) + len(words[0]) + 1
    if first in ("raise", "raises") and w.CURRENCY_RE.match(body, after_verb):
        return True  # "Raise £250,000 from the appeal": money raised starts at zero
    percent = bool(w.PERCENT_RE.search(body))
    counted = first in w.ZERO_START_VERBS and bool(
        w.AMOUNT_AFTER_VERB_RE.match(body, after_verb - 1) or w.SOLD_TO_RE.search(body)
    )
    if not percent and (counted or w.COUNT_OF_NEW_RE.search(body)):
        return True
    if w.THE_NEW_RE.search(body) and (not percent or w.USE_WORDS_RE.search(body)):
        return True
    return bool(w.AFTER_LAUNCH_RE.search(body))


def _launched_then_reached(text: str, split: SuggestedSplit, *, with_link: bool) -> bool:
    """Whether a mixed key result launches something first and then counts what it reaches
    ("Launch the loyalty app and get 30,000 members"): that count starts at zero."""
    delivery = split.delivery.lower()
    work = _lead_words(delivery)
    if not work or _spelled_verb(work[0]) not in w.FIRST_LAUNCH_VERBS:
        return False
    lead = w.LEAD_TIME_RE.match(text)
    start = lead.end() if lead else 0
    opening = _lead_words(text[start:])[:1]
    if not opening or text.find(delivery, start) != text.find(opening[0], start):
        return False  # the result comes first: "Reach 10,000 subscribers and launch the plan"
    result = split.result.lower()
    lead_in_result = w.LEAD_TIME_RE.match(result)
    head = _lead_words(result[lead_in_result.end() :] if lead_in_result else result)[:1]
    if not head:
        return False
    if head[0][0].isdigit():
        # "Launch the app with 5,000 readers": the launched thing's own reach; "so that 30% of
        # subscribers choose annual billing" is a share with a level today
        return with_link
    if w.PERCENT_RE.search(result):
        return False  # "and get coverage to 90% of postcodes": a share with a level today
    return _spelled_verb(head[0]) in w.REACH_VERBS


# --- field helpers ---------------------------------------------------------------------------


def _has_quantity(value: str) -> bool:
    """Whether a form field holds an amount ("18%", "$1.2M", "double"), not just words."""
    text = _clean(value)
    if not text:
        return False
    reading = _read(text)
    return bool(reading.quantities) or bool(re.search(r"\d", text) and not reading.deadlines)


def _deadline_given(deadline: date | str | None) -> bool:
    if deadline is None:
        return False
    if isinstance(deadline, date):
        return True
    text = _clean(deadline)
    if not text:
        return False
    return is_day(text) or bool(_read(text).deadlines)


_ISO_DAY_RE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")


def _due_dates(deadline: date | str | None, reading: _Reading) -> list[date]:
    """The dates a key result is due by: the deadline field when it holds a date, else the
    full dates (2027-03-31) the statement gives as deadlines. Words ("by June") name no day,
    so they are not compared with the cycle."""
    if isinstance(deadline, date):
        return [deadline]
    if isinstance(deadline, str) and _clean(deadline):
        try:
            return [read_day(_clean(deadline))]
        except ValueError:
            return []
    found = []
    for phrase in reading.deadlines:
        for m in _ISO_DAY_RE.finditer(phrase):
            try:
                found.append(date(int(m[1]), int(m[2]), int(m[3])))
            except ValueError:
                continue
    return found


def _outside_cycle_message(
    deadline: date | str | None, reading: _Reading, cycle: CycleDates
) -> str | None:
    for due in _due_dates(deadline, reading):
        message = deadline_outside_cycle_message(due, cycle)
        if message is not None:
            return message
    return None


def _quote(text: str, limit: int = 40) -> str:
    """A short, single-line excerpt of user text for use inside a message."""
    text = _clean(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- public API ------------------------------------------------------------------------------


def lint_key_result(
    statement: str,
    *,
    metric: str = "",
    baseline: str = "",
    target: str = "",
    unit: str = "",
    deadline: date | str | None = None,
    cycle: CycleDates | None = None,
) -> KeyResultLint:
    """Check one key result; filled-in form fields count as much as the sentence.

    A target with a number makes it measurable, a deadline makes it time-bound and a metric
    name helps it be specific, however short the sentence. ``unit`` is accepted because the form
    has it, but a unit alone ("%") says nothing about what changes, so it decides nothing.
    ``cycle`` is the workshop's (start, end): a deadline outside it fails Time-bound with a
    finding that names the cycle's dates (``Cycle.dates`` gives it; the linter never needs the
    whole workshop).
    """
    clean = _clean(statement)
    length = len(statement.strip()) if isinstance(statement, str) else len(clean)
    text = clean.lower()
    reading = _read(clean)
    words = _words(text)
    metric_clean = _clean(metric)
    findings: list[Finding] = []

    activity = _activity(text) if text else None
    # "Launch the portal and reach 500 active partners": the result is there, so it counts as
    # an outcome; Specific suggests moving the delivery part to the plan.
    split = _split_mixed(clean, activity is not None) if text else None
    with_link = False
    if split is None and activity is not None:
        # "Ship the checklist so that 50% of new teams finish setup", "Launch in 3 countries
        # with 10,000 paying users": the work hands over to its result.
        linked = _split_linked(clean)
        if linked is not None:
            split, with_link = linked[0], linked[1] == "with"
    if split is not None:
        activity = None

    # Measurable: a target, and where the number starts. A segment ("our top-20 accounts")
    # counts only in an activity, where it is the amount of work ("Document the top 50
    # tables"); in a result it says whose number moves.
    target_has_number = _has_quantity(target)
    baseline_has_number = _has_quantity(baseline)
    amounts = len(reading.quantities) - (0 if activity else len(reading.segments))
    has_target = (amounts > 0 and not reading.baseline_only) or target_has_number
    measurable = has_target and (
        baseline_has_number or _start_known(text, activity, split, with_link=with_link)
    )
    if not has_target:
        message = _measurable_message(reading, baseline_has_number)
        findings.append(Finding(Check.MEASURABLE, message))
    elif not measurable:
        findings.append(Finding(Check.MEASURABLE, NO_START_MESSAGE))
    units = units_problem(baseline, target, unit)  # "3 days" to "30%": no progress to work out
    if units is not None:
        measurable = False
        findings.append(Finding(Check.MEASURABLE, units))

    # Time-bound
    time_bound = bool(reading.deadlines) or _deadline_given(deadline)
    if not time_bound:
        findings.append(Finding(Check.TIME_BOUND, _time_message(reading)))
    elif cycle is not None:
        outside = _outside_cycle_message(deadline, reading, cycle)
        if outside is not None:
            time_bound = False
            findings.append(Finding(Check.TIME_BOUND, outside))

    # Outcome
    outcome = activity is None and bool(text)
    if not text:
        findings.append(
            Finding(
                Check.OUTCOME,
                "There is no statement yet, so there is no result to judge. Write the change you "
                "want to see: 'Increase <metric> from <now> to <target> by <date>'.",
            )
        )
    elif activity is not None:
        findings.append(Finding(Check.OUTCOME, _activity_message(activity)))

    # Specific
    specific_findings = _specific_findings(
        clean, length, words, reading, metric_clean, measurable, split
    )
    findings.extend(specific_findings)
    specific = not specific_findings

    order = {check: i for i, check in enumerate(Check)}
    findings.sort(key=lambda f: order[f.check])
    return KeyResultLint(
        specific=specific,
        measurable=measurable,
        time_bound=time_bound,
        outcome=outcome,
        findings=tuple(findings),
    )


# The advice that points at a form field ("..., or fill in the deadline field."), which a
# statement typed alone (a participant's idea box, ``lint --text``) has nowhere to fill in.
_FIELD_ADVICE = re.compile(r",? or fill in the [a-z ]+? fields?(?=\.)")


def lint_sentence(statement: str) -> KeyResultLint:
    """Lint a statement written with no form fields beside it: the same verdict as
    ``lint_key_result``, with advice that names only what can go in the sentence."""
    lint = lint_key_result(statement)
    findings = tuple(replace(f, message=_FIELD_ADVICE.sub("", f.message)) for f in lint.findings)
    return replace(lint, findings=findings)


def lint_key_result_record(kr: KeyResult, *, cycle: CycleDates | None = None) -> KeyResultLint:
    """Lint a saved key result: its statement together with every field filled in (and, given
    the cycle's dates, whether its deadline falls inside them)."""
    return lint_key_result(
        kr.statement,
        metric=kr.metric,
        baseline=kr.baseline,
        target=kr.target,
        unit=kr.unit,
        deadline=kr.deadline,
        cycle=cycle,
    )


def _specific_findings(
    clean: str,
    length: int,
    words: list[str],
    reading: _Reading,
    metric: str,
    measurable: bool,
    split: SuggestedSplit | None,
) -> list[Finding]:
    """Specific: says what changes, in enough words, one result, without empty praise."""
    text = clean.lower()
    out: list[Finding] = []
    if not text:
        out.append(
            Finding(
                Check.SPECIFIC,
                "The key result is empty. Write one sentence that names what changes and for "
                "whom: 'Increase the share of new sellers who list an item in week one'.",
            )
        )
        return out
    has_metric = bool(metric) or bool(w.METRIC_WORD_RE.search(text))
    letter_words = [x for x in words if not x[0].isdigit()]
    if len(letter_words) < (2 if metric else MIN_WORDS):
        out.append(
            Finding(
                Check.SPECIFIC,
                f"'{_quote(clean)}' is too short to say what changes. Spell out the result in a "
                "full sentence: 'Reduce checkout abandonment from 70% to 55% by end of Q2'.",
            )
        )
    elif not _content_words(words) and not metric:
        out.append(
            Finding(
                Check.SPECIFIC,
                "It does not say what should change, only that something should. Name the "
                "metric or the customer result: 'Increase trial-to-paid conversion from 8% to "
                "12%'.",
            )
        )
    vague = w.VAGUE_RE.search(text)
    if vague and not reading.quantities and not measurable:
        word = vague.group().strip()
        out.append(
            Finding(
                Check.SPECIFIC,
                f"'{word}' sounds good but cannot be checked. Replace it with the measure you "
                "mean and how far it should move: 'Cut median page load from 3.2 s to 1.5 s'.",
            )
        )
    elif vague and not has_metric and not reading.quantities:
        out.append(
            Finding(
                Check.SPECIFIC,
                f"'{vague.group().strip()}' does not name a metric. Say which number shows the "
                "improvement, or fill in the metric field.",
            )
        )
    if split is not None:
        out.append(
            Finding(
                Check.SPECIFIC,
                "This mixes the result with the work meant to cause it. Keep "
                f"'{_quote(split.result, 70)}' as the key result and move "
                f"'{_quote(split.delivery, 50)}' to the plan as an initiative.",
                suggested_split=split,
            )
        )
    glued_text = split.result.lower() if split is not None else text
    if _glued(glued_text) or w.METRIC_AND_METRIC_RE.search(glued_text):
        out.append(
            Finding(
                Check.SPECIFIC,
                "This holds more than one result joined by 'and'. Split it into separate key "
                "results, each with its own metric and target, so each can be met or missed "
                "on its own.",
            )
        )
    if length > LONG_STATEMENT_CHARS:
        out.append(
            Finding(
                Check.SPECIFIC,
                f"At {length:,} characters this is hard to read out in the room. Keep the "
                "result in one short sentence (metric, from, to, by when) and move the "
                "explanation into a note.",
            )
        )
    return out


def _measurable_message(reading: _Reading, baseline_has_number: bool) -> str:
    if reading.baseline_only or baseline_has_number:
        return (
            "There is a starting point but no target. Add where the number should end up: "
            "'from 12% to 18%', or fill in the target field."
        )
    if reading.year_only:
        return (
            "The only numbers here are dates, which say when, not how much. Add the metric's "
            "start and end: 'Increase weekly active teams from 1,200 to 2,000 by Q3'."
        )
    return (
        "No number says how far this should move. Name the metric and take it from a "
        "baseline to a target: 'Increase repeat purchases from 12% to 18%', or fill in the "
        "baseline and target fields."
    )


def _time_message(reading: _Reading) -> str:
    if reading.windows:
        window = reading.windows[0]
        return (
            f"'{window}' describes how the metric is measured, not when the result is due. "
            "Add a deadline such as 'by 30 June 2027' or 'by end of Q2', or fill in the "
            "deadline field."
        )
    return (
        "Nothing says by when. End the sentence with a date such as 'by 30 June 2027' or "
        "'by end of Q2', or fill in the deadline field."
    )


def _activity_message(activity: _Activity) -> str:
    word = activity.word
    if word in w.STAFFING_VERBS:
        return (
            "Filling roles is a means, not a result. Ask what the people in them should change "
            "and measure that: 'Cut the support queue from 3 days to 1 day'."
        )
    if activity.kind == "outreach":
        return (
            "Calls, emails and meetings made are work done, however many. Measure what they "
            "should lead to: 'Win back 120 lapsed donors, up from 40'."
        )
    if word in w.HIRING_WORDS:
        return (
            "Hiring is a means, not a result. Ask what the extra people will change and "
            "measure that: 'Cut the support queue from 3 days to 1 day'."
        )
    if activity.kind == "count":
        return (
            f"Counting {word} measures how much work gets done, not what it changes. Measure "
            "the effect they should have instead: 'Increase the share of visitors who sign up "
            "from 3% to 5%'."
        )
    if activity.kind == "milestone":
        return (
            f"Reaching '{word}' is a milestone the team delivers, not a change it causes. Ask "
            "what it unlocks and measure that: 'Win 5 enterprise deals that require it, up "
            "from 0'."
        )
    if activity.kind == "nominal":
        return (
            f"'{word}' marks work as done, not a result. Ask what should be different once "
            "it is done and measure that: 'Increase checkout conversion from 2.1% to 2.6%'."
        )
    return (
        f"'{word.capitalize()}' describes work the team does, not the result it should cause. "
        "Keep the work in the plan and make the key result the change you expect: 'Increase "
        "<metric> from <now> to <target>'."
    )


def lint_objective(text: str) -> tuple[Finding, ...]:
    """Check an objective: one short, qualitative line, with the numbers left to the KRs."""
    clean = _clean(text, keep_lines=True)
    if not clean:
        return (
            Finding(
                Check.SPECIFIC,
                "The objective is empty. Write one short line saying where the team wants to "
                "be: 'New sellers succeed in their first week'.",
            ),
        )
    findings: list[Finding] = []
    lines = [line for line in clean.split("\n") if line.strip()]
    flat = " ".join(lines)
    if len(lines) > 1:
        findings.append(
            Finding(
                Check.SPECIFIC,
                f"The objective runs over {len(lines)} lines. Keep it to one line people can "
                "remember; put the reasoning in the rationale.",
            )
        )
    length = len(flat)
    if isinstance(text, str) and len(text) > MAX_ANALYSED_CHARS:
        length = len(text.strip())  # the patterns read the first part only; the count is whole
    if length > OBJECTIVE_MAX_CHARS:
        findings.append(
            Finding(
                Check.SPECIFIC,
                f"At {length:,} characters the objective is hard to remember. Cut it to about "
                f"{OBJECTIVE_MAX_CHARS} characters: the direction only, with the detail and "
                "numbers in the key results.",
            )
        )
    lower = flat.lower()
    reading = _read(flat)
    numbers = [q for q in reading.quantities if not re.fullmatch(r"(?:19|20)\d{2}", q)]
    numbers += [m.group() for m in w.OBJECTIVE_METRIC_RE.finditer(lower)]
    numbers = [n for n in numbers if n.strip() not in {"double down"}]
    if numbers:
        findings.append(
            Finding(
                Check.MEASURABLE,
                f"The objective contains a number or metric ('{_quote(numbers[0], 20)}'). Keep "
                "the objective qualitative and inspiring, and move the numbers into the key "
                "results.",
            )
        )
    return tuple(findings)


def lint_key_result_set(key_results: Sequence[KeyResult]) -> tuple[Finding, ...]:
    """Check the key results of one objective together: how many, and whether any is a result."""
    findings: list[Finding] = []
    count = len(key_results)
    if count < MIN_KEY_RESULTS:
        findings.append(
            Finding(
                Check.RELEVANT,
                ("There are no key results yet." if count == 0 else "There is only one key result.")
                + f" Add {MIN_KEY_RESULTS} to {MAX_KEY_RESULTS} that together show the "
                "objective is met, ideally one that guards against gaming the others "
                "(for example quality alongside speed).",
            )
        )
    elif count > MAX_KEY_RESULTS:
        findings.append(
            Finding(
                Check.ACHIEVABLE,
                f"There are {count} key results; more than {MAX_KEY_RESULTS} splits the team's "
                "attention. Keep the ones that best show the objective is met and move the "
                "rest to the deprioritized list.",
            )
        )
    if count:
        lints = [lint_key_result_record(kr) for kr in key_results]
        if not any(lint.outcome for lint in lints):
            findings.append(
                Finding(
                    Check.OUTCOME,
                    "Every key result describes work rather than a result. Turn at least one "
                    "into the change the work should cause, for example 'Increase the share "
                    "of active customers from 30% to 40%'.",
                )
            )
    for number, kr in enumerate(key_results, 1):  # a workshop's key results, in their order
        if same_baseline_and_target(kr.baseline, kr.target):
            findings.append(
                Finding(
                    Check.MEASURABLE,
                    f"{label_for(number)} has the same baseline and target "
                    f"({_quote(kr.target, 20)}), so nothing has to change. Set the target "
                    "where the number should be at the deadline, or say 'maintain' if holding "
                    "it is the point.",
                )
            )
    return tuple(findings)
