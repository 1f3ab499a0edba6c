"""``references.bib`` generated from ``data/sources.csv``, so the two can never disagree."""

from __future__ import annotations

import re

from kazcars.data import load

_SPECIAL = re.compile(r"([&%$#_])")


def _escape(text: str) -> str:
    text = str(text).replace("\\", "").replace("{", "(").replace("}", ")")
    return _SPECIAL.sub(r"\\\1", text)


def _field(name: str, value) -> str | None:
    if value is None or str(value) in ("", "<NA>", "nan"):
        return None
    if name == "url":
        return f"  url = {{{value}}},"
    # Double braces keep capitalisation (publisher names, acronyms) as written.
    return f"  {name} = {{{{{_escape(value)}}}}},"


def render_bibtex() -> str:
    entries = []
    for row in load("sources").itertuples(index=False):
        date = "" if str(row.date) in ("", "<NA>") else str(row.date)
        note = "; ".join(p for p in (str(row.locator), str(row.note)) if p not in ("", "<NA>"))
        fields = [
            _field("author", row.publisher),
            _field("title", row.title),
            _field("year", date[:4] if date else "n.d."),
            _field("date", date or None),
            _field("url", row.url),
            _field("language", row.language),
            _field("note", note or None),
        ]
        body = "\n".join(f for f in fields if f)
        entries.append(f"@misc{{{row.source_id},\n{body}\n}}\n")
    header = "% Generated from data/sources.csv by `make bib` (kazbook.bib). Do not edit by hand.\n\n"
    return header + "\n".join(entries)


def main() -> None:
    from pathlib import Path

    out = Path(__file__).resolve().parent.parent / "references.bib"
    out.write_text(render_bibtex(), encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
