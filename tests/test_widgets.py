"""Explorers: live ipywidgets in a kernel, a meaningful static state in the book, and plain
messages for values a control cannot take."""

import pytest

from kazcars import widgets
from kazcars.widgets import Choice, InputError, IntRange, Number, checked, explorer


def _double(x: int, mode: str):
    return f"{mode}:{x * 2}"


CONTROLS = {"x": IntRange("Year", min=1994, max=2025, value=2015), "mode": Choice("Mode", ("a", "b"), "a")}


def test_static_fallback_shows_controls_and_starting_result(monkeypatch):
    shown = []
    monkeypatch.setenv("KAZCARS_RENDER", "site")
    monkeypatch.setattr(widgets, "display", lambda obj: shown.append(obj))
    explorer(_double, CONTROLS)
    note = shown[0].data
    assert "**Year** for a whole number from 1994 to 2025" in note and "Year = 2015" in note
    assert shown[1] == "a:4030"
    assert not any(type(o).__module__.startswith("ipywidgets") for o in shown)


def test_live_explorer_is_an_ipywidgets_interactive(monkeypatch):
    import ipywidgets

    shown = []
    monkeypatch.setenv("KAZCARS_RENDER", "notebook")
    monkeypatch.setattr(widgets, "display", lambda obj: shown.append(obj))
    explorer(_double, CONTROLS)
    live = [o for o in shown if isinstance(o, ipywidgets.interactive)]
    assert len(live) == 1
    assert [c.description for c in live[0].children[:2]] == ["Year", "Mode"]


@pytest.mark.parametrize("value, fragment", [(1990, "outside the range 1994–2025"), ("2015", "whole number"),
                                             (True, "whole number"), (2015.5, "whole number")])
def test_bad_slider_values_get_plain_messages(value, fragment):
    with pytest.raises(InputError, match=fragment):
        checked(_double, CONTROLS)(x=value, mode="a")


def test_bad_choice_and_number_values_get_plain_messages():
    with pytest.raises(InputError, match="not one of the choices"):
        checked(_double, CONTROLS)(x=2000, mode="c")
    with pytest.raises(InputError, match="outside the allowed range"):
        Number("Start", value=1, min=0, max=10).check("start", 11)
    with pytest.raises(InputError, match="expected a number"):
        Number("Start", value=1, min=0, max=10).check("start", "ten")
