"""Book pages written from ``data/``: the data dictionary and the trilingual glossary, in the
build's language (Sphinx's ``language``): Kazakh descriptions and definitions come from the
``*_kk`` columns and ``description_kk`` entries, the page's own words from data/messages.csv."""

from __future__ import annotations

from kazcars.data import described, load, package
from kazcars.i18n import DEFAULT, known, label, languages, message, translate


def build_language(config_language: str | None) -> str:
    """The data language for a Sphinx ``language`` (English for one the data does not have)."""
    return config_language if config_language in languages() else DEFAULT


def _cell(text) -> str:
    text = "" if text is None or str(text) in ("<NA>", "nan") else str(text)
    return text.replace("\n", " ").replace("|", "\\|") or "–"


def data_dictionary_markdown(lang: str = DEFAULT) -> str:
    pkg = package()
    t = lambda text, **kw: message(text, lang, **kw)  # noqa: E731
    out = []
    for res in pkg["resources"]:
        name, path = res["name"], res["path"]
        is_table = path.endswith(".csv")
        out.append(f"## {described(res, lang, 'title') or name} (`{name}`)\n")
        if res.get("description"):
            out.append(described(res, lang) + "\n")
        if not is_table:
            out.append(t("File: {link}", link=f"{{download}}`{path} </data/{path}>`") + "\n")
            continue
        frame = load(name)
        n_sources = frame["source_ids"].str.split(";").explode().nunique() if "source_ids" in frame else 0
        out.append(t("Download {link} · {rows} rows · {sources} distinct sources · primary key: {key}",
                     link=f"{{download}}`{path} </data/{path}>`", rows=str(len(frame)), sources=str(n_sources),
                     key=f"`{', '.join(_as_list(res['schema'].get('primaryKey')))}`") + "\n")
        out.append(":::{list-table}\n:header-rows: 1\n:widths: 18 10 14 8 50\n")
        out.append("* - " + "\n  - ".join(translate(h, lang) for h in ("Column", "Type", "Unit", "Required", "Description")))
        for f in res["schema"]["fields"]:
            cons = f.get("constraints", {})
            desc = _cell(described(f, lang))
            if "enum" in cons:
                desc += " " + t("One of: {values}.", values=", ".join(f"`{v}`" for v in cons["enum"]))
            out.append(
                f"* - `{f['name']}`\n  - {f.get('type', 'string')}\n  - {_cell(known(f.get('unit', ''), lang))}\n"
                f"  - {translate('yes' if cons.get('required') else 'no', lang)}\n  - {desc}"
            )
        out.append(":::\n")
    return "\n".join(out)


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def glossary_markdown(lang: str = DEFAULT) -> str:
    """The glossary in ``lang``: in English as before; in another language the term in that
    language heads the entry, with the English term as a second head (so every
    {term}`... <English term>` reference still resolves), and that language's definition."""
    terms = load("glossary")
    head = f"term_{lang}" if lang != DEFAULT and f"term_{lang}" in terms and f"definition_{lang}" in terms else "term_en"
    terms = terms.sort_values(head, key=lambda s: s.fillna("").str.lower())
    lines = [":::{glossary}"]
    for t in terms.to_dict("records"):
        if head != "term_en":
            lines.append(_cell(t[head]).split(";")[0].strip())
            # The English head, marked English (screen readers); its text still names the term.
            lines.append(f"{{en}}`{t['term_en']}`")
        else:
            lines.append(str(t["term_en"]))
        lines.append(f"  {_cell(t[head.replace('term_', 'definition_')])}")
        lines.append("")
        others = [code for code in ("kk", "ru", "en") if f"term_{code}" != head and f"term_{code}" in t]
        lines.append("  " + " · ".join(f"{label(f'language_name_{code}', lang)}: {{{code}}}`{_cell(t[f'term_{code}'])}`"
                                        for code in others))
        lines.append("")
    lines.append(":::")
    return "\n".join(lines)
