"""Every exercise check gives the right verdict on a right answer, a wrong one, one off by a
unit, a wrong type and an empty one, and never raises on a student's answer."""

import pytest

from kazcars import checks
from kazcars.checks import CORRECT, HINT, NOT_ANSWERED, WRONG, WRONG_TYPE, check

checks.check("__load__", None)  # imports kazcars.exercises, which registers every check
KEYS = sorted(checks._REGISTRY)


def test_there_are_checks():
    assert len(KEYS) >= 3


@pytest.mark.parametrize("key", KEYS)
def test_right_answer_is_correct(key):
    expected = checks._REGISTRY[key].expected()
    assert check(key, expected).verdict == CORRECT
    assert check(key, expected * 1.001).verdict == CORRECT  # rounding is fine


@pytest.mark.parametrize("key", KEYS)
def test_wrong_answer_is_wrong(key):
    expected = checks._REGISTRY[key].expected()
    fb = check(key, expected * 1.37 + 1)
    assert fb.verdict == WRONG and not fb.ok


@pytest.mark.parametrize("key", KEYS)
def test_every_check_recognises_a_unit_or_scale_slip(key):
    hints = [a.hint for a in checks._REGISTRY[key].alternatives]
    assert any(w in h for h in hints for w in ("unit", "percent", "fraction")), hints


@pytest.mark.parametrize("key", KEYS)
def test_each_known_slip_gets_its_specific_hint(key):
    chk = checks._REGISTRY[key]
    expected = chk.expected()
    for alt in chk.alternatives:
        slip = alt.value(expected)
        if abs(slip - expected) <= abs(expected) * 0.05:
            continue  # a slip that lands on the right answer is not a slip for this data
        fb = check(key, slip)
        assert fb.verdict == HINT, (alt.hint, slip)
        # Two slips can coincide (e.g. the year before and after); either hint is specific.
        assert fb.message in [a.hint for a in chk.alternatives]


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("bad", ["abc", "12,5", [1, 2], True, float("nan")])
def test_wrong_type_gets_a_friendly_message(key, bad):
    fb = check(key, bad)
    assert fb.verdict == WRONG_TYPE
    assert "Traceback" not in fb.message


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("empty", [..., None])
def test_placeholder_is_not_answered_yet(key, empty):
    assert check(key, empty).verdict == NOT_ANSWERED


@pytest.mark.parametrize("key", KEYS)
def test_numpy_and_pandas_numbers_are_accepted(key):
    import numpy as np
    import pandas as pd

    expected = checks._REGISTRY[key].expected()
    assert check(key, np.float64(expected)).verdict == CORRECT
    assert check(key, pd.Series([expected]).iloc[0]).verdict == CORRECT
    if float(expected).is_integer():
        assert check(key, np.int64(expected)).verdict == CORRECT


def test_unknown_check_name_is_explained():
    fb = check("no_such_exercise", 1)
    assert fb.verdict == WRONG_TYPE and "no_such_exercise" in fb.message


def test_feedback_displays_as_markdown():
    fb = check(KEYS[0], ...)
    assert "Not answered" in fb._repr_markdown_()


def test_hints_name_the_usual_slips():
    assert "growth factor" in check("ch1_cagr", 5.0).message
    assert "total change" in check("ch1_cagr", 400.0).message
    assert "thousands" in check("ch1_output_usd_mn", checks._REGISTRY["ch1_output_usd_mn"].expected() / 1000).message
