"""Measuring a built site the way a reader gets it: served gzipped on loopback, loaded by
Lighthouse (performance and accessibility, mobile, simulated throttling) and checked by axe-core.

Shared by tests/test_quality.py and benchmarks/build.py; it measures and asserts nothing.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import json
import os
import re
import shutil
import subprocess
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --no-first-run")

TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """A static server that gzips text responses, as any real host of the site would."""

    def log_message(self, *args):
        pass

    def send_head(self):  # noqa: D401 - SimpleHTTPRequestHandler hook
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            index = os.path.join(path, "index.html")
            if not self.path.split("?")[0].endswith("/") or not os.path.exists(index):
                return super().send_head()
            path = index
        ctype = self.guess_type(path)
        if (not os.path.isfile(path) or not ctype.startswith(TEXT_TYPES)
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        with open(path, "rb") as f:
            body = gzip.compress(f.read(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        import io

        return io.BytesIO(body)


@contextlib.contextmanager
def serve_gzipped(directory: Path):
    """Serve `directory` on 127.0.0.1 (a free port) until the block ends."""

    def handler(*args, **kwargs):
        return GzipHandler(*args, directory=str(directory), **kwargs)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def lighthouse(url: str, lighthouse_bin: Path | str = LIGHTHOUSE, chrome: str = CHROMIUM,
               timeout: int = 240) -> dict:
    """One Lighthouse run (mobile, simulated throttling): scores 0-100 and the key numbers."""
    cmd = [str(lighthouse_bin), url, "--quiet", "--output=json", "--output-path=stdout",
           "--only-categories=performance,accessibility", "--form-factor=mobile",
           "--throttling-method=simulate", f"--chrome-flags={CHROME_FLAGS}"]
    env = dict(os.environ, CHROME_PATH=chrome)
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    if result.returncode != 0 or not result.stdout.strip():
        raise RuntimeError(f"lighthouse failed on {url} ({result.returncode}): {result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse could not load {url}: {report['runtimeError']}")
    cats, audits = report["categories"], report["audits"]

    def score(name):
        value = cats[name]["score"]
        return None if value is None else round(value * 100)

    def num(audit):
        return audits.get(audit, {}).get("numericValue")

    requests = audits.get("network-requests", {}).get("details", {}).get("items", [])
    origin = "{0.scheme}://{0.netloc}".format(urlparse(url))
    failed_a11y = sorted(a["id"] for a in (audits[r["id"]] for r in cats["accessibility"]["auditRefs"])
                         if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") == "binary")
    return {
        "url": url,
        "performance": score("performance"),
        "accessibility": score("accessibility"),
        "lcp_ms": num("largest-contentful-paint"),
        "fcp_ms": num("first-contentful-paint"),
        "tbt_ms": num("total-blocking-time"),
        "cls": num("cumulative-layout-shift"),
        "bytes": num("total-byte-weight"),
        "requests": len(requests),
        "outside": sorted({r["url"] for r in requests
                           if not r["url"].startswith((origin, "data:", "blob:"))}),
        "failed_accessibility_audits": failed_a11y,
    }


def axe_violations(page) -> list[dict]:
    """axe-core's violations on an opened Playwright page: [{id, impact, nodes, help}]."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page.evaluate(axe.axe_script)
    # Every rule, experimental ones included (Lighthouse runs label-content-name-mismatch too),
    # except those for WCAG AAA only (the book aims at AA: e.g. contrast 4.5:1, not 7:1).
    rules = page.evaluate("axe.getRules().filter(r => !r.tags.includes('wcag2aaa')).map(r => r.ruleId)")
    results = axe.run(page, options={"resultTypes": ["violations"], "runOnly": {"type": "rule", "values": rules}})
    return [{"id": v["id"], "impact": v.get("impact"), "nodes": len(v.get("nodes", [])), "help": v.get("help"),
             "targets": [n.get("target") for n in v.get("nodes", [])][:5]}
            for v in results.response["violations"]]


def pages_of(site: Path) -> list[str]:
    """Every content page of a built Jupyter Book, relative to the site (no search/genindex)."""
    skip = {"search.html", "genindex.html"}
    # A translation's folder (kk/) holds its own _static/ and _sources/ too.
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if p.name not in skip and not any(part.startswith("_") for part in p.relative_to(site).parts))


ASSET = re.compile(r'(?:src|href|data-kz-runtime)="([^"#?]+)(?:\?[^"]*)?"')
#: The chart runtime: loaded only by pages with charts, cached, and budgeted on its own.
RUNTIME_FILES = ("_static/kazbook/vega.min.js", "_static/kazbook/kazbook-charts.js")


def gz_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def page_assets(site: Path, rel: str) -> list[Path]:
    """The site's own scripts, styles and images a page loads (not links to other pages)."""
    page = site / rel
    html = page.read_text(encoding="utf-8")
    found = []
    for match in re.finditer(r'<(script|link|img|source)\b[^>]*>', html):
        tag = match.group(0)
        if tag.startswith("<link") and not re.search(r'rel="(stylesheet|preload|icon|modulepreload)"', tag):
            continue
        for ref in ASSET.findall(tag):
            if "://" in ref or ref.startswith(("data:", "mailto:")):
                continue
            target = (page.parent / ref).resolve()
            if target.is_file() and target.suffix != ".html":
                found.append(target)
    return sorted(set(found))


def edition_of(site: Path, rel: str) -> str:
    """The folder of the edition a page belongs to: "" for the site's own, "kk/" for a
    translation built into a folder of its own (it has its own _static/)."""
    top = rel.split("/", 1)[0]
    return f"{top}/" if "/" in rel and (site / top / "_static").is_dir() else ""


def page_weights(site: Path) -> dict[str, dict]:
    """Per page, gzipped: the HTML; its own assets (not loaded by every page, not the chart
    runtime); the chart runtime if it has charts; and the assets every page shares (cached
    after the first page)."""
    pages = pages_of(site)
    assets = {rel: page_assets(site, rel) for rel in pages}
    # Each edition (the site, and a translation in a folder with its own _static/) shares its
    # own assets.
    editions = {rel: edition_of(site, rel) for rel in pages}
    shared = {e: set.intersection(*(set(assets[r]) for r in pages if editions[r] == e)) for e in set(editions.values())}
    runtime = {(site / e / f).resolve() for e in shared for f in RUNTIME_FILES}
    out = {}
    for rel in pages:
        own = [a for a in assets[rel] if a not in shared[editions[rel]] and a not in runtime]
        out[rel] = {
            "html": gz_size(site / rel),
            "own_assets": sum(gz_size(a) for a in own),
            "runtime": sum(gz_size(a) for a in assets[rel] if a in runtime),
            "shared_assets": sum(gz_size(a) for a in assets[rel] if a in shared[editions[rel]]),
            "own_asset_files": [a.relative_to(site).as_posix() for a in own],
        }
    return out


def runtime_size(site: Path) -> int:
    """The chart runtime (vega + the book's loader), gzipped."""
    return sum(gz_size(site / f) for f in RUNTIME_FILES)


def build_starter(dest: Path, jupyter_book: str | Path, timeout: int = 900) -> Path:
    """`jupyter-book create` the starter template in dest and build it like the book, except
    for -W: one of its notebooks imports matplotlib, which the book does not install (that cell
    shows its error; the page is measured all the same)."""
    book = dest / "starter"
    if book.exists():
        shutil.rmtree(book)
    subprocess.run([str(jupyter_book), "create", str(book)], check=True, capture_output=True, timeout=120)
    result = subprocess.run([str(jupyter_book), "build", str(book), "-n", "--keep-going"],
                            capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError("the starter template did not build:\n" + (result.stdout + result.stderr)[-4000:])
    return book / "_build" / "html"


def starter_pages(site: Path) -> list[str]:
    """The template's content pages (its index.html is only a redirect to intro.html)."""
    return [p for p in pages_of(site) if p != "index.html"]


def lighthouse_median(url: str, runs: int = 3, good=None, **kw) -> dict:
    """Lighthouse's own advice for a noisy machine: the median of several runs. If `good(result)`
    holds after the first run, that run stands."""
    first = lighthouse(url, **kw)
    if good is not None and good(first):
        return first
    results = [first] + [lighthouse(url, **kw) for _ in range(runs - 1)]
    results.sort(key=lambda r: r["performance"] or 0)
    return results[len(results) // 2]


#: Sections far from the screen are skipped by content-visibility (_static/book.css) until the
#: reader nears them; an audit must see every one drawn.
SHOW_ALL_SECTIONS = ".bd-article section { content-visibility: visible !important; }"


def cut_the_network(page, inside) -> tuple[list[str], list[str]]:
    """Abort (and record) every request for which ``inside(url)`` is false, as if the network
    were cut, and record console errors and page errors. Returns the two lists, filled as the
    page runs."""
    outside, errors = [], []

    def route(r):
        target = r.request.url
        if inside(target) or urlparse(target).scheme in ("data", "blob", "about"):
            r.continue_()
        else:
            outside.append(target)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    return outside, errors


def same_origin(url: str):
    """For cut_the_network: requests to ``url``'s origin stay inside."""
    origin = "{0.scheme}://{0.netloc}".format(urlparse(url))
    return lambda target: "{0.scheme}://{0.netloc}".format(urlparse(target)) == origin


def open_for_audit(browser, url: str, scheme: str = "light", draw: bool = True, viewport: dict | None = None):
    """Open a page as a reader would, recording requests outside the site; with ``draw``, every
    section laid out and every chart drawn, else as first loaded."""
    context = browser.new_context(color_scheme=scheme, **({"viewport": viewport} if viewport else {}))
    page = context.new_page()
    outside, errors = cut_the_network(page, same_origin(url))
    page.goto(url, wait_until="load")
    if draw:
        draw_everything(page)
    page.wait_for_timeout(300)
    return context, page, outside, errors


def draw_everything(page) -> None:
    """Lay out every section (none skipped for being far from the screen) and draw every chart."""
    page.add_style_tag(content=SHOW_ALL_SECTIONS)
    if page.locator("[data-kz-chart]").count():
        page.evaluate("window.kazbook.drawAll()")
        page.wait_for_function("[...document.querySelectorAll('[data-kz-chart]')].every("
                               "e => e.dataset.kzReady || e.dataset.kzError)", timeout=30_000)


def axe_audit(browser, url: str, scheme: str = "light") -> tuple[list[dict], list[str]]:
    """axe-core violations of a page in a colour scheme, and any requests outside the site."""
    context, page, outside, _ = open_for_audit(browser, url, scheme)
    try:
        return axe_violations(page), outside
    finally:
        context.close()


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in ("serious", "critical")]


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def page_links(page: Path) -> list[str]:
    """Every href and src of a page."""
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.links


def dead_links(site: Path, pages: list[Path] | None = None, folder_index: bool = True) -> list[str]:
    """Links from pages (by default every page of the site and its search page) to files of the
    site that do not exist, as "page -> link". A link to a folder stands for its index.html where
    a server serves one (folder_index); opened from a folder (file://) a browser lists the folder
    instead, so there it counts as dead."""
    if pages is None:
        pages = [site / rel for rel in pages_of(site)] + [site / "search.html"]
    dead = []
    for page in pages:
        for link in page_links(page):
            url = urlparse(link)
            if url.scheme or url.netloc or link.startswith(("#", "mailto:", "javascript:")):
                continue
            target = (page.parent / unquote(url.path)).resolve() if url.path else page
            if target.is_dir() and folder_index:
                target = target / "index.html"
            if not target.is_file():
                dead.append(f"{page.relative_to(site)} -> {link}")
    return dead


def has_tool(path: str | Path) -> bool:
    return Path(path).exists() or shutil.which(str(path)) is not None


# --- pages opened with the network cut (the site, its zip, the student edition) -----------

# Console lines known to be harmless, each with the reason it is allowed.
ALLOWED_CONSOLE = {
    # (none yet)
}

CHART = "[data-kz-chart]"
# Vega marks a drawn chart's container with role="graphics-document"; the SVG is inside it.
DRAWN = "[data-kz-chart][role='graphics-document'][data-kz-ready]:has(svg.marks)"


def open_offline(browser, url: str, site_origin: str | None):
    """Open a page with every request outside the site aborted and recorded."""
    context = browser.new_context()
    page = context.new_page()
    inside = (lambda target: urlparse(target).scheme == "file") if site_origin is None else same_origin(site_origin)
    outside, errors = cut_the_network(page, inside)
    # A missing file (a 404 for the favicon, say) is an error too, even where no console shows it.
    page.on("response", lambda r: r.status >= 400 and errors.append(f"{r.status} for {r.url}"))
    page.goto(url, wait_until="load")
    charts = page.locator(CHART).count()
    # Charts draw as they near the screen; draw every one now (test_quality.py and
    # test_lighter_pages.py check that scrolling draws them too).
    draw_everything(page)
    return context, page, outside, errors, charts


def unexpected_console(errors):
    return [e for e in errors if not any(allowed in e for allowed in ALLOWED_CONSOLE)]


def offline_problems(browser, site, site_url: str) -> tuple[list[str], int]:
    """Open every page of the built ``site`` served at ``site_url`` with the network cut: what
    went wrong on each (requests that left the site, console errors, charts not drawn), and
    how many charts the pages hold."""
    total_charts = 0
    problems = []
    for rel in pages_of(site):
        context, page, outside, errors, charts = open_offline(browser, f"{site_url}/{rel}", site_url)
        drawn = page.locator(DRAWN).count()
        failed = page.locator("[data-kz-chart][data-kz-error]").count()
        total_charts += charts
        if outside:
            problems.append(f"{rel}: requests left the site: {outside}")
        if unexpected_console(errors):
            problems.append(f"{rel}: console errors: {unexpected_console(errors)}")
        if drawn != charts or failed:
            problems.append(f"{rel}: {drawn} of {charts} charts drawn ({failed} failed)")
        context.close()
    return problems, total_charts


def runtime_without_chart(site) -> list[str]:
    """Pages that load the chart runtime with no chart, or hold a chart without it."""
    return [rel for rel in pages_of(site)
            if ("kazbook/vega.min.js" in (html := (site / rel).read_text(encoding="utf-8"))) != ("data-kz-chart" in html)]
