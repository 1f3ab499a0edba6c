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
from kazcars.i18n import known, message, number


def _fmt(value: float) -> str:
    """A control's number in the reader's language: 10,000 / 0.1 (Kazakh 10 000 / 0,1)."""
    return number(value, decimals=0 if float(value).is_integer() else 6)


class InputError(ValueError):
    """A value an explorer cannot use; the message is written for a student."""


class _Control:
    label: str

    @property
    def shown(self) -> str:
        """The label in the reader's language (data/messages.csv), or as the chapter wrote it."""
        return known(self.label)


@dataclass(frozen=True)
class IntRange(_Control):
    label: str
    min: int
    max: int
    value: int
    step: int = 1

    def check(self, name: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InputError(message("{label}: expected a whole number between {min} and {max}, got {value}",
                                     label=self.shown, min=str(self.min), max=str(self.max), value=repr(value)))
        if not self.min <= value <= self.max:
            raise InputError(message("{label}: {value} is outside the range {min}–{max} covered by the data",
                                     label=self.shown, value=str(value), min=str(self.min), max=str(self.max)))
        return value

    def widget(self):
        import ipywidgets as w

        return w.IntSlider(value=self.value, min=self.min, max=self.max, step=self.step, description=self.shown,
                           continuous_update=False, style={"description_width": "initial"})

    def describe(self) -> str:
        return message("a control **{label}** for a whole number from {min} to {max}",
                       label=self.shown, min=str(self.min), max=str(self.max))


@dataclass(frozen=True)
class Number(_Control):
    label: str
    value: float
    min: float
    max: float

    def check(self, name: str, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InputError(message("{label}: expected a number, got {value}", label=self.shown, value=repr(value)))
        if not self.min <= value <= self.max:
            raise InputError(message("{label}: {value} is outside the allowed range {min}–{max}", label=self.shown,
                                     value=_fmt(value), min=_fmt(self.min), max=_fmt(self.max)))
        return value

    def widget(self):
        import ipywidgets as w

        return w.BoundedFloatText(value=self.value, min=self.min, max=self.max, description=self.shown,
                                  style={"description_width": "initial"})

    def describe(self) -> str:
        return message("a number box **{label}** ({min} to {max})", label=self.shown,
                       min=_fmt(self.min), max=_fmt(self.max))


@dataclass(frozen=True)
class Choice(_Control):
    label: str
    options: tuple
    value: Any

    def check(self, name: str, value: Any) -> Any:
        if value not in self.options:
            raise InputError(message("{label}: {value} is not one of the choices ({choices})", label=self.shown,
                                     value=repr(value), choices=", ".join(map(str, self.options))))
        return value

    def widget(self):
        import ipywidgets as w

        return w.Dropdown(options=list(self.options), value=self.value, description=self.shown,
                          style={"description_width": "initial"})

    def describe(self) -> str:
        return message("a menu **{label}** ({choices})", label=self.shown, choices=", ".join(map(str, self.options)))


def checked(func: Callable, controls: dict) -> Callable:
    """``func`` with every argument checked against its control first."""

    def run(**values):
        for name, value in values.items():
            controls[name].check(name, value)
        return func(**values)

    run.__name__ = getattr(func, "__name__", "explorer")
    return run


def _show_input_error(exc: InputError) -> None:
    display(Markdown(message("**Check your input:** {error}", error=str(exc))))


def explorer(func: Callable, controls: dict, *, live_note: str = "") -> None:
    """Show ``func`` with ``controls``: live in a kernel, as its starting state in the book."""
    run = checked(func, controls)
    start = {name: c.value for name, c in controls.items()}
    if render_target() == SITE:
        described = "; ".join(c.describe() for c in controls.values())
        # A whole number as it is (often a year, never grouped); a float in the language's style.
        shown = ", ".join(f"{c.shown} = {_fmt(start[name]) if isinstance(start[name], float) else start[name]}"
                          for name, c in controls.items())
        display(Markdown((message("*Explorer.* In Jupyter or Colab this cell gives {described}. "
                                  "The page shows its result for {shown}.", described=described, shown=shown)
                          + f" {live_note}").strip()))
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
