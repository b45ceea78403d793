"""A static HTML edition of the executed notebooks, for supplementary material (``make html``).

``build(out_dir)`` writes one self-contained page per notebook (``NN-name.html``) and an ``index.html``:
the supplement's front page, with the title, version, commit and its date (from git; the commit's date, not
today's, so that two builds of one commit are the same bytes), the citation and licence (from
``CITATION.cff``), the study and corpus described once, the notebooks by title, and every figure file
(PDF, SVG, PNG) and table (CSV, TeX) as a download under ``files/figures/``. Self-contained means readable
offline with nothing beside it:

* nbconvert's HTMLExporter with its ``lab`` template, whose CSS it inlines, minus the three ``<script>``
  tags that template loads from a CDN: require.js (only needed by widget and JavaScript outputs, which
  these notebooks do not have), MathJax (no notebook uses LaTeX math; a ``$...$`` would show as typed) and
  mermaid.js (no diagrams);
* every image is a data URI: outputs are inline already, and an ``<img>`` pointing at a local file is
  embedded;
* each image output carries its alt text from ``metadata["image/png"]["alt"]`` (what
  ``rhetoric.report.figure_files.save_figure`` writes), which nbconvert's classic template reads but its lab template
  does not; a small template extending ``lab`` adds it;
* links between notebooks (``02-framing.ipynb#Keyness``) point at the pages (``02-framing.html#Keyness``);
  a link to another file of the project (say ``../figures/05-comparison.pdf``) gets a copy under
  ``files/``; links to the web stay as they are; a link whose text is a notebook's file name
  (``01-corpus.ipynb``) reads as the page's name instead;
* the study and corpus description each notebook shows at its top (``Session.describe``) is on the index,
  once; each page keeps a link to it;
* the files a notebook's "Writes:" line names link to their downloads; a file not written for this corpus
  (say a figure drawn only for groups of two or more documents) is struck through and says so;
* tables fit the page: an output wider than the page scrolls inside its own box, and text cells are
  left-aligned (numbers stay right-aligned).

Nothing is fetched while building: the exporter reads only the installed templates.
"""
from __future__ import annotations

import argparse
import base64
import copy
import csv
import html
import mimetypes
import re
import shutil
import signal
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
from bs4 import BeautifulSoup
from jinja2 import DictLoader
from nbconvert import HTMLExporter
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from rhetoric.base.atomic_files import atomic_write, staged_folder
from rhetoric.base.paths import NOTEBOOKS, ROOT
from rhetoric.base.project import citation, cite_text, commit, project_version, repository

TEMPLATE = "rhetoric-edition.html.j2"
_TEMPLATE_SOURCE = r"""
{%- extends 'index.html.j2' -%}

{#- No <script> from a CDN: require.js, MathJax and mermaid.js are not needed by these notebooks. -#}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}

{#- The lab template's image block, plus the alt text the classic template reads from the output metadata. -#}
{% block data_png scoped %}
<div class="jp-RenderedImage jp-OutputArea-output {{ extra_class }}">
<img src="data:image/png;base64,{{ output.data['image/png'] | escape_html }}"
{%- set width=output | get_metadata('width', 'image/png') -%}
{%- if width is not none %}
width={{ width | escape_html }}
{%- endif %}
{%- set alttext=(output | get_metadata('alt', 'image/png')) or (cell | get_metadata('alt')) -%}
{%- if alttext %}
alt="{{ alttext | escape_html }}"
{%- endif %}
>
</div>
{%- endblock data_png %}
"""
PAGE_CSS = """
nav.rhetoric-edition { font-family: var(--jp-ui-font-family, sans-serif); font-size: 0.9em;
  padding: 0.5em 1em; border-bottom: 1px solid #ddd; }
/* A wide table scrolls inside its output, never the page; text reads from the left, numbers line up right. */
.jp-OutputArea-output, .jp-RenderedHTMLCommon { overflow-x: auto; max-width: 100%; }
.jp-RenderedHTMLCommon td.text, .jp-RenderedHTMLCommon th.text { text-align: left; }
.jp-RenderedHTMLCommon td.text { white-space: normal; max-width: 32em; overflow-wrap: anywhere; }
.jp-RenderedHTMLCommon thead th { text-align: left; vertical-align: bottom; }
del.rhetoric-not-written { color: #777; }
"""
#: What a figure or table file is, by suffix, in the order the index offers them.
FIGURE_FORMATS = {".pdf": "PDF", ".svg": "SVG", ".png": "PNG"}
TABLE_FORMATS = {".csv": "CSV", ".tex": "TeX"}
#: Each notebook's corpus description (``Session.describe``) contains this line; the index shows it once.
CORPUS_MARKER = "**This corpus:**"
STUDY_NOTE = "_The study and this corpus are described on the [index page](index.html#study)._"
_NUMBER = re.compile(r"^\s*(?:[-+−]?[\d,]*\.?\d+(?:[eE][-+]?\d+)?\s*%?|nan|NaN|<NA>|n/a|[-–—]|)\s*$")
INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{title}</title>
<style>
body {{ font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 52em; margin: 2em auto;
  padding: 0 1em; line-height: 1.5; color: #222; }}
li {{ margin: 0.4em 0; }}
code {{ font-size: 0.95em; }}
dl.about {{ display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; }}
dl.about dt {{ font-weight: 600; }}
dl.about dd {{ margin: 0; }}
.study {{ border-left: 3px solid #ddd; padding-left: 1em; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; vertical-align: top; padding: 0.25em 0.6em 0.25em 0; border-bottom: 1px solid #eee; }}
.downloads {{ white-space: nowrap; }}
.downloads a {{ margin-right: 0.6em; }}
td code {{ white-space: nowrap; }}
.wide {{ overflow-x: auto; }}
</style>
</head>
<body>
<main>
<h1>{title}</h1>
<p>Supplementary material: the notebooks of the compendium, executed, one page each (prose, code, tables
and figures, readable offline with nothing else beside them), and every figure and table as a file.
Read <a href="{first_page}">{first_title}</a> first.</p>
<dl class="about">
<dt>Version</dt><dd>{version}</dd>
<dt>Commit</dt><dd><code>{commit}</code> of {date}</dd>
<dt>Licence</dt><dd>{licence}</dd>
<dt>Cite as</dt><dd>{cite} (<a href="{cff_href}">CITATION.cff</a>)</dd>
<dt>Repository</dt><dd>{repository}</dd>
</dl>
{study}
<h2 id="notebooks">Notebooks</h2>
<ol>
{items}
</ol>
<h2 id="figures">Figures</h2>
{figures}
<h2 id="tables">Tables</h2>
{tables}
</main>
</body>
</html>
"""


def notebook_files(nb_dir: Path | str = NOTEBOOKS) -> list[Path]:
    """The numbered notebooks in reading order (``00-overview`` first)."""
    return sorted(Path(nb_dir).glob("[0-9][0-9]-*.ipynb"))


def notebook_title(nb) -> str:
    """The first level-1 heading of the first Markdown cell with one; else the file's stem."""
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        match = re.search(r"^#\s+(.+?)\s*#*\s*$", source, flags=re.MULTILINE)
        if match:
            return match.group(1)
    return ""


def _exporter():
    return HTMLExporter(template_name="lab", template_file=TEMPLATE, theme="light",
                        extra_loaders=[DictLoader({TEMPLATE: _TEMPLATE_SOURCE})])


def _is_external(url: str) -> bool:
    return bool(urlsplit(url).scheme) or url.startswith("//")


def _data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


#: Elements that run code or load other documents: never part of an edition page (the template has none), so
#: any in a page came from an output (a corpus string) and is shown as the text it is.
LIVE_ELEMENTS = ("script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "meta",
                 "link")
_LIVE_URL = re.compile(r"^\s*(?:javascript|vbscript|data:(?!image/(?:png|jpeg|gif|webp)[;,]))", re.IGNORECASE)


def defuse(soup) -> int:
    """Make every piece of live markup in ``soup``'s body inert: elements that run code are replaced by their
    source shown as text, event-handler attributes (``onerror``, ``onclick``...) removed, ``javascript:``
    (and non-image ``data:``) URLs replaced by ``#``. Returns how many were changed. Corpus strings reach the
    notebooks' outputs escaped (:func:`rhetoric.base.text.md`, :func:`rhetoric.run.notebook.study_markdown`); this is
    the edition's own guard for anything that was not."""
    body = soup.find("body") or soup
    changed = 0
    for tag in body.find_all(LIVE_ELEMENTS):
        if tag.parent is not None:
            tag.replace_with(str(tag))
            changed += 1
    for tag in body.find_all(True):
        for attr in list(tag.attrs):
            value = tag.attrs[attr]
            if attr.lower().startswith("on"):
                del tag.attrs[attr]
                changed += 1
            elif attr.lower() in ("href", "src", "action", "formaction", "xlink:href") and isinstance(value, str) \
                    and _LIVE_URL.match(value):
                tag.attrs[attr] = "#"
                changed += 1
    return changed


def _copy(target: Path, out_dir: Path, root: Path) -> str:
    """Copy a project file under ``files/`` (same path as in the project) and return its link."""
    rel = Path("files") / target.relative_to(root)
    (out_dir / rel).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(target, out_dir / rel)
    return rel.as_posix()


def written_files(pattern: str, fig_dir: Path) -> list[Path]:
    """The files a "Writes:" entry names, as they exist in ``fig_dir``: ``figures/05-comparison.*`` (every
    format), ``04-marker-rates.csv|tex`` (the formats listed), ``figures/group-comparison.csv``."""
    name = pattern.strip().removeprefix("figures/")
    if not name or "/" in name or "." not in name:
        return []
    stem, ext = name.rsplit(".", 1)
    if ext == "*":
        candidates = [fig_dir / f"{stem}{suffix}" for suffix in [*FIGURE_FORMATS, *TABLE_FORMATS]]
    else:
        candidates = [fig_dir / f"{stem}.{e}" for e in ext.split("|")]
    return [c for c in candidates if c.is_file()]


def _writes_lines(soup, fig_dir: Path, out_dir: Path, root: Path) -> None:
    """Each file a notebook's "Writes:" paragraph names links to its downloads; one not written is struck."""
    for para in soup.find_all("p"):
        strong = para.find("strong", string=re.compile(r"^\s*Writes:?\s*$"))
        if strong is None:
            continue
        for code in [c for c in strong.find_all_next("code") if para in c.parents]:
            text = code.get_text()
            if "." not in text:
                continue
            files = written_files(text, fig_dir)
            if files:
                links = []
                for f in files:
                    a = soup.new_tag("a", href=_copy(f, out_dir, root))
                    a.string = f.suffix[1:].upper() if f.suffix != ".tex" else "TeX"
                    links.append(a)
                code.insert_after(" (")
                node = code.next_sibling
                for k, a in enumerate(links):
                    node.insert_after(a)
                    node = a
                    if k < len(links) - 1:
                        node.insert_after(", ")
                        node = node.next_sibling
                node.insert_after(")")
            else:
                struck = soup.new_tag("del", attrs={"class": "rhetoric-not-written"})
                code.wrap(struck)
                struck.insert_after(" (not written for this corpus)")


def _align_text_cells(soup) -> None:
    """Mark table cells that hold text (not a number) so that the page's CSS aligns them left."""
    for table in soup.find_all("table"):
        for cell in table.find_all(["td", "th"]):
            if not _NUMBER.match(cell.get_text()):
                cell["class"] = [*cell.get("class", []), "text"]


def _rewrite(page: str, nb_dir: Path, pages: dict[str, str], out_dir: Path, root: Path) -> str:
    """Point notebook links at pages, embed local images, copy other linked project files under files/."""
    soup = BeautifulSoup(page, features="html.parser")
    defuse(soup)
    for img in soup.find_all("img", src=True):
        src = img["src"]
        if src.startswith("data:") or _is_external(src):
            continue
        target = (nb_dir / unquote(urlsplit(src).path)).resolve()
        if target.is_file():
            img["src"] = _data_uri(target)
    for a in soup.find_all("a", href=True):
        href = a["href"]
        if href.startswith("#") or _is_external(href):
            continue
        parts = urlsplit(href)
        name = Path(unquote(parts.path)).name
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        if name in pages and Path(unquote(parts.path)).parent in (Path("."), Path("")):
            a["href"] = pages[name] + fragment
            if a.get_text().strip() == name:  # "01-corpus.ipynb" names the notebook: here it is a page
                a.string = Path(name).stem
            continue
        target = (nb_dir / unquote(parts.path)).resolve()
        if target.is_file() and target.is_relative_to(root):
            a["href"] = _copy(target, out_dir, root) + fragment
    _writes_lines(soup, root / "figures", out_dir, root)
    _align_text_cells(soup)
    body = soup.find("body")
    if body is not None:
        nav = soup.new_tag("nav", attrs={"class": "rhetoric-edition"})
        back = soup.new_tag("a", href="index.html")
        back.string = "All notebooks, figures and tables"
        nav.append(back)
        body.insert(0, nav)
    head = soup.find("head")
    if head is not None:
        style = soup.new_tag("style")
        style.string = PAGE_CSS
        head.append(style)
    return str(soup)


def _markdown_outputs(nb):
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") in ("display_data", "execute_result") and "text/markdown" in output.get(
                    "data", {}):
                yield output


def study_output(nb):
    """The output holding the study and corpus description (``Session.describe``), or None."""
    for output in _markdown_outputs(nb):
        text = output["data"]["text/markdown"]
        text = "".join(text) if isinstance(text, list) else text
        if CORPUS_MARKER in text:
            return output
    return None


#: An HTML entity (``&amp;``, ``&#39;``): the notebooks' Markdown holds corpus text escaped once already.
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);")


def _escape_once(text: str) -> str:
    """``&`` and ``<`` escaped where they are still raw: an entity the notebook already wrote (``study_markdown``,
    :func:`rhetoric.base.escape.md`) stays as it is, so ``&`` in a study.md shows as ``&``, not ``&amp;`` (issue
    37); code spans are left to the Markdown renderer, which escapes them itself."""
    parts = re.split(r"(`[^`\n]*`)", text)
    for i in range(0, len(parts), 2):
        raw = re.split(f"({_ENTITY.pattern})", parts[i])
        parts[i] = "".join(p if j % 2 else p.replace("&", "&amp;").replace("<", "&lt;") for j, p in enumerate(raw))
    return "".join(parts)


def _markdown_html(text: str) -> str:
    """Markdown as HTML, any raw markup in it shown as text (the study is the corpus's words), escaped once."""
    return markdown2html_mistune(_escape_once(text))


def _file_rows(files: list[Path], formats: dict[str, str], captions: dict[str, str], out_dir: Path,
               root: Path) -> str:
    by_stem: dict[str, list[Path]] = {}
    for f in files:
        by_stem.setdefault(f.stem, []).append(f)
    if not by_stem:
        return "<p>None written.</p>"
    order = list(formats)
    rows = []
    for stem in sorted(by_stem):
        hrefs = {f.suffix: html.escape(_copy(f, out_dir, root), quote=True)
                 for f in sorted(by_stem[stem], key=lambda f: order.index(f.suffix))}
        links = " ".join(f'<a href="{href}">{formats[suffix]}</a>' for suffix, href in hrefs.items())
        caption = html.escape(captions.get(stem, ""))
        thumb = (f'<a href="{hrefs[".png"]}"><img class="thumb" src="{hrefs[".png"]}" alt="{caption or stem}" '
                 'width="160"></a><br>' if ".png" in hrefs else "")  # a figure's thumbnail, linking its PNG
        rows.append(f"<tr><td>{thumb}<code>{html.escape(stem)}</code></td><td>{caption}</td>"
                    f'<td class="downloads">{links}</td></tr>')
    return ('<div class="wide"><table>\n<thead><tr><th>file</th><th>caption</th><th>download</th></tr></thead>'
            "\n<tbody>\n" + "\n".join(rows) + "\n</tbody></table></div>")


def _captions(fig_dir: Path) -> dict[str, str]:
    path = fig_dir / "figures.csv"
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8", newline="") as fh:
        return {row["name"]: row.get("caption", "") for row in csv.DictReader(fh) if row.get("name")}


@dataclass
class Edition:
    """What :func:`build_edition` wrote."""

    out_dir: Path
    index: Path
    pages: list[Path] = field(default_factory=list)
    figure_files: list[Path] = field(default_factory=list)
    table_files: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        """Where the edition is and what it holds, in lines a person reads."""
        where = self.out_dir
        lines = [f"HTML edition written to {where}/ (open {self.index}):",
                 f"  {len(self.pages)} notebook page(s): " + ", ".join(p.name for p in self.pages)]
        figures = sorted({f.stem for f in self.figure_files})
        lines.append(f"  {len(figures)} figure(s) as {len(self.figure_files)} files (PDF, SVG, PNG) and "
                     f"{len({f.stem for f in self.table_files})} table(s) as {len(self.table_files)} files (CSV, "
                     f"TeX), under {where}/files/figures/")
        return "\n".join(lines)


def build_edition(out_dir: Path | str, nb_dir: Path | str = NOTEBOOKS, title: str | None = None) -> Edition:
    """Write the edition of the notebooks in ``nb_dir`` into ``out_dir``; see the module docstring.

    Files the notebooks link to, and the figure and table files, are copied from the project (the
    repository, or ``nb_dir``'s parent for notebooks elsewhere, such as ``rhetoric run --out``), never from
    outside it. Version, commit, citation and licence are those of the project that built the notebooks. The
    edition is written into a staging folder beside ``out_dir`` and replaces it whole only when complete
    (:func:`rhetoric.base.atomic_files.staged_folder`): a full disk or an interruption leaves the previous edition
    as it was (issue 37).
    """
    final = Path(out_dir)
    with staged_folder(final) as work:  # written whole beside it, then swapped in: never half old, half new
        edition = _build_into(work, Path(nb_dir).resolve(), title)
    pages = [final / p.relative_to(work) for p in edition.pages]
    return Edition(out_dir=final, index=final / edition.index.relative_to(work), pages=pages,
                   figure_files=edition.figure_files, table_files=edition.table_files)


def _build_into(out_dir: Path, nb_dir: Path, title: str | None) -> Edition:
    """:func:`build_edition` into the staging folder ``out_dir``."""
    root = ROOT if nb_dir.is_relative_to(ROOT) else nb_dir.parent
    fig_dir = root / "figures"
    paths = notebook_files(nb_dir)
    pages = {p.name: f"{p.stem}.html" for p in paths}
    exporter = _exporter()
    edition = Edition(out_dir=out_dir, index=out_dir / "index.html")
    items, study = [], None
    titles = {}
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        heading = notebook_title(nb) or path.stem
        titles[path.name] = heading
        work = copy.deepcopy(nb)
        work.metadata["title"] = heading
        described = study_output(work)
        if described is not None:  # shown once, on the index
            text = described["data"]["text/markdown"]
            study = study or ("".join(text) if isinstance(text, list) else text)
            described["data"] = {"text/markdown": STUDY_NOTE, "text/plain": STUDY_NOTE}
        page, _ = exporter.from_notebook_node(work, resources={"metadata": {"name": path.stem,
                                                                            "path": str(nb_dir)}})
        dest = out_dir / pages[path.name]
        atomic_write(dest, _rewrite(page, nb_dir, pages, out_dir, root).encode("utf-8"))
        edition.pages.append(dest)
        items.append(f'<li><a href="{html.escape(pages[path.name], quote=True)}">{html.escape(heading)}</a> '
                     f"<code>{html.escape(path.name)}</code></li>")
    files = sorted(fig_dir.iterdir()) if fig_dir.is_dir() else []
    edition.figure_files = [f for f in files if f.suffix in FIGURE_FORMATS and f.is_file()]
    edition.table_files = [f for f in files if f.suffix in TABLE_FORMATS and f.is_file()
                           and f.name not in ("figures.csv", "findings.csv")]
    captions = _captions(fig_dir)
    atomic_write(edition.index, _index(title or _project_title(), items, study, edition, captions, out_dir, root,
                                       paths, titles).encode("utf-8"))
    return edition


def _index(title, items, study, edition, captions, out_dir, root, paths, titles) -> str:
    cff = citation()
    sha = commit()
    cff_href = "#"
    if (ROOT / "CITATION.cff").is_file():
        cff_href = _copy(ROOT / "CITATION.cff", out_dir, ROOT)
    licence = html.escape(str(cff.get("license") or "see the repository"))
    if (ROOT / "LICENSE").is_file():
        licence = f'<a href="{_copy(ROOT / "LICENSE", out_dir, ROOT)}">{licence}</a>'
    url = repository()
    repo = (f'<a href="{html.escape(url, quote=True)}">{html.escape(url)}</a>' if url else
            "not yet published (its address is set in one place: <code>repository-code</code> in CITATION.cff)")
    study_html = ""
    if study:
        study_html = f'<h2 id="study">The study and its corpus</h2>\n<div class="study">{_markdown_html(study)}</div>'
    else:
        study_html = '<h2 id="study">The study and its corpus</h2>\n<p>Described in each notebook.</p>'
    first = paths[0] if paths else None
    return INDEX_TEMPLATE.format(
        title=html.escape(title),
        first_page=html.escape(f"{first.stem}.html" if first else "#", quote=True),
        first_title=html.escape(titles.get(first.name, first.stem) if first else "the overview"),
        version=html.escape(project_version()),
        commit=html.escape(sha.short), date=html.escape(sha.date),
        licence=licence, cite=html.escape(cite_text()), cff_href=html.escape(cff_href, quote=True),
        repository=repo, study=study_html, items="\n".join(items),
        figures=_file_rows(edition.figure_files, FIGURE_FORMATS, captions, out_dir, root),
        tables=_file_rows(edition.table_files, TABLE_FORMATS, captions, out_dir, root))


def build(out_dir: Path | str, nb_dir: Path | str = NOTEBOOKS, title: str | None = None) -> list[Path]:
    """:func:`build_edition`, returning the pages written, index first."""
    edition = build_edition(out_dir, nb_dir, title)
    return [edition.index, *edition.pages]


def _project_title() -> str:
    readme = ROOT / "README.md"
    if readme.is_file():
        match = re.search(r"^#\s+(.+)$", readme.read_text(encoding="utf-8"), flags=re.MULTILINE)
        if match:
            return match.group(1).strip()
    return "Notebooks"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rhetoric.report.edition",
                                     description="Write the executed notebooks as a static HTML edition: one "
                                                 "page per notebook, an index with version, citation and "
                                                 "every figure and table file.",
                                     formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("out_dir", nargs="?", default=str(ROOT / "build" / "html"), help="where to write")
    parser.add_argument("--notebooks", default=str(NOTEBOOKS), help="directory of executed notebooks")
    args = parser.parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _terminated) if threading.current_thread() is threading.main_thread() \
        else None
    try:
        print(build_edition(args.out_dir, args.notebooks).summary())
    except KeyboardInterrupt as exc:
        print(f"edition: interrupted; {args.out_dir} is left as it was", file=sys.stderr)
        return 128 + getattr(exc, "signum", signal.SIGINT)
    except OSError as exc:  # a full or read-only disk: the staged edition is removed, the previous one stands
        print(f"edition: {exc.filename or args.out_dir}: cannot be written ({exc.strerror or exc}); "
              f"{args.out_dir} is left as it was", file=sys.stderr)
        return 2
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return 0


class _Terminated(KeyboardInterrupt):
    """``SIGTERM`` raised as an interruption, so the staging folder is removed as for Ctrl-C."""

    signum = signal.SIGTERM


def _terminated(signum, frame):
    raise _Terminated("SIGTERM")


if __name__ == "__main__":
    sys.exit(main())
