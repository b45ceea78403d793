"""One set of dependencies: pyproject's, pinned in requirements.lock, declared alike in environment.yml."""
from __future__ import annotations

import re

import yaml

from rhetoric.paths import ROOT


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _lock() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pins[_norm(name)] = version
    return pins


def _pyproject_deps() -> list[str]:
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    deps = data["project"]["dependencies"] + data["project"]["optional-dependencies"]["test"] + data["project"]["optional-dependencies"]["dev"]
    return [_norm(re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0]) for d in deps]


def test_every_dependency_is_pinned_in_the_lock():
    lock = _lock()
    assert [d for d in _pyproject_deps() if d not in lock] == []


def test_environment_yml_agrees_with_lock():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    deps = env["dependencies"]
    python = next(d for d in deps if isinstance(d, str) and d.startswith("python"))
    assert python.startswith("python=3.11")
    pip = next(d for d in deps if isinstance(d, dict))["pip"]
    pinned = {}
    for spec in pip:
        if spec.startswith("-e"):
            continue
        name, version = spec.split("==")
        pinned[_norm(name)] = version
    lock = _lock()
    assert {k: v for k, v in pinned.items() if lock.get(k) != v} == {}
    assert sorted(set(_pyproject_deps()) - set(pinned)) == []
