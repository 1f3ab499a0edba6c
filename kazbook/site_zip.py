"""The whole built site as one zip, for a USB stick: ``python -m kazbook.site_zip [_build/html]``.

Unzipped anywhere and opened from ``index.html`` by double-click (``file://``, no server), the
copy works as the served site does (tests/test_site_zip.py opens every page with the network
cut). The zip holds one folder, ``car-assembly-kazakhstan-<version>/``, with everything the
build made: pages, charts, the PDF and the notebooks when they were built. Two things differ in
the copy:

- search lists its results without the snippet under each one: Sphinx fetches each page for its
  snippet, and a browser refuses fetch() on file:// (the result list stopped with an error);
- the landing page does not offer the zip it sits in.

After writing the zip into the site, the landing page's placeholder
``<span data-kz-download="site-zip"></span>`` (index.md) gets the link and the zip's size. The
site links to the zip only once it exists, so a build without this step links to nothing missing.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import zipfile
from pathlib import Path

from kazbook.project import ROOT, book_version

ZIP_NAME = "car-assembly-kazakhstan-site.zip"
PLACEHOLDER = re.compile(r'(<span data-kz-download="site-zip">)(.*?)(</span>)', re.S)
SEARCH_SUMMARY = re.compile(r"SHOW_SEARCH_SUMMARY:\s*true")


def folder_name(version: str | None = None) -> str:
    return f"car-assembly-kazakhstan-{version or book_version()}"


def human_size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1000:.0f} KB"


def _offline_copy(rel: str, data: bytes) -> bytes:
    """A file as it goes into the zip (see the module's docstring for what differs)."""
    if rel == "_static/documentation_options.js":
        return SEARCH_SUMMARY.sub("SHOW_SEARCH_SUMMARY: false", data.decode("utf-8")).encode("utf-8")
    if rel.endswith(".html") and b'data-kz-download="site-zip"' in data:
        return PLACEHOLDER.sub(r"\1\3", data.decode("utf-8")).encode("utf-8")
    return data


def write_zip(site: Path, target: Path | None = None) -> Path:
    """Zip the built site (all but hidden files and the zip itself) into target, by default
    <site>/car-assembly-kazakhstan-site.zip; written to a temporary name, then moved into place."""
    site = Path(site)
    target = Path(target) if target else site / ZIP_NAME
    if not (site / "index.html").is_file():
        raise SystemExit(f"{site}/index.html does not exist: build the site first (make html)")
    top = folder_name()
    partial = target.with_name(target.name + ".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for path in sorted(site.rglob("*")):
            rel = path.relative_to(site).as_posix()
            if not path.is_file() or path.resolve() in (target.resolve(), partial.resolve()):
                continue
            if any(part.startswith(".") for part in path.relative_to(site).parts):
                continue
            zf.writestr(zipfile.ZipInfo.from_file(path, f"{top}/{rel}"), _offline_copy(rel, path.read_bytes()),
                        compress_type=zipfile.ZIP_DEFLATED)
    os.replace(partial, target)
    return target


def offer_zip(site: Path, zip_path: Path) -> list[Path]:
    """Fill the landing page's placeholder with the link to the zip and its size."""
    rel = os.path.relpath(zip_path, site).replace(os.sep, "/")
    size = human_size(zip_path.stat().st_size)
    offer = (f' · <a href="{rel}">the whole site as a zip</a> ({size}: unzip it anywhere and open '
             "index.html; it works with no internet)")
    changed = []
    for page in site.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        if PLACEHOLDER.search(text):
            page.write_text(PLACEHOLDER.sub(lambda m: m.group(1) + offer + m.group(3), text), encoding="utf-8")
            changed.append(page)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "_build" / "html")
    args = parser.parse_args(argv)
    zip_path = write_zip(args.site)
    pages = offer_zip(args.site, zip_path)
    if not pages:
        print(f"warning: no page of {args.site} offers the zip (no placeholder found)", file=sys.stderr)
    print(f"The whole site as a zip: {zip_path} ({human_size(zip_path.stat().st_size)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
