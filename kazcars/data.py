"""The one way chapters read ``data/``: validated against ``datapackage.json``, typed, sourced.

``load("plants")`` returns a pandas DataFrame only after the table has passed every check in
its Table Schema (types, required cells, enums, ranges, patterns, primary and foreign keys,
all through the ``frictionless`` library, or where it is missing through the book's own
:mod:`kazcars.schema`) and every id in its ``source_ids`` column has been
found in ``sources.csv``. Anything else raises :class:`DataError`, whose message names the
file, the row and the column and says what was expected. Nothing is dropped or coerced.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
from pathlib import Path

import pandas as pd

from kazcars import schema

#: The data folder: ``data/`` beside this package, unless ``KAZCARS_DATA`` names another.
DATA_DIR = Path(os.environ.get("KAZCARS_DATA", Path(__file__).resolve().parent.parent / "data"))

SOURCE_IDS = "source_ids"
_MAX_REPORTED = 10


class DataError(ValueError):
    """A data file broke its schema; the message names file, row and column."""


def _data_dir(data_dir: str | os.PathLike | None) -> Path:
    return Path(data_dir) if data_dir is not None else DATA_DIR


@functools.lru_cache(maxsize=8)
def _read_package(path: Path, mtime: float) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{path}: the data package descriptor is missing") from None
    except json.JSONDecodeError as exc:
        raise DataError(f"{path}, line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})") from None


def package(data_dir: str | os.PathLike | None = None) -> dict:
    """The parsed ``datapackage.json``."""
    path = _data_dir(data_dir) / "datapackage.json"
    mtime = path.stat().st_mtime if path.exists() else 0.0
    return _read_package(path, mtime)


def _package_languages(pkg: dict) -> list[str]:
    """The language columns of labels.csv, as its schema lists them (``key`` ... ``source_ids``)."""
    for res in pkg.get("resources", []):
        if res.get("name") == "labels":
            names = [f["name"] for f in res["schema"]["fields"]]
            return names[names.index("key") + 1:names.index(SOURCE_IDS)]
    return []


def _check_translated_descriptions(pkg: dict, path: Path) -> None:
    """A title or description in another language is ``title_<lang>`` / ``description_<lang>``
    beside the English one, on a table or a field; ``<lang>`` must be a language of labels.csv."""
    langs = _package_languages(pkg)
    problems = []
    for res in pkg.get("resources", []):
        for where, item in [(f"table {res.get('name')!r}", res)] + [
                (f"table {res.get('name')!r}, field {f.get('name')!r}", f) for f in res.get("schema", {}).get("fields", [])]:
            for key, value in item.items():
                prefix, _, lang = key.partition("_")
                if prefix not in ("title", "description") or not lang:
                    continue
                if lang not in langs:
                    problems.append(f"{path}, {where}: {key!r} names no language of labels.csv ({', '.join(langs)})")
                elif not isinstance(value, str) or not value.strip():
                    problems.append(f"{path}, {where}: {key!r} must be non-empty text")
    if problems:
        raise DataError("\n".join(problems[:_MAX_REPORTED]))


def described(item: dict, lang: str, key: str = "description") -> str:
    """A table's or field's ``description`` (or ``title``) in ``lang``, English where it has none."""
    return item.get(f"{key}_{lang}") or item.get(key, "")


def _check_placeholders(name: str, frame: pd.DataFrame, path: Path) -> None:
    """Each translation of a message template fills the same ``{placeholders}`` as the English."""
    if name != "messages":
        return
    import string

    def fields(text: str) -> list[str]:
        return sorted({f for _, f, _, _ in string.Formatter().parse(text) if f is not None})

    langs = [c for c in frame.columns if c not in ("en", SOURCE_IDS, "confidence", "note")]
    problems = []
    for i, row in frame.iterrows():
        want = fields(row["en"])
        for lang in langs:
            try:
                got = fields(row[lang])
            except ValueError as exc:
                problems.append(f"{path}, row {i + 2}, column {lang!r}: not a valid template ({exc})")
                continue
            if got != want:
                problems.append(f"{path}, row {i + 2}, column {lang!r}: placeholders {got} differ from "
                                f"the English template's {want}")
    if problems:
        raise DataError("\n".join(problems[:_MAX_REPORTED]))


def resource_names(data_dir: str | os.PathLike | None = None) -> list[str]:
    return [r["name"] for r in package(data_dir)["resources"]]


def resource(name: str, data_dir: str | os.PathLike | None = None) -> dict:
    """The descriptor of one table (path, schema, sources)."""
    for res in package(data_dir)["resources"]:
        if res["name"] == name:
            return res
    raise DataError(
        f"{_data_dir(data_dir) / 'datapackage.json'}: no table named {name!r}; "
        f"the tables are: {', '.join(resource_names(data_dir))}"
    )


def _expected(field: dict) -> str:
    """What a field accepts, in words, for error messages."""
    kind = {
        "integer": "a whole number written with digits only (no thousands separators)",
        "number": "a number with '.' as the decimal point and no thousands separators",
        "boolean": "true or false",
        "date": "a date written YYYY-MM-DD",
        "year": "a four-digit year",
        "string": "text",
    }.get(field.get("type", "string"), field.get("type", "a value"))
    cons = field.get("constraints", {})
    parts = [kind]
    if "enum" in cons:
        parts.append("one of " + ", ".join(map(str, cons["enum"])))
    if "minimum" in cons and "maximum" in cons:
        parts.append(f"between {cons['minimum']} and {cons['maximum']}")
    elif "minimum" in cons:
        parts.append(f"at least {cons['minimum']}")
    elif "maximum" in cons:
        parts.append(f"at most {cons['maximum']}")
    if "pattern" in cons:
        parts.append(f"matching the pattern {cons['pattern']}")
    if cons.get("required"):
        parts.append("never empty")
    return ", ".join(parts)


def _precheck_text(path: Path) -> str:
    """Encoding problems that CSV readers tend to hide: a BOM, or bytes that are not UTF-8."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(f"{path}: the file is missing (it is listed in datapackage.json)") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raise DataError(f"{path}, row 1: the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DataError(
            f"{path}, row {line}, byte {col} of the line: not valid UTF-8 "
            f"(byte 0x{raw[exc.start]:02x}); save the file as UTF-8"
        ) from None


def _check_header(path: Path, text: str, fields: list[dict]) -> None:
    header = next(csv.reader(io.StringIO(text)), [])
    expected = [f["name"] for f in fields]
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    if missing:
        raise DataError(f"{path}, row 1: missing column(s) {', '.join(map(repr, missing))}; the schema expects {expected}")
    if extra:
        raise DataError(f"{path}, row 1: unexpected column(s) {', '.join(map(repr, extra))}; the schema expects {expected}")
    if header != expected:
        raise DataError(f"{path}, row 1: columns are in the wrong order; the schema expects {expected}, found {header}")


def _frictionless_problems(name: str, data_dir: Path) -> list[tuple]:
    """Validate one table (with the foreign keys of the whole package) through frictionless."""
    from frictionless import Package

    pkg = Package(str(data_dir / "datapackage.json"))
    report = pkg.get_resource(name).validate()
    problems = []
    for row in report.flatten(["rowNumber", "fieldName", "fieldNames", "type", "note", "cell"]):
        number, field, key, *rest = row
        # A foreign key is a row's error; it names the key's columns.
        problems.append((number, field or (", ".join(key) if key else None), *rest))
    return problems


def _schema_problems(name: str, data_dir: Path, text: str) -> list[tuple]:
    try:
        import frictionless  # noqa: F401
    except ImportError:
        # A student's notebook on a PC with no network may lack frictionless. The data it carries
        # were validated with frictionless when the notebook was built; kazcars.schema repeats
        # every check the schema declares, so an edited copy is still refused.
        def other_rows(table: str) -> list[list[str]]:
            return schema.rows_of(_precheck_text(data_dir / resource(table, data_dir)["path"]))

        return schema.problems(resource(name, data_dir), text, other_rows)
    return _frictionless_problems(name, data_dir)


def _schema_errors(name: str, data_dir: Path, text: str) -> list[str]:
    """The table's schema problems (frictionless's or the book's own checks), in words."""
    messages = []
    fields = {f["name"]: f for f in resource(name, data_dir)["schema"]["fields"]}
    path = data_dir / resource(name, data_dir)["path"]
    for row, column, kind, note, cell in _schema_problems(name, data_dir, text):
        where = f"{path}" + (f", row {row}" if row else "") + (f", column {column!r}" if column else "")
        if kind in ("type-error", "constraint-error") and column in fields:
            found = "an empty cell" if cell in (None, "") else repr(cell)
            messages.append(f"{where}: expected {_expected(fields[column])}; found {found} ({kind}: {note})")
        elif kind == "primary-key":
            messages.append(f"{where}: duplicate primary key ({note})")
        elif kind == "foreign-key":
            messages.append(f"{where}: unknown reference ({note})")
        else:
            messages.append(f"{where}: {kind}: {note}" + (f" (cell {cell!r})" if cell not in (None, "") else ""))
    return messages


def _check_source_ids(name: str, frame: pd.DataFrame, path: Path, data_dir: Path) -> None:
    if SOURCE_IDS not in frame.columns:
        return
    known = set(_validated("sources", data_dir)["source_id"])
    problems = []
    for i, cell in frame[SOURCE_IDS].items():
        for sid in str(cell).split(";"):
            if sid not in known:
                problems.append(f"{path}, row {i + 2}, column {SOURCE_IDS!r}: unknown source id {sid!r}; it must be a source_id in sources.csv")
    if problems:
        raise DataError("\n".join(problems[:_MAX_REPORTED]))


def _typed(frame: pd.DataFrame, fields: list[dict]) -> pd.DataFrame:
    out = {}
    for f in fields:
        col = frame[f["name"]].replace("", pd.NA)
        kind = f.get("type", "string")
        if kind in ("integer", "year"):
            out[f["name"]] = pd.to_numeric(col).astype("Int64")
        elif kind == "number":
            out[f["name"]] = pd.to_numeric(col).astype("Float64")
        elif kind == "boolean":
            out[f["name"]] = col.map({"true": True, "false": False}, na_action="ignore").astype("boolean")
        elif kind == "date":
            out[f["name"]] = pd.to_datetime(col, format="%Y-%m-%d")
        else:
            out[f["name"]] = col.astype("string")
    return pd.DataFrame(out)


@functools.lru_cache(maxsize=64)
def _validated_cached(name: str, data_dir: Path, stamp: tuple) -> pd.DataFrame:
    _check_translated_descriptions(package(data_dir), data_dir / "datapackage.json")
    res = resource(name, data_dir)
    path = data_dir / res["path"]
    fields = res["schema"]["fields"]
    text = _precheck_text(path)
    _check_header(path, text, fields)
    errors = _schema_errors(name, data_dir, text)
    if errors:
        more = f"\n... and {len(errors) - _MAX_REPORTED} more" if len(errors) > _MAX_REPORTED else ""
        raise DataError("\n".join(errors[:_MAX_REPORTED]) + more)
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    _check_source_ids(name, frame, path, data_dir)
    _check_placeholders(name, frame, path)
    return _typed(frame, fields)


def _stamp(data_dir: Path) -> tuple:
    """Modification times of the package, so an edited file is validated again."""
    return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in data_dir.glob("*.csv"))) + (
        (data_dir / "datapackage.json").stat().st_mtime_ns,
    )


def _validated(name: str, data_dir: Path) -> pd.DataFrame:
    res = resource(name, data_dir)  # a clear error for an unknown table name
    if not res["path"].endswith(".csv"):
        raise DataError(f"{data_dir / res['path']}: {name!r} is not a table; use kazcars.data.outline({name!r})")
    return _validated_cached(name, data_dir, _stamp(data_dir))


def load(name: str, data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """Return the table ``name`` from ``data/`` as a typed DataFrame, after validation.

    Raises :class:`DataError` naming file, row and column on the first problem found.
    """
    return _validated(name, _data_dir(data_dir)).copy()


def sources(data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """The sources table, indexed by ``source_id``."""
    return load("sources", data_dir).set_index("source_id")


def outline(name: str = "kazakhstan_outline", data_dir: str | os.PathLike | None = None) -> dict:
    """A map outline from ``data/geo/`` as a GeoJSON dict, after checking its shape."""
    data_dir = _data_dir(data_dir)
    path = data_dir / resource(name, data_dir)["path"]
    text = _precheck_text(path)
    try:
        geo = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(f"{path}, line {exc.lineno}, column {exc.colno}: not valid JSON ({exc.msg})") from None
    if geo.get("type") != "FeatureCollection" or not geo.get("features"):
        raise DataError(f"{path}: expected a GeoJSON FeatureCollection with at least one feature")
    for i, feature in enumerate(geo["features"]):
        if feature.get("geometry", {}).get("type") not in ("Polygon", "MultiPolygon"):
            raise DataError(f"{path}, feature {i}: expected a Polygon or MultiPolygon geometry")
    return geo


def snapshot(snapshot_id: str, data_dir: str | os.PathLike | None = None) -> float:
    """The value of one row of ``snapshots`` (a single reported figure), by its ``snapshot_id``.

    The unit is in the row's ``unit`` column (``load("snapshots")``). Raises ``ValueError`` for
    an id the table does not have, suggesting the closest ids.
    """
    import difflib

    snaps = load("snapshots", data_dir).set_index("snapshot_id")
    if snapshot_id not in snaps.index:
        close = difflib.get_close_matches(str(snapshot_id), list(snaps.index), n=3)
        hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        raise ValueError(f"the table snapshots has no snapshot_id {snapshot_id!r}{hint}")
    return float(snaps.at[snapshot_id, "value"])
