"""What every notebook calls: :func:`start` (set up from its parameters) and the helpers its cells use.

``nb = notebook.start("01-corpus.ipynb", CORPUS_DIR, OUTPUT_DIR, LEXICONS_DIR, groups=GROUPS)`` builds the
notebook's :class:`~rhetoric.run.settings.Settings` from its parameters, validates them (the corpus loaded and
checked, the groups asked for present), keeps the documents of the groups asked for, puts the settings' word lists
in force for the kernel, chooses the actor list and returns the :class:`~rhetoric.run.session.Session`. The other
names here are the notebooks' vocabulary, re-exported from the modules that define them.
"""
from __future__ import annotations

import os
from dataclasses import replace

import pandas as pd

from rhetoric.base.escape import code, md  # noqa: F401 - re-exported for the notebooks
from rhetoric.instruments import actors
from rhetoric.instruments.frames import families_for
from rhetoric.io.corpus import METADATA, STUDY_FILE, Corpus, is_project_corpus, load_corpus  # noqa: F401
from rhetoric.language import duplicates as near_duplicates
from rhetoric.language.boilerplate import recurring_lines
from rhetoric.language.cleaning import use_boilerplate
from rhetoric.report.figure_files import clear_figures
from rhetoric.report.findings_store import clear_findings
from rhetoric.report.style import use_style
from rhetoric.run.corpus_views import (  # noqa: F401 - re-exported for the notebooks
    articles_table,
    boilerplate_note,
    bullet_list,
    corpus_card,
    describe_corpus,
    duplicates_note,
    groups_table,
    metadata_table,
    scope_note,
    skipped_note,
    study_markdown,
)
from rhetoric.run.session import INTERVAL_DOCS, LARGE_CORPUS_RESAMPLES, Session  # noqa: F401 - re-exported
from rhetoric.run.session_outputs import PROGRESS_LOG, output_root  # noqa: F401 - re-exported
from rhetoric.run.session_tables import GROUP_SEED, PAIRWISE_NAMES  # noqa: F401 - re-exported
from rhetoric.run.settings import NO_CLUSTER, Settings
from rhetoric.run.shared_tables import WORKERS_ENV, key_of, shared


def select_groups(corpus: Corpus, groups: tuple[str, ...] | list[str] | None) -> Corpus:
    """``corpus`` restricted to the documents of ``groups`` (all when ``None``; the groups were checked with the
    settings)."""
    if not groups:
        return corpus
    docs = corpus.documents[corpus.documents["stance"].isin(groups)].reset_index(drop=True)
    return Corpus(directory=corpus.directory, documents=docs, raw={d: corpus.raw[d] for d in docs["doc_id"]},
                  metadata=corpus.metadata, study=corpus.study,
                  group_labels=corpus.group_labels)  # docs keep the labels' attrs


def start(notebook: str, corpus_dir: str | None, output_dir: str | None,
          lexicons_dir: str | None = None, groups: str | list[str] | None = None, *,
          frames: str | None = None, cluster: str | None = None, drop_duplicates: bool = False) -> Session:
    """Set a notebook up from its parameters (see the module docstring): the corpus named (default: the seeds),
    only the documents of the ``groups`` setting (``"A,B"``: these groups, in this order; ``None``: every group,
    sorted), without its near-duplicates with ``drop_duplicates`` (one of each set kept; the session lists them),
    the frame families of ``frames`` (``None``: :func:`rhetoric.instruments.frames.families_for` the corpus),
    the ``cluster`` column as the unit of analysis (``None``: the default column, ``"none"``: none), the
    corpus's own word lists if it brings any, the style."""
    pd.set_option("display.max_colwidth", 200)
    pd.set_option("display.precision", 3)
    pd.set_option("display.max_rows", 80)
    use_style()
    settings = Settings(command="notebook", corpus=corpus_dir, out=output_dir, lexicons=lexicons_dir, groups=groups,
                        workers=int(os.environ.get(WORKERS_ENV) or 1), frames=frames, cluster=cluster,
                        drop_duplicates=bool(drop_duplicates)).validate()
    corpus = select_groups(settings.source.corpus(), settings.groups)
    # the families the study measures, resolved once and carried by the settings (to --workers processes too)
    settings = replace(settings, frames=families_for(corpus, settings.frames))
    settings.use_frames()
    found = shared("duplicates", key_of(str(corpus.directory), tuple(corpus.documents["doc_id"])),
                   lambda: near_duplicates.duplicates(corpus))
    if settings.drop_duplicates:
        corpus = near_duplicates.drop_duplicates(corpus, found=found)
    # lines recurring across an outlet's (or the corpus's) articles are set aside by cleaning, listed in its audit
    by = settings.cluster if settings.cluster not in (None, NO_CLUSTER) else "outlet"
    use_boilerplate(shared("boilerplate", key_of(str(corpus.directory), tuple(corpus.documents["doc_id"]), by),
                           lambda: recurring_lines(corpus, by=by, duplicates=found)))
    replaced = settings.use_word_lists()
    session = Session(corpus=corpus, notebook=notebook, out_dir=output_root(settings.out), lexicons=replaced,
                      order=list(settings.groups) if settings.groups else None, settings=settings,
                      duplicates_found=found)
    # The project's actor list was written for its own corpus: another corpus gets its own list, or its most
    # frequent proper names (tokenised once, when an actor is first looked up).
    if "actors.csv" in replaced:
        actors.use_actor_list("own")
    elif is_project_corpus(corpus):
        actors.use_actor_list("project")
    else:  # the list is made once per run (:meth:`Session.corpus_actors`), from the run's shared token table
        actors.use_actor_list("corpus", derive=lambda: session.tables()[1], listing=session.corpus_actors)
    clear_findings(session.figures, notebook)  # what this run records replaces everything it recorded before
    clear_figures(session.figures, notebook)
    return session
