"""No page, script, stylesheet or chart output of the built site points at a CDN or any other
host: the book must work from a folder with no network."""

import json
import re

from conftest import ROOT

CDN = re.compile(r"cdn\.jsdelivr\.net|unpkg\.com|cdnjs\.cloudflare\.com|fonts\.googleapis\.com|"
                 r"fonts\.gstatic\.com|code\.jquery\.com|cdn\.plot\.ly|require\.js|mathjax@|"
                 r"https?://[^\"'\s)]*\.(?:js|css|woff2?)(?:[\"'\s?)])")


def test_no_built_page_or_asset_references_a_cdn(built_site):
    offenders = []
    for path in built_site.rglob("*"):
        if path.suffix in (".html", ".js", ".css") and path.name != "vega.min.js":
            for m in CDN.finditer(path.read_text(encoding="utf-8", errors="replace")):
                offenders.append(f"{path.relative_to(built_site)}: {m.group(0)}")
    assert offenders == []


def test_no_executed_chart_output_references_a_cdn(built_site):
    executed = ROOT / "_build" / "jupyter_execute"
    notebooks = list(executed.rglob("*.ipynb"))
    assert notebooks, "the build writes executed notebooks"
    for nb in notebooks:
        for cell in json.loads(nb.read_text())["cells"]:
            for out in cell.get("outputs", []):
                html = "".join(out.get("data", {}).get("text/html", []))
                assert not CDN.search(html), f"{nb.name}: a cell output loads from a CDN"


def test_the_cdn_check_catches_altair_default_output():
    # Altair's stock HTML output is what this test exists to keep out of the site.
    import altair as alt
    from altair.vegalite.v6.display import html_renderer

    spec = alt.Chart(alt.Data(values=[{"a": 1}])).mark_point().encode(x="a:Q").to_dict()
    bundle = html_renderer(spec)
    html = (bundle[0] if isinstance(bundle, tuple) else bundle)["text/html"]
    assert CDN.search(html)
