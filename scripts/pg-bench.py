#!/usr/bin/env python3
"""The pipeline on one database with 1, 2 and 4 `propos run` worker processes (issue 18): messages/s
and jobs/s on PostgreSQL, against one process on SQLite, in one run.

    scripts/pg-bench.py [--propos PATH] [--messages N] [--url URL --admin-url URL]

Without --url it starts a durable throwaway server of its own (scripts/pg-test-cluster.sh with fsync,
synchronous_commit and full_page_writes back on: a commit is on disk, as on SQLite with
synchronous=FULL) and stops it afterwards. For each configuration: a fresh schema (or SQLite file),
the sample portfolio imported, N generated messages ingested (not timed; spread over the portfolio's
organizations, each from a different tenant), then the workers started together and timed until
every one has exited (each runs until no job is due). Prints a Markdown table for
docs/benchmarks.md.

Each organization has one writer at a time (docs/deployment-postgresql.md), so workers scale across
organizations: with every message in one organization (--one-org) they take turns.
"""
import argparse
import importlib.util
import json
import shutil
import sqlite3
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("pg_workers", ROOT / "scripts/pg-workers.py")
pgw = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pgw)
harness = pgw.harness


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--propos", default=str(ROOT / "build/ci/examples/propos/propos"))
    p.add_argument("--messages", type=int, default=100, help="messages (default 100)")
    p.add_argument("--one-org", action="store_true", help="every message in organization harbor")
    p.add_argument("--url")
    p.add_argument("--admin-url")
    a = p.parse_args()
    cluster = None
    if not a.url:
        out = subprocess.run([str(ROOT / "scripts/pg-test-cluster.sh"), "start",
                              "-c fsync=on -c synchronous_commit=on -c full_page_writes=on"],
                             check=True, capture_output=True, text=True).stdout
        env = dict(line.replace("export ", "", 1).split("=", 1) for line in out.strip().splitlines())
        env = {k: v.strip("'") for k, v in env.items()}
        a.url, a.admin_url, cluster = env["PROPOS_TEST_PG_URL"], env["PROPOS_TEST_PG_ADMIN_URL"], env["PROPOS_TEST_PG_DIR"]
    work = Path(tempfile.mkdtemp(prefix="propos-pgbench-"))
    portfolio_doc = json.loads((ROOT / "examples/data/portfolio.json").read_text())
    samples = [json.loads(l) for l in (ROOT / "examples/data/inbox.jsonl").read_text().splitlines()]
    orgs = [o for o in portfolio_doc["organizations"]
            if not a.one_org or o["organization"]["id"] == harness.ORG]
    inboxes = {}
    for i in range(a.messages):
        o = orgs[i % len(orgs)]
        oid = o["organization"]["id"]
        tenants = [t for t in o["tenants"] if t.get("phone")]
        texts = [x["text"] for x in samples if x["org"] == oid] or [x["text"] for x in samples]
        n = len(inboxes.setdefault(oid, []))
        t = tenants[n % len(tenants)]
        inboxes[oid].append({"org": oid, "id": f"bench-{i:05d}", "channel": "sms", "from": t["phone"],
                             "to": "+12125550000", "text": texts[n % len(texts)],
                             "received_at": f"2026-01-05T12:{n // 60 % 60:02d}:{n % 60:02d}Z"})
    files = {}
    for oid, lines in inboxes.items():
        files[oid] = work / f"inbox-{oid}.jsonl"
        harness.write_jsonl(files[oid], lines)
    portfolio = str(ROOT / "examples/data/portfolio.json")
    rows = []
    schemas = []
    try:
        # A fresh server's first run also pays for the write-ahead log's new segments and cold
        # caches: one untimed run first, so that 1 worker is not measured on a cold server.
        configs = [("PostgreSQL", 0), ("SQLite", 1), ("PostgreSQL", 1), ("PostgreSQL", 2), ("PostgreSQL", 4)]
        for engine, n in configs:
            warmup = n == 0
            n = max(n, 1)
            if engine == "SQLite":
                db_args = ["--db", str(work / "bench.db")]
            else:
                schema = f"bench_{'warmup' if warmup else n}_{os.getpid()}"
                schemas.append(schema)
                db_args = ["--db", a.url, "--pg-schema", schema]
            harness.propos(a.propos, *db_args, "import", portfolio)
            for oid, f in files.items():
                harness.propos(a.propos, *db_args, "ingest", "--org", oid, str(f))
            started = time.monotonic()
            pgw.workers(a.propos, db_args, n)
            took = time.monotonic() - started
            sql = ("SELECT (SELECT count(*) FROM jobs WHERE type = 'inbound.message' AND state = 'done') AS handled, "
                   "(SELECT count(*) FROM jobs WHERE state = 'done') AS jobs")
            if engine == "SQLite":
                con = sqlite3.connect(str(work / "bench.db"))
                handled, jobs_done = con.execute(sql).fetchone()
                con.close()
            else:
                handled, jobs_done = pgw.pg_query(a.admin_url, schema)(sql)[0]
            print(f"pg-bench: {engine} x{n}{' (warm-up, not counted)' if warmup else ''}: {handled} message(s), "
                  f"{jobs_done} job(s) in {took:.2f} s", file=sys.stderr)
            if not warmup:
                rows.append((engine, n, took, handled, jobs_done))
    finally:
        for s in schemas:
            pgw.psql(a.admin_url, f'DROP SCHEMA IF EXISTS "{s}" CASCADE')
        if cluster:
            subprocess.run([str(ROOT / "scripts/pg-test-cluster.sh"), "stop", cluster], check=False)
        shutil.rmtree(work, ignore_errors=True)
    one = next(r for r in rows if r[0] == "PostgreSQL" and r[1] == 1)
    print("| engine | workers | wall time | messages/s | jobs/s | ms of wall time per message | vs 1 worker |")
    print("|---|---|---|---|---|---|---|")
    for engine, n, took, handled, jobs in rows:
        ratio = f"{one[2] / took:.2f}x" if engine == "PostgreSQL" else "-"
        print(f"| {engine} | {n} | {took:.2f} s | {handled / took:.1f} | {jobs / took:.1f} | "
              f"{1000 * took / max(handled, 1):.1f} | {ratio} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
