"""The "For teachers" overview, written from the chapters and their checks."""

from __future__ import annotations

import re

from kazcars.checks import _REGISTRY, check
from kazbook.project import ROOT, chapters


def chapter_overview(md) -> dict:
    text = md.read_text(encoding="utf-8")
    title = re.search(r"^# (.+)$", text, flags=re.M).group(1).strip()
    time = re.search(r"\*\*Time to learn\.\*\*\s*(.+?)(?:\n\n|$)", text, flags=re.S)
    keys = re.findall(r'kc\.check\("([\w-]+)", answer\)', text.split("## Exercises", 1)[-1])
    seen = list(dict.fromkeys(keys))
    return {"stem": md.stem, "title": title, "time": " ".join(time.group(1).split()) if time else "–", "checks": seen}


def teacher_table_markdown() -> str:
    check("__load__", None)  # registers every chapter's checks
    lines = [":::{list-table}", ":header-rows: 1", ":widths: 24 16 40 20", "",
             "* - Chapter", "  - Time", "  - Exercises: what each checks", "  - Notebooks and printables"]
    for md in chapters(ROOT):
        info = chapter_overview(md)
        assessed = "; ".join(f"({i}) {_REGISTRY[k].what}" if k in _REGISTRY else f"({i}) `{k}` (no check registered)"
                             for i, k in enumerate(info["checks"], 1)) or "–"
        links = (f'<a href="../notebooks/student/{info["stem"]}.ipynb">student</a> · '
                 f'<a href="../notebooks/teacher/{info["stem"]}.ipynb">teacher</a> notebook; '
                 f'<a href="../worksheets/{info["stem"]}-worksheet.pdf">worksheet</a> · '
                 f'<a href="../worksheets/{info["stem"]}-answer-key.pdf">answer key</a> (PDF)')
        lines += [f"* - {{doc}}`../chapters/{info['stem']}`", f"  - {info['time']}", f"  - {assessed}", f"  - {links}"]
    lines.append(":::")
    return "\n".join(lines)
