"""Skip logic, constraints and choice filters: a small expression language, parsed, never run.

The language is the part of XLSForm's that questionnaires need:

- `${code}` is the answer to an earlier question ("" when it was not answered), `.` the answer
  being checked (constraints only), a bare name a column of the choices sheet (choice filters);
- numbers, strings in single or double quotes;
- `=  !=  <  <=  >  >=`, `+  -  *  div  mod`, `and`, `or`, brackets;
- the functions `not(x)`, `selected(${q}, 'value')`, `count-selected(${q})`,
  `string-length(x)`.

`parse()` turns a text into a tree of tuples or raises `ExpressionError` with a message in the
reader's language; `check()` also asks that every name it reads exists; `evaluate()` walks the
tree over a dict of answers. Nothing is handed to Python's `eval`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

MAX_LENGTH = 500
MAX_DEPTH = 30

FUNCTIONS = {"not": 1, "selected": 2, "count-selected": 1, "string-length": 1}
COMPARISONS = {"=", "!=", "<", "<=", ">", ">="}

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<ref>\$\{(?P<refname>[A-Za-z_][A-Za-z0-9_]*)\})
    | (?P<number>\d+(?:\.\d+)?)
    | (?P<string>'[^']*'|"[^"]*")
    | (?P<op><=|>=|!=|=|<|>|\+|-|\*|\(|\)|,)
    | (?P<name>[A-Za-z_][A-Za-z0-9_-]*)
    | (?P<dot>\.)
    )""",
    re.VERBOSE,
)


class ExpressionError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Token:
    kind: str  # ref, number, string, op, name, dot, end
    value: str


def tokens(text: str) -> list[Token]:
    found: list[Token] = []
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            raise ExpressionError(
                _("Cannot read the expression at “%(rest)s”.") % {"rest": text[position:][:20]}
            )
        position = match.end()
        kind = match.lastgroup if match.lastgroup != "refname" else "ref"
        if match.group("ref"):
            found.append(Token("ref", match.group("refname")))
        elif kind == "string":
            found.append(Token("string", match.group("string")[1:-1]))
        else:
            found.append(Token(kind, match.group(kind)))
    found.append(Token("end", ""))
    return found


class _Parser:
    def __init__(self, text: str):
        self.tokens = tokens(text)
        self.index = 0
        self.depth = 0

    def peek(self) -> Token:
        return self.tokens[self.index]

    def take(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def expect(self, value: str) -> None:
        token = self.take()
        if token.value != value or token.kind not in ("op", "name"):
            raise ExpressionError(
                _("Expected “%(expected)s” but found “%(found)s”.")
                % {"expected": value, "found": token.value or _("the end")}
            )

    def binary(self, operators: set[str], operand) -> tuple:
        left = operand()
        while self.peek().value in operators and self.peek().kind in ("op", "name"):
            operator = self.take().value
            left = ("op", operator, left, operand())
        return left

    def expression(self) -> tuple:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError(_("The expression is nested too deeply."))
        node = self.binary({"or"}, lambda: self.binary({"and"}, self.comparison))
        self.depth -= 1
        return node

    def comparison(self) -> tuple:
        left = self.additive()
        if self.peek().kind == "op" and self.peek().value in COMPARISONS:
            operator = self.take().value
            return ("op", operator, left, self.additive())
        return left

    def additive(self) -> tuple:
        return self.binary({"+", "-"}, lambda: self.binary({"*", "div", "mod"}, self.unary))

    def unary(self) -> tuple:
        if self.peek().kind == "op" and self.peek().value == "-":
            self.take()
            return ("neg", self.unary())
        return self.primary()

    def primary(self) -> tuple:
        token = self.take()
        if token.kind == "number":
            return ("value", Decimal(token.value))
        if token.kind == "string":
            return ("value", token.value)
        if token.kind == "ref":
            return ("ref", token.value)
        if token.kind == "dot":
            return ("current",)
        if token.kind == "op" and token.value == "(":
            node = self.expression()
            self.expect(")")
            return node
        if token.kind == "name" and self.peek().value == "(":
            return self.call(token.value)
        if token.kind == "name" and token.value not in ("and", "or", "div", "mod"):
            return ("column", token.value)
        raise ExpressionError(
            _("Unexpected “%(found)s”.") % {"found": token.value or _("end of the expression")}
        )

    def call(self, name: str) -> tuple:
        if name not in FUNCTIONS:
            raise ExpressionError(_("Unknown function “%(name)s”.") % {"name": name})
        self.expect("(")
        arguments = [self.expression()]
        while self.peek().value == ",":
            self.take()
            arguments.append(self.expression())
        self.expect(")")
        if len(arguments) != FUNCTIONS[name]:
            raise ExpressionError(
                _("“%(name)s” takes %(count)s argument(s).")
                % {"name": name, "count": FUNCTIONS[name]}
            )
        return ("call", name, *arguments)


def parse(text: str) -> tuple:
    if len(text) > MAX_LENGTH:
        raise ExpressionError(
            _("The expression is longer than %(n)s characters.") % {"n": MAX_LENGTH}
        )
    if not text.strip():
        raise ExpressionError(_("The expression is empty."))
    parser = _Parser(text)
    node = parser.expression()
    if parser.peek().kind != "end":
        raise ExpressionError(
            _("Unexpected “%(found)s” after the end of the expression.")
            % {"found": parser.peek().value}
        )
    return node


def _walk(node: tuple):
    yield node
    for child in node[1:]:
        if isinstance(child, tuple):
            yield from _walk(child)


def check(
    text: str,
    earlier: set[str] | frozenset[str],
    *,
    current: bool = False,
    columns: set[str] | frozenset[str] | None = None,
) -> tuple:
    """The parsed expression, if every name it reads exists: `${x}` an earlier question,
    `.` only where `current` (a constraint), a bare name a choice column (`columns`)."""
    node = parse(text)
    for part in _walk(node):
        if part[0] == "ref" and part[1] not in earlier:
            raise ExpressionError(
                _("${%(name)s} is not a question asked before this one.") % {"name": part[1]}
            )
        if part[0] == "current" and not current:
            raise ExpressionError(_("“.” (this answer) can only be used in a constraint."))
        if part[0] == "column" and (columns is None or part[1] not in columns):
            raise ExpressionError(
                _("“%(name)s” is neither a function nor a column of the choice list.")
                % {"name": part[1]}
            )
    return node


def references(text: str) -> set[str]:
    return {part[1] for part in _walk(parse(text)) if part[0] == "ref"}


# --- Evaluation ----------------------------------------------------------------------------------


def _number(value) -> Decimal | None:
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    return "" if value is None else str(value)


def _truth(value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal):
        return value != 0
    return bool(_text(value))


def _compare(operator: str, left, right) -> bool:
    a, b = _number(left), _number(right)
    if a is None or b is None or _text(left) == "" or _text(right) == "":
        a, b = _text(left), _text(right)
    return {
        "=": a == b,
        "!=": a != b,
        "<": a < b,
        "<=": a <= b,
        ">": a > b,
        ">=": a >= b,
    }[operator]


def _arithmetic(operator: str, left, right):
    a, b = _number(left), _number(right)
    if a is None or b is None:
        return ""  # XLSForm's NaN: compares unequal to everything that is a number
    if operator in ("div", "mod") and b == 0:
        return ""
    return {"+": a + b, "-": a - b, "*": a * b, "div": a / b if b else a, "mod": a % b}[operator]


def evaluate(node: tuple, answers: Mapping[str, object], current=None, row=None):
    """The value of a parsed expression; `answers` by code (multiple answers space-separated),
    `current` the answer a constraint checks, `row` a choice's columns."""
    kind = node[0]
    if kind == "value":
        return node[1]
    if kind == "ref":
        value = answers.get(node[1])
        return "" if value is None else value
    if kind == "current":
        return "" if current is None else current
    if kind == "column":
        return (row or {}).get(node[1], "")
    if kind == "neg":
        value = _number(evaluate(node[1], answers, current, row))
        return -value if value is not None else ""
    if kind == "call":
        arguments = [evaluate(a, answers, current, row) for a in node[2:]]
        if node[1] == "not":
            return not _truth(arguments[0])
        if node[1] == "selected":
            return _text(arguments[1]) in _text(arguments[0]).split()
        if node[1] == "count-selected":
            return Decimal(len(_text(arguments[0]).split()))
        return Decimal(len(_text(arguments[0])))
    operator = node[1]
    if operator == "and":
        return _truth(evaluate(node[2], answers, current, row)) and _truth(
            evaluate(node[3], answers, current, row)
        )
    if operator == "or":
        return _truth(evaluate(node[2], answers, current, row)) or _truth(
            evaluate(node[3], answers, current, row)
        )
    left = evaluate(node[2], answers, current, row)
    right = evaluate(node[3], answers, current, row)
    if operator in COMPARISONS:
        return _compare(operator, left, right)
    return _arithmetic(operator, left, right)


def holds(text: str, answers: Mapping[str, object], current=None, row=None) -> bool:
    """Whether an expression is true; an empty one always is."""
    if not text.strip():
        return True
    return _truth(evaluate(parse(text), answers, current, row))
