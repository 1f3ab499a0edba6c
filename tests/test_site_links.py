"""Every link inside the published site (pages, notebooks, PDFs, worksheets, zips, data
downloads) points at a file that exists, so nothing a reader clicks is dead, online or from a
folder."""

from sitequality import dead_links


def test_every_local_link_resolves(built_site, generated, pdf, worksheet_pdfs):
    assert dead_links(built_site) == []
