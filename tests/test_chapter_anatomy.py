"""Every chapter has the book's anatomy, reads data only through the helper package, and has
no number in its prose that neither comes from data (glue) nor carries a citation."""

from __future__ import annotations

import re
from pathlib import Path

import jupytext
import pytest
import yaml

from conftest import ROOT


def toc_chapters() -> list[Path]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    return [ROOT / f"{c['file']}.md" for part in toc["parts"] for c in part["chapters"]
            if c["file"].startswith("chapters/")]


CHAPTERS = sorted((ROOT / "chapters").glob("*.md"))
IDS = [p.stem for p in CHAPTERS]
FIXED = {"Overview", "Summary", "Exercises", "References"}


def sections(text: str) -> list[str]:
    return re.findall(r"^## (.+)$", text, flags=re.M)


def missing_parts(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    nb = jupytext.read(path)
    missing = []
    if not re.search(r"^# .+", text, flags=re.M):
        missing.append("title")
    heads = sections(text)
    for h in ("Overview", "Summary", "Exercises", "References"):
        if h not in heads:
            missing.append(f"section '{h}'")
    for phrase in ("**Learning objectives.**", "**Prerequisites.**", "**Time to learn.**", "Қысқаша мазмұны."):
        if phrase not in text:
            missing.append(phrase.strip("*."))
    # Numbers in it come from glue (test_no_number_in_prose_without_data_or_citation reads it too).
    if not re.search(r"^```\{kazakh-summary\}\n\*\*Қысқаша мазмұны\.\*\* [^\n]{40,}\n```$", text, flags=re.M):
        missing.append("a Kazakh summary ({kazakh-summary} directive)")
    body = [h for h in heads if h not in FIXED]
    if not 3 <= len(body) <= 6:
        missing.append(f"3-6 teaching sections (has {len(body)})")
    code = [c for c in nb.cells if c.cell_type == "code"]
    first = code[0] if code else None
    if not first or "remove-cell" not in first.metadata.get("tags", []) or "kc.setup()" not in first.source:
        missing.append("a hidden setup cell calling kc.setup() first")
    exercises = re.findall(r"^```\{exercise-start\}\n:label: (\S+)", text, flags=re.M)
    solutions = re.findall(r"^```\{solution-start\} (\S+)", text, flags=re.M)
    if len(exercises) < 3:
        missing.append(f"at least 3 exercises (has {len(exercises)})")
    if sorted(exercises) != sorted(solutions):
        missing.append("a gated solution for every exercise")
    figures = re.findall(r"^```\{glue:figure\} (\S+)\n((?::\w+:.*\n)*)\n?(.*)", text, flags=re.M)
    if len(figures) < 2:
        missing.append(f"at least 2 chart figures (has {len(figures)})")
    for name, options, caption in figures:
        if ":alt:" not in options:
            missing.append(f"alt text on figure {name}")
        if not caption.strip() or caption.startswith("```"):
            missing.append(f"caption on figure {name}")
        if ":name:" not in options:
            missing.append(f"a name (cross-reference target) on figure {name}")
    if "description=" not in text:
        missing.append("chart descriptions (ARIA alt text)")
    return missing


def test_there_are_chapters():
    assert CHAPTERS and all(p.exists() for p in CHAPTERS)


def test_every_chapter_file_is_in_the_table_of_contents():
    assert sorted(toc_chapters()) == CHAPTERS


def test_no_chapter_is_missing_part_of_the_anatomy():
    report = {p.stem: missing_parts(p) for p in CHAPTERS}
    assert {k: v for k, v in report.items() if v} == {}


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_chapter_reads_data_only_through_kazcars(path):
    nb = jupytext.read(path)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for forbidden in ("read_csv", "read_json", "open(", "data/", "urlopen", "requests."):
            assert forbidden not in cell.source, f"{path.name}: a code cell uses {forbidden!r}:\n{cell.source}"


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_chapter_is_a_myst_notebook_with_no_outputs(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\njupytext:") and "kernelspec:" in text.split("---")[1]
    assert not list(path.parent.glob(f"{path.stem}.ipynb"))


ROLE = re.compile(r"\{(?:glue:text|glue|glue:md)\}`[^`]*`")
CITE = re.compile(r"\{(?:footcite|cite)(?::\w+)?\}`[^`]*`")
STRIP = [
    re.compile(r"`[^`]*`"),                 # inline code and other roles' bodies
    re.compile(r"\$[^$]*\$"),               # maths
    re.compile(r"\{[a-z:-]+\}"),            # role names left after stripping bodies
    re.compile(r"\b(1[89]\d\d|20[0-3]\d)(s)?\b"),  # years are dates, not figures
    re.compile(r"^\s*(\d+\.|[-*])\s", flags=re.M),  # list markers
    re.compile(r"\(#[^)]*\)|\]\([^)]*\)"),  # link targets
    re.compile(r"[A-Za-z]+\d+|\d+[A-Za-z]+_"),  # identifiers such as PA.NUS.FCRF-like codes
    # An exercise's difficulty line and the tolerance its prompt states are not figures.
    re.compile(r"^\*Difficulty: [★☆]{3} · about \d+ minutes\*$", flags=re.M),
    re.compile(r"\(within\s+\d+(?:\.\d+)?\s+%\)"),
]


def prose_paragraphs(path: Path):
    nb = jupytext.read(path)
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        # Drop directive blocks' option lines and fences; keep their prose (captions).
        text = re.sub(r"^```.*$|^:\w+:.*$", "", cell.source, flags=re.M)
        for para in re.split(r"\n\s*\n", text):
            if para.strip() and not para.lstrip().startswith("**Time to learn.**"):
                yield para


def uncited_numbers(path: Path) -> list[str]:
    bad = []
    for para in prose_paragraphs(path):
        if CITE.search(para):
            continue
        stripped = ROLE.sub("", para)
        for pattern in STRIP:
            stripped = pattern.sub("", stripped)
        if re.search(r"\d", stripped):
            bad.append(para.strip()[:160])
    return bad


@pytest.mark.parametrize("path", CHAPTERS, ids=IDS)
def test_no_number_in_prose_without_data_or_citation(path):
    assert uncited_numbers(path) == []


def test_the_number_check_catches_a_hand_typed_figure(tmp_path):
    fake = tmp_path / "fake.md"
    fake.write_text("---\njupytext:\n  text_representation:\n    extension: .md\n    format_name: myst\n"
                    "kernelspec:\n  name: python3\n  display_name: Python 3\n---\n\n# T\n\n"
                    "Sales were 97,450 in 2015.\n\nSales were {glue:text}`s` in 2015.\n", encoding="utf-8")
    assert uncited_numbers(fake) == ["Sales were 97,450 in 2015."]
