"""Issue 20 in Python: the CLI's embedder choice (propos.make_embedder), asymmetric Python
embedders (embed_queries), per-embedder thresholds, and re-embedding after a change of model with
progress (propos.reembed_if_model_changed)."""
from __future__ import annotations

import numpy as np
import pytest

import propos


def test_make_embedder_mirrors_the_cli_options(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    assert propos.make_embedder().model() == "propos-hash-v1/384"
    assert propos.make_embedder("hashing", dimensions=256).dimension() == 256
    e = propos.make_embedder("openai", base_url="http://127.0.0.1:9", model="e5", dimensions=8,
                             query_prefix="query: ", document_prefix="passage: ")
    assert e.model() == 'openai:e5/8 [query:"query: " document:"passage: "]'
    for kwargs, fragment in [(dict(kind="hashing", base_url="http://x"), "base_url applies"),
                             (dict(kind="hashing", query_prefix="q: "), "query_prefix applies"),
                             (dict(kind="bogus"), "unknown embedder"),
                             (dict(kind="openai", base_url="ftp://x"), "not an http"),
                             (dict(kind="openai"), "OPENAI_API_KEY"),
                             (dict(kind="hashing", dimensions=0), "at least 1")]:
        with pytest.raises(ValueError, match=fragment):
            propos.make_embedder(**kwargs)


class Asymmetric(propos.Embedder):
    """Words hashed into 64 slots; queries get an extra feature, so both sides are told apart."""

    def __init__(self):
        super().__init__()
        self.sides = []

    def dimension(self):
        return 64

    def model(self):
        return "test-asym/64"

    def _vec(self, texts, extra):
        out = np.zeros((len(texts), 64), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in t.lower().split():
                out[i, sum(map(ord, w)) % 63] += 1
            out[i, 63] = extra
        return out

    def embed(self, texts):
        self.sides.append(("document", list(texts)))
        return self._vec(texts, 0.0)

    def embed_queries(self, texts):
        self.sides.append(("query", list(texts)))
        return self._vec(texts, 0.5)


def test_a_python_embedder_may_embed_queries_its_own_way(store):
    e = Asymmetric()
    search = propos.HistorySearch(store, e, propos.HistorySearchOptions(persist=False))
    store.put("harbor", propos.Note(id="n1", text="kitchen sink leaking", author="t", at="2026-01-05T09:00:00Z"))
    search.index_note("harbor", "n1")
    hits = search.search("harbor", "sink leaking", keyword=False)
    assert [h.id for h in hits] == ["n1"]
    assert ("query", ["sink leaking"]) in e.sides
    assert all(texts != ["sink leaking"] for side, texts in e.sides if side == "document")
    assert e.embed_queries(["x"])[0, 63] == pytest.approx(0.5)
    # Without an override, embed_queries is embed.
    h = propos.hashing_embedder()
    assert np.array_equal(h.embed_queries(["no heat"]), h.embed(["no heat"]))


def test_thresholds_are_calibrated_per_embedder_and_settable(store):
    search = propos.HistorySearch(store, propos.hashing_embedder(), propos.HistorySearchOptions(persist=False))
    assert search.thresholds().source.startswith("measured")
    other = propos.calibrated_thresholds("openai:text-embedding-3-small/384")
    assert "calibrate" in other.source
    t = propos.SimilarityThresholds(min_similarity=0.3, duplicate=0.8, source="host")
    search = propos.HistorySearch(store, propos.hashing_embedder(),
                                  propos.HistorySearchOptions(persist=False, thresholds=t))
    assert search.thresholds().duplicate == pytest.approx(0.8)
    with pytest.raises(ValueError, match="between -1 and 1"):
        propos.HistorySearch(store, propos.hashing_embedder(), propos.HistorySearchOptions(
            persist=False, thresholds=propos.SimilarityThresholds(duplicate=3.0)))


def test_a_change_of_model_is_reembedded_with_progress(store, tmp_path):
    opts = propos.HistorySearchOptions(index_dir=str(tmp_path / "idx"), embed_batch=8)
    first = propos.HistorySearch(store, propos.make_embedder(), opts)
    first.reindex("harbor")
    first.close()
    assert first.indexed_model("harbor").current
    second = propos.HistorySearch(store, propos.make_embedder("hashing", dimensions=128), opts)
    was = second.indexed_model("harbor")
    assert not was.current and was.model == "propos-hash-v1/384" and was.documents > 0
    with pytest.raises(propos.FailedPrecondition, match="mismatch"):
        second.search("harbor", "leak")
    seen = []
    done = propos.reembed_if_model_changed(second, ["harbor", "prairie"], lambda org, d, t: seen.append((org, d, t)))
    assert len(done) == 1 and done[0].documents == was.documents  # prairie had nothing indexed
    assert seen[-1] == ("harbor", was.documents, was.documents)
    assert all(org == "harbor" and 0 < d <= t for org, d, t in seen)
    assert second.indexed_model("harbor").current
    assert propos.reembed_if_model_changed(second, ["harbor"]) == []
    second.search("harbor", "leak")
