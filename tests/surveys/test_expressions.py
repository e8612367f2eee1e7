"""The expression language of skip logic, constraints and choice filters."""

from decimal import Decimal

import pytest

from gemeinsam.surveys import expressions
from gemeinsam.surveys.expressions import ExpressionError, check, holds, parse


def test_a_comparison_with_an_earlier_answer_parses_into_a_tree():
    assert parse("${age} >= 18") == ("op", ">=", ("ref", "age"), ("value", Decimal(18)))


@pytest.mark.parametrize(
    ("text", "answers", "expected"),
    [
        ("${age} >= 18", {"age": "18"}, True),
        ("${age} >= 18", {"age": "17"}, False),
        ("${age} >= 18", {}, False),
        ("${age} > 9", {"age": "10"}, True),  # numbers, not text: "10" < "9" as strings
        ("${land} = 'NW' or ${land} = 'BE'", {"land": "BE"}, True),
        ("${land} = 'NW' and ${members} > 7", {"land": "NW", "members": "7"}, False),
        ("not(${founded} = '')", {"founded": "2001-05-01"}, True),
        ("selected(${fields}, 'youth')", {"fields": "culture youth"}, True),
        ("selected(${fields}, 'you')", {"fields": "culture youth"}, False),
        ("count-selected(${fields}) <= 2", {"fields": "a b c"}, False),
        ("string-length(${name}) > 3", {"name": "Verein"}, True),
        ("(${a} + ${b}) * 2 = 10", {"a": "2", "b": "3"}, True),
        ("${a} div ${b} = 2.5", {"a": "5", "b": "2"}, True),
        ("${a} mod 2 = 1", {"a": "7"}, True),
        ("-${a} < 0", {"a": "3"}, True),
        ("${a} div 0 = 1", {"a": "3"}, False),
    ],
)
def test_expressions_are_evaluated_over_the_answers(text, answers, expected):
    assert holds(text, answers) is expected


def test_a_constraint_reads_this_answer_as_a_dot():
    assert holds(". >= 0 and . <= 120", {}, current="45") is True
    assert holds(". >= 0 and . <= 120", {}, current="121") is False


def test_a_choice_filter_reads_the_choices_columns():
    assert holds("land = ${land}", {"land": "NW"}, row={"land": "NW"}) is True
    assert holds("land = ${land}", {"land": "NW"}, row={"land": "BE"}) is False


def test_an_empty_expression_always_holds():
    assert holds("", {}) is True


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("${age} >=", "Unexpected"),
        ("${age} >= 18 )", "after the end"),
        ("__import__('os')", "Unknown function"),
        ("${age}.real", "after the end"),
        ("selected(${age})", "takes 2 argument"),
        ("${age} ; 1", "Cannot read"),
        ("", "empty"),
        ("(" * 40 + "1" + ")" * 40, "nested too deeply"),
    ],
)
def test_malformed_expressions_are_refused_with_a_message(text, message):
    with pytest.raises(ExpressionError) as refused:
        parse(text)
    assert message in refused.value.message


def test_check_refuses_a_question_that_is_not_asked_before():
    assert check("${age} > 3", {"age"}) == parse("${age} > 3")
    with pytest.raises(ExpressionError, match=r"\$\{later\} is not a question asked before"):
        check("${later} > 3", {"age"})


def test_check_allows_the_dot_only_in_a_constraint_and_columns_only_in_a_filter():
    assert check(". > 3", set(), current=True)
    with pytest.raises(ExpressionError, match="only be used in a constraint"):
        check(". > 3", set())
    assert check("land = 'NW'", set(), columns={"land"})
    with pytest.raises(ExpressionError, match="neither a function nor a column"):
        check("land = 'NW'", set())


def test_references_lists_the_questions_an_expression_reads():
    assert expressions.references("${a} = 1 or selected(${b}, 'x')") == {"a", "b"}
