"""The student bundle's answer key, ``kazcars/answer_hashes.json``, and the
bundle's file list without the answer formulas (``kazcars/exercises/``).

At notebook-generation time every check's expected value and every usable slip's value is
computed from ``data/`` as it is, placed on a logarithmic grid whose step is the check's
tolerance (:func:`kazcars.checks.grid_cell`), and stored as a salted digest of its grid cell,
with the value itself sealed (XOR) by that cell; a count's answer is only the digest of the
whole number. Each hint is sealed the same way, so it can be read only by an answer that
makes that slip. The
reading side is :class:`kazcars.checks.HashedCheck`, in the student's kernel. This module is
part of the build package, never packed: the student's kernel does not need it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Iterator

from kazcars import checks
from kazcars.i18n import languages

#: Bundle paths (relative, POSIX) the student bundle leaves out: the answer formulas.
LEFT_OUT = ("kazcars/exercises/",)
KEY_PATH = "kazcars/" + checks.HASHED_FILE.name


def _salt(key: str) -> str:
    # Per check, so that equal values in two checks give different digests; fixed, so that an
    # unchanged book gives the same bundle (and the same notebooks).
    return hashlib.sha256(f"kazcars answer key|{key}".encode()).hexdigest()[:16]


def hashed_entry(key: str, rule: checks.NumberCheck) -> dict:
    salt = _salt(key)
    target = float(rule.expected())
    if rule.whole:
        if not target.is_integer():
            raise ValueError(f"{key}: a count's expected value must be a whole number, not {target!r}")
        answer = {"id": checks.digest(salt, f"count{int(target)}")}
    else:
        label = checks.grid_cell(target, rule.rel_tol)
        answer = {"id": checks.digest(salt, label), "value": checks.seal_value(target, salt, label)}
    slips = []
    for value, alt in rule.slips(target):
        label = checks.grid_cell(value, rule.match_tol)
        # Every language's hint, so the notebook gives it in whichever language its kernel runs.
        texts = json.dumps({lang: alt.text(lang) for lang in languages()}, ensure_ascii=False, sort_keys=True)
        slips.append({"id": checks.digest(salt, label), "value": checks.seal_value(value, salt, label),
                      "text": checks.seal(texts, salt, label)})
    return {"what": {lang: rule.described(lang) for lang in languages()}, "rel_tol": rule.rel_tol,
            "whole": rule.whole, "salt": salt, "answer": answer, "slips": slips}


def answer_hashes() -> dict:
    """Every registered check's hashed entry, with the data as it is."""
    checks.check("__load__", None)  # registers the book's checks (full mode)
    return {key: hashed_entry(key, rule) for key, rule in sorted(checks._REGISTRY.items())
            if isinstance(rule, checks.NumberCheck)}


def bundle_files(root: Path, tops: tuple[str, ...]) -> Iterator[tuple[str, bytes]]:
    """(path, content) of the student bundle in a fixed order: ``tops`` without the left-out
    answer formulas, plus the hashed answer key."""
    files = {path.relative_to(root).as_posix(): path for top in tops for path in (root / top).rglob("*")
             if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"}
    files = {name: path.read_bytes() for name, path in files.items() if not name.startswith(LEFT_OUT)}
    files[KEY_PATH] = json.dumps(answer_hashes(), sort_keys=True, separators=(",", ":")).encode("utf-8")
    yield from sorted(files.items())
