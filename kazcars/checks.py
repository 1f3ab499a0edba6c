"""Instant feedback on exercise answers: ``check("exercise-id", answer)``.

The expected answers are not written in the notebooks: each check computes its answer from
``data/`` when it runs, so a student notebook holds no solution in plain form. A check says
"correct", or gives a specific hint for the usual slips (a unit off by a thousand, a fraction
instead of a percent, a growth factor instead of a rate, the right size for the wrong year),
"not answered yet" for the placeholder ``...``, and a plain message for text where a number
is expected. It never raises on a student's answer.
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


@dataclass(frozen=True)
class NumberCheck:
    expected: Callable[[], float]
    what: str
    rel_tol: float = 0.01
    alternatives: tuple[Alternative, ...] = field(default_factory=tuple)

    def __call__(self, answer: Any) -> Feedback:
        if answer is Ellipsis or answer is None:
            return Feedback(NOT_ANSWERED, f"Replace `...` with your answer: {self.what}.")
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
        target = self.expected()
        if _close(answer, target, self.rel_tol):
            return Feedback(CORRECT, f"{self.what[:1].upper()}{self.what[1:]} is about {answer:,.4g}.")
        for alt in self.alternatives:
            if _close(answer, alt.value(target), self.rel_tol):
                return Feedback(HINT, alt.hint)
        return Feedback(WRONG, f"Not yet. Recheck the numbers you used and the formula ({self.what}).")


def _close(a: float, b: float, rel_tol: float) -> bool:
    return math.isclose(a, b, rel_tol=rel_tol, abs_tol=1e-9)


def unit_slips(unit: str) -> tuple[Alternative, ...]:
    """Answers off by a power of a thousand (or a hundred, for percentages)."""
    return (
        Alternative(lambda t: t * 1_000, f"Check the unit: this looks like a thousand times too big. The answer is in {unit}."),
        Alternative(lambda t: t / 1_000, f"Check the unit: this looks like thousands; the answer is in {unit}."),
        Alternative(lambda t: t * 1_000_000, f"Check the unit: this looks a million times too big. The answer is in {unit}."),
        Alternative(lambda t: t / 1_000_000, f"Check the unit: this looks a million times too small. The answer is in {unit}."),
        Alternative(lambda t: t * 1_000_000_000, f"Check the unit: the answer is in {unit}, not in single units."),
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
