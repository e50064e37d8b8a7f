#!/usr/bin/env python3
"""Bytes of database per inbound SMS, by table (docs/benchmarks.md, "Storage per message").

Builds a fresh SQLite database with the sample portfolio (examples/data/portfolio.json), ingests
N SMS from the tenants of "harbor" (`propos ingest`; texts of the sample inbox, senders in turn),
runs the loop to idle (`propos run`: offline rules provider, hashing embedder), checkpoints the
WAL (`wal_checkpoint(TRUNCATE)`) and reads SQLite's `dbstat`: the pages of every table and index.
Prints, per table, the bytes per message two ways: the whole database divided by N (the sample
portfolio's own pages spread over the messages, as the earlier figures were taken) and the growth
since the import divided by N (what each message adds). `--json` prints the figures as JSON.

    scripts/storage-per-message.py --propos build/ci/examples/propos/propos --messages 300
"""
import argparse
import json
import os
import pathlib
import sqlite3
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent


def pages_by_table(db):
    con = sqlite3.connect(db)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        rows = con.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name").fetchall()
    finally:
        con.close()
    return {name: size for name, size in rows}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--propos", default=str(ROOT / "build/ci/examples/propos/propos"),
                    help="the propos command-line app")
    ap.add_argument("--messages", type=int, default=300, help="SMS to ingest (default 300)")
    ap.add_argument("--keep", help="keep the database at this path")
    ap.add_argument("--json", action="store_true", help="print JSON")
    args = ap.parse_args()
    if args.messages < 1:
        ap.error("--messages must be at least 1")
    portfolio_file = ROOT / "examples/data/portfolio.json"
    portfolio = json.loads(portfolio_file.read_text())
    harbor = next(o for o in portfolio["organizations"] if o["organization"]["id"] == "harbor")
    phones = [t["phone"] for t in harbor["tenants"] if t.get("phone")]
    texts = []
    for line in (ROOT / "examples/data/inbox.jsonl").read_text().splitlines():
        m = json.loads(line)
        if m["org"] == "harbor" and m["channel"] == "sms":
            texts.append(m["text"])

    with tempfile.TemporaryDirectory(prefix="propos-size-") as tmp:
        db = args.keep or os.path.join(tmp, "size.db")
        if os.path.exists(db):
            sys.exit(f"{db} exists: give a new path to --keep")

        def propos(*argv, stdin=None):
            r = subprocess.run([args.propos, *argv], input=stdin, capture_output=True, text=True)
            if r.returncode != 0:
                sys.exit(f"propos {argv[0]} failed ({r.returncode}): {r.stderr.strip()[-2000:]}")
            return r.stdout

        propos("import", "--db", db, str(portfolio_file))
        before = pages_by_table(db)
        inbox = os.path.join(tmp, "sms.jsonl")
        with open(inbox, "w") as out:
            for n in range(args.messages):
                minute = n % 60
                hour = 12 + n // 60 % 10
                day = 5 + n // 600
                out.write(json.dumps({
                    "id": f"size-{n:06d}", "channel": "sms", "from": phones[n % len(phones)],
                    "to": "+12125550000", "text": f"{texts[n % len(texts)]} (ticket {n})",
                    "received_at": f"2026-01-{day:02d}T{hour:02d}:{minute:02d}:00Z"}) + "\n")
        propos("ingest", "--db", db, "--org", "harbor", inbox)
        propos("run", "--db", db)
        verified = propos("audit", "--db", db, "--org", "harbor", "--verify")
        after = pages_by_table(db)

    names = sorted(set(before) | set(after), key=lambda k: -after.get(k, 0))
    rows = []
    totals = {"whole": 0, "growth": 0}
    for name in names:
        whole, growth = after.get(name, 0), after.get(name, 0) - before.get(name, 0)
        totals["whole"] += whole
        totals["growth"] += growth
        rows.append({"table": name, "bytes_per_message": round(whole / args.messages),
                     "growth_per_message": round(growth / args.messages)})
    result = {"messages": args.messages, "tables": rows,
              "bytes_per_message": round(totals["whole"] / args.messages),
              "growth_per_message": round(totals["growth"] / args.messages),
              "audit": verified.strip().splitlines()[-1] if verified.strip() else ""}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{args.messages} SMS; audit: {result['audit']}")
    print(f"{'table or index':40} {'bytes/message':>14} {'growth/message':>15}")
    for r in rows:
        if r["bytes_per_message"] or r["growth_per_message"]:
            print(f"{r['table']:40} {r['bytes_per_message']:>14,} {r['growth_per_message']:>15,}")
    print(f"{'everything':40} {result['bytes_per_message']:>14,} {result['growth_per_message']:>15,}")


if __name__ == "__main__":
    main()
