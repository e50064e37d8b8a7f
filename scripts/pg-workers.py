#!/usr/bin/env python3
"""Several `propos run` workers on one PostgreSQL database (issue 18): nothing lost, nothing done twice,
the audit chain verified — and a worker killed with SIGKILL mid-run leaves its work to the others.

    scripts/pg-workers.py --url URL --admin-url URL [--propos PATH] [--messages M] [--seed S]

URL is the database the workers use (a role subject to row-level security); ADMIN_URL reads every
organization's rows for the checks (a superuser of the throwaway test cluster, see
scripts/pg-test-cluster.sh). Each scenario gets a schema of its own, dropped afterwards:

1. The demo on PostgreSQL yields the same work orders, outbound messages and escalations as on SQLite.
2. A generated inbox (the crash harness's: M messages, one delivered twice) is imported, ingested, then
   processed by 2 and by 4 concurrent `propos run` workers; a last `propos run --advance 6m` ends what
   is left (none when nothing failed). The invariants of scripts/crash-harness.py hold against a
   control run on SQLite: every message stored and handled once, no job left running or dead, no
   duplicate work order or send, the same work orders, sends, escalations and jobs per type, and
   `propos audit --verify` passes.
3. The same with 4 workers, one of them killed (SIGKILL) at a random moment while they run; the final
   `propos run --advance 6m` goes past the 5-minute job lease, so the jobs it had claimed are reclaimed.
4. An idle `propos run --follow --poll 60s` worker is woken by another process's `propos ingest`
   (LISTEN/NOTIFY: well before its 60-second poll) and handles the message; SIGTERM ends it cleanly.

Exit status 0 when every invariant holds, 1 otherwise (each violation printed), 2 on bad usage.
"""
import argparse
import collections
import importlib.util
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("crash_harness", ROOT / "scripts/crash-harness.py")
harness = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(harness)
ORG = harness.ORG


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--propos", default=str(ROOT / "build/ci/examples/propos/propos"))
    p.add_argument("--url", default=os.environ.get("PROPOS_TEST_PG_URL"))
    p.add_argument("--admin-url", default=os.environ.get("PROPOS_TEST_PG_ADMIN_URL"))
    p.add_argument("--messages", type=int, default=60, help="messages in the inbox (default 60, at most 100)")
    p.add_argument("--seed", type=int, default=None)
    a = p.parse_args()
    if not a.url or not a.admin_url:
        p.error("--url and --admin-url (or PROPOS_TEST_PG_URL / PROPOS_TEST_PG_ADMIN_URL) are required")
    if not os.access(a.propos, os.X_OK):
        p.error(f"{a.propos} is not an executable: build it first")
    return a


def psql(url, sql):
    r = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", url, "-c", sql],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"pg-workers: psql failed: {r.stderr.strip()}")
    return r.stdout


def pg_query(admin_url, schema):
    """q(sql, *params) over one schema, rows as tuples (parameters are quoted literals)."""
    def q(sql, *params):
        for p in params:
            sql = sql.replace("?", "'" + str(p).replace("'", "''") + "'", 1)
        out = psql(admin_url, f'SET search_path TO "{schema}"; SELECT coalesce(json_agg(t), \'[]\') FROM ({sql}) t')
        return [tuple(row.values()) for row in json.loads(out)]
    return q


def workers(binary, db_args, n, kill_after=None):
    """Runs n `propos run` at once; SIGKILLs one of them `kill_after` seconds in (when given)."""
    procs = [subprocess.Popen([binary, *db_args, "run"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              start_new_session=True) for _ in range(n)]
    killed = None
    if kill_after is not None:
        time.sleep(kill_after)
        victim = next((p for p in procs if p.poll() is None), None)  # one still at work
        if victim is not None:
            os.killpg(victim.pid, signal.SIGKILL)
            killed = victim
    for p in procs:
        p.wait()
        if p is not killed and p.returncode != 0:
            raise SystemExit(f"pg-workers: a worker failed ({p.returncode}): "
                             f"{p.stderr.read().decode(errors='replace').strip()}")
    return killed is not None


def main():
    a = parse_args()
    seed = a.seed if a.seed is not None else int(time.time())
    rng = random.Random(seed)
    work = Path(tempfile.mkdtemp(prefix="propos-pgw-"))
    print(f"pg-workers: seed {seed}, {a.messages} message(s), in {work}")
    lines = harness.make_inbox(a.messages)
    inbox = work / "inbox.jsonl"
    harness.write_jsonl(inbox, lines)
    portfolio = str(ROOT / "examples/data/portfolio.json")
    problems = []
    schemas = []

    def schema(name):
        s = f"pgw_{name}_{seed}_{rng.randrange(10**6)}"
        schemas.append(s)
        return s

    try:
        # 1. The demo on both engines.
        demo_sqlite = work / "demo.db"
        harness.propos(a.propos, "--db", str(demo_sqlite), "demo", "--quiet")
        s_demo = schema("demo")
        harness.propos(a.propos, "--db", a.url, "--pg-schema", s_demo, "demo", "--quiet")
        d_sqlite = harness.snapshot(demo_sqlite)
        d_pg = harness.snapshot_from(pg_query(a.admin_url, s_demo))
        for key in ("work_orders", "outbound", "escalations"):
            harness.diff(f"demo {key} (PostgreSQL against SQLite)", d_sqlite[key], d_pg[key], problems)
        print(f"pg-workers: demo: {sum(d_pg['work_orders'].values())} work order(s) on PostgreSQL, "
              f"{sum(d_sqlite['work_orders'].values())} on SQLite")

        # The control: one process on SQLite, the same steps.
        control = work / "control.db"
        harness.propos(a.propos, "--db", str(control), "import", portfolio)
        harness.propos(a.propos, "--db", str(control), "ingest", "--org", ORG, str(inbox))
        started = time.monotonic()
        harness.propos(a.propos, "--db", str(control), "run")
        run_time = time.monotonic() - started
        harness.propos(a.propos, "--db", str(control), "run", "--advance", "6m")
        c = harness.snapshot(control)

        # 2 and 3. Concurrent workers, then one of them killed (while they run: at 20-80 % of how long
        # the 4 workers took without a kill).
        pg_run_time = run_time
        for n, kill in ((2, False), (4, False), (4, True)):
            s = schema(f"w{n}{'k' if kill else ''}")
            db_args = ["--db", a.url, "--pg-schema", s]
            harness.propos(a.propos, *db_args, "import", portfolio)
            harness.propos(a.propos, *db_args, "ingest", "--org", ORG, str(inbox))
            started = time.monotonic()
            killed = workers(a.propos, db_args, n, rng.uniform(0.2, 0.8) * pg_run_time if kill else None)
            took = time.monotonic() - started
            if not kill:
                pg_run_time = took
            harness.propos(a.propos, *db_args, "run", "--advance", "6m")
            snap = harness.snapshot_from(pg_query(a.admin_url, s))
            found = harness.check_snapshots(a.propos, snap, c, {l["id"] for l in lines}, db_args)
            label = f"{n} workers" + (" (one killed)" if kill else "")
            problems += [f"{label}: {p}" for p in found]
            print(f"pg-workers: {label}: {took:.1f} s (one process on SQLite: {run_time:.1f} s)"
                  f"{'' if not kill else ', killed' if killed else ', all ended before the kill'}; "
                  f"{sum(snap['work_orders'].values())} work order(s), {sum(snap['jobs'].values())} job(s)")
        # 4. A following worker woken by NOTIFY.
        s = schema("follow")
        db_args = ["--db", a.url, "--pg-schema", s]
        harness.propos(a.propos, *db_args, "import", portfolio)
        follower = subprocess.Popen([a.propos, *db_args, "run", "--follow", "--poll", "60s"],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            time.sleep(2)  # let it reach its idle wait
            one = work / "one.jsonl"
            harness.write_jsonl(one, lines[:1])
            sent = time.monotonic()
            harness.propos(a.propos, *db_args, "ingest", "--org", ORG, str(one))
            q = pg_query(a.admin_url, s)
            handled = None
            while time.monotonic() - sent < 30:
                if q("SELECT state FROM jobs WHERE org_id=? AND type='inbound.message' AND state='done'", ORG):
                    handled = time.monotonic() - sent
                    break
                time.sleep(0.05)
            if handled is None or handled > 20:
                problems.append(f"a following worker did not handle a new message within 20 s (its poll is 60 s)")
            else:
                print(f"pg-workers: a following worker handled a new message {handled:.2f} s after it was ingested")
        finally:
            follower.terminate()
            try:
                out, err = follower.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                follower.kill()
                out, err = follower.communicate()
                problems.append("a following worker did not end within 30 s of SIGTERM")
        if follower.returncode != 0:
            problems.append(f"a following worker ended with status {follower.returncode} on SIGTERM: {err.strip()}")
    finally:
        for s in schemas:
            psql(a.admin_url, f'DROP SCHEMA IF EXISTS "{s}" CASCADE')
    if problems:
        print(f"pg-workers: FAILED (seed {seed}; files kept in {work}):", file=sys.stderr)
        for p in problems:
            print(f"  - {p}", file=sys.stderr)
        return 1
    shutil.rmtree(work)
    print("pg-workers: every invariant holds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
