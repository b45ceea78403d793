"""The static HTML edition: self-contained pages whose every link and image resolves, with alt text."""
from __future__ import annotations

import base64
import binascii
import html
import logging
import os
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


# --- the edition as supplementary material (issue 23) ---------------------------------------------------------

def test_index_names_version_commit_citation_licence(built):
    import tomllib

    from rhetoric.base import project
    from rhetoric.base.paths import ROOT

    out, _, _ = built
    index = _soup(out / "index.html")
    about = {dt.get_text(strip=True): dd for dt, dd in zip(index.find_all("dt"), index.find_all("dd"), strict=True)}
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert about["Version"].get_text(strip=True) == version
    here = project.commit()
    assert about["Commit"].get_text(" ", strip=True) == f"{here.short} of {here.date}"  # the commit's date
    cite = about["Cite as"].get_text(" ", strip=True)
    assert project.citation()["title"] in cite and f"version {version}" in cite
    assert any(str(a.get("name", "")) in cite for a in project.citation()["authors"])
    assert about["Cite as"].find("a", href="files/CITATION.cff") and (out / "files/CITATION.cff").is_file()
    assert about["Licence"].find("a", href="files/LICENSE") and "MIT" in about["Licence"].get_text()
    if project.repository() is None:
        assert "not yet published" in about["Repository"].get_text() and "OWNER" not in str(index)


def test_index_offers_every_figure_and_table_file(built):
    from rhetoric.base.paths import FIGURES

    out, _, _ = built
    index = _soup(out / "index.html")
    hrefs = {a["href"] for a in index.find_all("a", href=True)}
    expected = [f for f in FIGURES.iterdir() if f.suffix in (".pdf", ".svg", ".png", ".csv", ".tex")
                and f.name not in ("figures.csv", "findings.csv")]
    assert expected
    for f in expected:
        assert f"files/figures/{f.name}" in hrefs, f.name
        assert (out / "files/figures" / f.name).read_bytes() == f.read_bytes()
    figures = index.find(id="figures").find_next("table")
    assert "PDF" in figures.get_text() and "SVG" in figures.get_text() and "PNG" in figures.get_text()
    thumbs = figures.find_all("img", class_="thumb")  # a thumbnail per figure, its PNG, with alt text
    assert thumbs and all(t["src"].endswith(".png") and t["alt"] for t in thumbs)
    assert len(thumbs) == len({f.stem for f in expected if f.suffix == ".png"})


def test_study_shown_once_on_the_index(built):
    out, pages, _ = built
    index = _soup(out / "index.html")
    study = index.find(id="study").find_next("div", class_="study").get_text(" ", strip=True)
    assert "This corpus:" in study
    probe = " ".join(study.split()[:8])
    for page in pages[1:]:
        text = " ".join(_soup(page).get_text(" ", strip=True).split())
        assert probe not in text, page.name
        assert _soup(page).find("a", href="index.html#study") is not None, page.name


def test_no_link_reads_ipynb_and_writes_lines_are_true(built):
    from rhetoric.base.paths import FIGURES

    out, pages, _ = built
    for page in pages[1:]:
        soup = _soup(page)
        assert not [a for a in soup.find_all("a", href=True) if a.get_text().strip().endswith(".ipynb")], page.name
        for strong in soup.find_all("strong", string=re.compile(r"^\s*Writes:")):
            para = strong.parent
            for code in [c for c in strong.find_all_next("code") if para in c.parents]:
                if "." not in code.get_text():
                    continue
                files = edition.written_files(code.get_text(), FIGURES)
                struck = code.find_parent("del") is not None
                assert struck == (not files), (page.name, code.get_text())


def test_text_cells_marked_left(built):
    out, _, _ = built
    soup = _soup(out / "05-rhetorical-comparison.html")
    cells = soup.select("table td")
    assert cells
    for cell in cells:
        numeric = bool(edition._NUMBER.match(cell.get_text()))
        assert ("text" in cell.get("class", [])) != numeric, cell


def test_writes_line_strikes_a_file_not_written(tmp_path):
    project = tmp_path / "project"
    (project / "notebooks").mkdir(parents=True)
    (project / "figures").mkdir()
    for name in ("a.pdf", "a.png", "t.csv"):
        (project / "figures" / name).write_bytes(b"x")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
        "# One\n\n**Writes:** `figures/a.*`, `figures/gone.*` and the table `t.csv|tex`.")])
    nbformat.write(nb, project / "notebooks" / "01-one.ipynb")
    built_ = edition.build_edition(tmp_path / "html", project / "notebooks", title="T")
    para = _soup(built_.pages[0]).find("strong", string="Writes:").parent
    assert [a["href"] for a in para.find_all("a")] == ["files/figures/a.pdf", "files/figures/a.png",
                                                        "files/figures/t.csv"]
    assert [d.get_text() for d in para.find_all("del")] == ["figures/gone.*"]
    assert "not written for this corpus" in para.get_text()
    summary = built_.summary()
    assert str(tmp_path / "html") in summary and "1 notebook page(s): 01-one.html" in summary
    assert "1 figure(s) as 2 files" in summary and "1 table(s) as 1 files" in summary


def test_make_html_prints_a_summary_not_json(tmp_path, capsys):
    project = tmp_path / "project"
    (project / "notebooks").mkdir(parents=True)
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# One")]),
                   project / "notebooks" / "01-one.ipynb")
    assert edition.main([str(tmp_path / "html"), "--notebooks", str(project / "notebooks")]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith(f"HTML edition written to {tmp_path / 'html'}/") and "{" not in printed


# --- a real browser (Chromium, headless): skipped where none is installed -------------------------------------

def _chromium() -> str | None:
    import shutil

    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


#: Injected into a copy of each page: errors (scripts, console, resources that fail to load) from the start...
_PROBE_HEAD = ("<script>window.__errors=[];window.addEventListener('error',function(e){window.__errors.push("
               "e.message||('failed to load: '+(e.target&&(e.target.src||e.target.href))))},true);"
               "var __ce=console.error;console.error=function(){window.__errors.push([].join.call(arguments,' '));"
               "__ce.apply(console,arguments)};</script>")
#: ...and, once loaded, what a reader at 1280 px would meet, written into the DOM for --dump-dom to show.
_PROBE_TAIL = """<script>window.addEventListener('load', function () {
  // a table is read whole: one running past the window's right edge (even inside a box that scrolls) is too wide
  var wide = [].slice.call(document.querySelectorAll('table')).filter(function (t) {
    return t.getBoundingClientRect().right > innerWidth + 1;
  }).map(function (t) { return (t.innerText || '').slice(0, 60); });
  var broken = [].slice.call(document.images).filter(function (i) { return !(i.complete && i.naturalWidth > 0); })
    .map(function (i) { return (i.alt || i.src).slice(0, 60); });
  document.body.setAttribute('data-probe', JSON.stringify({width: innerWidth,
    pageWidth: document.documentElement.scrollWidth, wideTables: wide, brokenImages: broken,
    errors: window.__errors, images: document.images.length, tables: document.querySelectorAll('table').length}));
});</script>"""


def browser_problems(page: Path, browser: str, width: int = 1280) -> tuple[list[str], dict]:
    """Load a copy of ``page`` (beside it, so its relative links hold) in headless Chromium at ``width`` px."""
    import json
    import subprocess

    source = page.read_text(encoding="utf-8")
    probe = page.with_name(f".probe-{page.name}")
    source = re.sub(r"<head>", lambda _: "<head>" + _PROBE_HEAD, source, count=1)
    source = re.sub(r"</body>", lambda _: _PROBE_TAIL + "</body>", source, count=1)
    probe.write_text(source, encoding="utf-8")
    try:
        done = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", f"--window-size={width},900",
                               "--hide-scrollbars", "--virtual-time-budget=10000", "--dump-dom", probe.as_uri()],
                              capture_output=True, text=True, timeout=180)
    finally:
        probe.unlink()
    match = re.search(r'data-probe="([^"]*)"', done.stdout)
    assert match, f"{page.name}: the browser gave no result ({done.returncode}): {done.stderr[-500:]}"
    result = json.loads(html.unescape(match.group(1)))
    problems = [f"{page.name}: broken image {b}" for b in result["brokenImages"]]
    problems += [f"{page.name}: table wider than {width} px: {t!r}" for t in result["wideTables"]]
    problems += [f"{page.name}: error {e}" for e in result["errors"]]
    if result["pageWidth"] > result["width"]:
        problems.append(f"{page.name}: the page is {result['pageWidth']} px wide at {result['width']} px")
    return problems, result


_NO_BROWSER = pytest.mark.skipif(_chromium() is None, reason="no Chromium installed (apt-get install chromium)")


@pytest.mark.slow
@_NO_BROWSER
def test_pages_in_a_real_browser(built):
    """Every page as Chromium shows it at 1280 px: images load, no table runs off the page, no error. Skipped
    where no Chromium is installed (Debian: apt-get install chromium), before anything is built."""
    browser = _chromium()
    out, pages, _ = built
    problems, seen = [], {}
    for page in pages:
        found, result = browser_problems(page, browser)
        problems += found
        seen[page.name] = result
    assert problems == []
    assert seen["00-overview.html"]["images"] >= 5 and seen["05-rhetorical-comparison.html"]["tables"] >= 3


@pytest.mark.slow
@_NO_BROWSER
def test_the_browser_check_finds_faults(tmp_path):
    browser = _chromium()
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><html><head></head><body><img src="missing.png" alt="gone">'
                    '<table style="width:3000px"><tr><td>wide</td></tr></table>'
                    '<div style="overflow-x:auto"><table style="width:3000px"><tr><td>boxed</td></tr></table></div>'
                    "<script>console.error('boom')</script></body></html>", encoding="utf-8")
    problems, _ = browser_problems(page, browser)
    assert any("broken image gone" in p for p in problems)
    assert any("wider than 1280 px: 'wide'" in p for p in problems)
    assert any("wider than 1280 px: 'boxed'" in p for p in problems)  # a scroll box hides it, but it is too wide
    assert any("error boom" in p for p in problems)
    assert any("the page is" in p for p in problems)


@pytest.fixture
def hostile_corpus(tmp_path):
    """Every string field of a corpus (ids, titles, groups, study.md) carries HTML, Markdown, LaTeX and $...$
    (``command_helpers.HOSTILE``; issue 24)."""
    from command_helpers import write_hostile_corpus

    return write_hostile_corpus(tmp_path / "hostile")


def test_edition_shows_corpus_strings_as_text(hostile_corpus, tmp_path):
    import nbformat
    from bs4 import BeautifulSoup

    from rhetoric.base.escape import md
    from rhetoric.io.corpus import load_corpus
    from rhetoric.report import edition
    from rhetoric.run.session import Session

    from command_helpers import HOSTILE

    corpus = load_corpus(hostile_corpus)
    study = Session(corpus=corpus, notebook="00-x.ipynb", out_dir=hostile_corpus).describe().data
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# A notebook"), nbformat.v4.new_code_cell("nb.describe()")]
    nb.cells[1].outputs = [
        nbformat.v4.new_output("display_data", data={"text/markdown": study, "text/plain": "study"}),
        nbformat.v4.new_output("display_data", data={"text/markdown": md(HOSTILE), "text/plain": "md"}),
        # anything that reached an output unescaped: the edition's own guard
        nbformat.v4.new_output("display_data", data={"text/html": HOSTILE, "text/plain": "raw"}),
        nbformat.v4.new_output("display_data", data={"text/markdown": HOSTILE, "text/plain": "raw"})]
    src = tmp_path / "nbs"
    src.mkdir()
    nbformat.write(nb, src / "01-x.ipynb")
    pages = edition.build(tmp_path / "html", src)
    for page in pages:
        soup = BeautifulSoup(page.read_text(), features="html.parser")
        assert soup.find_all(["script", "iframe", "object", "embed"]) == [], page
        attrs = [(k, v) for tag in soup.find_all(True) for k, v in tag.attrs.items()]
        assert not [k for k, _ in attrs if k.lower().startswith("on")], page
        assert not [v for k, v in attrs if k in ("href", "src") and "javascript:" in str(v).lower()], page
    page = pages[1].read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown, not dropped
    assert "A notebook" in page


def test_an_ampersand_of_study_md_is_escaped_once():
    """Issue 37: ``&`` in study.md was shown as ``&amp;`` in the edition (escaped by the notebook and again)."""
    from bs4 import BeautifulSoup

    from rhetoric.report.edition import _markdown_html
    from rhetoric.run.corpus_views import study_markdown

    html = _markdown_html(study_markdown("Tom & Jerry <b>bold</b>, `a&b` & a&amp;b"))
    text = BeautifulSoup(html, features="html.parser").get_text()
    assert "Tom & Jerry <b>bold</b>" in text
    assert "a&amp;b" in text  # typed as an entity: shown as typed
    assert BeautifulSoup(html, features="html.parser").find("b") is None
    raw = BeautifulSoup(_markdown_html("raw & <i>x</i>"), features="html.parser")
    assert raw.get_text().strip() == "raw & <i>x</i>" and raw.find("i") is None


def test_the_edition_is_staged_and_swapped_on_a_full_disk(tmp_path, monkeypatch, capsys):
    """Issue 37: a full disk (or SIGINT/SIGTERM) during the edition left half old, half new pages and a traceback."""
    import errno

    import nbformat

    from rhetoric.report import edition

    src = tmp_path / "nbs"
    src.mkdir()
    for name in ("01-a.ipynb", "02-b.ipynb"):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_markdown_cell(f"# Notebook {name}")]
        nbformat.write(nb, src / name)
    out = tmp_path / "html"
    assert edition.main([str(out), "--notebooks", str(src)]) == 0
    before = {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    real = edition.atomic_write
    calls = []

    def full(path, data):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real(path, data)

    monkeypatch.setattr(edition, "atomic_write", full)
    capsys.readouterr()
    assert edition.main([str(out), "--notebooks", str(src)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "left as it was" in err and "Traceback" not in err
    assert {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["html", "nbs"]  # no staging folder left
    calls.clear()
    monkeypatch.setattr(edition, "atomic_write", lambda p, d: (_ for _ in ()).throw(KeyboardInterrupt()))
    assert edition.main([str(out), "--notebooks", str(src)]) == 130
    assert {p.name: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["html", "nbs"]
