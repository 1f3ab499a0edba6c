"""Book pages written from ``data/``: the data dictionary and the trilingual glossary."""

from __future__ import annotations

from kazcars.data import load, package


def _cell(text) -> str:
    text = "" if text is None or str(text) in ("<NA>", "nan") else str(text)
    return text.replace("\n", " ").replace("|", "\\|") or "–"


def data_dictionary_markdown() -> str:
    pkg = package()
    out = []
    for res in pkg["resources"]:
        name, path = res["name"], res["path"]
        is_table = path.endswith(".csv")
        out.append(f"## {res.get('title', name)} (`{name}`)\n")
        if res.get("description"):
            out.append(res["description"] + "\n")
        if not is_table:
            out.append(f"File: {{download}}`{path} </data/{path}>`\n")
            continue
        frame = load(name)
        n_sources = frame["source_ids"].str.split(";").explode().nunique() if "source_ids" in frame else 0
        out.append(
            f"Download {{download}}`{path} </data/{path}>` · {len(frame)} rows · "
            f"{n_sources} distinct sources · primary key: `{', '.join(_as_list(res['schema'].get('primaryKey')))}`\n"
        )
        out.append(":::{list-table}\n:header-rows: 1\n:widths: 18 10 14 8 50\n")
        out.append("* - Column\n  - Type\n  - Unit\n  - Required\n  - Description")
        for f in res["schema"]["fields"]:
            cons = f.get("constraints", {})
            desc = _cell(f.get("description", ""))
            if "enum" in cons:
                desc += " One of: " + ", ".join(f"`{v}`" for v in cons["enum"]) + "."
            out.append(
                f"* - `{f['name']}`\n  - {f.get('type', 'string')}\n  - {_cell(f.get('unit', ''))}\n"
                f"  - {'yes' if cons.get('required') else 'no'}\n  - {desc}"
            )
        out.append(":::\n")
    return "\n".join(out)


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def glossary_markdown() -> str:
    terms = load("glossary").sort_values("term_en", key=lambda s: s.str.lower())
    lines = [":::{glossary}"]
    for t in terms.itertuples(index=False):
        lines.append(str(t.term_en))
        lines.append(f"  {_cell(t.definition_en)}")
        lines.append("")
        lines.append(f"  Kazakh: {{kk}}`{_cell(t.term_kk)}` · Russian: {{ru}}`{_cell(t.term_ru)}`")
        lines.append("")
    lines.append(":::")
    return "\n".join(lines)
