#!/usr/bin/env python3
"""Regenerates src/agent/typo_stopwords.inc: real words that the text signals' typo tolerance would
otherwise read as another word ("tripped" as "trapped", "heading" as "heating", "leasing" as
"leaking", "draining" as "raining").

The signals (src/agent/text_signals.cpp) match a pattern word of seven letters or more with one typo.
A word a dictionary knows is spelled as meant, so it is never taken for a typo of another: this script
lists the common English, Spanish, French and Portuguese words (the 60,000 most frequent of each
language in the `wordfreq` package's lists, accents folded as the signals fold them) that are within
one typo of a pattern of the word lists, other than by matching it exactly, with the difference before
the pattern's last three letters (a difference at the end is an inflection or a cognate of the same
word: "replacing" still matches "replace*", "detecter" "detector"). A developer's tool (run it after
adding long words to the lists; `pip install wordfreq`); the test command does not run it.

    python3 scripts/gen-typo-stopwords.py            # rewrites the file
    python3 scripts/gen-typo-stopwords.py --check    # exit 1 when the file is out of date
"""
import argparse
import pathlib
import re
import sys
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCES = ["src/agent/emergency.cpp", "src/agent/text_signals.cpp", "src/workflows/intent.cpp",
           "src/workflows/renewal_rules.cpp"]
OUT = ROOT / "src/agent/typo_stopwords.inc"
LANGUAGES = ["en", "es", "fr", "pt"]
TOP = 60000


def fold(word):
    nfkd = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in nfkd if not unicodedata.combining(c))


def within_one_edit(a, b):
    """The same rule as text_signals.cpp's within_one_edit."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if la > lb + 1 or lb > la + 1:
        return False
    m = min(la, lb)
    if a[:m] == b[:m]:
        return False
    i = 0
    while i < la and i < lb and a[i] == b[i]:
        i += 1
    if la == lb:
        if i >= 2 and a[i + 1:] == b[i + 1:]:
            return True
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:]
    if la > lb:
        return a[i + 1:] == b[i:]
    return a[i:] == b[i + 1:]


def exact(pattern, word):
    if pattern.endswith("*"):
        return word.startswith(pattern[:-1])
    return pattern == word


def fuzzy(pattern, word):
    """text_signals.cpp's word_matches beyond an exact match."""
    if pattern.endswith("*"):
        p = pattern[:-1]
        if len(p) >= 7 and len(word) >= len(p):
            return within_one_edit(p, word[:len(p)]) or within_one_edit(p, word[:len(p) + 1])
        return False
    return len(pattern) >= 7 and within_one_edit(pattern, word)


def changes_the_stem(pattern, word):
    """A fuzzy match that differs before the pattern's last three letters: another word ("heading" for
    "heating", "draining" for "raining"). One that differs only at the end is an inflection or a
    cognate of the same word ("replacing" for "replace*", "detecter" for "detector"): kept."""
    core = pattern.rstrip("*")
    i = 0
    while i < len(core) and i < len(word) and core[i] == word[i]:
        i += 1
    return i < len(core) - 3


def code_only(text):
    """The source without its // comments (quoted words in comments are examples, not patterns)."""
    lines = []
    for line in text.splitlines():
        in_string = False
        i = 0
        while i < len(line):
            c = line[i]
            if c == "\\" and in_string:
                i += 2
                continue
            if c == '"':
                in_string = not in_string
            elif not in_string and line.startswith("//", i):
                line = line[:i]
                break
            i += 1
        lines.append(line)
    return "\n".join(lines)


def patterns():
    out = set()
    for src in SOURCES:
        text = code_only((ROOT / src).read_text(encoding="utf-8"))
        for literal in re.findall(r'"([^"\\]*)"', text):
            if not re.fullmatch(r"[a-z][a-z *]*", literal):
                continue
            for part in literal.split():
                if re.fullmatch(r"[a-z]+\*?", part) and len(part.rstrip("*")) >= 7:
                    out.add(part)
    return out


def stopwords():
    from wordfreq import top_n_list  # developer dependency (PyPI)
    pats = patterns()
    words = set()
    for lang in LANGUAGES:
        for w in top_n_list(lang, TOP):
            f = fold(w)
            if re.fullmatch(r"[a-z]{6,}", f):
                words.add(f)
    out = []
    for w in sorted(words):
        # Also a word some list holds as itself ("tripped" is not a typo of "trapped"): its own
        # pattern still matches it exactly.
        if any(fuzzy(p, w) and not exact(p, w) and changes_the_stem(p, w) for p in pats):
            out.append(w)
    return out


def render(words):
    lines = ["// Generated by scripts/gen-typo-stopwords.py: real words (en, es, fr, pt) within one typo of a",
             "// pattern of the signal word lists; the typo tolerance skips them. Sorted, one per line.", ""]
    lines += [f'"{w}",' for w in words]
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 when the file is out of date")
    args = ap.parse_args()
    text = render(stopwords())
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT.relative_to(ROOT)} is out of date: run scripts/gen-typo-stopwords.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {text.count(chr(10)) - 3} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
