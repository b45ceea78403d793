"""A static HTML edition of the executed notebooks, for supplementary material (``make html``).

``build(out_dir)`` writes one self-contained page per notebook (``NN-name.html``) and an ``index.html``
listing them by title. Self-contained means readable offline with nothing beside it:

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
  ``files/``; links to the web stay as they are.

Nothing is fetched while building: the exporter reads only the installed templates.
"""
from __future__ import annotations

import argparse
import base64
import copy
import html
import json
import mimetypes
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from rhetoric.base.atomic_files import atomic_write
from rhetoric.base.paths import NOTEBOOKS, ROOT

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
"""
INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{title}</title>
<style>
body {{ font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 48em; margin: 2em auto;
  padding: 0 1em; line-height: 1.5; color: #222; }}
li {{ margin: 0.4em 0; }}
code {{ font-size: 0.95em; }}
</style>
</head>
<body>
<main>
<h1>{title}</h1>
<p>The notebooks of the compendium, executed, one page each: prose, code, tables and figures, readable
offline with nothing else beside them. Read <code>00-overview</code> first.</p>
<ol>
{items}
</ol>
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
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

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


def _rewrite(page: str, nb_dir: Path, pages: dict[str, str], out_dir: Path, root: Path) -> str:
    """Point notebook links at pages, embed local images, copy other linked project files under files/."""
    from bs4 import BeautifulSoup

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
            continue
        target = (nb_dir / unquote(parts.path)).resolve()
        if target.is_file() and target.is_relative_to(root):
            rel = Path("files") / target.relative_to(root)
            (out_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(target, out_dir / rel)
            a["href"] = rel.as_posix() + fragment
    body = soup.find("body")
    if body is not None:
        nav = soup.new_tag("nav", attrs={"class": "rhetoric-edition"})
        back = soup.new_tag("a", href="index.html")
        back.string = "All notebooks"
        nav.append(back)
        body.insert(0, nav)
    head = soup.find("head")
    if head is not None:
        style = soup.new_tag("style")
        style.string = PAGE_CSS
        head.append(style)
    return str(soup)


def build(out_dir: Path | str, nb_dir: Path | str = NOTEBOOKS, title: str | None = None) -> list[Path]:
    """Write the edition of the notebooks in ``nb_dir`` into ``out_dir``; returns the pages, index first.

    Files the notebooks link to are copied from the project (the repository, or ``nb_dir``'s parent for
    notebooks elsewhere, such as ``rhetoric run --out``), never from outside it.
    """
    import nbformat

    nb_dir, out_dir = Path(nb_dir).resolve(), Path(out_dir)
    root = ROOT if nb_dir.is_relative_to(ROOT) else nb_dir.parent
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = notebook_files(nb_dir)
    pages = {p.name: f"{p.stem}.html" for p in paths}
    exporter = _exporter()
    written, items = [], []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        heading = notebook_title(nb) or path.stem
        work = copy.deepcopy(nb)
        work.metadata["title"] = heading
        page, _ = exporter.from_notebook_node(work, resources={"metadata": {"name": path.stem,
                                                                            "path": str(nb_dir)}})
        dest = out_dir / pages[path.name]
        atomic_write(dest, _rewrite(page, nb_dir, pages, out_dir, root).encode("utf-8"))
        written.append(dest)
        items.append(f'<li><a href="{html.escape(pages[path.name], quote=True)}">{html.escape(heading)}</a> '
                     f"<code>{html.escape(path.name)}</code></li>")
    index = out_dir / "index.html"
    heading = title or _project_title()
    atomic_write(index, INDEX_TEMPLATE.format(title=html.escape(heading), items="\n".join(items)).encode("utf-8"))
    return [index, *written]


def _project_title() -> str:
    readme = ROOT / "README.md"
    if readme.is_file():
        match = re.search(r"^#\s+(.+)$", readme.read_text(encoding="utf-8"), flags=re.MULTILINE)
        if match:
            return match.group(1).strip()
    return "Notebooks"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rhetoric.report.edition",
                                     description="Write the executed notebooks as a static HTML edition.")
    parser.add_argument("out_dir", nargs="?", default=str(ROOT / "build" / "html"))
    parser.add_argument("--notebooks", default=str(NOTEBOOKS), help="directory of executed notebooks")
    args = parser.parse_args(argv)
    pages = build(args.out_dir, args.notebooks)
    print(json.dumps({"index": str(pages[0]), "pages": len(pages) - 1}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
