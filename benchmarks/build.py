"""Benchmark the book: build times, execution time, memory and sizes. Run with `make bench`.

Prints one table. It measures; it asserts nothing (the budgets live in the tests).
"""

from __future__ import annotations

import gzip
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
BUILD = ROOT / "_build"
HTML = BUILD / "html"
CHAPTER = ROOT / "chapters" / "01-reading-the-news.md"


def timed(cmd: list[str], **kw) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    return time.perf_counter() - start


def build_cmd(*extra: str) -> list[str]:
    return [str(BIN / "jupyter-book"), "build", str(ROOT), "-n", "-W", "--keep-going", *extra]


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def execute_all_notebooks() -> float:
    """Bare execution: every chapter through jupytext and nbclient, no Sphinx, no cache."""
    import jupytext
    from nbclient import NotebookClient

    env = dict(os.environ, KAZCARS_RENDER="site")
    os.environ.update(env)
    start = time.perf_counter()
    for md in sorted((ROOT / "chapters").glob("*.md")):
        nb = jupytext.read(md)
        NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(md.parent)}}).execute()
    return time.perf_counter() - start


def page_sizes() -> tuple[int, list[int], int, int]:
    total = sum(p.stat().st_size for p in HTML.rglob("*") if p.is_file())
    pages = [p for p in HTML.rglob("*.html") if not p.relative_to(HTML).parts[0].startswith("_")]
    page_gz = [gz(p.read_bytes()) for p in pages]
    runtime = HTML / "_static" / "kazbook"
    runtime_gz = sum(gz(p.read_bytes()) for p in runtime.glob("*.js"))
    return total, page_gz, runtime_gz, len(pages)


def main() -> None:
    rows = []
    shutil.rmtree(BUILD, ignore_errors=True)
    rows.append(("clean build (with execution)", f"{timed(build_cmd()):.1f} s"))
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    rows.append(("no-change rebuild", f"{timed(build_cmd()):.1f} s"))
    original = CHAPTER.read_text(encoding="utf-8")
    try:
        CHAPTER.write_text(original + "\n<!-- benchmark edit -->\n", encoding="utf-8")
        rows.append(("one-chapter text edit rebuild", f"{timed(build_cmd()):.1f} s"))
        CHAPTER.write_text(original.replace("kc.setup()", "kc.setup()  # benchmark edit", 1), encoding="utf-8")
        rows.append(("one-chapter code edit rebuild", f"{timed(build_cmd()):.1f} s"))
    finally:
        CHAPTER.write_text(original, encoding="utf-8")
    timed(build_cmd())
    rows.append(("bare execution of all notebooks (nbclient)", f"{execute_all_notebooks():.1f} s"))
    rows.append(("peak memory of a build (largest process)", f"{peak_kb / 1024:.0f} MiB"))
    total, page_gz, runtime_gz, n_pages = page_sizes()
    rows.append(("site size (all files)", f"{total / 1e6:.1f} MB"))
    rows.append((f"median page HTML, gzipped ({n_pages} pages)", f"{statistics.median(page_gz) / 1024:.1f} KiB"))
    rows.append(("chart runtime (vega + loader), gzipped", f"{runtime_gz / 1024:.1f} KiB"))
    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)}  value")
    for name, value in rows:
        print(f"{name.ljust(width)}  {value}")


if __name__ == "__main__":
    main()
