"""Rules as data: the small declarative format programmes and readiness checks keep their
conditions in, its validation (when a rule is saved) and its evaluation (over facts).

A rule document lists requirements::

    {"requirements": [{
        "key": "VR-01",
        "test": {"fact": "members", "op": ">=", "value": 7},
        "title": {"de": …, "en": …, "ar": …, "tr": …},
        "explanation": {…four languages…},
        "next_step": {…four languages…},
        "legal_basis": "§ 56 BGB",
        "legal_basis_by_state": {"NW": "…"},        (optional: Land law, shown for that Land)
        "documents": [{…four languages…}, …],      (optional)
        "source": "https://…",                       (optional)
        "fixed": true,                               (optional)
        "routes": [{…four languages…}, …]            (optional)
    }],
    "authority": {"text": {…four languages…},       (optional)
                  "by_state": {"NW": "…", …}},
    "guides": [{"title": {…four languages…}, "url": "https://…",
                "states": ["NW"]}, …]}               (optional; states: only for these Länder)

A requirement is a step the organization can take (its next step says which) unless it is
`fixed`: a condition no step of its own changes, such as the Land of its seat or the kind of
applicant a programme is for. A requirement whose test is `any` may name each alternative in
`routes` (one text per alternative, in order), so a result says which route is open. `authority`
says who decides (and, per Land, whom to ask); `guides` link to further reading. What is
another Land's (its law, its guides) is not shown to an organization in a known Land.

A test is a comparison of one fact, or `all` / `any` / `not` of tests:

- `{"fact": F, "op": "known"}`: the fact is known (never unknown itself);
- yes/no facts: `is` true or false;
- numbers and amounts: `==`, `!=`, `<`, `<=`, `>`, `>=`;
- choices: `is` one value, `in` / `not_in` a list;
- dates: `at_least_years_ago` N (on or before the same day N years ago), `within_years` N (on or
  after that day: at most N years old), `not_before_today` (still valid today).

Evaluation is three-valued: a comparison with a fact that is not known is UNKNOWN, never "not
met". `all` is NOT_MET if any part is, else UNKNOWN if any part is, else MET; `any` is MET if
any part is, else UNKNOWN if any part is, else NOT_MET; `not` swaps MET and NOT_MET.
"""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from gemeinsam.core.enums import FederalState

from .facts import BOOL, CHOICE, DATE, FACTS, INT, MONEY

MET, NOT_MET, UNKNOWN = "met", "not_met", "unknown"
LANGUAGES = ("de", "en", "ar", "tr")
TEXTS = ("title", "explanation", "next_step")
MAX_DEPTH = 8
OPS = {
    BOOL: {"is"},
    INT: {"==", "!=", "<", "<=", ">", ">="},
    MONEY: {"==", "!=", "<", "<=", ">", ">="},
    CHOICE: {"is", "in", "not_in"},
    DATE: {"at_least_years_ago", "within_years", "not_before_today"},
}
NO_VALUE = {"known", "not_before_today"}


class RuleError(ValueError):
    """A rule document that cannot be saved; `problems` lists (where, what) pairs."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("; ".join(f"{where}: {what}" for where, what in problems))
        self.problems = problems


# --- Validation ----------------------------------------------------------------------------------


def validate(document) -> None:
    """Raise RuleError listing every problem, or return: a broken rule cannot be saved."""
    problems: list[tuple[str, str]] = []
    if not isinstance(document, dict) or not isinstance(document.get("requirements"), list):
        raise RuleError([("", _("A rule needs a list of requirements."))])
    if not document["requirements"]:
        problems.append(("requirements", _("A rule needs at least one requirement.")))
    keys = set()
    for index, requirement in enumerate(document["requirements"]):
        where = f"requirements[{index}]"
        if not isinstance(requirement, dict):
            problems.append((where, _("A requirement must be an object.")))
            continue
        key = requirement.get("key")
        if not isinstance(key, str) or not key.strip():
            problems.append((f"{where}.key", _("Each requirement needs a key.")))
        elif key in keys:
            problems.append((f"{where}.key", _("Two requirements have the same key.")))
        keys.add(key)
        for name in TEXTS:
            _check_texts(requirement.get(name), f"{where}.{name}", problems)
        for position, document_text in enumerate(requirement.get("documents", [])):
            _check_texts(document_text, f"{where}.documents[{position}]", problems)
        if not isinstance(requirement.get("legal_basis", ""), str):
            problems.append((f"{where}.legal_basis", _("This must be text.")))
        by_state = requirement.get("legal_basis_by_state", {})
        _check_by_state(by_state, f"{where}.legal_basis_by_state", problems)
        if not isinstance(requirement.get("fixed", False), bool):
            problems.append((f"{where}.fixed", _("This must be true or false.")))
        if "test" not in requirement:
            problems.append((f"{where}.test", _("Each requirement needs a test.")))
        else:
            _check_test(requirement["test"], f"{where}.test", problems, depth=0)
            if "routes" in requirement:
                _check_routes(requirement, where, problems)
    _check_authority(document.get("authority"), problems)
    _check_guides(document.get("guides", []), problems)
    if problems:
        raise RuleError(problems)


def _check_texts(texts, where: str, problems: list) -> None:
    if not isinstance(texts, dict):
        problems.append((where, _("Give this text in German, English, Arabic and Turkish.")))
        return
    for language in LANGUAGES:
        if not isinstance(texts.get(language), str) or not texts[language].strip():
            problems.append((f"{where}.{language}", _("This language is missing.")))


def _check_routes(requirement: dict, where: str, problems: list) -> None:
    routes, test = requirement["routes"], requirement["test"]
    alternatives = test.get("any") if isinstance(test, dict) else None
    if not isinstance(routes, list) or not isinstance(alternatives, list):
        problems.append((f"{where}.routes", _("Routes name the alternatives of an “any” test.")))
        return
    if len(routes) != len(alternatives):
        problems.append((f"{where}.routes", _("Name each alternative of the “any” test once.")))
    for index, route in enumerate(routes):
        _check_texts(route, f"{where}.routes[{index}]", problems)


def _check_authority(authority, problems: list) -> None:
    if authority is None:
        return
    if not isinstance(authority, dict) or set(authority) - {"text", "by_state"}:
        problems.append(("authority", _("The authority takes a text and names per Land.")))
        return
    _check_texts(authority.get("text"), "authority.text", problems)
    _check_by_state(authority.get("by_state", {}), "authority.by_state", problems)


def _check_by_state(by_state, where: str, problems: list) -> None:
    """A text per Land, keyed by the Land's code (authority names, Land law)."""
    if not isinstance(by_state, dict):
        problems.append((where, _("This must be text.")))
        return
    for state, text in by_state.items():
        if state not in FederalState.values:
            problems.append((f"{where}.{state}", _("There is no such Land.")))
        elif not isinstance(text, str) or not text.strip():
            problems.append((f"{where}.{state}", _("This must be text.")))


def _check_guides(guides, problems: list) -> None:
    if not isinstance(guides, list):
        problems.append(("guides", _("Guides are a list of titles with a link.")))
        return
    for index, guide in enumerate(guides):
        where = f"guides[{index}]"
        if not isinstance(guide, dict):
            problems.append((where, _("Guides are a list of titles with a link.")))
            continue
        _check_texts(guide.get("title"), f"{where}.title", problems)
        states = guide.get("states", [])
        if not isinstance(states, list) or any(s not in FederalState.values for s in states):
            problems.append((f"{where}.states", _("There is no such Land.")))
        url = guide.get("url")
        if not isinstance(url, str) or not url.startswith(("https://", "http://")):
            problems.append((f"{where}.url", _("Give a web address starting with https://.")))


def _check_test(test, where: str, problems: list, *, depth: int) -> None:
    if depth > MAX_DEPTH:
        problems.append((where, _("The test is nested too deeply.")))
        return
    if not isinstance(test, dict) or not test:
        problems.append((where, _("A test must be an object.")))
        return
    if "all" in test or "any" in test:
        (kind,) = [k for k in ("all", "any") if k in test][:1]
        parts = test[kind]
        if len(test) != 1 or not isinstance(parts, list) or not parts:
            problems.append((where, _("“all” and “any” take a non-empty list of tests.")))
            return
        for index, part in enumerate(parts):
            _check_test(part, f"{where}.{kind}[{index}]", problems, depth=depth + 1)
        return
    if "not" in test:
        if len(test) != 1:
            problems.append((where, _("“not” takes exactly one test.")))
            return
        _check_test(test["not"], f"{where}.not", problems, depth=depth + 1)
        return
    fact = FACTS.get(test.get("fact")) if isinstance(test.get("fact"), str) else None
    if fact is None:
        problems.append((f"{where}.fact", _("There is no such fact.")))
        return
    op = test.get("op")
    if op != "known" and op not in OPS[fact.type]:
        problems.append((f"{where}.op", _("This comparison does not fit the fact.")))
        return
    if set(test) - {"fact", "op", "value"}:
        problems.append((where, _("A comparison takes only fact, op and value.")))
    if op in NO_VALUE:
        if "value" in test:
            problems.append((f"{where}.value", _("This comparison takes no value.")))
        return
    if not _value_fits(fact, op, test.get("value", _MISSING)):
        problems.append((f"{where}.value", _("This value does not fit the fact.")))


_MISSING = object()


def _value_fits(fact, op: str, value) -> bool:
    if value is _MISSING:
        return False
    if fact.type == BOOL:
        return isinstance(value, bool)
    if fact.type in (INT, MONEY):
        return isinstance(value, int | float) and not isinstance(value, bool)
    if fact.type == DATE:
        return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 200
    if op == "is":
        return value in fact.choices
    return isinstance(value, list) and bool(value) and all(v in fact.choices for v in value)


# --- Evaluation ----------------------------------------------------------------------------------


@dataclasses.dataclass
class Route:
    """One alternative of a requirement's `any` test, named, with its own status."""

    texts: dict
    status: str

    def text(self, language: str) -> str:
        return self.texts.get(language) or self.texts.get("de", "")


@dataclasses.dataclass
class RequirementResult:
    key: str
    status: str
    requirement: dict
    unknown_facts: list[str]
    routes: list[Route] = dataclasses.field(default_factory=list)
    # When a requirement that only needs time passing (youth work for three years) is met.
    met_on: datetime.date | None = None

    def text(self, name: str, language: str) -> str:
        texts = self.requirement.get(name) or {}
        return texts.get(language) or texts.get("de", "")

    @property
    def fixed(self) -> bool:
        return bool(self.requirement.get("fixed"))


@dataclasses.dataclass
class Result:
    status: str
    requirements: list[RequirementResult]

    @property
    def missing(self) -> list[RequirementResult]:
        return [r for r in self.requirements if r.status == NOT_MET]

    @property
    def unknown(self) -> list[RequirementResult]:
        return [r for r in self.requirements if r.status == UNKNOWN]

    @property
    def blocking(self) -> list[RequirementResult]:
        """Missing conditions no step of the organization's own changes."""
        return [r for r in self.missing if r.fixed]

    @property
    def steps(self) -> list[RequirementResult]:
        """Missing requirements the organization can meet by a step of its own."""
        return [r for r in self.missing if not r.fixed]


def evaluate(document: dict, facts: dict, *, as_of: datetime.date) -> Result:
    """Each requirement met, not met or unknown, and the whole: met only if every part is."""
    results = []
    for requirement in document["requirements"]:
        unknown: list[str] = []
        test = requirement["test"]
        status = _test(test, facts, as_of, unknown)
        routes = [
            Route(texts=texts, status=_test(part, facts, as_of, []))
            for texts, part in zip(requirement.get("routes", []), test.get("any", []), strict=False)
        ]
        results.append(
            RequirementResult(
                key=requirement["key"],
                status=status,
                requirement=requirement,
                unknown_facts=sorted(set(unknown)),
                routes=routes,
                met_on=_met_on(test, facts) if status == NOT_MET else None,
            )
        )
    return Result(status=_all([r.status for r in results]), requirements=results)


def _all(statuses: list[str]) -> str:
    if NOT_MET in statuses:
        return NOT_MET
    return UNKNOWN if UNKNOWN in statuses else MET


def _any(statuses: list[str]) -> str:
    if MET in statuses:
        return MET
    return UNKNOWN if UNKNOWN in statuses else NOT_MET


def _test(test: dict, facts: dict, as_of: datetime.date, unknown: list[str]) -> str:
    if "all" in test:
        return _all([_test(part, facts, as_of, unknown) for part in test["all"]])
    if "any" in test:
        return _any([_test(part, facts, as_of, unknown) for part in test["any"]])
    if "not" in test:
        inner = _test(test["not"], facts, as_of, unknown)
        return {MET: NOT_MET, NOT_MET: MET}.get(inner, UNKNOWN)
    name, op = test["fact"], test["op"]
    if op == "known":
        return MET if name in facts else NOT_MET
    if name not in facts:
        unknown.append(name)
        return UNKNOWN
    return MET if _compare(facts[name], op, test.get("value"), as_of) else NOT_MET


def _met_on(test: dict, facts: dict) -> datetime.date | None:
    """The day a missing `at_least_years_ago` comparison becomes met by time alone."""
    if test.get("op") != "at_least_years_ago":
        return None
    return years_after(facts[test["fact"]], test["value"])


def years_after(day: datetime.date, years: int) -> datetime.date:
    """The first day on which `day` is at least `years` years ago: the same calendar day, and
    for 29 February (in a year without one) the 1 March, as `years_before` counts."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return datetime.date(day.year + years, 3, 1)


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day `years` earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _compare(actual, op: str, expected, as_of: datetime.date) -> bool:
    if op == "at_least_years_ago":
        return actual <= years_before(as_of, expected)
    if op == "within_years":
        return actual >= years_before(as_of, expected)
    if op == "not_before_today":
        return actual >= as_of
    if op == "in":
        return actual in expected
    if op == "not_in":
        return actual not in expected
    if isinstance(actual, Decimal):
        expected = Decimal(str(expected))
    return {
        "is": actual == expected,
        "==": actual == expected,
        "!=": actual != expected,
        "<": actual < expected,
        "<=": actual <= expected,
        ">": actual > expected,
        ">=": actual >= expected,
    }[op]
