"""The input of a command, asked for what it holds: a corpus directory or a JSON Lines file (plain or gzip).

A caller never opens an input itself. It opens a :class:`Source` (:meth:`Source.open` checks, once, that the
path is a corpus directory or a readable file) and asks it:

* :meth:`~Source.count`: how many articles it holds (for a progress bar's total);
* :meth:`~Source.files`: every file it reads, resolved, with what each is (for the output rule,
  :func:`rhetoric.io.outputs.check_output`);
* :meth:`~Source.metadata`: a corpus directory's ``metadata.csv`` as written, read once
  (:func:`rhetoric.io.corpus.read_metadata`, the one reader of that file);
* :meth:`~Source.corpus`: the loaded and checked corpus (:func:`rhetoric.io.corpus.load_corpus`), loaded once;
* :meth:`~Source.articles`: its articles one at a time (a corpus directory checked as a whole first; JSON Lines
  streamed, a bad line reported as ``(line, id, problem)``: :func:`rhetoric.io.articles.read_jsonl`).

Whether a JSON Lines file is gzip is decided by its first bytes, in one place
(:func:`rhetoric.io.articles.open_bytes`). A source crosses a process boundary as its path only (a worker that
needs it opens it again).
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from rhetoric.base.errors import CorpusError, InputError
from rhetoric.base.safety import real, resolved
from rhetoric.io.articles import DAMAGE, MAX_BLANK_LINES, Article, open_bytes, read_jsonl
from rhetoric.io.corpus import METADATA, Corpus, check_directory, load_corpus, read_metadata

_READ_STEP = 1 << 20


class Source:
    """A command's input (see the module docstring); made by :meth:`open`."""

    def __init__(self, path: Path):
        self.path = path
        self.is_corpus = path.is_dir()
        self._lock = threading.Lock()  # count() may run in a thread beside the reading
        self._metadata: pd.DataFrame | InputError | None = None
        self._corpus: Corpus | None = None

    def __repr__(self) -> str:
        return f"Source({str(self.path)!r})"

    def __getstate__(self) -> dict:  # the path only: nothing read is shipped to another process
        return {"path": self.path}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["path"])

    @classmethod
    def open(cls, path: Path | str, *, jsonl: bool = True) -> Source:
        """``path`` as an input: a corpus directory, or (``jsonl``) a readable JSON Lines file; a clear error
        naming the path otherwise."""
        path = Path(path)
        if path.is_dir():
            return cls(path)
        if not jsonl:
            check_directory(path)  # raises: a file or nothing where a corpus directory is needed
        if not path.exists():
            raise CorpusError(path, "does not exist (give a corpus directory or a .jsonl / .jsonl.gz file)")
        if not path.is_file():
            raise CorpusError(path, "is not a regular file (give a corpus directory or a .jsonl / .jsonl.gz file)")
        return cls(path)

    def metadata(self) -> pd.DataFrame:
        """A corpus directory's ``metadata.csv`` as written, read once (an error reading it is raised again on
        each call). Not to be modified."""
        with self._lock:
            if self._metadata is None:
                try:
                    self._metadata = read_metadata(self.path)
                except InputError as exc:
                    self._metadata = exc
            if isinstance(self._metadata, InputError):
                raise self._metadata
            return self._metadata

    def corpus(self) -> Corpus:
        """The corpus directory loaded and checked as a whole (once): every document, or one clear error."""
        if not self.is_corpus:
            check_directory(self.path)
        if self._corpus is None:
            self._corpus = load_corpus(self.path, metadata=self.metadata())
        return self._corpus

    def groups(self) -> list[str]:
        """The groups of the corpus (its ``stance`` labels), sorted."""
        return sorted(self.corpus().documents["stance"].unique())

    def articles(self) -> Iterator[Article | tuple[int, str, str]]:
        """The articles, in order: a corpus directory's (checked as a whole first; line = its row), or a JSON
        Lines file's (streamed; a line that cannot be an article is ``(line, id, problem)``)."""
        if not self.is_corpus:
            yield from read_jsonl(self.path)
            return
        corpus = self.corpus()
        for k, d in enumerate(corpus.documents.itertuples(), start=1):
            yield Article(doc_id=d.doc_id, stance=d.stance, text=corpus.raw[d.doc_id], title=d.title, line=k)

    def count(self) -> int | None:
        """How many articles the input holds, for a progress bar's total: the rows of a corpus's metadata, or the
        lines of a JSON Lines file that are not blank, each an article or a line reported as not one (one pass,
        about 1 s for 24 MB of gzip). ``None`` when it cannot be told (reading the input says why)."""
        try:
            if self.is_corpus:
                return len(self.metadata())
            n, pending, blank = 0, False, 0  # pending: the line read so far holds more than white space
            with open_bytes(self.path) as fh:
                while block := fh.read(_READ_STEP):
                    if not block.strip():  # white space only: counted at C speed (a blank-line bomb)
                        ends = block.count(b"\n")
                        n, pending, blank = n + bool(pending and ends), pending and not ends, blank + ends
                        if blank > MAX_BLANK_LINES:
                            return None  # reading the input names the problem
                        continue
                    lines = block.split(b"\n")
                    if len(lines) == 1:
                        pending = pending or bool(lines[0].strip())
                        continue
                    n += bool(pending or lines[0].strip()) + sum(1 for line in lines[1:-1] if line.strip())
                    pending = bool(lines[-1].strip())
            return n + pending
        except (InputError, ValueError, *DAMAGE):
            return None

    def files(self) -> dict[Path, str]:
        """Every file this input reads, resolved, with what it is: the input file, or a corpus directory's files
        and those its ``metadata.csv`` lists (wherever they are)."""
        root = real(self.path)
        if not self.is_corpus:
            return {root: "the input file"}
        paths = {}
        for p in root.rglob("*"):
            if p.is_file():
                paths[resolved(p)] = (f"the corpus's {METADATA}" if p.name == METADATA and p.parent == root
                                       else "an input of this run")
        try:
            meta = self.metadata()
        except InputError:
            return paths  # loading the corpus names the problem
        for name in dict.fromkeys(meta["file"]) if "file" in meta.columns else ():  # each name resolved once
            if name.strip():
                paths.setdefault(resolved(root / name.strip()), "a text file of the corpus")
        return paths

