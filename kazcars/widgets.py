"""Explorers: ipywidgets controls in Jupyter and Colab, a meaningful static state in the book.

A chapter describes its controls with :class:`IntRange`, :class:`Choice` and :class:`Number`
and passes a function that draws or computes the result. In a live kernel the controls become
ipywidgets and the result recomputes as the reader moves them. In the book (HTML and PDF)
no widget is created at all, so no dead control can appear: the reader sees which controls
the notebook offers, the result for their starting values, and where to run it live.
Values outside a control's range raise :class:`InputError` with a plain message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from IPython.display import Markdown, display

from kazcars.charts import SITE, render_target


def _fmt(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


class InputError(ValueError):
    """A value an explorer cannot use; the message is written for a student."""


@dataclass(frozen=True)
class IntRange:
    label: str
    min: int
    max: int
    value: int
    step: int = 1

    def check(self, name: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InputError(f"{self.label}: expected a whole number between {self.min} and {self.max}, got {value!r}")
        if not self.min <= value <= self.max:
            raise InputError(f"{self.label}: {value} is outside the range {self.min}–{self.max} covered by the data")
        return value

    def widget(self):
        import ipywidgets as w

        return w.IntSlider(value=self.value, min=self.min, max=self.max, step=self.step, description=self.label,
                           continuous_update=False, style={"description_width": "initial"})

    def describe(self) -> str:
        return f"a control **{self.label}** for a whole number from {self.min} to {self.max}"


@dataclass(frozen=True)
class Number:
    label: str
    value: float
    min: float
    max: float

    def check(self, name: str, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InputError(f"{self.label}: expected a number, got {value!r}")
        if not self.min <= value <= self.max:
            raise InputError(f"{self.label}: {_fmt(value)} is outside the allowed range {_fmt(self.min)}–{_fmt(self.max)}")
        return value

    def widget(self):
        import ipywidgets as w

        return w.BoundedFloatText(value=self.value, min=self.min, max=self.max, description=self.label,
                                  style={"description_width": "initial"})

    def describe(self) -> str:
        return f"a number box **{self.label}** ({_fmt(self.min)} to {_fmt(self.max)})"


@dataclass(frozen=True)
class Choice:
    label: str
    options: tuple
    value: Any

    def check(self, name: str, value: Any) -> Any:
        if value not in self.options:
            raise InputError(f"{self.label}: {value!r} is not one of the choices ({', '.join(map(str, self.options))})")
        return value

    def widget(self):
        import ipywidgets as w

        return w.Dropdown(options=list(self.options), value=self.value, description=self.label,
                          style={"description_width": "initial"})

    def describe(self) -> str:
        return f"a menu **{self.label}** ({', '.join(map(str, self.options))})"


def checked(func: Callable, controls: dict) -> Callable:
    """``func`` with every argument checked against its control first."""

    def run(**values):
        for name, value in values.items():
            controls[name].check(name, value)
        return func(**values)

    run.__name__ = getattr(func, "__name__", "explorer")
    return run


def _show_input_error(exc: InputError) -> None:
    display(Markdown(f"**Check your input:** {exc}"))


def explorer(func: Callable, controls: dict, *, live_note: str = "") -> None:
    """Show ``func`` with ``controls``: live in a kernel, as its starting state in the book."""
    run = checked(func, controls)
    start = {name: c.value for name, c in controls.items()}
    if render_target() == SITE:
        described = "; ".join(c.describe() for c in controls.values())
        shown = ", ".join(f"{c.label} = {start[name]}" for name, c in controls.items())
        display(Markdown(
            f"*Explorer.* In Jupyter or Colab this cell gives {described}. "
            f"The page shows its result for {shown}. {live_note}".strip()
        ))
        result = run(**start)
        if result is not None:
            display(result)
        return

    import ipywidgets as w

    def live(**values):
        try:
            result = run(**values)
        except InputError as exc:
            _show_input_error(exc)
            return
        if result is not None:
            display(result)

    display(w.interactive(live, **{name: c.widget() for name, c in controls.items()}))
