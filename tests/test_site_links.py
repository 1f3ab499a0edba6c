"""Every link inside the published site (pages, notebooks, PDF, zips, data downloads) points at
a file that exists, so nothing a reader clicks is dead, online or from a folder."""

from urllib.parse import unquote, urlparse

from html.parser import HTMLParser

from conftest import book_pages


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def test_every_local_link_resolves(built_site, generated, pdf):
    dead = []
    for page in book_pages(built_site) + [built_site / "search.html"]:
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            url = urlparse(link)
            if url.scheme or url.netloc or link.startswith(("#", "mailto:", "javascript:")):
                continue
            target = (page.parent / unquote(url.path)).resolve() if url.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                dead.append(f"{page.relative_to(built_site)} -> {link}")
    assert dead == []
