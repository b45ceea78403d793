"""The JSON Lines reader (``rhetoric.io.articles``) on arbitrary lines (Hypothesis, derandomised): every non-blank
line gives exactly one article or one named failure, never an exception."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from rhetoric.io.articles import GZIP_MAGIC, Article, read_jsonl

from conftest import examples

SETTINGS = dict(deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow,
                                                                      HealthCheck.data_too_large])


line = st.one_of(
    st.binary(max_size=60).map(lambda b: b.replace(b"\n", b"")),
    st.builds(lambda i, s, t: json.dumps({"id": i, "stance": s, "text": t}).encode(),
              st.one_of(st.text(max_size=5), st.integers(), st.none(), st.booleans()),
              st.one_of(st.text(max_size=5), st.integers(), st.lists(st.integers(), max_size=2)),
              st.one_of(st.text(max_size=40), st.floats(allow_nan=False), st.none())),
    st.sampled_from([b"[1]", b"null", b"{}", b'"text"', b"\xef\xbb\xbf{}", b"\xff\xfe", b"   ",
                     b'{"id": "s", "stance": "s", "text": "\\udc80"}', b'{"id": 1e400, "stance": "s", "text": "x"}']),
)


@settings(max_examples=examples(80), **SETTINGS)
@given(st.lists(line, max_size=8))
def test_jsonl_reader_names_every_line_and_never_raises(tmp_path_factory, lines):
    assume(not (lines and lines[0].startswith(GZIP_MAGIC)))  # that file is gzip, read as such
    path = tmp_path_factory.mktemp("jsonl") / "c.jsonl"
    path.write_bytes(b"".join(x + b"\n" for x in lines))
    items = list(read_jsonl(path))
    numbers = [it.line if isinstance(it, Article) else it[0] for it in items]
    first = lines[0].removeprefix(b"\xef\xbb\xbf") if lines else b""
    expected = [k for k, x in enumerate(lines, start=1) if (first if k == 1 else x).strip()]
    assert numbers == expected
    for it in items:
        if isinstance(it, Article):
            assert it.text.strip() and it.doc_id and isinstance(it.stance, str)
        else:
            assert it[2]  # a problem, in words
