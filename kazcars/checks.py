"""Instant feedback on exercise answers: ``check("exercise-id", answer)``.

The expected answers are not written in the notebooks: each check computes its answer from
``data/`` when it runs, so a student notebook holds no solution in plain form. A check says
"correct", or gives a specific hint for the usual slips (a unit off by a thousand, a fraction
instead of a percent, a growth factor instead of a rate, the right size for the wrong year),
"not answered yet" for the placeholder ``...``, and a plain message for text where a number
is expected. It never raises on a student's answer.

Feedback must never be wrong. A hint claims to know which slip the student made, so a hint is
offered only when its value stands well apart from the answer (``MIN_SEPARATION``): close to
the answer, a rounded right answer would look like the slip (in chapter 9, 300 for 306.9 is a
rounding, not "the wrong year"). Which hints stand apart depends on the data, so it is decided
each time a check runs. Every message states the tolerance and writes numbers in plain
notation with thousands separators.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

CORRECT = "correct"
NOT_ANSWERED = "not answered"
WRONG_TYPE = "wrong type"
HINT = "hint"
WRONG = "wrong"

#: A hint's value must differ from the answer by at least this fraction of it (or by three
#: tolerances, if that is more): rounding a right answer to two significant figures moves it
#: by up to 5 %, and such a rounding must not be diagnosed as a slip.
MIN_SEPARATION = 0.05


def plain(x: float) -> str:
    """A number as a reader writes it: 75,922 or 37.97 or 0.0123, never 7.592e+04."""
    x = float(x)
    if not math.isfinite(x):
        return str(x)
    if x == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(x)))
    decimals = max(0, 3 - magnitude)  # four significant figures, whole numbers kept whole
    text = f"{x:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def percent(fraction: float) -> str:
    """0.01 -> '1 %', 0.005 -> '0.5 %'."""
    return f"{plain(fraction * 100)} %"


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
        return f"{mark} **{self.verdict.capitalize()}.** {self.message}"

    def __repr__(self) -> str:
        return f"{self.verdict.upper()}: {self.message}"


@dataclass(frozen=True)
class Alternative:
    """A wrong answer worth recognising, with the hint to give for it."""

    value: Callable[[float], float]
    hint: str


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
        return (f"Your answer is {kind} holding one value; the check wants the number itself. "
                "Take it out with `.item()` or `float(...)`, for example `answer = result.item()`.")
    return (f"Your answer is {kind} with {size:,} values, but the answer is one number. Pick the "
            "row you need (for example with `.loc[...]` or a filter), then take the number out "
            "with `.item()` or `float(...)`.")


@dataclass(frozen=True)
class NumberCheck:
    expected: Callable[[], float]
    what: str
    rel_tol: float = 0.01
    alternatives: tuple[Alternative, ...] = field(default_factory=tuple)
    #: A count: only the exact whole number is right.
    whole: bool = False

    def tolerance_text(self) -> str:
        """How close an answer must be, in the words the exercise's prompt uses."""
        return "the exact whole number" if self.whole else f"within {percent(self.rel_tol)}"

    def accepts(self, answer: float, target: float) -> bool:
        if self.whole:
            return abs(answer - target) < 1e-9
        return _close(answer, target, self.rel_tol)

    def stands_apart(self, value: float, target: float) -> bool:
        """Whether a slip's value is far enough from the answer for its hint to be sure."""
        if not math.isfinite(value):
            return False
        if self.whole:
            return abs(value - target) >= 0.5
        return abs(value - target) > max(MIN_SEPARATION, 3 * self.rel_tol) * abs(target)

    def hints(self, target: float) -> list[tuple[float, str]]:
        """The (value, hint) pairs usable with the data as it is now."""
        usable = []
        for alt in self.alternatives:
            try:
                value = float(alt.value(target))
            except (ZeroDivisionError, OverflowError, ValueError):
                continue
            if self.stands_apart(value, target):
                usable.append((value, alt.hint))
        # Two slips whose tolerance bands overlap but whose hints differ: neither hint is sure.
        return [(v, h) for v, h in usable
                if not any(h2 != h and _close(v, v2, 2 * self.rel_tol) for v2, h2 in usable)]

    def __call__(self, answer: Any) -> Feedback:
        if answer is Ellipsis or answer is None:
            return Feedback(NOT_ANSWERED, f"Replace `...` with your answer: {self.what}.")
        guidance = _one_value_guidance(answer)
        if guidance:
            return Feedback(WRONG_TYPE, guidance)
        # numbers.Real admits NumPy and pandas scalars (np.int64, np.float64), not bool.
        if isinstance(answer, (bool, np.bool_)) or not isinstance(answer, numbers.Real):
            extra = ""
            if isinstance(answer, str):
                try:
                    float(answer.replace(",", ""))
                    extra = " It looks like a number inside quotes: remove the quotes."
                except ValueError:
                    pass
            return Feedback(WRONG_TYPE, f"Your answer is {type(answer).__name__} {answer!r}; "
                                        f"write a number ({self.what}).{extra}")
        answer = float(answer)
        if not math.isfinite(answer):
            return Feedback(WRONG_TYPE, f"Your answer is {answer}; write a finite number ({self.what}).")
        target = float(self.expected())
        if self.accepts(answer, target):
            return Feedback(CORRECT, f"{self.what[:1].upper()}{self.what[1:]} is about {plain(answer)}.")
        match_tol = max(self.rel_tol, 0.01) if self.whole else self.rel_tol
        for value, hint in self.hints(target):
            if _close(answer, value, match_tol):
                return Feedback(HINT, hint)
        close = "not" if self.whole else f"not {self.tolerance_text()} of"
        return Feedback(WRONG, f"Not yet: {plain(answer)} is {close} the expected answer"
                               + (" (a count)" if self.whole else "")
                               + f". Recheck the numbers you used and the formula ({self.what}).")


def _close(a: float, b: float, rel_tol: float) -> bool:
    return math.isclose(a, b, rel_tol=rel_tol, abs_tol=1e-9)


def unit_slips(unit: str) -> tuple[Alternative, ...]:
    """Answers off by a power of a thousand."""
    return (
        Alternative(lambda t: t * 1_000, f"Check the unit: this is a thousand times too big. The answer is in {unit}."),
        Alternative(lambda t: t / 1_000, f"Check the unit: this is a thousand times too small. The answer is in {unit}."),
        Alternative(lambda t: t * 1_000_000, f"Check the unit: this is a million times too big. The answer is in {unit}."),
        Alternative(lambda t: t / 1_000_000, f"Check the unit: this is a million times too small. The answer is in {unit}."),
        Alternative(lambda t: t * 1_000_000_000, f"Check the unit: this is a billion times too big; the answer is in {unit}, not in single units."),
    )


def percent_slips() -> tuple[Alternative, ...]:
    return (
        Alternative(lambda t: t / 100, "That is a fraction; give the answer in percent (multiply by 100)."),
        Alternative(lambda t: 1 + t / 100, "That is the growth factor, not the rate: subtract 1 and multiply by 100."),
        Alternative(lambda t: 100 + t, "That is the growth factor in percent; the rate is the part above 100."),
    )


_REGISTRY: dict[str, NumberCheck] = {}


def register(key: str, check: NumberCheck) -> None:
    _REGISTRY[key] = check


def check(key: str, answer: Any) -> Feedback:
    """Check ``answer`` for the exercise ``key``; returns displayable feedback."""
    from kazcars import exercises  # noqa: F401  (registers the book's checks)

    if key not in _REGISTRY:
        return Feedback(WRONG_TYPE, f"There is no check called {key!r}; copy the exercise's check line exactly.")
    return _REGISTRY[key](answer)
