"""data/ is a valid Frictionless package in which every value has a source and every number a
unit; the loader rejects malformed files with a message naming file, row and column; and spot
checks tie key figures to the sources named in the research notes."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

import kazcars
from kazcars.data import DataError, load, package, resource_names

from conftest import ROOT

DATA = ROOT / "data"
NUMERIC = {"integer", "number"}


def tables() -> list[str]:
    return [r["name"] for r in package()["resources"] if r["path"].endswith(".csv")]


def test_package_validates_with_frictionless():
    from frictionless import Package

    report = Package(str(DATA / "datapackage.json")).validate()
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:20]


@pytest.mark.parametrize("name", tables())
def test_every_table_loads_typed_through_the_loader(name):
    frame = load(name)
    assert len(frame) > 0
    fields = {f["name"]: f for f in kazcars.data.resource(name)["schema"]["fields"]}
    for column, field in fields.items():
        if field.get("type") == "integer":
            assert str(frame[column].dtype) == "Int64", column
        if field.get("type") == "number":
            assert str(frame[column].dtype) == "Float64", column


def test_every_csv_in_data_is_described_by_the_package():
    described = {r["path"] for r in package()["resources"]}
    on_disk = {p.relative_to(DATA).as_posix() for p in DATA.rglob("*.csv")}
    assert on_disk <= described


@pytest.mark.parametrize("name", [t for t in tables() if t != "sources"])
def test_every_row_names_sources_that_exist(name):
    frame = load(name)
    assert "source_ids" in frame.columns, f"{name} has no source_ids column"
    known = set(load("sources").source_id)
    assert frame.source_ids.notna().all()
    ids = {sid for cell in frame.source_ids for sid in cell.split(";")}
    assert ids <= known


@pytest.mark.parametrize("name", tables())
def test_every_numeric_column_declares_a_unit(name):
    for field in kazcars.data.resource(name)["schema"]["fields"]:
        if field.get("type") in NUMERIC:
            assert field.get("unit"), f"{name}.{field['name']} has no unit"
            assert field["unit"] in field.get("description", ""), f"{name}.{field['name']}: unit not in description"


def test_every_table_has_a_primary_key():
    for res in package()["resources"]:
        if res["path"].endswith(".csv"):
            assert res["schema"].get("primaryKey"), res["name"]


def test_references_bib_matches_sources():
    from kazbook.bib import render_bibtex

    assert (ROOT / "references.bib").read_text(encoding="utf-8") == render_bibtex()


# --- spot checks against the sources named in the research notes -------------------------

def test_oica_2015_passenger_sales_kazakhstan():
    sales = load("vehicle_sales")
    row = sales[(sales.country == "Kazakhstan") & (sales.year == 2015) & (sales.vehicle_type == "passenger")
                & (sales.source_ids == "oica_sales_via_jhelvy")]
    assert row.units.tolist() == [81500]


# Copies of the shared source tables (tests/fixtures/sources/README.md): no test reads outside
# the repository, so a plain clone runs them all.
SOURCE_COPIES = ROOT / "tests" / "fixtures" / "sources"
SEED_SHA256 = re.search(r"`([0-9a-f]{64})`", (SOURCE_COPIES / "README.md").read_text(encoding="utf-8")
                        .split("the seed article")[1]).group(1)


def test_oica_sales_match_the_shared_oica_table():
    shared = pd.read_csv(SOURCE_COPIES / "oica_sales_country_kazakhstan.csv")
    assert set(shared.country) == {"Kazakhstan"} and len(shared) > 30
    sales = load("vehicle_sales")
    ours = sales[(sales.country == "Kazakhstan") & (sales.source_ids == "oica_sales_via_jhelvy")]
    mapping = {"pc": "passenger", "cv": "commercial"}
    for row in shared.itertuples():
        match = ours[(ours.year == row.year) & (ours.vehicle_type == mapping[row.type])]
        assert match.units.tolist() == [row.n], (row.year, row.type)


def test_the_2015_float():
    dev = load("devaluations")
    assert pd.Timestamp("2015-08-20") in set(dev.date)


def test_azia_avto_is_in_oskemen():
    plants = load("plants")
    azia = plants[plants.name_en.str.contains("Azia|Asia", regex=True)]
    assert len(azia) >= 1
    assert set(azia.city_en) == {"Ust-Kamenogorsk (Oskemen)"} or "Oskemen" in azia.city_en.iloc[0] or "Ust-Kamenogorsk" in azia.city_en.iloc[0]
    assert "Өскемен" in azia.city_kk.iloc[0]


def test_exchange_rates_equal_the_world_bank_file():
    shared = pd.read_csv(SOURCE_COPIES / "kzt_usd.csv")
    ours = load("exchange_rates").set_index("year")
    for row in shared.itertuples():
        assert float(ours.at[row.year, "kzt_per_usd"]) == pytest.approx(row.kzt_per_usd, rel=1e-12)


def test_seed_paragraphs_reassemble_the_article():
    text = (DATA / "seed" / "kazinform_2016_car_assembly.kk.txt").read_text(encoding="utf-8")
    # The hash of shared/sources/seed/000_24c188ba5ecb5714.txt, recorded in tests/fixtures/sources/README.md.
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == SEED_SHA256
    shared = text
    joined = " ".join(load("seed_paragraphs").sort_values("segment").text_kk)
    assert " ".join(joined.split()) == " ".join(shared.split())


def test_seed_only_claims_are_never_marked_as_confirmed_data():
    claims = load("seed_claims")
    unconfirmed = claims[claims.status == "unconfirmed"]
    assert len(unconfirmed) > 0
    # An unconfirmed claim rests on the article alone.
    for cell in unconfirmed.source_ids:
        assert "kazinform_2016_seed" in cell.split(";")


# --- malformed fixtures: each rejected, naming file, row and column -----------------------

def without_frictionless(monkeypatch) -> None:
    """As on a PC with no network that lacks frictionless: `import frictionless` fails."""
    import sys

    monkeypatch.setitem(sys.modules, "frictionless", None)


#: Each malformed case runs twice: through frictionless, and through the loader's own checks
#: (kazcars.schema) as in a student notebook on a PC without frictionless.
@pytest.fixture(params=["frictionless", "own checks"])
def data_copy(request, tmp_path, monkeypatch) -> Path:
    if request.param == "own checks":
        without_frictionless(monkeypatch)
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def _rows(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def _write(path: Path, rows: list[list[str]], encoding: str = "utf-8", bom: bool = False) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    # A spreadsheet saving as Windows-1251 turns letters it lacks (Ә, Ң, ...) into '?'.
    data = buf.getvalue().encode(encoding, errors="replace")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


def _set(data: Path, table: str, row: int, column: str, value: str) -> None:
    """Set one cell; `row` counts data rows from 1 (file line row + 1)."""
    path = data / f"{table}.csv"
    rows = _rows(path)
    rows[row][rows[0].index(column)] = value
    _write(path, rows)


def _reject(data: Path, table: str, *fragments: str) -> str:
    with pytest.raises(DataError) as info:
        load(table, data_dir=data)
    message = str(info.value)
    assert f"{table}.csv" in message
    for fragment in fragments:
        assert fragment in message, message
    return message


def test_missing_column_is_rejected(data_copy):
    path = data_copy / "plants.csv"
    rows = _rows(path)
    i = rows[0].index("city_en")
    _write(path, [r[:i] + r[i + 1:] for r in rows])
    _reject(data_copy, "plants", "row 1", "missing column", "'city_en'")


def test_unexpected_column_is_rejected(data_copy):
    path = data_copy / "plants.csv"
    _write(path, [r + (["colour"] if n == 0 else ["red"]) for n, r in enumerate(_rows(path))])
    _reject(data_copy, "plants", "row 1", "unexpected column", "'colour'")


#: One bad cell a case: table, data row, column, what is written there, and what the error must
#: say of it besides the file, the row and the column, which it always names.
BAD_CELLS = {
    "wrong_type": ("vehicle_sales", 3, "units", "many", ("whole number", "'many'")),
    "thousands_separator_not_coerced":
        ("vehicle_sales", 2, "units", "81,500", ("no thousands separators", "'81,500'")),
    "year_out_of_range": ("vehicle_sales", 1, "year", "1850", ("1850",)),
    "latitude_outside_kazakhstan": ("plants", 1, "latitude", "30.1", ("30.1",)),
    "longitude_outside_kazakhstan": ("plants", 2, "longitude", "100.5", ("100.5",)),
    "share_outside_0_100": ("local_share", 1, "share_percent", "120", ("between 0 and 100",)),
    "unknown_source_id": ("plants", 1, "source_ids", "no_such_source", ("no_such_source",)),
    "empty_required_cell": ("plants", 1, "name_en", "", ("empty",)),
    "date_in_the_wrong_format": ("devaluations", 1, "date", "20.08.2015", ("YYYY-MM-DD", "'20.08.2015'")),
    "date_that_does_not_exist": ("devaluations", 1, "date", "2015-02-30", ("YYYY-MM-DD", "'2015-02-30'")),
    "not_in_the_enum": ("vehicle_sales", 1, "vehicle_type", "bicycles", ("one of", "'bicycles'")),
    "boolean_written_as_yes": ("vehicle_sales", 1, "used_in_book", "yes", ("true or false", "'yes'")),
    "number_with_a_decimal_comma": ("exchange_rates", 1, "kzt_per_usd", "120,3", ("'120,3'",)),
    "unknown_plant_in_a_foreign_key":
        ("brands_by_plant", 1, "plant_id", "no_such_plant", ("unknown reference", "no_such_plant")),
}


@pytest.mark.parametrize("case", BAD_CELLS)
def test_a_bad_cell_is_rejected_naming_its_row_and_column(data_copy, case):
    table, row, column, value, why = BAD_CELLS[case]
    _set(data_copy, table, row, column, value)
    _reject(data_copy, table, f"row {row + 1}", f"'{column}'", *why)


def test_duplicate_key_is_rejected(data_copy):
    path = data_copy / "plants.csv"
    rows = _rows(path)
    _write(path, rows + [rows[1]])
    _reject(data_copy, "plants", f"row {len(rows) + 1}", "duplicate")


def test_byte_order_mark_is_rejected(data_copy):
    path = data_copy / "plants.csv"
    _write(path, _rows(path), bom=True)
    _reject(data_copy, "plants", "row 1", "byte-order mark")


def test_wrong_encoding_is_rejected(data_copy):
    path = data_copy / "plants.csv"
    _write(path, _rows(path), encoding="cp1251")
    _reject(data_copy, "plants", "row 2", "not valid UTF-8")


def test_missing_file_is_rejected_with_its_path(data_copy):
    (data_copy / "plants.csv").unlink()
    _reject(data_copy, "plants", "missing")


def test_unknown_table_name_lists_the_tables():
    with pytest.raises(DataError, match="no table named 'plantz'"):
        load("plantz")
    assert "plants" in resource_names()


def test_malformed_descriptor_names_line_and_column(data_copy):
    (data_copy / "datapackage.json").write_text('{"resources": [', encoding="utf-8")
    with pytest.raises(DataError, match=r"datapackage.json, line 1, column \d+"):
        kazcars.data.package(data_copy)


def test_loader_does_not_drop_rows():
    for name in tables():
        res = kazcars.data.resource(name)
        with open(DATA / res["path"], encoding="utf-8", newline="") as f:
            n = sum(1 for _ in csv.DictReader(f))
        assert len(load(name)) == n, name


def test_map_outline_is_a_checked_geojson(data_copy):
    geo = kazcars.data.outline()
    assert geo["features"][0]["properties"]["name"] == "Kazakhstan"
    (data_copy / "geo" / "kazakhstan.geojson").write_text('{"type": "Feature"}', encoding="utf-8")
    with pytest.raises(DataError, match="kazakhstan.geojson: expected a GeoJSON FeatureCollection"):
        kazcars.data.outline(data_dir=data_copy)
    with pytest.raises(DataError, match="is not a table"):
        load("kazakhstan_outline")


def test_the_own_checks_know_every_feature_of_the_schema():
    # Without frictionless the loader checks with kazcars.schema; a schema feature it cannot
    # check would only be warned about, so the book's schema must use none.
    from kazcars import schema

    assert {r["name"]: schema.unchecked(r) for r in package()["resources"] if schema.unchecked(r)
            and r["path"].endswith(".csv")} == {}


@pytest.mark.parametrize("name", tables())
def test_every_table_loads_the_same_without_frictionless(name, monkeypatch):
    with_it = load(name)
    without_frictionless(monkeypatch)
    kazcars.data._validated_cached.cache_clear()
    pd.testing.assert_frame_equal(load(name), with_it)


def test_every_resource_is_listed_in_datapackage_json_once():
    names = [r["name"] for r in json.loads((DATA / "datapackage.json").read_text())["resources"]]
    assert len(names) == len(set(names))
