"""One set of dependencies: pyproject's, pinned in requirements.lock, declared alike in environment.yml."""
from __future__ import annotations

import re
import tomllib

import yaml

from rhetoric.base.paths import ROOT

EXTRAS = ("test", "dev")  # the extras scripts/lock.py resolves


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(lines: list[str]) -> dict[str, str]:
    pins = {}
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            name, version = line.split("==")
            assert _norm(name) not in pins, f"{name} is pinned twice"
            pins[_norm(name)] = version
    return pins


def _lock() -> dict[str, str]:
    return _pins((ROOT / "requirements.lock").read_text().splitlines())


def _environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text())


def _pip_section() -> list[str]:
    return next(d for d in _environment()["dependencies"] if isinstance(d, dict))["pip"]


def _pyproject_deps() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    deps = project["dependencies"] + [d for extra in EXTRAS for d in project["optional-dependencies"][extra]]
    return [_norm(re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0]) for d in deps]


def test_every_lock_line_is_an_exact_pin():
    lines = [ln.split("#", 1)[0].strip() for ln in (ROOT / "requirements.lock").read_text().splitlines()]
    assert [ln for ln in lines if ln and not re.fullmatch(r"[A-Za-z0-9][\w.-]*==[\w.!+-]+", ln)] == []


def test_every_dependency_is_pinned_in_the_lock():
    lock = _lock()
    assert [d for d in _pyproject_deps() if d not in lock] == []


def test_environment_yml_installs_exactly_the_locked_set():
    """Every pin of the lock, transitive ones included, and nothing else, at the same version."""
    deps = _environment()["dependencies"]
    python = next(d for d in deps if isinstance(d, str) and d.startswith("python"))
    assert python.startswith("python=3.11")
    assert "pip" in deps
    pip = _pip_section()
    assert all(spec == "-e ." or "==" in spec for spec in pip), "only exact pins and the project itself"
    assert pip.count("-e .") == 1
    assert _pins(pip) == _lock()
