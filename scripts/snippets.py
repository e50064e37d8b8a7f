#!/usr/bin/env python3
"""Checks (or, with --write, refreshes) the C++ snippets of the docs against compiled code.

A snippet in a Markdown file is a fenced code block right after a marker line

    <!-- snippet: examples/quickstart/quickstart.cpp#embed -->

and must equal the region of that source file between the lines "// [snippet:embed]" and
"// [/snippet:embed]", with the region's common indentation removed. Exit status: 0 when every
snippet matches, 1 when one differs or a marker names a missing file or region (each problem is
printed as FILE:LINE: ...), 2 on bad usage.

Usage: scripts/snippets.py [--write] [--root DIR] MARKDOWN...
"""
import argparse
import pathlib
import re
import sys
import textwrap

MARKER = re.compile(r"^<!-- snippet: (?P<path>[^#\s]+)#(?P<name>[\w-]+) -->\s*$")


def region(source: pathlib.Path, name: str) -> str:
    lines = source.read_text(encoding="utf-8").splitlines()
    begin = [i for i, l in enumerate(lines) if l.strip() == f"// [snippet:{name}]"]
    end = [i for i, l in enumerate(lines) if l.strip() == f"// [/snippet:{name}]"]
    if len(begin) != 1 or len(end) != 1 or end[0] <= begin[0]:
        raise LookupError(f"{source} has no single region '{name}' "
                          f"(// [snippet:{name}] ... // [/snippet:{name}])")
    return textwrap.dedent("\n".join(lines[begin[0] + 1:end[0]])).strip("\n") + "\n"


def process(doc: pathlib.Path, root: pathlib.Path, write: bool) -> list:
    problems = []
    lines = doc.read_text(encoding="utf-8").splitlines(keepends=True)
    out = []
    i = 0
    while i < len(lines):
        out.append(lines[i])
        m = MARKER.match(lines[i])
        i += 1
        if not m:
            continue
        where = f"{doc}:{i}"
        if i >= len(lines) or not lines[i].startswith("```"):
            problems.append(f"{where}: the snippet marker is not followed by a ``` code block")
            continue
        fence = lines[i]
        close = next((k for k in range(i + 1, len(lines)) if lines[k].rstrip() == "```"), None)
        if close is None:
            problems.append(f"{where}: the code block after the snippet marker is not closed")
            continue
        try:
            want = region(root / m["path"], m["name"])
        except (OSError, LookupError) as e:
            problems.append(f"{where}: {e}")
            want = "".join(lines[i + 1:close])
        have = "".join(lines[i + 1:close])
        if have != want:
            problems.append(f"{where}: the snippet differs from {m['path']}#{m['name']} "
                            f"(run scripts/snippets.py --write {doc})")
        out.append(fence)
        out.append(want if write else have)
        out.append(lines[close])
        i = close + 1
    if write:
        doc.write_text("".join(out), encoding="utf-8")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="copy the regions into the docs")
    ap.add_argument("--root", default=str(pathlib.Path(__file__).resolve().parent.parent),
                    help="the directory marker paths are relative to (default: the repository)")
    ap.add_argument("docs", nargs="+", type=pathlib.Path)
    args = ap.parse_args()
    root = pathlib.Path(args.root)
    problems = []
    for doc in args.docs:
        problems += process(doc, root, args.write)
    if args.write:
        problems = [p for p in problems if "differs" not in p]
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
