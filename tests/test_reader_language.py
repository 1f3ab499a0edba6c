"""The reader's language (kazcars.i18n): chosen by KAZCARS_LANGUAGE or kc.set_language, known
from data/labels.csv's columns; every message template exists in every language with the same
placeholders; a Kazakh kernel gets Kazakh feedback, numbers, tables and chart locale."""

import pandas as pd
import pytest

import kazcars as kc
from kazcars import checks, data, i18n, show
from kazcars.checks import CORRECT, HINT, WRONG

checks.check("__load__", None)  # registers every check (full mode)


@pytest.fixture
def kazakh():
    kc.set_language("kk")
    yield
    kc.set_language(None)


def _templates() -> set[str]:
    """Every English template the checks use: descriptions, hints and their fields."""
    used = set()
    for rule in checks._REGISTRY.values():
        used.add(rule.what)
        for alt in rule.alternatives:
            used.add(alt.hint)
            used.update(v for _, v in alt.fields if isinstance(v, str) and not v.isdigit())
    return used


def test_languages_are_the_language_columns_of_labels():
    assert kc.languages() == ("en", "kk", "ru")
    assert set(kc.languages()) < set(kc.load("labels").columns)


def test_an_unknown_language_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("KAZCARS_LANGUAGE", "de")
    with pytest.raises(i18n.LanguageError, match="KAZCARS_LANGUAGE='de'.*en, kk, ru"):
        kc.language()
    with pytest.raises(i18n.LanguageError, match="set_language='xx'"):
        kc.set_language("xx")


def test_the_environment_chooses_and_set_language_overrides(monkeypatch):
    monkeypatch.setenv("KAZCARS_LANGUAGE", "kk")
    assert kc.language() == "kk" and kc.label("axis_year") == "Жыл"
    assert kc.set_language("en") == "en" and kc.label("axis_year") == "Year"
    kc.set_language(None)
    assert kc.language() == "kk"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_message_template_exists_in_every_language(lang):
    catalog = kc.load("messages").set_index("en")
    missing = sorted(t for t in _templates() if t not in catalog.index)
    assert not missing, f"data/messages.csv lacks rows for {missing[:5]}"
    for template in _templates():
        assert i18n.translate(template, lang).strip()


def test_a_translation_with_other_placeholders_is_named_by_file_row_and_column(tmp_path):
    import shutil

    for f in data.DATA_DIR.iterdir():
        if f.is_file():
            shutil.copy(f, tmp_path / f.name)
    lines = (tmp_path / "messages.csv").read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("{number}%", "{numbr}%", 1)
    (tmp_path / "messages.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(data.DataError, match=r"messages.csv, row 2, column 'kk': placeholders \['numbr'\]"):
        data.load("messages", tmp_path)


def test_a_description_in_an_unknown_language_is_named(tmp_path):
    import json
    import shutil

    for f in data.DATA_DIR.iterdir():
        if f.is_file():
            shutil.copy(f, tmp_path / f.name)
    pkg = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    pkg["resources"][0]["schema"]["fields"][0]["description_de"] = "Kennung"
    (tmp_path / "datapackage.json").write_text(json.dumps(pkg), encoding="utf-8")
    with pytest.raises(data.DataError, match="table 'sources', field 'source_id': 'description_de'"):
        data.load("sources", tmp_path)


def test_a_kazakh_check_says_right_and_wrong_in_kazakh(kazakh):
    key = "ch02_car_price_rise_2009"
    expected = checks._REGISTRY[key].expected()
    right, slip, wrong = kc.check(key, expected), kc.check(key, expected * 1000), kc.check(key, 12345.6)
    assert right.verdict == CORRECT and "**Дұрыс.**" in right._repr_markdown_()
    assert slip.verdict == HINT and slip.message.startswith("Өлшем бірлігін тексеріңіз")
    assert wrong.verdict == WRONG and "Әлі дұрыс емес: 12\u00a0346 күтілген жауапқа 1% дәлдікпен" in wrong.message
    assert "Not" not in wrong.message and "answer" not in wrong.message


def test_numbers_in_kazakh_style():
    assert i18n.number(97469, "kk") == "97\u00a0469" and i18n.number(7500, "kk") == "7500"
    assert i18n.number(2015, "kk") == "2015" and i18n.number(26.2, "kk") == "26,2"
    assert i18n.number(97469, "en") == "97,469" and i18n.number(-0.5, "kk") == "-0,5"


def test_kazakh_tables_translate_headers_values_and_numbers_and_keep_missing_cells(kazakh):
    frame = kc.load("plants")[["name_en", "status", "capacity_per_year"]].head(4)
    shown = show.table(frame, values={"status": "plant_status"})
    assert list(shown.columns) == ["Атауы (ағылшынша)", "Жай-күйі", "Жылдық өндірістік қуаты"]
    assert set(shown["Жай-күйі"]) <= {kc.label(f"plant_status_{s}") for s in ("operating", "closed", "planned", "unknown")}
    assert "" in set(shown["Жылдық өндірістік қуаты"])  # a missing capacity stays an empty cell
    assert any("\u00a0" in str(v) for v in shown["Жылдық өндірістік қуаты"])


def test_kazakh_charts_carry_the_format_locale_and_english_ones_none(kazakh):
    from kazcars import charts

    locale = charts.theme()["config"]["locale"]
    assert locale["number"]["decimal"] == "," and locale["number"]["thousands"] == "\u00a0"
    assert locale["time"]["months"][7] == "тамыз" and locale["time"]["date"] == "%d.%m.%Y"
    kc.set_language("en")
    assert "locale" not in charts.theme()["config"]


def test_the_hashed_key_gives_the_same_kazakh_feedback_as_full_mode(kazakh):
    from kazbook.notebooks.answer_key import hashed_entry

    key = "ch02_car_price_rise_2009"
    full = checks._REGISTRY[key]
    hashed = checks.hashed_checks({key: hashed_entry(key, full)})[key]
    target = full.expected()
    for value in (target, target * 1000, 12345.6, ...):
        assert hashed(value) == full(value)


def _chart_descriptions():
    """Every chart description a chapter's code gives: a constant, or kc.text's template."""
    import ast

    import jupytext

    from kazbook.project import ROOT, chapters

    found = []
    for path in chapters(ROOT):
        for cell in jupytext.read(path).cells:
            if cell.cell_type != "code":
                continue
            source = "\n".join(line for line in cell.source.splitlines() if not line.startswith(("%", "!")))
            for node in ast.walk(ast.parse(source)):
                if isinstance(node, ast.keyword) and node.arg == "description":
                    value = node.value
                    if isinstance(value, ast.Call) and value.args:
                        value = value.args[0]
                    found.append((path.name, value.value if isinstance(value, ast.Constant) else None))
    return found


def test_every_chart_description_has_a_translation_in_every_language():
    """A chart's alt text is its English description translated through data/messages.csv; one
    built from data must be a kc.text template, so that the template, not its result, is looked up."""
    descriptions = _chart_descriptions()
    assert len(descriptions) >= 22  # at least two charts per chapter
    catalog = kc.load("messages").set_index("en")
    for chapter, text in descriptions:
        assert text is not None, f"{chapter}: a description built in code; write it as kc.text(template, ...)"
        assert text in catalog.index, f"{chapter}: no row in data/messages.csv for the description {text[:60]!r}"


def test_a_kazakh_chart_gets_its_kazakh_alt_text(kazakh):
    import altair as alt
    import pandas as pd

    from kazcars import charts

    english = _chart_descriptions()[1][1]
    chart = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x:Q").properties(description=english)
    bundle = charts.notebook_renderer(chart.to_dict())
    assert bundle["text/plain"] == i18n.translate(english, "kk") != english
    assert bundle[charts.VEGA_MIMETYPE]["description"] == bundle["text/plain"]


def test_the_kazakh_summary_writes_glued_numbers_the_kazakh_way():
    from docutils import nodes
    from kazbook.summary import kazakh_summary, write_numbers_in_kazakh

    summary = kazakh_summary("", nodes.paragraph("", "шамамен 97,469 автокөлік, 26.2 пайыз, 2015 жылы"),
                             nodes.literal("", "7,500"))
    document = nodes.document(None, None)
    document += summary
    write_numbers_in_kazakh(None, document, "x")
    # Code keeps its own spelling; the marks themselves are test_catalogs' to check.
    assert summary.astext() == "шамамен 97\u00a0469 автокөлік, 26,2 пайыз, 2015 жылы\n\n7,500"


def test_the_kazakh_glossary_and_dictionary_are_written_from_the_kazakh_columns():
    from kazbook.dictionary import build_language, data_dictionary_markdown, glossary_markdown

    assert build_language("kk") == "kk" and build_language(None) == build_language("de") == "en"
    glossary = glossary_markdown("kk")
    terms = kc.load("glossary").set_index("term_id")
    # The Kazakh term heads the entry and the English one follows, so {term} references resolve;
    # the English head is marked English (screen readers).
    assert (f"{terms.at['cagr', 'term_kk']}\n{{en}}`{terms.at['cagr', 'term_en']}`\n"
            f"  {terms.at['cagr', 'definition_kk']}") in glossary
    assert terms.at["cagr", "definition_en"] not in glossary
    dictionary = data_dictionary_markdown("kk")
    assert "* - Баған" in dictionary and "Еркін мәтін: дереккөздер арасындағы қайшылықтар" in dictionary
    assert "* - Column" in data_dictionary_markdown("en")
    # A unit is in the build's language too.
    assert "varies by row" not in dictionary and "varies by row" in data_dictionary_markdown("en")


def test_a_kazakh_table_marks_its_english_text_column_english(kazakh):
    """The claims' English wording (``text_en``) on a Kazakh page is read in an English voice."""
    frame = kc.load("seed_claims")[["claim_id", "text_en", "year"]].head(3)
    html = show._frame_html(show.table(frame))
    assert html.count('<td lang="en">') == 3 and html.count("<td") == 9
    # English prose is marked wherever it sits; a Kazakh cell or a short code is not.
    assert show._frame_html(frame.rename(columns={"text_en": "text"})).count('<td lang="en">') == 3
    mixed = pd.DataFrame({"note": ["Қостанайдағы зауыт", "kia_qazaqstan", "Source gives no exact day here"]})
    assert show._frame_html(mixed).count('<td lang="en">') == 1


def test_the_kazakh_teacher_table_has_kazakh_headers_descriptions_times_and_links():
    from kazbook.teaching import teacher_table_markdown

    kazakh, english = teacher_table_markdown("kk"), teacher_table_markdown("en")
    rule = checks._REGISTRY["ch1_factor_at_62"]
    assert "* - Chapter" in english and rule.what in english and "About 60 minutes" in english
    assert "* - Тарау" in kazakh and rule.described("kk") in kazakh and rule.what not in kazakh
    assert "About" not in kazakh and "Шамамен" in kazakh and ">student<" not in kazakh
