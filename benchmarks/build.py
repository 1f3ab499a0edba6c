"""Benchmark the book: the newcomer's timeline (a fresh clone's `make book`, total and per
stage, and how often each chapter is executed), the test tiers' times, build times, execution
time, memory, sizes, and quality in a real browser (Lighthouse: this book vs Jupyter Book's
starter template; axe-core counts). Run with `make bench`.

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
sys.path.insert(0, str(ROOT / "tests"))


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


def quality_rows() -> list[tuple[str, str]]:
    """Lighthouse (book vs starter template, same run) and axe-core on the built site."""
    import tempfile

    import sitequality as sq

    rows = []
    weights = sq.page_weights(HTML)
    chapters = [r for r in weights if r.startswith("chapters/")]
    if chapters:
        median = statistics.median(weights[r]["html"] + weights[r]["own_assets"] for r in chapters)
        rows.append(("median chapter page (HTML + own assets), gzipped", f"{median / 1024:.1f} KiB"))
    shared = max(w["shared_assets"] for w in weights.values())
    rows.append(("assets every page shares (cached), gzipped", f"{shared / 1024:.1f} KiB"))
    if not (sq.has_tool(sq.LIGHTHOUSE) and sq.has_tool(sq.CHROMIUM)):
        rows.append(("Lighthouse / axe", "skipped: run `npm ci` and install chromium"))
        return rows
    with tempfile.TemporaryDirectory() as tmp:
        starter = sq.build_starter(Path(tmp), BIN / "jupyter-book")
        with sq.serve_gzipped(starter) as url:
            tpl = [sq.lighthouse(f"{url}/{rel}") for rel in sq.starter_pages(starter)]
    with sq.serve_gzipped(HTML) as url:
        book_pages = ["index.html"] + chapters
        book = [sq.lighthouse(f"{url}/{rel}") for rel in book_pages]
        from playwright.sync_api import sync_playwright

        counts = {}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=sq.CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for rel in sq.pages_of(HTML) + ["search.html", "genindex.html"]:
                for scheme in ("light", "dark"):
                    for v in sq.axe_audit(browser, f"{url}/{rel}", scheme)[0]:
                        counts[v["impact"]] = counts.get(v["impact"], 0) + 1
            browser.close()

    def med(results, key, scale=1.0):
        return statistics.median(r[key] for r in results) * scale

    rows.append(("Lighthouse pages (book: landing + chapters; template)", f"{len(book)} vs {len(tpl)}"))
    rows.append(("Lighthouse performance, median (min): book vs template",
                 f"{med(book, 'performance'):.0f} ({min(r['performance'] for r in book)}) vs "
                 f"{med(tpl, 'performance'):.0f} ({min(r['performance'] for r in tpl)})"))
    rows.append(("Lighthouse accessibility, median (min): book vs template",
                 f"{med(book, 'accessibility'):.0f} ({min(r['accessibility'] for r in book)}) vs "
                 f"{med(tpl, 'accessibility'):.0f} ({min(r['accessibility'] for r in tpl)})"))
    rows.append(("Lighthouse LCP, median: book vs template",
                 f"{med(book, 'lcp_ms', 1e-3):.1f} s vs {med(tpl, 'lcp_ms', 1e-3):.1f} s"))
    rows.append(("Lighthouse transfer per page, median: book vs template",
                 f"{med(book, 'bytes', 1 / 1024):.0f} KiB vs {med(tpl, 'bytes', 1 / 1024):.0f} KiB"))
    rows.append(("axe-core violations (every page, light + dark), by impact",
                 ", ".join(f"{k} {counts.get(k, 0)}" for k in ("critical", "serious", "moderate", "minor"))))
    return rows


def newcomer_rows() -> list[tuple[str, str]]:
    """`make book` as a newcomer runs it: a fresh clone of the committed tree, a new .venv from
    the lock (pip's cache may help, as on any machine used before), npm ci; total and per stage
    from the clone's _build/logs/timings.tsv, and executions per chapter from its logs."""
    import re
    import tempfile

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        clone = Path(tmp) / "book"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "VENV")}
        start = time.perf_counter()
        result = subprocess.run(["make", "book"], cwd=clone, env=env, capture_output=True, text=True)
        total = time.perf_counter() - start
        status = "" if result.returncode == 0 else f" (FAILED, exit {result.returncode})"
        rows.append(("newcomer: fresh-clone `make book`, total", f"{total / 60:.1f} min{status}"))
        logs = clone / "_build" / "logs"
        timings = logs / "timings.tsv"
        for line in timings.read_text(encoding="utf-8").splitlines() if timings.exists() else []:
            _, stage, seconds = line.split("\t")
            rows.append((f"newcomer: stage {stage}", f"{float(seconds) / 60:.1f} min"))
        executed: dict[tuple[str, str], int] = {}
        for log in logs.glob("*.log"):
            # A stage of another language's edition names it (site-kk, pdf-kk, notebooks-kk).
            language = log.stem.rsplit("-", 1)[1] if "-" in log.stem else "en"
            for chapter in re.findall(r"(chapters/[\w-]+)\.md: Executing notebook", log.read_text(encoding="utf-8")):
                executed[language, chapter] = executed.get((language, chapter), 0) + 1
        # Every stage logs each execution myst-nb starts (the notebooks builder and the PDF would
        # log theirs too); a chapter taken from the cache logs none.
        counts = sorted(set(executed.values())) or [0]
        rows.append(("newcomer: executions per chapter and language, all stages (site, PDF, notebooks)",
                     f"{'/'.join(map(str, counts))} (target 1)"))
    return rows


def test_tier_rows() -> list[tuple[str, str]]:
    rows = [("make test-fast", f"{timed(['make', 'test-fast']):.0f} s")]
    if os.environ.get("BENCH_FULL_TESTS", "1") != "0":
        rows.append(("make test (everything)", f"{timed(['make', 'test']) / 60:.1f} min"))
    return rows


def main() -> None:
    rows = newcomer_rows()
    rows.extend(test_tier_rows())
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
    html_clean = float(rows[0][1].split()[0])
    shutil.rmtree(BUILD / "pdf", ignore_errors=True)
    pdf_time = timed(["make", "pdf"])
    rows.append(("PDF build (clean folder, own cache)", f"{pdf_time:.1f} s ({pdf_time / html_clean:.1f}x the clean HTML build)"))
    rows.append(("student and teacher notebooks (make notebooks)", f"{timed(['make', 'notebooks']):.1f} s"))
    rows.append(("bare execution of all notebooks (nbclient)", f"{execute_all_notebooks():.1f} s"))
    rows.append(("peak memory of a build (largest process)", f"{peak_kb / 1024:.0f} MiB"))
    total, page_gz, runtime_gz, n_pages = page_sizes()
    rows.append(("site size (all files)", f"{total / 1e6:.1f} MB"))
    rows.append((f"median page HTML, gzipped ({n_pages} pages)", f"{statistics.median(page_gz) / 1024:.1f} KiB"))
    rows.append(("chart runtime (vega + loader), gzipped", f"{runtime_gz / 1024:.1f} KiB"))
    rows.extend(quality_rows())
    pdf = HTML / "car-assembly-kazakhstan.pdf"
    if pdf.exists():
        rows.append(("PDF size", f"{pdf.stat().st_size / 1e6:.1f} MB"))
    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)}  value")
    for name, value in rows:
        print(f"{name.ljust(width)}  {value}")


if __name__ == "__main__":
    main()
