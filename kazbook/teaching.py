"""The "For teachers" overview, written from the chapters and their checks, in the build's
language: its headers and link words from the book's interface catalog (``kazbook.po``), each
check's description as the check gives it (``described``, data/messages.csv), and each
chapter's time as the chapter's own catalog translates its **Time to learn.** paragraph."""

from __future__ import annotations

import re

from kazcars.checks import _REGISTRY, check
from kazbook.catalogs import catalog_dir, interface_translation, read_catalog
from kazbook.project import ROOT, chapters

TIME = re.compile(r"\*\*Time to learn\.\*\*\s*(.+?)(?:\n\n|$)", flags=re.S)
#: A bold lead-in ("**Оқу уақыты.**") and the text after it.
LEAD = re.compile(r"^\*\*[^*]+\*\*\s*(.+)$", flags=re.S)


def chapter_overview(md) -> dict:
    text = md.read_text(encoding="utf-8")
    title = re.search(r"^# (.+)$", text, flags=re.M).group(1).strip()
    time = TIME.search(text)
    keys = re.findall(r'kc\.check\("([\w-]+)", answer\)', text.split("## Exercises", 1)[-1])
    seen = list(dict.fromkeys(keys))
    return {"stem": md.stem, "title": title, "time": " ".join(time.group(1).split()) if time else "–", "checks": seen}


def translated_time(stem: str, time: str, lang: str) -> str:
    """The chapter's time as its catalog in ``lang`` translates the paragraph (as it is if none)."""
    path = catalog_dir(lang, ROOT) / "chapters" / f"{stem}.po"
    if time == "–" or not path.exists():
        return time
    for entry in read_catalog(path):
        if entry.id and entry.string and not entry.fuzzy and TIME.search(entry.id):
            if " ".join(TIME.search(entry.id).group(1).split()) == time and LEAD.match(entry.string):
                return " ".join(LEAD.match(entry.string).group(1).split())
    return time


def teacher_table_markdown(lang: str = "en") -> str:
    check("__load__", None)  # registers every chapter's checks
    _ = interface_translation(lang, ROOT)
    lines = [":::{list-table}", ":header-rows: 1", ":widths: 24 16 40 20", "",
             f"* - {_('Chapter')}", f"  - {_('Time')}", f"  - {_('Exercises: what each checks')}",
             f"  - {_('Notebooks and printables')}"]
    for md in chapters(ROOT):
        info = chapter_overview(md)
        assessed = "; ".join(f"({i}) {_REGISTRY[k].described(lang)}" if k in _REGISTRY
                             else f"({i}) `{k}` (no check registered)"
                             for i, k in enumerate(info["checks"], 1)) or "–"
        stem = info["stem"]
        links = _("{student} · {teacher} notebook; {worksheet} · {answer_key} (PDF)").format(
            student=f'<a href="../notebooks/student/{stem}.ipynb">{_("student")}</a>',
            teacher=f'<a href="../notebooks/teacher/{stem}.ipynb">{_("teacher")}</a>',
            worksheet=f'<a href="../worksheets/{stem}-worksheet.pdf">{_("worksheet")}</a>',
            answer_key=f'<a href="../worksheets/{stem}-answer-key.pdf">{_("answer key")}</a>')
        lines += [f"* - {{doc}}`../chapters/{stem}`", f"  - {translated_time(stem, info['time'], lang)}",
                  f"  - {assessed}", f"  - {links}"]
    lines.append(":::")
    return "\n".join(lines)
