"""Instant feedback on exercise answers: ``check("exercise-id", answer)``.

Two modes, the same feedback. In the book and the teacher's build (full mode) each check
computes its answer from ``data/`` with the formulas in ``kazcars/exercises/``. A student
notebook's bundle has no ``exercises`` package and no expected value: it carries
``answer_hashes.json`` (made at build time by ``kazbook/notebooks/answer_key.py``), in which the
answer and each slip's value are salted hashes of their cell on a logarithmic grid whose step
is the check's tolerance, each with its value sealed by that cell (hashed mode,
:class:`HashedCheck`). A student's number is placed on the grid; only if its cell or a
neighbour hashes to a stored entry does the check unseal the value there, and then it judges
with the same rules as in full mode. A check says
"correct", or gives a specific hint for the usual slips (a unit off by a thousand, a fraction
instead of a percent, a growth factor instead of a rate, the right size for the wrong year),
"not answered yet" for the placeholder ``...``, and a plain message for text where a number
is expected. It never raises on a student's answer.

Feedback must never be wrong. A hint claims to know which slip the student made, so a hint is
offered only when its value stands well apart from the answer (``MIN_SEPARATION``): close to
the answer, a rounded right answer would look like the slip (in chapter 9, an answer rounded
to two figures is a rounding, not "the wrong year"). Which hints stand apart depends on the
data, so full mode decides it each time a check runs, hashed mode when the bundle is made.
Every message states the tolerance and writes numbers in plain notation with thousands
separators; the "correct" message quotes the student's number, never the expected one.

Every message is an English template (``"Not yet: {answer} is ..."``) translated through
``data/messages.csv`` into the reader's language (:mod:`kazcars.i18n`) and filled there, so
a Kazakh kernel gets Kazakh feedback in Kazakh word order, with Kazakh numbers. The hashed
key carries each check's description and each hint in every language.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import numbers
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np

from kazcars.i18n import known, language, message, number, translate

CORRECT = "correct"
NOT_ANSWERED = "not answered"
WRONG_TYPE = "wrong type"
HINT = "hint"
WRONG = "wrong"

#: A hint's value must differ from the answer by at least this fraction of it (or by three
#: tolerances, if that is more): rounding a right answer to two significant figures moves it
#: by up to 5 %, and such a rounding must not be diagnosed as a slip.
MIN_SEPARATION = 0.05


def plain(x: float, lang: str | None = None) -> str:
    """A number as a reader writes it: 75,922 or 37.97 or 0.0123, never 7.592e+04 (in Kazakh
    75 922 or 37,97): four significant figures, whole numbers kept whole."""
    return number(x, lang)


def percent(fraction: float, lang: str | None = None) -> str:
    """0.01 -> '1 %', 0.005 -> '0.5 %' (Kazakh: '1%', '0,5%')."""
    return message("{number} %", lang, number=plain(fraction * 100, lang))


#: What a verdict is called where feedback is shown.
VERDICT_NAMES = {"correct": "Correct", "not answered": "Not answered", "wrong type": "Wrong type",
                 "hint": "Hint", "wrong": "Wrong"}


@dataclass(frozen=True)
class Feedback:
    verdict: str
    message: str

    @property
    def ok(self) -> bool:
        return self.verdict == CORRECT

    def _repr_markdown_(self) -> str:
        # Marks from DejaVu's repertoire, so the PDF can print them.
        mark = {CORRECT: "✓", NOT_ANSWERED: "…", WRONG_TYPE: "!"}.get(self.verdict, "✗")
        return f"{mark} **{translate(VERDICT_NAMES[self.verdict])}.** {self.message}"

    def __repr__(self) -> str:
        # Plain-text front ends (a console, nbgrader's feedback) show this: the reader's language too.
        return f"{translate(VERDICT_NAMES[self.verdict]).upper()}: {self.message}"


@dataclass(frozen=True)
class Alternative:
    """A wrong answer worth recognising, with the hint to give for it: an English template
    (translated through ``data/messages.csv``) and its ``fields``, each itself a template (a
    year is its own template) or a number (written the language's way)."""

    value: Callable[[float], float]
    hint: str
    fields: tuple[tuple[str, str | int | float], ...] = ()

    def text(self, lang: str | None = None) -> str:
        return message(self.hint, lang, strict=False,
                       **{k: known(v, lang) if isinstance(v, str) else v for k, v in self.fields})


def _one_value_guidance(answer: Any) -> str | None:
    """Advice for a pandas or NumPy container where one number is expected."""
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover
        pd = None
    kind = None
    if pd is not None and isinstance(answer, pd.Series):
        kind = "a pandas Series"
    elif pd is not None and isinstance(answer, pd.DataFrame):
        kind = "a pandas DataFrame"
    elif isinstance(answer, np.ndarray):
        kind = "a NumPy array"
    if kind is None:
        return None
    size = int(np.size(answer))
    if size == 1:
        return message("Your answer is {kind} holding one value; the check wants the number itself. "
                       "Take it out with `.item()` or `float(...)`, for example `answer = result.item()`.",
                       kind=translate(kind))
    return message("Your answer is {kind} with {size} values, but the answer is one number. Pick the "
                   "row you need (for example with `.loc[...]` or a filter), then take the number out "
                   "with `.item()` or `float(...)`.", kind=translate(kind), size=size)


def _screen(answer: Any, what: str) -> Feedback | float:
    """The feedback for an answer that is not a number yet, else the answer as a float."""
    if answer is Ellipsis or answer is None:
        return Feedback(NOT_ANSWERED, message("Replace `...` with your answer: {what}.", what=what))
    guidance = _one_value_guidance(answer)
    if guidance:
        return Feedback(WRONG_TYPE, guidance)
    # numbers.Real admits NumPy and pandas scalars (np.int64, np.float64), not bool.
    if isinstance(answer, (bool, np.bool_)) or not isinstance(answer, numbers.Real):
        extra = ""
        if isinstance(answer, str):
            try:
                float(answer.replace(",", ""))
                extra = " " + translate("It looks like a number inside quotes: remove the quotes.")
            except ValueError:
                pass
        return Feedback(WRONG_TYPE, message("Your answer is {type} {value}; write a number ({what}).",
                                            type=type(answer).__name__, value=repr(answer), what=what) + extra)
    answer = float(answer)
    if not math.isfinite(answer):
        return Feedback(WRONG_TYPE, message("Your answer is {value}; write a finite number ({what}).",
                                            value=str(answer), what=what))
    return answer


class _Rule:
    """What full and hashed checks share: the tolerance, the messages and their order.
    A subclass has ``what``, ``rel_tol`` and ``whole`` and finds the verdict in ``_judge``."""

    what: str
    rel_tol: float
    whole: bool

    def described(self, lang: str | None = None) -> str:
        """What the answer is, in the reader's language."""
        return known(self.what, lang)

    def tolerance_text(self, lang: str | None = None) -> str:
        """How close an answer must be, in the words the exercise's prompt uses."""
        if self.whole:
            return translate("the exact whole number", lang)
        return message("within {percent}", lang, percent=percent(self.rel_tol, lang))

    def accepts(self, answer: float, target: float) -> bool:
        if self.whole:
            return abs(answer - target) < 1e-9
        return _close(answer, target, self.rel_tol)

    @property
    def match_tol(self) -> float:
        """How close an answer must be to a slip's value to be that slip."""
        return max(self.rel_tol, 0.01) if self.whole else self.rel_tol

    def _judge(self, answer: float) -> Feedback | None:
        raise NotImplementedError

    def __call__(self, answer: Any) -> Feedback:
        what = self.described()
        answer = _screen(answer, what)
        if isinstance(answer, Feedback):
            return answer
        judged = self._judge(answer)
        if judged is not None:
            return judged
        if self.whole:
            return Feedback(WRONG, message("Not yet: {answer} is not the expected answer (a count). "
                                           "Recheck the numbers you used and the formula ({what}).",
                                           answer=plain(answer), what=what))
        return Feedback(WRONG, message("Not yet: {answer} is not {tolerance} of the expected answer. "
                                       "Recheck the numbers you used and the formula ({what}).",
                                       answer=plain(answer), tolerance=self.tolerance_text(), what=what))

    def _correct(self, answer: float) -> Feedback:
        # The student's own number, never the expected one.
        what = self.described()
        return Feedback(CORRECT, message("{What} is about {answer}.", What=what[:1].upper() + what[1:],
                                         answer=plain(answer)))


@dataclass(frozen=True)
class NumberCheck(_Rule):
    expected: Callable[[], float]
    what: str
    rel_tol: float = 0.01
    alternatives: tuple[Alternative, ...] = field(default_factory=tuple)
    #: A count: only the exact whole number is right.
    whole: bool = False

    def stands_apart(self, value: float, target: float) -> bool:
        """Whether a slip's value is far enough from the answer for its hint to be sure."""
        if not math.isfinite(value):
            return False
        if self.whole:
            return abs(value - target) >= 0.5
        return abs(value - target) > max(MIN_SEPARATION, 3 * self.rel_tol) * abs(target)

    def slips(self, target: float) -> list[tuple[float, Alternative]]:
        """The (value, alternative) pairs usable with the data as it is now."""
        usable = []
        for alt in self.alternatives:
            try:
                value = float(alt.value(target))
            except (ZeroDivisionError, OverflowError, ValueError):
                continue
            if self.stands_apart(value, target):
                usable.append((value, alt))
        # Two slips whose tolerance bands overlap but whose hints differ: neither hint is sure.
        # (Compared as English templates, so every language drops the same ones.)
        key = lambda a: (a.hint, a.fields)  # noqa: E731
        return [(v, a) for v, a in usable
                if not any(key(a2) != key(a) and _close(v, v2, 2 * self.rel_tol) for v2, a2 in usable)]

    def hints(self, target: float, lang: str | None = None) -> list[tuple[float, str]]:
        """The (value, hint) pairs usable with the data as it is now, hints in ``lang``."""
        return [(v, a.text(lang)) for v, a in self.slips(target)]

    def _judge(self, answer: float) -> Feedback | None:
        target = float(self.expected())
        if self.accepts(answer, target):
            return self._correct(answer)
        for value, alt in self.slips(target):
            if _close(answer, value, self.match_tol):
                return Feedback(HINT, alt.text())
        return None


# --- hashed mode: the student bundle ---------------------------------------------------

#: The student bundle's answer key, written beside this module by kazbook/notebooks/answer_key.py.
#: Where it exists there is no kazcars/exercises/ and every check is a HashedCheck.
HASHED_FILE = Path(__file__).with_name("answer_hashes.json")
#: Below this size a number is taken as zero (math.isclose's abs_tol in _close).
_ZERO = 1e-9


def grid_cell(value: float, step: float) -> str:
    """The label of the cell of a logarithmic grid of step ``step`` that holds ``value``
    (sign and index, or "zero")."""
    if abs(value) <= _ZERO:
        return "zero"
    return f"{'-' if value < 0 else '+'}{math.floor(math.log(abs(value)) / step)}"


def _nearby(answer: float, step: float, tol: float) -> list[str]:
    """Labels of every grid cell that may hold a value ``tol`` (relative) from ``answer``."""
    labels = ["zero"] if abs(answer) <= 2 * _ZERO else []
    if answer != 0:
        spread = -math.log1p(-min(tol, 0.5)) + 1e-12
        centre = math.log(abs(answer))
        sign = "-" if answer < 0 else "+"
        labels += [f"{sign}{i}" for i in range(math.floor((centre - spread) / step),
                                                math.floor((centre + spread) / step) + 1)]
    return labels


def digest(salt: str, label: str) -> str:
    return hashlib.sha256(f"{salt}|id|{label}".encode()).hexdigest()[:20]


def _masked(data: bytes, salt: str, label: str, purpose: str) -> bytes:
    """``data`` XOR a keystream from the salt and a grid cell's label: applied twice, the data."""
    stream = b"".join(hashlib.sha256(f"{salt}|{purpose}|{label}|{i}".encode()).digest()
                      for i in range(len(data) // 32 + 1))
    return bytes(a ^ b for a, b in zip(data, stream))


def seal(text: str, salt: str, label: str) -> str:
    """``text`` readable only by whoever knows ``label`` (the slip's grid cell)."""
    return base64.b64encode(_masked(text.encode("utf-8"), salt, label, "text")).decode("ascii")


def seal_value(value: float, salt: str, label: str) -> str:
    """The exact float ``value``, readable only by whoever knows its grid cell: an answer that
    reaches the cell is then judged against the value itself, with full mode's rule."""
    return base64.b64encode(_masked(struct.pack(">d", value), salt, label, "value")).decode("ascii")


def _unseal(sealed: str, salt: str, label: str) -> str:
    return _masked(base64.b64decode(sealed), salt, label, "text").decode("utf-8")


def _unseal_value(sealed: str, salt: str, label: str) -> float:
    return struct.unpack(">d", _masked(base64.b64decode(sealed), salt, label, "value"))[0]


@dataclass(frozen=True)
class HashedCheck(_Rule):
    """A check that holds no expected value. ``answer`` and each of ``slips`` is a dict with the
    ``id`` (digest of its grid cell) and its sealed ``value``; a slip also has its sealed hint
    ``text`` (a JSON object: language -> hint). A count's answer is only the digest of the whole
    number itself. ``what`` is the description in every language."""

    what: dict
    rel_tol: float
    whole: bool
    salt: str
    answer: dict
    slips: tuple[dict, ...]

    def described(self, lang: str | None = None) -> str:
        return self.what[lang or language()]

    def _find(self, entry: dict, answer: float, step: float) -> tuple[str, float] | None:
        for label in _nearby(answer, step, step):
            if digest(self.salt, label) == entry["id"]:
                return label, _unseal_value(entry["value"], self.salt, label)
        return None

    def _judge(self, answer: float) -> Feedback | None:
        if self.whole:
            count = round(answer)
            if abs(answer - count) < 1e-9 and digest(self.salt, f"count{count}") == self.answer["id"]:
                return self._correct(answer)
        else:
            found = self._find(self.answer, answer, self.rel_tol)
            if found and self.accepts(answer, found[1]):
                return self._correct(answer)
        for hint in self.slips:
            found = self._find(hint, answer, self.match_tol)
            if found and _close(answer, found[1], self.match_tol):
                return Feedback(HINT, json.loads(_unseal(hint["text"], self.salt, found[0]))[language()])
        return None


def hashed_checks(key_file: dict) -> dict[str, HashedCheck]:
    """The checks of an answer key as kazbook/notebooks/answer_key.py writes it."""
    return {key: HashedCheck(what=e["what"], rel_tol=e["rel_tol"], whole=e["whole"], salt=e["salt"],
                             answer=e["answer"], slips=tuple(e["slips"]))
            for key, e in key_file.items()}


def _close(a: float, b: float, rel_tol: float) -> bool:
    return math.isclose(a, b, rel_tol=rel_tol, abs_tol=1e-9)


def unit_slips(unit: str) -> tuple[Alternative, ...]:
    """Answers off by a power of a thousand; ``unit`` is an English template too."""
    u = (("unit", unit),)
    return (
        Alternative(lambda t: t * 1_000, "Check the unit: this is a thousand times too big. The answer is in {unit}.", u),
        Alternative(lambda t: t / 1_000, "Check the unit: this is a thousand times too small. The answer is in {unit}.", u),
        Alternative(lambda t: t * 1_000_000, "Check the unit: this is a million times too big. The answer is in {unit}.", u),
        Alternative(lambda t: t / 1_000_000, "Check the unit: this is a million times too small. The answer is in {unit}.", u),
        Alternative(lambda t: t * 1_000_000_000, "Check the unit: this is a billion times too big; the answer is in {unit}, not in single units.", u),
    )


def cagr_slips(value: Callable[[int], float], first: int, last: int) -> tuple[Alternative, ...]:
    """The usual wrong roads to the compound growth rate of ``value(year)`` from ``first`` to
    ``last``: the total change, its simple average, the whole period's factor, and the rate over
    the number of annual values (one step too many) or over one step too few."""
    from kazcars.market import cagr_over, pct_change

    def rate(years: int) -> float:
        return cagr_over(value, first, last, years)

    def total() -> float:
        return pct_change(value(first), value(last))

    steps = last - first
    # Years as written (2018, not 2,018); a count as a number.
    span = (("first", str(first)), ("last", str(last)), ("steps", steps))
    return (
        Alternative(lambda t: total(), "That is the total change from {first} to {last} in percent; spread it over "
                    "the {steps} yearly steps with a root of degree {steps}.", span),
        Alternative(lambda t: total() / steps, "That is the simple average (total change in percent divided by "
                    "{steps}); growth compounds, so take the root of degree {steps} of the growth factor.", span),
        Alternative(lambda t: value(last) / value(first),
                    "That is the growth factor over the whole period, not the yearly rate in percent."),
        Alternative(lambda t: rate(steps + 1), "Count the years again: {values} is the number of annual values; "
                    "there are {last} - {first} = {steps} yearly steps.", span + (("values", steps + 1),)),
        Alternative(lambda t: rate(steps - 1),
                    "Count the years again: from {first} to {last} there are {last} - {first} = {steps} yearly steps.", span),
    )


def percent_slips() -> tuple[Alternative, ...]:
    return (
        Alternative(lambda t: t / 100, "That is a fraction; give the answer in percent (multiply by 100)."),
        Alternative(lambda t: 1 + t / 100, "That is the growth factor, not the rate: subtract 1 and multiply by 100."),
        Alternative(lambda t: 100 + t, "That is the growth factor in percent; the rate is the part above 100."),
    )


_REGISTRY: dict[str, _Rule] = {}


def register(key: str, check: NumberCheck) -> None:
    _REGISTRY[key] = check


def check(key: str, answer: Any) -> Feedback:
    """Check ``answer`` for the exercise ``key``; returns displayable feedback."""
    if HASHED_FILE.exists():  # the student bundle
        if not _REGISTRY:
            _REGISTRY.update(hashed_checks(json.loads(HASHED_FILE.read_text(encoding="utf-8"))))
    else:
        from kazcars import exercises  # noqa: F401  (registers the book's checks)

    if key not in _REGISTRY:
        return Feedback(WRONG_TYPE, message("There is no check called {key}; copy the exercise's check line exactly.",
                                            key=repr(key)))
    return _REGISTRY[key](answer)
