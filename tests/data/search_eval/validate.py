#!/usr/bin/env python3
"""Structural validation of the semantic history-search evaluation set (exit 1 on any error).

Checks: every line of the three JSONL files parses and has the documented fields and value types;
ids are unique; every `relevant` id exists; minimum counts (corpus 90-110, queries >= 130 with
>= 18 per language and >= 30 English, duplicate pairs >= 120); kind rules (cross_language: query
language differs from every relevant document; paraphrase: same language as the first relevant
document); splits are about half/half per language; no query or duplicate message copies a corpus
sentence (difflib ratio >= 0.9 against any title or description sentence). The paraphrase
word-overlap rule is checked by check_overlap.py.
"""
import collections
import difflib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LANGS = {"en", "es", "fr", "pt", "ru", "zh"}
CATEGORIES = {"plumbing", "electrical", "hvac", "appliance", "pest", "structural", "locks_security",
              "elevator", "general", "roofing", "windows_doors", "mold"}
PROPERTIES = {"maple", "harbor", "cedar"}
KINDS = {"paraphrase", "cross_language", "symptom", "typo"}
SPLITS = {"tuning", "heldback"}
errors = []


def err(msg):
    errors.append(msg)


def load(name, fields):
    rows, ids = [], set()
    with open(HERE / name, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                err(f"{name}:{n}: invalid JSON ({exc})")
                continue
            for field, typ in fields.items():
                if not isinstance(row.get(field), typ) or row.get(field) in ("", []):
                    err(f"{name}:{n}: field '{field}' missing, empty or not {typ.__name__}")
            extra = set(row) - set(fields)
            if extra:
                err(f"{name}:{n}: unexpected fields {sorted(extra)}")
            if row.get("id") in ids:
                err(f"{name}:{n}: duplicate id {row.get('id')}")
            ids.add(row.get("id"))
            rows.append(row)
    return rows


def sentences(text):
    return [s.strip().lower() for s in re.split(r"(?<=[.!?。！？])\s*", text) if len(s.strip()) > 8]


def copies(text, corpus_sentences):
    t = text.strip().lower()
    for s in corpus_sentences:
        if (len(s) > 25 and s in t) or difflib.SequenceMatcher(None, t, s).ratio() >= 0.9:
            return s
    return None


def main():
    corpus = load("corpus.jsonl", {"id": str, "property": str, "unit": str, "category": str, "title": str,
                                   "description": str, "resolution": str, "vendor": str, "cost_cents": int,
                                   "language": str})
    queries = load("queries.jsonl", {"id": str, "text": str, "language": str, "kind": str, "relevant": list,
                                     "split": str})
    dups = load("duplicates.jsonl", {"id": str, "property": str, "unit": str, "a": str, "a_language": str,
                                     "b": str, "language": str, "duplicate": bool, "hard_negative": bool,
                                     "split": str})
    docs = {d["id"]: d for d in corpus}
    if not 90 <= len(corpus) <= 110:
        err(f"corpus.jsonl: {len(corpus)} documents, expected 90-110")
    for d in corpus:
        if d["property"] not in PROPERTIES: err(f"corpus.jsonl {d['id']}: bad property")
        if d["category"] not in CATEGORIES: err(f"corpus.jsonl {d['id']}: bad category {d['category']}")
        if d["language"] not in LANGS: err(f"corpus.jsonl {d['id']}: bad language")
        if not re.fullmatch(r"h\d{3}", d["id"]): err(f"corpus.jsonl {d['id']}: bad id")
    en_share = sum(d["language"] == "en" for d in corpus) / max(1, len(corpus))
    if not 0.65 <= en_share <= 0.85:
        err(f"corpus.jsonl: English share {en_share:.0%}, expected about 75%")
    # whole description sentences may not appear inside a message; titles are short phrases, so
    # they only count when the message is nearly the title itself (ratio test)
    corpus_sents = [s for d in corpus for s in sentences(d["description"])]
    corpus_sents += [d["title"].lower() for d in corpus]

    per_lang = collections.Counter(q["language"] for q in queries)
    if len(queries) < 130: err(f"queries.jsonl: {len(queries)} queries, expected >= 130")
    for lang in LANGS:
        need = 30 if lang == "en" else 18
        if per_lang[lang] < need: err(f"queries.jsonl: {per_lang[lang]} '{lang}' queries, expected >= {need}")
    texts = collections.Counter(q["text"].strip().lower() for q in queries)
    for q in queries:
        where = f"queries.jsonl {q['id']}"
        if q["language"] not in LANGS: err(f"{where}: bad language")
        if q["kind"] not in KINDS: err(f"{where}: bad kind {q['kind']}")
        if q["split"] not in SPLITS: err(f"{where}: bad split")
        if not 1 <= len(q["relevant"]) <= 4: err(f"{where}: relevant must list 1-4 ids")
        if len(set(q["relevant"])) != len(q["relevant"]): err(f"{where}: repeated relevant id")
        missing = [r for r in q["relevant"] if r not in docs]
        if missing:
            err(f"{where}: relevant ids not in corpus: {missing}")
            continue
        rel_langs = [docs[r]["language"] for r in q["relevant"]]
        if q["kind"] == "cross_language" and q["language"] in rel_langs:
            err(f"{where}: cross_language query shares language with a relevant document")
        if q["kind"] == "paraphrase" and rel_langs[0] != q["language"]:
            err(f"{where}: paraphrase query must be in the language of its first relevant document")
        if texts[q["text"].strip().lower()] > 1: err(f"{where}: text repeated")
        hit = copies(q["text"], corpus_sents)
        if hit: err(f"{where}: copies corpus sentence '{hit}'")

    if len(dups) < 120: err(f"duplicates.jsonl: {len(dups)} pairs, expected >= 120")
    for p in dups:
        where = f"duplicates.jsonl {p['id']}"
        if p["language"] not in LANGS or p["a_language"] not in LANGS: err(f"{where}: bad language")
        if p["split"] not in SPLITS: err(f"{where}: bad split")
        if p["duplicate"] and p["hard_negative"]: err(f"{where}: a duplicate cannot be a hard negative")
        if p["a"].strip().lower() == p["b"].strip().lower(): err(f"{where}: a and b identical")
        if (p["property"], p["unit"]) not in {(d["property"], d["unit"]) for d in corpus}:
            err(f"{where}: unit {p['property']} {p['unit']} not in the portfolio")
        for side in ("a", "b"):
            hit = copies(p[side], corpus_sents)
            if hit: err(f"{where}: {side} copies corpus sentence '{hit}'")
    neg = [p for p in dups if not p["duplicate"]]
    hard = sum(p["hard_negative"] for p in neg)
    if abs(hard - len(neg) / 2) > len(neg) * 0.1: err(f"duplicates.jsonl: {hard} hard of {len(neg)} negatives")

    for name, rows in (("queries.jsonl", queries), ("duplicates.jsonl", dups)):
        by_lang = collections.defaultdict(collections.Counter)
        for r in rows:
            by_lang[r["language"]][r["split"]] += 1
        for lang, c in by_lang.items():
            if abs(c["tuning"] - c["heldback"]) > 2:
                err(f"{name}: split of '{lang}' unbalanced {dict(c)}")

    if errors:
        print("\n".join(errors))
        print(f"{len(errors)} error(s)")
        return 1
    print(f"ok: {len(corpus)} documents, {len(queries)} queries, {len(dups)} duplicate pairs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
