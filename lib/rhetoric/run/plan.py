"""A run's plan: which notebooks, in which order, where their outputs go, with which parameters, which are stale.

In place (no ``--out``): ``notebooks/*.ipynb`` are executed where they are, figures go to ``figures/`` and the run
state to ``.cache/``. With ``--out OUT``: executed copies go to ``OUT/notebooks``, figures to ``OUT/figures`` and
the run state to ``OUT``; the corpus, the output and the word lists, groups and resamples given are passed to
every notebook as parameters (papermill's convention: :func:`rhetoric.run.kernel.inject_parameters`).

A notebook is *stale*, and executed, when ``--force`` is given, its key changed, its executed copy is missing or
its outputs changed (:mod:`rhetoric.run.cache`). The overview (``00-overview``) is read first but runs last: it
gathers the others' findings and figures, so its key includes those tables as they are when its turn comes.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rhetoric.base import paths
from rhetoric.base.safety import real
from rhetoric.run import cache
from rhetoric.run.staging import recover

if TYPE_CHECKING:  # the settings module imports this one (the notebooks' names for --only)
    from rhetoric.run.settings import Settings

OVERVIEW = "00-overview.ipynb"


def notebook_paths() -> list[Path]:
    """The numbered notebooks in execution order: ``01-...`` onwards, then ``00-overview`` last.

    The overview is read first but summarises the others (their findings and figure gallery), so it runs
    after them; every other notebook reads only the corpus and the library.
    """
    found = sorted(paths.NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
    return [p for p in found if p.name != OVERVIEW] + [p for p in found if p.name == OVERVIEW]


@dataclass
class Plan:
    """What a run will do (see the module docstring); made by :func:`make_plan`."""

    settings: Settings
    #: The notebooks of this run (``--only``), in execution order.
    notebooks: list[Path]
    in_place: bool
    out: Path
    nb_dir: Path
    fig_dir: Path
    state_path: Path
    state: dict
    #: Injected into every notebook (empty in place).
    params: dict
    base_keys: dict[str, str]
    keys: dict[str, str]
    #: The notebooks to execute (the overview may join later: :meth:`refresh_overview`).
    todo: list[Path] = field(default_factory=list)
    #: Absolute paths that must not appear in a committed notebook's outputs.
    roots: list[str] = field(default_factory=list)

    def stale(self, src: Path) -> bool:
        entry = self.state.get(src.name, {})
        return (self.settings.force or entry.get("key") != self.keys[src.name] or "files" not in entry
                or not (self.nb_dir / src.name).is_file()
                or entry.get("outputs") != cache.outputs_digest(self.nb_dir / src.name, self.fig_dir, src.name,
                                                                entry["files"]))

    def refresh_overview(self) -> None:
        """The others may have changed figures and findings: the overview's key again, and whether it is stale."""
        src = next((p for p in self.notebooks if p.name == OVERVIEW), None)
        if src is None:
            return
        self.keys[OVERVIEW] = cache.overview_key(self.base_keys[OVERVIEW], self.fig_dir)
        if self.stale(src) and src not in self.todo:
            self.todo.append(src)

    def record(self, src: Path, files: list[str]) -> None:
        """Notebook ``src`` executed and wrote ``files``: its key and outputs into the run state (saved)."""
        dest = self.nb_dir / src.name
        self.state[src.name] = {"key": self.keys[src.name], "files": files,
                                "outputs": cache.outputs_digest(dest, self.fig_dir, src.name, files)}
        cache.write_state(self.state_path, self.state)


def parameters(settings: Settings, nb_dir: Path, out: Path) -> dict[str, object]:
    """What ``--out`` injects into each notebook executed in ``nb_dir``: the corpus and the output (paths relative
    to it), and the word lists, groups, resamples, frame families, cluster column and ``--drop-duplicates`` when
    given."""
    params: dict[str, object] = {"CORPUS_DIR": os.path.relpath(settings.corpus, nb_dir),
                                 "OUTPUT_DIR": os.path.relpath(out, nb_dir)}
    if settings.lexicons is not None:
        params["LEXICONS_DIR"] = os.path.relpath(settings.lexicons, nb_dir)
    if settings.groups is not None:
        # "A,B" as before; a list where a name holds a comma (notebook.start takes either)
        params["GROUPS"] = (list(settings.groups) if any("," in g for g in settings.groups)
                            else ",".join(settings.groups))
    if settings.resamples is not None:
        params["N_RESAMPLES"] = int(settings.resamples)
    if settings.frames is not None:
        params["FRAMES"] = ",".join(settings.frames)
    if settings.cluster is not None:
        params["CLUSTER"] = settings.cluster
    if settings.drop_duplicates:
        params["DROP_DUPLICATES"] = True
    return params


def figures_of(settings: Settings) -> Path:
    """Where a run with these settings writes its figures (resolved): ``figures/`` in place, else ``OUT/figures``."""
    return real(paths.FIGURES if settings.out is None else settings.out.resolve() / "figures")


def make_plan(settings: Settings) -> Plan:
    """The plan of a run with these (validated) settings. Undoes first what a killed run left beside the figures
    (:func:`rhetoric.run.staging.recover`): the outputs' digests read them. Call it holding the run's lock
    (:func:`rhetoric.run.staging.run_lock` on :func:`figures_of`)."""
    in_place = settings.out is None
    out = paths.ROOT if in_place else settings.out.resolve()
    nb_dir = paths.NOTEBOOKS if in_place else out / "notebooks"
    state_path = (paths.CACHE if in_place else out) / cache.STATE_FILE
    state = cache.read_state(state_path)
    fig_dir = figures_of(settings)
    recover(fig_dir)  # a half-done swap or staging folders left by a killed run
    roots = sorted({str(paths.ROOT), str(Path.home()), str(out), str(settings.corpus), tempfile.gettempdir() + "/"},
                   key=len, reverse=True)
    library = cache.library_digest()
    corpus_key = cache.tree_digest(settings.corpus)  # its own lexicons/ folder included
    lexicons_key = cache.tree_digest(settings.lexicons)
    only = settings.only
    notebooks = [p for p in notebook_paths() if not only or p.name in only or p.stem in only]
    params = {} if in_place else parameters(settings, nb_dir, out)
    base_keys = {src.name: cache.notebook_key(src, library, corpus_key, lexicons_key, params) for src in notebooks}
    plan = Plan(settings=settings, notebooks=notebooks, in_place=in_place, out=out, nb_dir=nb_dir, fig_dir=fig_dir,
                state_path=state_path, state=state, params=params, base_keys=base_keys, keys=dict(base_keys),
                roots=[r for r in roots if r not in ("/", "")])
    if OVERVIEW in plan.keys:
        plan.keys[OVERVIEW] = cache.overview_key(base_keys[OVERVIEW], fig_dir)
    plan.todo = [src for src in notebooks if plan.stale(src)]
    return plan
