"""The student bundle (the zip in a student notebook's first cell) holds no expected answer and
no answer formula, yet its hashed checks give the same verdict and message as the book's full
checks, for right answers, near misses, every named slip and answers that are not numbers."""

from __future__ import annotations

import ast
import base64
import io
import json
import math
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT
from kazcars import checks
from kazbook.notebooks.answer_key import answer_hashes, hashed_entry

checks.check("__load__", None)  # full mode: kazcars.exercises registers every check
FULL = {key: rule for key, rule in sorted(checks._REGISTRY.items())}
EXPECTED = {key: float(rule.expected()) for key, rule in FULL.items()}
KEY_FILE = answer_hashes()  # what the bundle would carry, made from the data as it is now
HASHED = checks.hashed_checks(KEY_FILE)


def carried_zip(notebook: Path) -> bytes:
    """The zip a student notebook's first cell carries, decoded the way its setup cell does."""
    first = json.loads(notebook.read_text(encoding="utf-8"))["cells"][0]
    assignment = ast.parse("".join(first["source"])).body[0]
    assert assignment.targets[0].id == "_BOOK_ZIP"
    return base64.b64decode(ast.literal_eval(assignment.value))


def student_bundle() -> zipfile.ZipFile:
    """The bundle the notebooks builder packs into every student notebook (the slow test below
    checks that each built notebook carries exactly this)."""
    from kazbook.notebooks import pack_book

    return zipfile.ZipFile(io.BytesIO(base64.b64decode(pack_book(ROOT)[0])))


def written_forms(value: float, rel_tol: float) -> set[str]:
    """The ways a file could write ``value`` precisely enough to pass its check: fixed and
    scientific notation from four significant figures to eight, with and without thousands
    separators, and Python's repr. Sign left out (a leading minus still leaves the digits)."""
    v = abs(value)
    magnitude = math.floor(math.log10(v))
    forms = {repr(v), repr(value)}
    for figures in range(4, 9):
        decimals = max(0, figures - 1 - magnitude)
        for fixed in (f"{v:.{decimals}f}", f"{v:,.{decimals}f}"):
            forms |= {fixed, fixed.rstrip("0").rstrip(".") if "." in fixed else fixed}
        forms |= {f"{v:.{figures - 1}e}", f"{v:.{figures - 1}E}"}
    # Fewer than three digits (a count of 5) is not a value anyone can find in a text.
    return {f for f in forms if len(re.sub(r"\D", "", f.split("e")[0].split("E")[0])) >= 3}


#: A number as a file may write it, standing alone (not inside a longer number, a word or a
#: hex digest): 1083, 37.9745, 3.797e+01, and 75,916 with thousands separators.
NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w]|\.\d)")
GROUPED = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w]|\.\d|,\d)")


def found_in(text: str, forms: set[str]) -> list[str]:
    """Forms that stand in ``text`` as a whole number."""
    return sorted(forms & (set(NUMBER.findall(text)) | set(GROUPED.findall(text))))


def _numbers_in(node) -> list[float]:
    if isinstance(node, dict):
        return [n for v in node.values() for n in _numbers_in(v)]
    if isinstance(node, list):
        return [n for v in node for n in _numbers_in(v)]
    return [float(node)] if isinstance(node, (int, float)) and not isinstance(node, bool) else []


def test_every_built_student_notebook_carries_the_checked_bundle(generated):
    from kazbook.notebooks import pack_book

    notebooks = sorted(generated[0].glob("*.ipynb"))
    assert len(notebooks) >= 11
    packed = base64.b64decode(pack_book(ROOT)[0])
    assert [nb.stem for nb in notebooks if carried_zip(nb) != packed] == []


#: Inputs in data/ that equal an answer by chance, each read and judged: (check, form) -> why.
COINCIDENCES = {
    ("ch9_implied_base_rate_2014", "148"): "148 thousand vehicles produced (24.kz), not an exchange rate",
    ("ch10_fee_step_2000cc", "42.857"): "a latitude in data/geo/kazakhstan.geojson, not a fee step in percent",
}


def test_student_bundle_holds_no_answer_formula_and_no_expected_value():
    bundle = student_bundle()
    names = bundle.namelist()
    assert not [n for n in names if n.startswith("kazcars/exercises/")], "the answer formulas are packed"
    assert not any("answer_key" in n for n in names) and "kazcars/answer_hashes.json" in names
    forms = {key: written_forms(EXPECTED[key], rule.rel_tol) for key, rule in FULL.items()}
    leaks = {}
    for name in names:
        content = bundle.read(name)
        if name.startswith("data/"):
            # The data the student computes from, as the repository has it: an answer found there
            # is an input that equals it, allowed only once judged a coincidence.
            assert content == (ROOT / name).read_bytes(), f"{name} differs from the repository's"
        text = content.decode("utf-8", errors="replace")
        for key, key_forms in forms.items():
            hits = [f for f in found_in(text, key_forms)
                    if not (name.startswith("data/") and (key, f) in COINCIDENCES)]
            if hits:
                leaks[f"{name}: {key}"] = hits
    assert leaks == {}
    # The answer key's own numbers (only tolerances: values are sealed) pass no check, counts included.
    key_file = json.loads(bundle.read("kazcars/answer_hashes.json"))
    assert [(key, n) for key, rule in FULL.items() for n in _numbers_in(key_file)
            if rule.accepts(n, EXPECTED[key])] == []
    # Made from the data as it is now (else its feedback would be wrong).
    assert key_file == KEY_FILE


@pytest.mark.parametrize("value, rel_tol, text", [
    (37.974512, 0.01, "growth = 37.97 # percent"), (37.974512, 0.01, "x: 37.9745,"), (37.974512, 0.01, "3.797e+01"),
    (75915.8, 0.01, "about 75,916 dollars"), (75915.8, 0.01, "[75916, 2]"), (-71.4412, 0.01, "fall -71.44"),
    (221199.9999999999, 0.01, "expected = 221199.9999999999"), (1083.0, 0.01, "gap of 1,083"),
])
def test_the_search_finds_a_value_in_any_written_form(value, rel_tol, text):
    assert found_in(text, written_forms(value, rel_tol)), text


@pytest.mark.parametrize("value, text", [
    (37.974512, "137.97 and 37.971"), (1083.0, "digest 'a1083f9c' and 1083.7"), (42.857142, "coordinate 42.8612"),
])
def test_the_search_ignores_longer_numbers_and_digests(value, text):
    assert found_in(text, written_forms(value, 0.01)) == [], text


def _answers_to_try(key: str) -> list:
    rule = FULL[key]
    target = EXPECTED[key]
    if rule.whole:
        near = [target + d for d in (0.5, -0.5, 3, -3)]
    else:
        near = [target * (1 + d * rule.rel_tol) for d in (0.5, -0.5, 3, -3, 0.9, -0.9, 1.1, -1.1)]
    slips = []
    for alt in rule.alternatives:
        try:
            slips.append(float(alt.value(target)))
        except (ZeroDivisionError, OverflowError, ValueError):
            pass
    return [target, *near, *slips, ..., None, "abc", "12.5", pd.Series([target])]


@pytest.mark.parametrize("key", sorted(FULL))
def test_hashed_check_gives_the_same_verdict_and_message_as_the_full_check(key):
    full, hashed = FULL[key], HASHED[key]
    tried = _answers_to_try(key)
    differ = [(answer, full(answer), hashed(answer)) for answer in tried if full(answer) != hashed(answer)]
    assert differ == []
    # The slips the data leaves usable are recognised by name, not only as "not yet".
    assert [hashed(value).message for value, _ in full.hints(EXPECTED[key])] == \
           [hint for _, hint in full.hints(EXPECTED[key])]


@pytest.mark.parametrize("rule", [
    checks.NumberCheck(expected=lambda: -52.075, what="a fall in percent", alternatives=(
        checks.Alternative(lambda t: -t, "Mind the sign: the price fell."),
        checks.Alternative(lambda t: t - t, "That is no change at all."),
    ) + checks.percent_slips()),
    checks.NumberCheck(expected=lambda: 8, what="a count", whole=True, alternatives=(
        checks.Alternative(lambda t: t + 3, "You counted every plant."),
        checks.Alternative(lambda t: t / 1000, "A count is in single units."),
    )),
    checks.NumberCheck(expected=lambda: 306.9, what="x", rel_tol=0.005, alternatives=checks.unit_slips("x")),
], ids=["negative", "count", "half-percent"])
def test_hashed_and_full_checks_agree_across_a_sweep_of_answers(rule):
    """Beyond the book's checks: a negative answer, a zero-valued slip and a count, each tried
    at 4,000 answers around the answer and every slip, boundaries included."""
    hashed = checks.hashed_checks({"x": hashed_entry("x", rule)})["x"]
    target = float(rule.expected())
    centres = [target] + [value for value, _ in rule.hints(target)]
    sweep = [c * (1 + step / 1000) + (step / 100 if rule.whole else 0)
             for c in centres for step in range(-400, 400)]
    assert [a for a in sweep if rule(a) != hashed(a)] == []
    assert {rule(a).verdict for a in sweep} >= {checks.CORRECT, checks.HINT, checks.WRONG}


def test_the_unpacked_bundle_checks_in_hashed_mode(tmp_path):
    """In a Python with only the bundle on its path, the checks run hashed without importing the
    answer formulas, every expected value is right and every check's first slip gets its hint."""
    student_bundle().extractall(tmp_path / "book")
    slip = {key: rule.hints(EXPECTED[key])[0] for key, rule in FULL.items()}  # every check has one
    script = (
        "import json, sys\n"
        "import kazcars\n"
        "from kazcars import checks\n"
        f"assert kazcars.__file__.startswith({str(tmp_path)!r}), kazcars.__file__\n"
        "expected, slip = json.loads(sys.argv[1]), json.loads(sys.argv[2])\n"
        "right = {k: checks.check(k, v).verdict for k, v in expected.items()}\n"
        "assert 'kazcars.exercises' not in sys.modules  # the formulas were never imported\n"
        "print(json.dumps({'types': sorted({type(checks._REGISTRY[k]).__name__ for k in expected}), 'right': right,\n"
        "                  'slip': {k: checks.check(k, v).message for k, (v, _) in slip.items()}}))\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "KAZCARS"))}
    env.update(PYTHONPATH=str(tmp_path / "book"), KAZCARS_DATA=str(tmp_path / "book" / "data"))
    result = subprocess.run([sys.executable, "-c", script, json.dumps(EXPECTED), json.dumps(slip)], cwd=tmp_path,
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["types"] == ["HashedCheck"]
    assert set(seen["right"].values()) == {checks.CORRECT} and set(seen["right"]) == set(FULL)
    assert seen["slip"] == {key: hint for key, (_, hint) in slip.items()}
