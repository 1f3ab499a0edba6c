"""`make student-site`: the student edition (kazbook/editions.py) in every language, into
``_build/student/_build/html/`` (each translation in its folder, as in the full site), from each
language's full edition: its execution cache (nothing runs again) and its student notebooks
(`make notebooks`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from kazbook.languages import book_languages, build_edition
from kazbook.project import ROOT

#: Where the student edition is built, in the book's folder; its site is in _build/html/.
STUDENT_BUILD = Path("_build") / "student"


def build_student_site(flags: list[str], root: Path = ROOT) -> int:
    """Build it; returns jupyter-book's exit status."""
    translations = book_languages(root)[1:]
    out = root / STUDENT_BUILD
    base = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    base["sphinx"]["config"]["kazbook_hide_solutions"] = True
    base["execute"]["cache"] = str(root / "_build" / ".jupyter_cache")
    out.mkdir(parents=True, exist_ok=True)
    config = out / "_config.yml"
    config.write_text(yaml.safe_dump(base, allow_unicode=True, sort_keys=False), encoding="utf-8")
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    status = subprocess.run([str(jupyter_book), "build", str(root), "--config", str(config),
                             "--path-output", str(out), *flags], cwd=root).returncode
    for lang in translations:
        if status:
            break
        base["execute"]["cache"] = str(root / "_build" / lang / "_build" / ".jupyter_cache")
        status = build_edition(lang, flags, root, base=base, path_output=out)
    if not status:
        print(f"The student edition is at: {out / '_build' / 'html' / 'index.html'}")
    return status


if __name__ == "__main__":
    sys.exit(build_student_site(sys.argv[1:]))
