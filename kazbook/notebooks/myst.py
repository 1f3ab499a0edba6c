"""MyST-only syntax of a chapter (glue, citations, roles, directives) as plain Markdown."""

from __future__ import annotations

import re
from pathlib import Path


class NotebookError(ValueError):
    """A chapter that cannot be turned into notebooks; the message names the file and cell."""


FENCE_BLOCK = re.compile(r"^```\{(?P<name>[\w:-]+)\}(?P<arg>[^\n]*)\n(?P<body>.*?)^```[ \t]*$", re.S | re.M)


def _format_glue(value: str, spec: str) -> str:
    try:
        number = float(value)
    except ValueError:
        return value.strip("'\"")
    return format(number, spec) if spec else (str(int(number)) if number.is_integer() else f"{number:g}")


class MystToMarkdown:
    def __init__(self, glued: dict[str, str], sources):
        self.glued = glued
        self.sources = sources
        self.cited: list[str] = []
        self.exercise_number = 0

    def citation(self, keys: str) -> str:
        parts = []
        for key in keys.split(","):
            key = key.strip()
            if key not in self.cited:
                self.cited.append(key)
            row = self.sources.loc[key]
            year = str(row.date)[:4] if str(row.date) not in ("", "<NA>") else "n.d."
            parts.append(f"{row.publisher}, {year}")
        return "(" + "; ".join(parts) + ")"

    def inline(self, text: str) -> str:
        def glue(m):
            name, _, spec = m.group(1).partition(":")
            if name not in self.glued:
                raise NotebookError(f"glue:text `{name}` has no glued value")
            return _format_glue(self.glued[name], spec)

        text = re.sub(r"\{glue:text\}`([^`]+)`", glue, text)
        text = re.sub(r"\{footcite:[pt]\}`([^`]+)`|\{footcite\}`([^`]+)`",
                      lambda m: self.citation(m.group(1) or m.group(2)), text)
        text = re.sub(r"\{term\}`([^`<]+?)\s*<[^>]+>`", r"\1", text)
        text = re.sub(r"\{(?:term|kk|ru)\}`([^`]+)`", r"\1", text)
        text = re.sub(r"\{doc\}`([^`<]+?)\s*<[^>]+>`", r"\1 (in the book)", text)
        text = re.sub(r"\{doc\}`([^`]+)`", lambda m: f"*{Path(m.group(1)).name.replace('-', ' ')}* (in the book)", text)
        text = re.sub(r"\{numref\}`([^`]+)`", r"\1", text)
        text = re.sub(r"^\([\w-]+\)=\s*$\n?", "", text, flags=re.M)
        return text

    def block(self, m: re.Match) -> str:
        name, arg, body = m.group("name"), m.group("arg").strip(), m.group("body")
        content = "\n".join(line for line in body.splitlines() if not re.match(r"^:\w+:", line)).strip()
        if name == "glue:figure":
            return f"*Figure ({arg}).* {self.inline(content)}"
        if name == "exercise-start":
            self.exercise_number += 1
            return f"### Exercise {self.exercise_number}"
        if name in ("exercise-end", "solution-end"):
            return ""
        if name == "solution-start":
            return ""
        if name == "footbibliography":
            return "\n".join(f"- {self._reference(k)}" for k in self.cited) or "- (none)"
        if name in ("note", "tip", "warning", "important", "admonition"):
            return f"> **{name.capitalize()}.** " + self.inline(content).replace("\n", "\n> ")
        return self.inline(content)

    def _reference(self, key: str) -> str:
        row = self.sources.loc[key]
        bits = [str(row.publisher), f"*{row.title}*"]
        if str(row.date) not in ("", "<NA>"):
            bits.append(str(row.date))
        if str(row.url) not in ("", "<NA>"):
            bits.append(str(row.url))
        return ". ".join(bits) + "."

    def convert(self, text: str) -> str:
        out = FENCE_BLOCK.sub(self.block, text)
        out = self.inline(out)
        return re.sub(r"\n{3,}", "\n\n", out).strip()
