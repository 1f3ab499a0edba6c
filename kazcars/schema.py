"""The checks of ``datapackage.json``'s Table Schema, done with the standard library.

:mod:`kazcars.data` validates through ``frictionless`` where it is installed (the book build
always has it). A student notebook on a school PC with no network may lack it: the data it
carries were validated with frictionless when the notebook was built, and this module repeats
every check the schema declares (cell count per row, types, required, enum, minimum, maximum,
pattern, length, unique, the primary key and the foreign keys), so an edited copy of ``data/``
is still refused with the same row and column named. A schema feature it does not know is
named in a warning, never passed over quietly (``tests/test_data_package.py`` checks that the
book's schema uses none).

Each problem is a tuple ``(row, column, kind, note, cell)``, the shape of a flattened
frictionless report, so :mod:`kazcars.data` words both the same way.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import warnings
from urllib.parse import urlsplit

INTEGER = re.compile(r"[+-]?\d+")
NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
TRUE, FALSE = ["true", "True", "TRUE", "1"], ["false", "False", "FALSE", "0"]

TYPES = {"string", "integer", "number", "boolean", "date", "year"}
FORMATS = {None, "default", "uri"}
CONSTRAINTS = {"required", "enum", "minimum", "maximum", "pattern", "unique", "minLength", "maxLength"}
FIELD_KEYS = {"name", "type", "title", "description", "constraints", "unit", "format", "trueValues", "falseValues"}


def _is_known_field_key(key: str) -> bool:
    # A title or description in another language (description_kk) describes; it checks nothing.
    return key in FIELD_KEYS or key.split("_", 1)[0] in ("title", "description")
SCHEMA_KEYS = {"fields", "primaryKey", "foreignKeys", "missingValues"}


def _cast(field: dict, cell: str):
    """The cell's value as the field's type; ValueError if it is not one."""
    kind = field.get("type", "string")
    if kind in ("integer", "year"):
        if not INTEGER.fullmatch(cell) or (kind == "year" and len(cell.lstrip("+-")) != 4):
            raise ValueError
        return int(cell)
    if kind == "number":
        if not NUMBER.fullmatch(cell):
            raise ValueError
        return float(cell)
    if kind == "boolean":
        if cell in field.get("trueValues", TRUE):
            return True
        if cell in field.get("falseValues", FALSE):
            return False
        raise ValueError
    if kind == "date":
        if not DATE.fullmatch(cell):
            raise ValueError
        return datetime.date.fromisoformat(cell)
    if field.get("format") == "uri":
        parts = urlsplit(cell)
        if not (parts.scheme and parts.netloc) or " " in cell:
            raise ValueError
    return cell


def _bound(field: dict, value):
    return datetime.date.fromisoformat(value) if field.get("type") == "date" and isinstance(value, str) else value


def _constraint_problems(field: dict, cell: str, value) -> list[tuple[str, str]]:
    cons = field.get("constraints", {})
    found = []
    if "enum" in cons and value not in [_bound(field, v) for v in cons["enum"]]:
        found.append(("enum", f'constraint "enum" is "{cons["enum"]}"'))
    if "minimum" in cons and value < _bound(field, cons["minimum"]):
        found.append(("minimum", f'constraint "minimum" is "{cons["minimum"]}"'))
    if "maximum" in cons and value > _bound(field, cons["maximum"]):
        found.append(("maximum", f'constraint "maximum" is "{cons["maximum"]}"'))
    if "pattern" in cons and not re.fullmatch(cons["pattern"], cell):
        found.append(("pattern", f'constraint "pattern" is "{cons["pattern"]}"'))
    if "minLength" in cons and len(cell) < cons["minLength"]:
        found.append(("minLength", f'constraint "minLength" is "{cons["minLength"]}"'))
    if "maxLength" in cons and len(cell) > cons["maxLength"]:
        found.append(("maxLength", f'constraint "maxLength" is "{cons["maxLength"]}"'))
    return found


def unchecked(resource: dict) -> list[str]:
    """The schema features of one table that this module cannot check (none, for the book's)."""
    schema = resource.get("schema", {})
    odd = [f"schema key {k!r}" for k in schema if k not in SCHEMA_KEYS]
    odd += [f"missing value {v!r}" for v in schema.get("missingValues", [""]) if v != ""]
    for field in schema.get("fields", []):
        name = field["name"]
        if field.get("type", "string") not in TYPES:
            odd.append(f"{name}: type {field.get('type')!r}")
        if field.get("format") not in FORMATS:
            odd.append(f"{name}: format {field.get('format')!r}")
        odd += [f"{name}: field key {k!r}" for k in field if not _is_known_field_key(k)]
        odd += [f"{name}: constraint {k!r}" for k in field.get("constraints", {}) if k not in CONSTRAINTS]
    return odd


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def problems(resource: dict, text: str, other_rows) -> list[tuple]:
    """Every schema problem of one table whose file reads ``text``. ``other_rows(name)`` gives
    another table's rows (header first), for the foreign keys."""
    unknown = unchecked(resource)
    if unknown:
        warnings.warn(f"{resource['path']}: without frictionless these schema features are not checked: "
                      + "; ".join(unknown), stacklevel=3)
    schema = resource["schema"]
    fields = schema["fields"]
    rows = rows_of(text)
    header, body = rows[0], rows[1:]
    found = []
    columns = {f["name"]: [] for f in fields}
    for number, row in enumerate(body, start=2):
        if len(row) != len(header):
            kind = "extra-cell" if len(row) > len(header) else "missing-cell"
            found.append((number, None, kind, f"the row has {len(row)} cells, the header {len(header)}", None))
            continue
        for field, cell in zip(fields, row):
            columns[field["name"]].append((number, cell))
            if cell == "":
                if field.get("constraints", {}).get("required"):
                    found.append((number, field["name"], "constraint-error", 'constraint "required" is "True"', cell))
                continue
            try:
                value = _cast(field, cell)
            except ValueError:
                found.append((number, field["name"], "type-error",
                              f'type is "{field.get("type", "string")}/{field.get("format", "default")}"', cell))
                continue
            found += [(number, field["name"], "constraint-error", note, cell)
                      for _, note in _constraint_problems(field, cell, value)]
    for field in fields:
        if field.get("constraints", {}).get("unique"):
            seen = {}
            for number, cell in columns[field["name"]]:
                if cell != "" and cell in seen:
                    found.append((number, field["name"], "constraint-error",
                                  f'constraint "unique" is "True": the value is also in row {seen[cell]}', cell))
                seen.setdefault(cell, number)
    found += _key_problems(schema, header, body, other_rows)
    return sorted(found, key=lambda p: (p[0] or 0))


def _key_problems(schema: dict, header: list[str], body: list[list[str]], other_rows) -> list[tuple]:
    found = []
    index = {name: i for i, name in enumerate(header)}
    whole = [(n, r) for n, r in enumerate(body, start=2) if len(r) == len(header)]
    key = schema.get("primaryKey") or []
    key = [key] if isinstance(key, str) else key
    if key:
        seen = {}
        for number, row in whole:
            value = tuple(row[index[k]] for k in key)
            if value in seen:
                found.append((number, None, "primary-key",
                              f'the same as in row {seen[value]}: {", ".join(key)} = {", ".join(value)}', None))
            seen.setdefault(value, number)
    for fk in schema.get("foreignKeys", []):
        own = [fk["fields"]] if isinstance(fk["fields"], str) else fk["fields"]
        ref = fk["reference"]
        theirs = [ref["fields"]] if isinstance(ref["fields"], str) else ref["fields"]
        target = other_rows(ref["resource"]) if ref.get("resource") else [header] + body
        t_index = {name: i for i, name in enumerate(target[0])}
        known = {tuple(r[t_index[f]] for f in theirs) for r in target[1:] if len(r) == len(target[0])}
        for number, row in whole:
            value = tuple(row[index[f]] for f in own)
            if any(value) and value not in known:
                found.append((number, ", ".join(own), "foreign-key",
                              f'for "{", ".join(own)}": values "{", ".join(value)}" not found in the lookup table '
                              f'"{ref.get("resource") or "itself"}" as "{", ".join(theirs)}"', None))
    return found
