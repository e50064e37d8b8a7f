#!/usr/bin/env python3
"""Paraphrase check for the semantic history-search evaluation set.

A query of kind "paraphrase" must share NO content word with the title or description of
any of its relevant corpus documents. This script checks that rule and exits 1 on a violation.

Matching is deliberately strict (it errs toward reporting an overlap):
  * text is lower-cased, accents are folded (é->e, ё->е, ç->c), apostrophes split words;
  * stop words (function words, per language) are ignored;
  * two words match when they are equal after light suffix stripping (plural / -ed / -ing ...)
    or when both are at least 5 letters long and share their first 5 letters
    (so "dripping" ~ "drippy", "radiateur" ~ "radiateurs", "засорился" ~ "засор...");
  * Chinese has no spaces: any shared pair of adjacent CJK characters (bigram) counts as a
    shared word, except a small list of grammatical bigrams.

Usage: python3 check_overlap.py [--all]   (--all also prints overlaps of the other kinds, for info)
"""
import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent

STOP = set("""
a an the and or but if of to in on at by for from with without into onto over under up down out off
is are was were be been being am do does did doing have has had having i me my mine we us our you your he
him his she her it its they them their this that these those there here what which who whom when where why
how all any both each few more most other some such no nor not only own same so than too very can will
just don should now s t ll re ve d m o y isn aren wasn weren doesn didn won wouldn couldn shouldn haven
hasn hadn cant wont dont im ive ill get got gets even still also about again once as after before
el la los las un una unos unas y o de del al a en con por para se me mi mis te tu su sus lo le les que
es son está esta están estoy hay ya no sí si muy más pero como cuando desde hasta porque nos
le la les un une des et ou de du d l en au aux à a ce cet cette ces je j tu il elle on nous vous ils
elles me m te t se s sa son ses mon ma mes ne n pas plus que qu qui dans par pour sur avec est sont
ça ca y c très tout toute tous
o a os as um uma uns umas e ou de do da dos das no na nos nas em com por para se me meu minha seu sua
que é está estão tá ta não nao sim mais mas como quando já ja eu ele ela isso esse essa lá la
и в во не на с со что как а но я ты он она оно мы вы они у к ко по из за от до это мне меня мой моя
моё мои уже же ли бы то так там тут при о об для всё все под над
""".split())

# grammatical Chinese bigrams that do not count as shared content words
ZH_STOP = {"没有", "不是", "的时", "时候", "我的", "我们", "他们", "一个", "这个", "那个"}

CJK = re.compile(r"[\u4e00-\u9fff]")


def fold(text: str) -> str:
    text = text.lower().replace("ё", "е").replace("’", "'")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))


STOP_FOLDED = {fold(w) for w in STOP}


def stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> set:
    words = set()
    for w in re.findall(r"[^\W\d_]+", fold(text)):
        if CJK.search(w) or len(w) < 2 or w in STOP_FOLDED:
            continue
        words.add(w)
    return words


def cjk_bigrams(text: str) -> set:
    grams = set()
    for run in re.findall(r"[\u4e00-\u9fff]+", text):
        for i in range(len(run) - 1):
            g = run[i : i + 2]
            if g not in ZH_STOP:
                grams.add(g)
    return grams


def words_match(a: str, b: str) -> bool:
    if a == b or stem(a) == stem(b):
        return True
    return len(a) >= 5 and len(b) >= 5 and a[:5] == b[:5]


def overlap(query: str, doc: str) -> list:
    shared = []
    dwords = content_words(doc)
    for q in sorted(content_words(query)):
        for d in sorted(dwords):
            if words_match(q, d):
                shared.append(q if q == d else f"{q}~{d}")
    shared += sorted(cjk_bigrams(query) & cjk_bigrams(doc))
    return shared


def load(name: str) -> list:
    rows = []
    with open(HERE / name, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    sys.exit(f"{name}:{n}: invalid JSON: {exc}")
    return rows


def main() -> int:
    show_all = "--all" in sys.argv
    corpus = {d["id"]: d for d in load("corpus.jsonl")}
    failures = 0
    checked = 0
    for q in load("queries.jsonl"):
        hits = {}
        for rid in q["relevant"]:
            d = corpus[rid]
            shared = overlap(q["text"], d["title"] + " " + d["description"])
            if shared:
                hits[rid] = shared
        if q["kind"] == "paraphrase":
            checked += 1
            if hits:
                failures += 1
                print(f"FAIL {q['id']} ({q['language']}): shares {hits}")
        elif show_all and hits:
            print(f"info {q['id']} {q['kind']} ({q['language']}): shares {hits}")
    print(f"paraphrase queries checked: {checked}, violations: {failures}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
