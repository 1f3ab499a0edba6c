"""Exercises are worth doing: no exercise's expected answer is shown in its chapter before the
student reaches it (in the prose as the book renders it, or in a cell's output); no two
exercises ask for the same value from the same data; every numeric prompt says where to store
the answer and how close it must be; every exercise gives its difficulty and time; and every
chapter has a written task with points and a rubric for the teacher.

Expected values come from the checks themselves (``kazcars.exercises``), with the data as it is.
"""

from __future__ import annotations

import functools
import html
import json
import re
import tempfile
from itertools import combinations
from pathlib import Path

import jupytext
import nbformat
import pytest

from conftest import ROOT
from kazcars import checks, data
from kazbook.project import chapters

CHAPTERS = chapters(ROOT)
IDS = [md.stem for md in CHAPTERS]
checks.check("__load__", None)  # imports kazcars.exercises, which registers every check

CHECK_CALL = re.compile(r'kc\.check\("([\w-]+)", answer\)')
EXERCISE = re.compile(r"^```\{exercise-start\}\n:label: (?P<label>\S+)\n```\n(?P<body>.*?)^```\{exercise-end\}",
                      re.S | re.M)
SOLUTION = re.compile(r"^```\{solution-start\} (?P<label>\S+)\n.*?^```\n(?P<body>.*?)^```\{solution-end\}", re.S | re.M)
CODE_CELL = re.compile(r"^```\{code-cell\}.*?^```[ \t]*$", re.S | re.M)
# A number as the book prints it: 75,916 or 38.0 or 38 (a sign is left out: a fall of 71 %
# shows the answer -71.4 as surely as "-71").
# Parts of dates such as 2020-04 are not numbers either.
NUMBER = re.compile(r"(?<![\w.,])(?<!\d-)\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.,])(?<!\d-)\d+(?:\.\d+)?(?![\w-])")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# Days of the month and numbered list items are not quantities.
NOT_QUANTITIES = re.compile(rf"\b\d{{1,2}} (?:{MONTHS})\b|(?:{MONTHS}) \d{{1,2}}\b|^\s*\d+\.\s", re.M)


def exercises(md: Path) -> list[dict]:
    """The chapter's exercises in order: label, source text, check key (None for a written-only
    task), and the solution's text."""
    text = md.read_text(encoding="utf-8")
    solutions = {m["label"]: m["body"] for m in SOLUTION.finditer(text)}
    found = []
    for m in EXERCISE.finditer(text):
        key = CHECK_CALL.search(m["body"])
        found.append({"label": m["label"], "body": m["body"], "start": m.start(),
                      "key": key.group(1) if key else None, "solution": solutions.get(m["label"], "")})
    return found


def _output_text(output) -> str:
    """An output as the site shows it: a table's cells (not its header and row labels, which
    are names and years, not values), else the plain text."""
    bundle = output.get("data", {})
    if "text/html" in bundle:
        cells = re.sub(r"<(script|style|th)\b.*?</\1>", " ", bundle["text/html"], flags=re.S)
        return html.unescape(re.sub(r"<[^>]+>", " ", cells))
    return bundle.get("text/markdown") or bundle.get("text/plain", "") or output.get("text", "")


def shown_before(teacher, key: str) -> str:
    """What a reader has seen on reaching the exercise's answer cell, from the teacher notebook
    (the page's resolved text, in order, with the outputs of the site's run): the prose and
    prompts, the outputs of the chapter's cells, and earlier solutions' explanations."""
    seen = []
    for cell in teacher.cells:
        grading = cell.metadata.get("nbgrader", {})
        if grading.get("grade_id") == f"{key}-answer":
            break
        if cell.cell_type == "markdown":
            seen.append(cell.source)
        elif grading.get("solution"):
            seen += [line for line in cell.source.splitlines() if line.startswith("# ")]
        elif not grading.get("grade"):
            seen += [_output_text(o) for o in cell.get("outputs", [])
                     if not o.get("metadata", {}).get("scrapbook")]  # glued values show where the prose puts them
    else:
        raise AssertionError(f"no answer cell for {key}")
    # Footnote marks are reference numbers, not quantities.
    return re.sub(r"<sup>.*?</sup>", " ", "\n".join(seen))


def numbers_matching(text: str, check, target: float) -> list[str]:
    """Numbers in ``text`` that ``check`` would accept as the answer ``target``."""
    text = NOT_QUANTITIES.sub(" ", text)
    return sorted({n for n in NUMBER.findall(text) if check.accepts(float(n.replace(",", "")), abs(target))})


@pytest.mark.parametrize("md", CHAPTERS, ids=IDS)
def test_no_answer_is_shown_before_its_exercise(md, generated):
    teacher = nbformat.read(generated[1] / f"{md.stem}.ipynb", as_version=4)
    shown = {}
    for ex in exercises(md):
        if ex["key"]:
            check = checks._REGISTRY[ex["key"]]
            hits = numbers_matching(shown_before(teacher, ex["key"]), check, check.expected())
            if hits:
                shown[ex["key"]] = hits
    assert shown == {}, f"{md.stem}: answers printed before their exercise: {shown}"


@pytest.mark.parametrize("target, text", [
    (37.97, "about 38.0 % a year"), (37.97, "only about 38 % a year"), (75921.6, "about 75,916 dollars"),
    (-71.44, "a fall of 71 % in two years"), (1083, "1,083 vehicles apart"),
])
def test_the_detector_finds_an_answer_in_any_rendered_form(target, text):
    check = checks.NumberCheck(expected=lambda: target, what="x")
    assert numbers_matching(text, check, target), text


@pytest.mark.parametrize("target, text", [
    (11, "devalued on 11 February 2014"), (4, "4. explain the difference"), (38, "it rose to 38,000"),
    (4, "opened 2020-04-01"),
    (37.97, "about 40 % a year"),
])
def test_the_detector_ignores_dates_list_numbers_and_other_sizes(target, text):
    check = checks.NumberCheck(expected=lambda: target, what="x")
    assert numbers_matching(text, check, target) == [], text


def _tables_read_by(key: str, monkeypatch) -> tuple[float, frozenset[str]]:
    read = set()
    original = data._validated

    def spy(name, data_dir):
        read.add(name)
        return original(name, data_dir)

    with monkeypatch.context() as m:
        m.setattr(data, "_validated", spy)
        value = checks._REGISTRY[key].expected()
    return value, frozenset(read)


def test_no_two_exercises_ask_for_the_same_value_from_the_same_data(monkeypatch):
    found = {key: _tables_read_by(key, monkeypatch) for key in sorted(checks._REGISTRY)}
    same = [(a, b) for a, b in combinations(found, 2)
            if found[a][1] & found[b][1]
            and (checks._REGISTRY[a].accepts(found[b][0], found[a][0])
                 or checks._REGISTRY[b].accepts(found[a][0], found[b][0]))]
    assert same == []


def test_every_check_is_used_by_exactly_one_exercise():
    used = [ex["key"] for md in CHAPTERS for ex in exercises(md) if ex["key"]]
    assert sorted(used) == sorted(set(used)), "an exercise's check is used twice"
    assert sorted(used) == sorted(checks._REGISTRY), "a registered check has no exercise, or the reverse"


@pytest.mark.parametrize("md", CHAPTERS, ids=IDS)
def test_every_prompt_states_where_to_store_the_answer_and_the_tolerance(md):
    missing = []
    for ex in exercises(md):
        if not ex["key"]:
            continue
        prompt = " ".join(ex["body"].split("```{code-cell}", 1)[0].split())
        tolerance = checks._REGISTRY[ex["key"]].tolerance_text()
        if "store it in `answer`" not in prompt.lower():
            missing.append(f"{ex['label']}: 'store it in `answer`'")
        if tolerance not in prompt:
            missing.append(f"{ex['label']}: the tolerance '{tolerance}'")
    assert missing == []


DIFFICULTY = re.compile(r"^\*Difficulty: (?P<stars>[★☆]{3}) · about (?P<minutes>\d+) minutes\*$", re.M)


@pytest.mark.parametrize("md", CHAPTERS, ids=IDS)
def test_every_exercise_gives_its_difficulty_and_time(md):
    for ex in exercises(md):
        m = DIFFICULTY.search(ex["body"])
        assert m, f"{md.stem}: {ex['label']} has no line '*Difficulty: ★★☆ · about 10 minutes*'"
        assert 1 <= m["stars"].count("★") <= 3 and 1 <= int(m["minutes"]) <= 60


WRITTEN = re.compile(r"^\+\+\+ (\{.*\})\n\n\*\*Your answer\.\*\*", re.M)


@pytest.mark.parametrize("md", CHAPTERS, ids=IDS)
def test_every_chapter_has_a_written_task_with_points_and_a_rubric(md):
    written = []
    for ex in exercises(md):
        for meta in WRITTEN.findall(ex["body"]):
            meta = json.loads(meta)
            assert "written-answer" in meta.get("tags", []), f"{ex['label']}: {meta}"
            assert isinstance(meta.get("points"), int) and meta["points"] >= 1, f"{ex['label']}: {meta}"
            rubric = re.search(r"^\*\*Rubric\.\*\* (.+?)(?:\n\n|\Z)", ex["solution"], flags=re.S | re.M)
            assert rubric, f"{md.stem}: {ex['label']} has a written answer but its solution has no **Rubric.**"
            assert len(re.findall(r"\bpoints?\b", rubric.group(1))) >= 1, rubric.group(1)
            written.append(ex["label"])
    assert written, f"{md.stem}: no written (rubric-graded) task"


def test_written_answer_cells_are_read_as_tagged_cells():
    """The MyST convention survives jupytext: the written-answer cell is its own Markdown cell
    with its tags and points, as the notebook generator expects."""
    for md in CHAPTERS:
        nb = jupytext.read(md)
        cells = [c for c in nb.cells if "written-answer" in c.metadata.get("tags", [])]
        assert cells, md.stem
        for cell in cells:
            assert cell.cell_type == "markdown" and cell.source.startswith("**Your answer.**")
            assert isinstance(cell.metadata.get("points"), int)
