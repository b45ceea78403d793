"""The static HTML edition: self-contained pages whose every link and image resolves, with alt text."""
from __future__ import annotations

import base64
import binascii
import logging
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest
from bs4 import BeautifulSoup

from rhetoric.base.paths import NOTEBOOKS
from rhetoric.report import edition

NBCONVERT_PLACEHOLDER = "No description has been provided for this image"
SIGNATURES = {"image/png": b"\x89PNG\r\n\x1a\n", "image/jpeg": b"\xff\xd8", "image/gif": b"GIF8",
              "image/svg+xml": b"<"}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, list[Path], list[str]]:
    out = tmp_path_factory.mktemp("html")
    records = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        pages = edition.build(out)
    finally:
        root.removeHandler(handler)
    return out, pages, records


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), features="html.parser")


def _ids(soup: BeautifulSoup) -> set[str]:
    return {el["id"] for el in soup.find_all(id=True)} | {el["name"] for el in soup.find_all("a", attrs={"name": True})}


def _anchor_exists(fragment: str, ids: set[str]) -> bool:
    return not fragment or fragment in ids or unquote(fragment) in ids


def _decode_data_uri(uri: str) -> tuple[str, bytes]:
    match = re.fullmatch(r"data:([\w/+.-]+)(;[\w=.-]+)*?(;base64)?,(.*)", uri, flags=re.DOTALL)
    assert match, f"malformed data URI {uri[:60]}"
    mime, is_b64, payload = match.group(1), match.group(3), match.group(4)
    data = base64.b64decode(payload, validate=True) if is_b64 else unquote(payload).encode()
    return mime, data


def check_page(path: Path, out_dir: Path) -> list[str]:
    """Every problem a reader of ``path`` would hit offline: broken links, anchors, images, missing alt,
    anything loaded from elsewhere."""
    soup = _soup(path)
    ids = _ids(soup)
    problems = []
    for a in soup.find_all("a", href=True):
        href = a["href"]
        parts = urlsplit(href)
        if parts.scheme in ("http", "https", "mailto"):
            continue  # the web: not checkable offline, and not needed to read the page
        if parts.scheme or href.startswith("//"):
            problems.append(f"{path.name}: link with scheme {href[:60]}")
        elif not parts.path:
            if not _anchor_exists(parts.fragment, ids):
                problems.append(f"{path.name}: no anchor {href}")
        else:
            target = (path.parent / unquote(parts.path)).resolve()
            if not target.is_file() or not target.is_relative_to(out_dir.resolve()):
                problems.append(f"{path.name}: link to a missing file {href}")
            elif parts.fragment and target.suffix == ".html" and not _anchor_exists(parts.fragment,
                                                                                     _ids(_soup(target))):
                problems.append(f"{path.name}: no anchor {href}")
    for img in soup.find_all("img"):
        src = img.get("src", "")
        alt = (img.get("alt") or "").strip()
        if not alt or alt == NBCONVERT_PLACEHOLDER:
            problems.append(f"{path.name}: image without alt text ({src[:40]})")
        if src.startswith("data:"):
            try:
                mime, data = _decode_data_uri(src)
            except (binascii.Error, ValueError, AssertionError) as exc:
                problems.append(f"{path.name}: undecodable image data URI ({exc})")
                continue
            if not data.startswith(SIGNATURES.get(mime, b"")) or not data:
                problems.append(f"{path.name}: data URI is not a {mime}")
        elif urlsplit(src).scheme or src.startswith("//") or not (path.parent / unquote(src)).is_file():
            problems.append(f"{path.name}: image not embedded and not beside the page: {src[:60]}")
    for tag in soup.find_all(["script", "link", "iframe", "source", "video", "audio", "embed", "object"]):
        ref = tag.get("src") or tag.get("href") or tag.get("data")
        if ref and not ref.startswith("data:"):
            problems.append(f"{path.name}: <{tag.name}> loads {ref[:60]}")
    for style in soup.find_all("style"):
        css = re.sub(r"/\*.*?\*/", "", style.get_text(), flags=re.DOTALL)  # URLs in comments load nothing
        if "@import" in css:
            problems.append(f"{path.name}: CSS @import")
        problems += [f"{path.name}: CSS loads {u[:60]}"
                     for u in re.findall(r"url\(\s*['\"]?([^'\")]+)", css) if not u.startswith(("data:", "#"))]
    return problems


def test_every_notebook_has_a_page_and_the_index_lists_it_by_title(built):
    out, pages, _ = built
    notebooks = edition.notebook_files(NOTEBOOKS)
    assert [p.name for p in pages] == ["index.html"] + [f"{nb.stem}.html" for nb in notebooks]
    index = _soup(out / "index.html")
    links = {a["href"]: a.get_text() for a in index.find_all("a", href=True)}
    for nb in notebooks:
        title = edition.notebook_title(nbformat.read(nb, as_version=4))
        assert title and links[f"{nb.stem}.html"] == title
        assert _soup(out / f"{nb.stem}.html").title.get_text() == title


def test_every_link_and_image_resolves_offline_with_alt_text(built):
    out, pages, _ = built
    assert [problem for page in pages for problem in check_page(page, out)] == []


def test_pages_embed_images_and_link_each_other(built):
    out, pages, records = built
    overview = _soup(out / "00-overview.html")
    assert len(overview.find_all("img", src=re.compile("^data:image/png"))) >= 5  # the gallery
    assert overview.find("a", href="01-corpus.html") is not None
    assert not [r for r in records if "Alternative text is missing" in r]


def test_the_checker_finds_broken_pages(tmp_path):
    """The checks above can fail: a page with each kind of fault gives each complaint."""
    (tmp_path / "ok.html").write_text('<h2 id="there">x</h2>')
    page = tmp_path / "bad.html"
    page.write_text('<html><head><script src="https://cdn.example/x.js"></script>'
                    '<style>@import "x.css"; a { background: url(http://x/y.png) }</style></head><body>'
                    '<a href="#nowhere">a</a> <a href="missing.html">b</a> <a href="ok.html#gone">c</a>'
                    '<a href="ok.html#there">fine</a> <a href="https://example.org">web</a>'
                    '<img src="data:image/png;base64,!!!" alt="x"> <img src="data:image/png;base64,R0lGODlh" alt="y">'
                    '<img src="pic.png" alt="z"> <img src="data:image/gif;base64,R0lGODlh">'
                    f'<img src="data:image/gif;base64,R0lGODlh" alt="{NBCONVERT_PLACEHOLDER}"></body></html>')
    found = check_page(page, tmp_path)
    expected = ["loads https://cdn.example/x.js", "CSS @import", "CSS loads http://x/y.png", "no anchor #nowhere",
                "missing file missing.html", "no anchor ok.html#gone", "undecodable", "is not a image/png",
                "not embedded", "image without alt text"]
    for text in expected:
        assert any(text in f for f in found), (text, found)
    assert sum("without alt text" in f for f in found) == 2
    assert len(found) == len(expected) + 1


def test_links_between_notebooks_and_to_project_files_are_rewritten(tmp_path):
    project = tmp_path / "project"
    (project / "notebooks").mkdir(parents=True)
    (project / "figures").mkdir()
    (project / "figures" / "f.pdf").write_bytes(b"%PDF-1.4\n")
    png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9aw"
                           "AAAABJRU5ErkJggg==")
    (project / "figures" / "p.png").write_bytes(png)
    first = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# First notebook\n\n## A section\n\nSee [two](02-two.ipynb#Later), "
                                      "[the PDF](../figures/f.pdf) and ![a dot](../figures/p.png)."),
        nbformat.v4.new_code_cell("1")])
    first.cells[1].outputs = [nbformat.v4.new_output("display_data", data={"image/png": base64.b64encode(png).decode(),
                                                                           "text/plain": "dot"},
                                                     metadata={"image/png": {"alt": "A single dot", "width": 10}})]
    second = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Second\n\n## Later\n\n"
                                                                           "[back](01-one.ipynb)")])
    nbformat.write(first, project / "notebooks" / "01-one.ipynb")
    nbformat.write(second, project / "notebooks" / "02-two.ipynb")
    out = tmp_path / "html"
    pages = edition.build(out, project / "notebooks", title="Test")
    assert [check_page(p, out) for p in pages] == [[], [], []]
    one = _soup(out / "01-one.html")
    assert one.find("a", href="02-two.html#Later") is not None
    assert one.find("a", href="files/figures/f.pdf") is not None and (out / "files/figures/f.pdf").is_file()
    alts = sorted(img["alt"] for img in one.find_all("img"))
    assert alts == ["A single dot", "a dot"]
    assert all(img["src"].startswith("data:image/png;base64,") for img in one.find_all("img"))
