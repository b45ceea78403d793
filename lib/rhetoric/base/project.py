"""The project's own metadata, each read from the one place it is set.

* the version: ``pyproject.toml`` in a source checkout (else the installed distribution's);
* title, citation, licence, release date and the repository's address: ``CITATION.cff``. The address
  (``repository-code``) is the one place the sharing links (nbviewer, Binder) come from; while it is the
  placeholder ``https://github.com/OWNER/REPO`` the links are not formed and the text says so;
* the commit and its date: ``git``, when the project is a git checkout and git is installed; else
  ``"unknown"``. The date is the commit's, never today's, so that what is built from it is reproducible.
"""
from __future__ import annotations

import re
import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path

import yaml

from rhetoric.base.paths import ROOT
from rhetoric.base.resources import package_version

CITATION = ROOT / "CITATION.cff"
#: The address CITATION.cff holds until the repository is published; links built on it are withheld.
PLACEHOLDER_REPOSITORY = "https://github.com/OWNER/REPO"
UNKNOWN = "unknown"
#: Where sharing links open (the reading order starts with the overview).
FIRST_NOTEBOOK = "notebooks/00-overview.ipynb"


def project_version(root: Path = ROOT) -> str:
    """The version in ``pyproject.toml`` (source checkout), else the installed distribution's."""
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]

    return package_version("rhetoric")


def citation(root: Path = ROOT) -> dict:
    """``CITATION.cff`` as a mapping (empty when the file is missing)."""
    path = root / "CITATION.cff"
    if not path.is_file():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=10,
                              check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    out = done.stdout.strip()
    return out if done.returncode == 0 and out else None


@dataclass(frozen=True)
class Commit:
    sha: str = UNKNOWN
    date: str = UNKNOWN  # YYYY-MM-DD, the commit's (committer) date

    @property
    def short(self) -> str:
        return self.sha[:12] if self.sha != UNKNOWN else UNKNOWN


def commit(root: Path = ROOT) -> Commit:
    """The checked-out commit and its date, or ``unknown`` for both (no git, not a checkout)."""
    out = _git(root, "log", "-1", "--format=%H %cs")
    if not out or " " not in out:
        return Commit()
    sha, date = out.split(" ", 1)
    return Commit(sha=sha, date=date)


def repository(root: Path = ROOT) -> str | None:
    """The repository's address from ``CITATION.cff`` (``repository-code``), or None while it is the
    placeholder or missing."""
    url = str(citation(root).get("repository-code") or "").rstrip("/")
    if not url or url == PLACEHOLDER_REPOSITORY:
        return None
    return url


def github_path(url: str | None) -> str | None:
    """``owner/name`` of a GitHub address, else None (nbviewer and Binder links need a GitHub path)."""
    match = re.fullmatch(r"https://github\.com/([\w.-]+/[\w.-]+?)(?:\.git)?/?", url or "")
    return match.group(1) if match else None


@dataclass(frozen=True)
class Links:
    """Sharing links formed from the repository's address (None while it is not set)."""

    repository: str | None
    nbviewer: str | None
    binder: str | None

    @property
    def ready(self) -> bool:
        return self.nbviewer is not None


def sharing_links(root: Path = ROOT, notebook: str = FIRST_NOTEBOOK, branch: str = "main") -> Links:
    """nbviewer and Binder links to ``notebook`` on ``branch`` (default ``main``) of the repository named in
    ``CITATION.cff``; None for each while the address is the placeholder or not on GitHub."""
    url = repository(root)
    path = github_path(url)
    if path is None:
        return Links(repository=url, nbviewer=None, binder=None)
    return Links(repository=url,
                 nbviewer=f"https://nbviewer.org/github/{path}/blob/{branch}/{notebook}",
                 binder=f"https://mybinder.org/v2/gh/{path}/{branch}?labpath={notebook}")


def cite_text(root: Path = ROOT, version: str | None = None, year: str | None = None) -> str:
    """A plain citation from ``CITATION.cff``: authors (year). Title (version X). URL."""
    cff = citation(root)
    names = []
    for a in cff.get("authors") or []:
        if "name" in a:
            names.append(str(a["name"]))
        else:
            names.append(" ".join(str(a[k]) for k in ("given-names", "family-names") if a.get(k)))
    version = version or str(cff.get("version") or project_version(root))
    year = year or str(cff.get("date-released") or "")[:4] or "n.d."
    text = f"{', '.join(n for n in names if n) or 'Anonymous'} ({year}). {cff.get('title', 'rhetoric')} " \
           f"(version {version}) [Computer software]."
    url = repository(root)
    return f"{text} {url}" if url else text
