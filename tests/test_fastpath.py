"""The fast paths give the plain library calls' output, value for value (rhetoric.externals, matching).

Each fast path is compared with the plain call on the seeds, on hand-made edge cases, on generated input
(Hypothesis), and, when the benchmark corpus is beside the project, on a fixed sample of its articles (the
benchmark, ``scripts/bench_scale.py``, compares every article). No timings are asserted here.
"""
from __future__ import annotations

import gzip
import itertools
import json
import string

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rhetoric.base.paths import LOCK, ROOT
from rhetoric.externals import nltk_words, switch
from rhetoric.externals import vader as fast_vader
from rhetoric.instruments import actors, argument, frames, hedging, sentiment
from rhetoric.instruments.features import sentence_features
from rhetoric.io.articles import Article, chunk_corpus
from rhetoric.language import matching, tokens

from conftest import examples

BENCH = ROOT.parent / "shared" / "bench" / "allsides-10k.jsonl.gz"
#: The fixed benchmark sample: every 100th of the first 5,000 articles (50 articles, about 40,000 words).
SAMPLE_STEP, SAMPLE_END = 100, 5000

TRICKY = [
    "", " ", "A.", "..", "Ends with a period.", "Ends with dots...", "He said: “No.”", 'He said "no."',
    "She asked, ‘why?’ (Really!)", "It's 'tis the season; gimme, gonna, gotta, lemme, wanna, cannot.",
    "GİMME ıt, cannot İS ſo; more'n d'ye 'twas", "Rock 'n' roll -- and more -- and “quotes”.",
    "Price: $3.88, 25% (approx.) & more; @user #tag", "Tabs\tand\nnewlines\u00a0and\u2003spaces  .",
    "A sentence ending in a quote.” ", "a. b. c.", "U.S.-China ties—and Iran–Israel", "``odd'' quotes",
    "Won't can't shan't don't isn't it?!", "*stars* and {braces} [brackets] <angles>", "...", ". . .",
    "It is not bad, but it is not good either.", "Never so good; without a doubt the best.",
    "At least it is VERY GOOD!!! Not the least bit bad?? kind of ok", "No good, no bad or nor ugly.",
    "The bomb, the shit, bad ass, to die for, kiss of death, yeah right.", "I ♥ it :) :-( ;) <3 xD (!)",
    "Really really very extremely good :( ( ! ) ! )", "END-OF-SENTENCE in the middle", "Emoji 😁 and 💘 here",
    "sort of good, kind of bad, just enough", "This isn’t what ‘they’ said — “it’s” fine.",
]


def _seed_sentences(seeds) -> list[str]:
    return tokens.sentences(seeds)["text"].tolist()


def _bench_articles() -> list[Article]:
    if not BENCH.is_file():
        pytest.skip("benchmark corpus not beside the project (../shared/bench/)")
    out = []
    with gzip.open(BENCH, "rt", encoding="utf-8") as fh:
        for number, line in enumerate(itertools.islice(fh, 0, SAMPLE_END, SAMPLE_STEP), start=1):
            rec = json.loads(line)
            out.append(Article(doc_id=str(rec["id"]), stance=str(rec["stance"]), text=rec["text"],
                               title=str(rec.get("title") or ""), line=number))
    return out


# --- the switch ----------------------------------------------------------------------------------------

def test_switch_environment_and_context(monkeypatch):
    monkeypatch.delenv(switch.PLAIN_ENV, raising=False)
    assert switch.enabled()
    with switch.plain():
        assert not switch.enabled()
        with switch.plain():
            assert not switch.enabled()
        assert not switch.enabled()
    assert switch.enabled()
    monkeypatch.setenv(switch.PLAIN_ENV, "1")
    assert not switch.enabled()
    monkeypatch.setenv(switch.PLAIN_ENV, "0")
    assert switch.enabled()


def _clear_fast_caches():
    for cached in (nltk_words.word_tokenizer, sentiment._fast_vader, sentiment._fast_pattern):
        cached.cache_clear()
    switch._warned.clear()


def test_other_library_version_falls_back_to_plain_calls_with_a_warning(monkeypatch, seeds):
    """A library version other than the accepted one: no fast path is built, each says so once with a
    FastPathWarning, and the plain calls run (the same values)."""
    _clear_fast_caches()
    try:
        with monkeypatch.context() as m:
            m.setattr(switch, "package_version", lambda name: "0.0.0")
            with pytest.warns(switch.FastPathWarning) as caught:
                assert nltk_words.word_tokenizer() is None
                assert sentiment._fast_vader() is None and sentiment._fast_pattern() is None
            said = " ".join(str(w.message) for w in caught)
            assert "word tokenizer" in said and "VADER" in said and "Pattern" in said and "0.0.0" in said
            text = "China can’t wait, but it’s not bad."
            assert tokens.split_words(text) == list(tokens.word_tokenizer().span_tokenize(
                text.translate(tokens.STRAIGHTEN_FOR_TOKENS)))
            assert sentiment.vader_polarity(text) == sentiment.vader().polarity_scores(
                sentiment.as_vader_reads(text))
            assert sentiment.pattern_scores(pd.Series([text])).iloc[0].tolist() == list(sentiment.pattern()(
                sentiment.as_vader_reads(text))[:2])
    finally:
        _clear_fast_caches()
    assert nltk_words.word_tokenizer() is not None


def test_accepted_versions_equal_the_lock():
    """The versions the fast paths accept are the lock's pins: a version bump of the lock without a check of
    the transcribed code fails here, not silently in the feature table."""
    pins = dict(line.split("==", 1) for line in LOCK.read_text().splitlines() if "==" in line and
                not line.startswith("#"))
    pins = {name.strip().lower(): version.split(";")[0].strip() for name, version in pins.items()}
    for distribution, version in switch.ACCEPTED.items():
        assert pins.get(distribution.lower()) == version, distribution


def test_switch_is_per_thread():
    import threading

    seen = {}
    with switch.plain():
        worker = threading.Thread(target=lambda: seen.setdefault("other", switch.enabled()))
        worker.start()
        worker.join()
        seen["this"] = switch.enabled()
    assert seen == {"other": True, "this": False}


# --- NLTK's word tokenizer -----------------------------------------------------------------------------

def _plain_spans(text: str) -> list[tuple[int, int]]:
    return list(tokens.word_tokenizer().span_tokenize(text))


def test_word_tokenizer_same_spans_on_seeds_and_edge_cases(seeds):
    fast = nltk_words.word_tokenizer()
    texts = [t.translate(tokens.STRAIGHTEN_FOR_TOKENS) for t in [*_seed_sentences(seeds), *TRICKY]]
    texts += [t for t in TRICKY]  # curly quotes too, as the tokenizer would see them unstraightened
    for text in texts:
        assert fast.span_tokenize(text) == _plain_spans(text), text
        assert fast.tokenize(text) == tokens.word_tokenizer().tokenize(text), text


def test_word_tokenizer_long_sentences():
    fast = nltk_words.word_tokenizer()
    piece = "The U.S. said: “don't escalate”, and China's (cautious) reply -- was 'no'. "
    for n in (200, nltk_words.LONG_SENTENCE // len(piece) + 5):  # under and over the plain-call threshold
        text = (piece * n).translate(tokens.STRAIGHTEN_FOR_TOKENS)
        assert fast.span_tokenize(text) == _plain_spans(text)


_TOKEN_TEXT = st.lists(st.sampled_from(list("ab Ac.,:;'\"`?!()[]{}<>-–—*$%&@#\n\t\u00a0«»“”‘’„İıſ0189")
                                      + ["n't", "'s", "cannot", "gimme", "wanna", "'tis", "...", "''", "``", "--",
                                         ". ", "' ", "more'n", "d'ye", "CanNot", "GIMME", "Tis"]),
                      max_size=40).map("".join)


@settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TOKEN_TEXT)
def test_word_tokenizer_generated_text(text):
    fast = nltk_words.word_tokenizer()
    assert fast.tokenize(text) == tokens.word_tokenizer().tokenize(text)
    try:
        expected = _plain_spans(text)
    except ValueError:  # NLTK cannot align some odd quote sequences: the fast path raises alike
        with pytest.raises(ValueError):
            fast.span_tokenize(text)
        return
    assert fast.span_tokenize(text) == expected


def test_final_period_shortcuts_match_the_patterns():
    from nltk.tokenize.destructive import NLTKWordTokenizer

    (p0, r0), (p6, r6) = NLTKWordTokenizer.PUNCTUATION[0], NLTKWordTokenizer.PUNCTUATION[6]
    chars = ["a", ".", " ", "\n", "\t", '"', "'", ")", "]", "»", "”", "’", ",", "\u00a0", "\u2028", "\x85"]
    for n in range(0, 6):
        for combo in itertools.product(chars, repeat=n) if n <= 4 else []:
            text = "x" + "".join(combo)
            for shortcut, rx, repl in ((nltk_words._final_period, p0, r0), (nltk_words._final_period_2, p6, r6)):
                got = shortcut(text)
                if got is not None:
                    assert got == rx.sub(repl, text), (text, rx.pattern)


# --- VADER and Pattern ---------------------------------------------------------------------------------

def _both_scores(text: str):
    vader_plain = sentiment.vader().polarity_scores(text)
    pattern_plain = tuple(sentiment.pattern()(text)[:2])
    fast = (sentiment._fast_vader().polarity_scores(text), sentiment._fast_pattern().polarity(text))
    return (vader_plain, pattern_plain), fast


def test_vader_and_pattern_same_scores_on_seeds_and_edge_cases(seeds):
    for text in [*_seed_sentences(seeds), *TRICKY, *[t.upper() for t in TRICKY]]:
        for variant in (text, sentiment.as_vader_reads(text)):
            plain, fast = _both_scores(variant)
            assert repr(plain) == repr(fast), variant  # repr: -0.0 and 0.0 differ in the CSV


def test_vader_and_pattern_long_sentence():
    """Over 1,000 words with "but": the fast VADER path takes its own linear ``but_check`` there."""
    text = "Not bad, but never so good: the very best, without doubt, no worse! " * 120
    assert len(text.split()) > fast_vader._BUT_CHECK_WORDS
    assert repr(sentiment.vader().polarity_scores(text)) == repr(sentiment._fast_vader().polarity_scores(text))
    assert tuple(sentiment.pattern()(text)[:2]) == sentiment._fast_pattern().polarity(text)


@settings(max_examples=examples(500), deadline=None)
@given(st.lists(st.sampled_from([0, 0.0, -0.0, 1.5, -1.5, 0.75, 2.25, 3.0, -0.75, 1.125, 1.6875]), min_size=1,
                max_size=30), st.data())
def test_but_check_equals_vaders(values, data):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    bi = data.draw(st.integers(0, len(values) - 1))
    words = ["w"] * len(values)
    words[bi] = "but"
    want = SentimentIntensityAnalyzer._but_check(words, list(values))
    got = fast_vader.but_check(bi, list(values))
    assert repr(got) == repr(want) and [type(v) for v in got] == [type(v) for v in want]


_SENTIMENT_WORDS = ["good", "bad", "great", "GOOD", "Bad", "not", "no", "never", "so", "this", "without", "doubt",
                    "least", "at", "very", "kind", "of", "sort", "but", "BUT", "isn't", "don't", "nor", "or",
                    "really", "extremely", "barely", "the", "shit", "bomb", "bad", "ass", "die", "for", "to",
                    "kiss", "death", "yeah", "right", "happy", "sad", "war", "peace", "killed", "love", "hate",
                    "!", "?", "!!!", "??", ":)", ":(", ":-D", "(!)", "(", ")", "!)", ",", ".", "...", "'", '"', "’",
                    "U.S.", "e.g.", "Mr.", "terribly", "hardly", "nice.", "(good)", "“great”", "'not'", "n't",
                    "xD", "<3", "kinda", "just", "enough", "most", "less", "little", "uber", "friggin", "😁"]


@settings(max_examples=examples(500), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_SENTIMENT_WORDS), max_size=25), st.sampled_from([" ", "  ", "", "\t"]))
def test_vader_and_pattern_generated_sentences(words, sep):
    text = sep.join(words) if sep else "".join(w + (" " if i % 3 else "") for i, w in enumerate(words))
    plain, fast = _both_scores(text)
    assert repr(plain) == repr(fast)


def _vader_tables():
    from vaderSentiment import vaderSentiment as v

    analyzer = sentiment.vader()
    lexicon = sorted(analyzer.lexicon)
    boosters = sorted(v.BOOSTER_DICT)
    special = sorted(v.SPECIAL_CASES)  # multi-word idioms and boosters ("kiss of death", "the bomb")
    return lexicon, boosters, special, sorted(v.NEGATE)


_LEX, _BOOST, _SPECIAL, _NEGATE = _vader_tables()
_VADER_PIECES = st.one_of(st.sampled_from(_LEX), st.sampled_from(_BOOST), st.sampled_from(_SPECIAL),
                          st.sampled_from(_NEGATE), st.sampled_from(["but", "BUT", "!", "?", "!!", ",", ".", "least",
                                                                      "at", "without", "doubt", "never", "so"]),
                          st.sampled_from(_LEX).map(str.upper))


@settings(max_examples=examples(300), deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_VADER_PIECES, min_size=1, max_size=20))
def test_vader_and_pattern_on_vaders_own_tables(words):
    """Sentences drawn from VADER's lexicon, its booster and special-case (idiom) tables and its negations: the
    same scores, and the fast path's valences (:meth:`FastVader.valences`) explain each score exactly as VADER's
    own methods do (:func:`_explained_both_ways`)."""
    text = " ".join(words)
    plain, fast = _both_scores(text)
    assert repr(plain) == repr(fast), text
    explained_fast, explained_plain = _explained_both_ways(text)
    assert repr(explained_fast) == repr(explained_plain), text
    assert sentiment.compound_from(sentiment.explain(text)) == sentiment.vader_polarity(text)["compound"]


# --- word lists ----------------------------------------------------------------------------------------

def _data_lists() -> list[list[str]]:
    lex = hedging.lexicon()
    return [list(frames.frame_terms()["term"]), list(frames.entman_cues()["term"]), list(lex["term"]),
            list(lex.loc[lex["category"] != "hedge", "term"]), list(hedging.modal_list()["term"]),
            list(argument.rhetorical_markers()["term"]), list(actors.actor_aliases()["alias"])]


def _same_hits(toks: pd.DataFrame, lists: list[list[str]]) -> None:
    with switch.plain():
        expected = [matching.match_terms(toks, terms) for terms in lists]
    for terms, want in zip(lists, expected):
        pd.testing.assert_frame_equal(matching.match_terms(toks, terms), want)
    found = matching.match_many(toks, lists)
    for rows, want in zip(found, expected):
        pd.testing.assert_frame_equal(pd.DataFrame(rows, columns=[*matching.HIT_COLUMNS, "term"]), want)
    with matching.one_pass(toks):  # twice: the second block matches every list up front
        for terms, want in zip(lists, expected):
            pd.testing.assert_frame_equal(matching.match_terms(toks, terms), want)
    with matching.one_pass(toks):
        for terms, want in zip(lists, expected):
            pd.testing.assert_frame_equal(matching.match_terms(toks, terms), want)


def _same_mentions(toks: pd.DataFrame) -> None:
    with switch.plain():
        want = actors.actor_mentions(toks)
    pd.testing.assert_frame_equal(actors.actor_mentions(toks), want)


def test_matcher_on_seeds_with_every_data_list(seeds):
    sents, toks = tokens.sentences_and_tokens(seeds)
    _same_hits(toks, _data_lists())
    _same_mentions(toks)
    _same_mentions(tokens.feature_tables(seeds)[1])


@pytest.mark.slow
def test_matcher_on_benchmark_sample_with_every_data_list():
    corpus = chunk_corpus(_bench_articles())
    _, toks = tokens.sentences_and_tokens(corpus)
    _same_hits(toks, _data_lists())
    _same_mentions(toks)


def test_matcher_ties_and_odd_terms():
    words = ["US", "u.s.", "us", "a", "ab", "abc", "abd", "A", "b", "ba", "don't", "don’t", "x*y", "*", "-", "a-b"]
    toks = _token_table([words, list(reversed(words)), ["ab", "ab", "ab", "abc", "abc"]])
    lists = [["ab*", "abc", "ab c*", "a*", "*", "a", "ab"], ["AB", "ab", "Ab*", "ab*", "abc*", "abc**"],
             ["a* ab", "a ab*", "u.s.", "us", "US", "don't", "don’t", "don’*", "x*y", "x*", "a-b", "-"],
             ["b* a*", "ba b*", "ab ab", "ab ab ab", "abc abc"], []]
    _same_hits(toks, lists)
    with pytest.raises(IndexError):  # an empty term fails alike on both paths
        matching.match_terms(toks, ["ab", " "])
    with switch.plain(), pytest.raises(IndexError):
        matching.match_terms(toks, ["ab", " "])


def _token_table(sentences: list[list[str]], doc_of=lambda k: "d0") -> pd.DataFrame:
    rows, at, tid, current = [], 0, 0, None
    for k, sentence in enumerate(sentences):
        doc = doc_of(k)
        if doc != current:
            current, tid = doc, 0
        for tok in sentence:
            rows.append((doc, 0, k, tid, at, at + len(tok), tok, tok.lower(), True))
            at += len(tok) + 1
            tid += 1
    return pd.DataFrame(rows, columns=tokens.TOKEN_COLUMNS)


_VOCAB = ["a", "ab", "abc", "abd", "b", "ba", "bab", "Ab", "AB", "x", "x-y", "y", "z’s", "z's", "the", "US"]


def _term(parts: list[tuple[str, str]]) -> str:
    return " ".join(w + star for w, star in parts)


_TERMS = st.lists(st.lists(st.tuples(st.sampled_from([*_VOCAB, "", "a*b"]), st.sampled_from(["", "", "*", "**"])),
                           min_size=1, max_size=3).map(_term).filter(lambda t: t.split()), max_size=12)
_SENTENCES = st.lists(st.lists(st.sampled_from(_VOCAB), max_size=8), min_size=1, max_size=5)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TERMS, min_size=1, max_size=3), _SENTENCES)
def test_matcher_generated_lists_and_texts(lists, sentences):
    toks = _token_table(sentences, doc_of=lambda k: f"d{k // 2}")
    _same_hits(toks, lists)


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.lists(st.sampled_from(["China", "U.S.", "US", "Iran", "Israel", "White", "House",
                                                      "Xi", "Jinping", "Beijing", "us"]), min_size=1, max_size=3),
                          st.sampled_from(["us", "china", "iran"])), max_size=8),
       st.lists(st.lists(st.sampled_from(["China", "U.S.", "US", "China-U.S.", "Iran–Israel", "-", "White", "House",
                                          "White-House", "Xi", "Jinping", "us", "and", "--", "U.S.-", "-Iran"]),
                         max_size=8), min_size=1, max_size=4))
def test_alias_matcher_generated_lists_and_texts(aliases, sentences):
    index: dict[str, list] = {}
    for words, actor in aliases:
        index.setdefault(words[0], []).append((tuple(words), actor, " ".join(words), "name"))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    toks = _token_table(sentences, doc_of=lambda k: f"d{k // 3}")
    rows = matching.match_aliases(toks, index)
    with switch.plain():
        assert matching.match_aliases(toks, index) is None
    # the plain loop of actor_mentions, with this index
    real = actors._alias_index
    actors._alias_index = lambda: index
    try:
        with switch.plain():
            want = actors.actor_mentions(toks)
    finally:
        actors._alias_index = real
    pd.testing.assert_frame_equal(pd.DataFrame(rows, columns=actors.MENTION_COLUMNS), want)


# --- the feature table ---------------------------------------------------------------------------------

def _csv(table: pd.DataFrame) -> str:
    return table.to_csv(index=False, lineterminator="\n")


def _same_table(corpus) -> None:
    with switch.plain():
        plain = sentence_features(corpus)
    fast = sentence_features(corpus)
    pd.testing.assert_frame_equal(fast, plain)
    assert _csv(fast) == _csv(plain)
    assert [str(d) for d in fast.dtypes] == [str(d) for d in plain.dtypes]


def test_feature_table_identical_on_seeds(seeds):
    _same_table(seeds)


def test_feature_table_identical_on_edge_cases():
    texts = ["\n".join(TRICKY), "Title\nWASHINGTON - " + " ".join(TRICKY * 3), "x", "U.S. - China -- talks."]
    _same_table(chunk_corpus([Article(doc_id=f"e{k}", stance="s", text=t) for k, t in enumerate(texts)]))
    _same_table(chunk_corpus([Article(doc_id="h", stance="s", text="Only a headline", title="Only a headline")]))


@pytest.mark.slow
def test_feature_table_identical_on_benchmark_sample():
    articles = _bench_articles()
    for k in range(0, len(articles), 25):
        _same_table(chunk_corpus(articles[k:k + 25]))


def test_token_tables_same_values(seeds):
    sents, toks = tokens.sentences_and_tokens(seeds)
    fsents, ftoks = tokens.feature_tables(seeds)
    pd.testing.assert_frame_equal(fsents, sents)
    pd.testing.assert_frame_equal(ftoks.astype({c: sents["doc_id"].dtype for c in ("doc_id", "token", "lower")}),
                                  toks)
    assert tokens.sentence_slices(ftoks) == tokens._slices(ftoks)
    assert len(toks) > 1000 and set(string.ascii_lowercase) <= set("".join(toks["lower"]))  # a real text


def _run_tables_equal(corpus) -> None:
    want = tokens.sentences_and_tokens(corpus, lemmas=True, stopwords=True)
    got = tokens.run_tables(corpus)
    for mine, theirs in zip(got, want):
        pd.testing.assert_frame_equal(mine, theirs, check_exact=True)
        assert [str(d) for d in mine.dtypes] == [str(d) for d in theirs.dtypes]


def test_run_tables_equal_sentences_and_tokens(seeds):
    _run_tables_equal(seeds)
    texts = ["\n".join(TRICKY), "Title\nWASHINGTON - " + " ".join(TRICKY * 3), "x", "U.S. - China -- talks."]
    _run_tables_equal(chunk_corpus([Article(doc_id=f"e{k}", stance="s", text=t) for k, t in enumerate(texts)]))
    _run_tables_equal(chunk_corpus([Article(doc_id="h", stance="s", text="Only a headline", title="Only a headline")]))
    with switch.plain():
        _run_tables_equal(seeds)


def test_feature_tables_remembered_per_corpus_as_copies(seeds, monkeypatch):
    first_sents, first_toks = tokens.feature_tables(seeds)
    first_sents["text"] = "changed"  # a caller's change stays in its copy
    first_toks.insert(0, "extra", 1)
    sents, toks = tokens.feature_tables(seeds)
    assert "extra" not in toks.columns and (sents["text"] != "changed").all()
    assert tokens.sentence_slices(toks) == tokens._slices(toks)
    assert len(tokens._TABLES_MEMO) == 1
    tokens._TABLES_MEMO.clear()
    monkeypatch.setattr(tokens, "SPLIT_MEMO_TOKENS", 10)  # a corpus above the bound is not kept
    again = tokens.feature_tables(seeds)
    assert not tokens._TABLES_MEMO
    pd.testing.assert_frame_equal(again[1], toks)


def _explained_both_ways(text: str):
    fast = (sentiment.explain_rows(text), sentiment.compound_without(text, {"good", "war", "bad"}))
    with switch.plain():
        plain = (sentiment.explain_rows(text), sentiment.compound_without(text, {"good", "war", "bad"}))
    return fast, plain


def test_explain_rows_same_on_seeds_and_edge_cases(seeds):
    for text in [*_seed_sentences(seeds), *TRICKY, *[t.upper() for t in TRICKY], "so 😁 good", ""]:
        fast, plain = _explained_both_ways(text)
        assert repr(fast) == repr(plain), text
