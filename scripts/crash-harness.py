#!/usr/bin/env python3
"""Crash harness (issue 19): kill -9 `propos ingest` / `propos run` at random points, then check that
nothing was lost or done twice.

    scripts/crash-harness.py [--propos PATH] [--rounds N] [--messages M] [--seed S] [--keep DIR]

1. A generated inbox: M messages for organization "harbor" of examples/data/portfolio.json, each from
   a different tenant (so the outcome does not depend on the order messages are handled), plus one
   line delivered twice with the same id (a provider retry).
2. A control database gets the whole inbox, ingested and run without interruption
   (`propos run --advance 6m`: past the 5-minute job lease, as below).
3. The crash database gets the inbox in N chunks. Each round runs `propos ingest` of its chunk then
   `propos run`, and kills the process that is running at a random moment (SIGKILL, uniform over
   1.2 times the length of an uninterrupted round, learnt as the rounds go, so a kill can land in
   ingest, in run, or after both ended).
   Afterwards the whole inbox is ingested again (idempotent) and `propos run --advance 6m` finishes
   the work (jobs a killed run had claimed are reclaimed once their lease expires).
4. Invariants, read from both SQLite files: every inbox message is stored exactly once and handled by
   exactly one `inbound.message` job, which is done; no job is left running or dead; no two work
   orders come from one message; no two outbound messages share an idempotency key; work orders,
   outbound messages (tenant or "vendor", channel, subject), escalations and jobs per type (but the
   cron schedules' firings, which depend on the wall clock) are the same as in the control;
   `propos audit --verify` passes for every organization.

Exit status 0 when every invariant holds, 1 otherwise (each violation printed), 2 on bad usage.
"""
import argparse
import collections
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ORG = "harbor"
ID_RE = re.compile(r"\b(wo|msg|th|po|esc|run|bid|evt|job)_[0-9A-Z]{26}\b")


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--propos", default=str(ROOT / "build/ci/examples/propos/propos"),
                   help="the propos binary (default: build/ci/examples/propos/propos)")
    p.add_argument("--rounds", type=int, default=20, help="kill -9 rounds (default 20)")
    p.add_argument("--messages", type=int, default=60, help="messages in the inbox (default 60, at most 100)")
    p.add_argument("--seed", type=int, default=None, help="random seed (default: time; printed)")
    p.add_argument("--keep", default=None, help="keep the databases and inbox in this directory")
    a = p.parse_args()
    if a.rounds < 1 or not 1 <= a.messages <= 100:
        p.error("--rounds must be >= 1 and --messages between 1 and 100")
    if not os.access(a.propos, os.X_OK):
        p.error(f"{a.propos} is not an executable: build it first (cmake --build build/ci --target propos_cli)")
    return a


def make_inbox(messages):
    portfolio = json.loads((ROOT / "examples/data/portfolio.json").read_text())
    org = next(o for o in portfolio["organizations"] if o["organization"]["id"] == ORG)
    tenants = [t for t in org["tenants"] if t.get("phone")]
    samples = [json.loads(l) for l in (ROOT / "examples/data/inbox.jsonl").read_text().splitlines()]
    texts = [s["text"] for s in samples if s["org"] == ORG]
    lines = []
    for i in range(messages):
        t = tenants[i % len(tenants)]
        email = i % 4 == 3 and t.get("email")
        lines.append({"org": ORG, "id": f"crash-{i:03d}", "channel": "email" if email else "sms",
                      "from": t["email"] if email else t["phone"],
                      "to": "maintenance@harbor.example.com" if email else "+12125550000",
                      "text": texts[i % len(texts)],
                      "received_at": f"2026-01-05T{12 + i // 60:02d}:{i % 60:02d}:00Z"})
    lines.insert(messages // 2, dict(lines[0]))  # a provider retry: the same id again
    return lines


def write_jsonl(path, lines):
    path.write_text("".join(json.dumps(l) + "\n" for l in lines))


def propos(binary, *args, check=True):
    r = subprocess.run([binary, *args], capture_output=True, text=True)
    if check and r.returncode != 0:
        raise SystemExit(f"crash-harness: `propos {' '.join(args)}` failed ({r.returncode}): {r.stderr.strip()}")
    return r


def run_killed(binary, commands, delay):
    """Runs `commands` one after another; SIGKILLs whichever runs `delay` seconds after the start.
    Returns the index of the killed command, or None when all ended first."""
    deadline = time.monotonic() + delay
    for i, args in enumerate(commands):
        proc = subprocess.Popen([binary, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True)
        try:
            proc.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return i
        if proc.returncode != 0:
            err = proc.stderr.read().decode(errors="replace").strip()
            raise SystemExit(f"crash-harness: `propos {' '.join(args)}` failed ({proc.returncode}): {err}")
    return None


def norm(text):
    return ID_RE.sub(lambda m: m.group(1) + "_*", text or "")


def snapshot(db):
    """What the invariants compare, read straight from the SQLite file."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return snapshot_from(lambda sql, *a: con.execute(sql, a).fetchall())
    finally:
        con.close()


def snapshot_from(q):
    """What the invariants compare, read with `q(sql, *params)` (rows as tuples): the SQL is plain
    enough for SQLite and PostgreSQL (scripts/pg-workers.py reads a PostgreSQL schema with it)."""
    s = {}
    msgs = [json.loads(d) for (d,) in q("SELECT data FROM records WHERE org_id=? AND kind='message'", ORG)]
    s["inbound"] = collections.Counter(m["provider_message_id"] for m in msgs if m["direction"] == "inbound")
    s["inbound_ids"] = {m["provider_message_id"]: m["id"] for m in msgs if m["direction"] == "inbound"}
    out = [m for m in msgs if m["direction"] == "outbound"]
    s["outbound_keys"] = collections.Counter(m["provider_message_id"] for m in out if m.get("provider_message_id"))
    # The recipient as tenant id or "vendor": which vendor gets a job depends on the vendors' load at
    # the time, i.e. on the order work orders were dispatched in, which kills legitimately change.
    s["outbound"] = collections.Counter((m.get("tenant_id") or "vendor", m["channel"], norm(m["subject"]),
                                         m["status"]) for m in out)
    wos = [json.loads(d) for (d,) in q("SELECT data FROM records WHERE org_id=? AND kind='work_order'", ORG)]
    s["wo_by_message"] = collections.Counter(mid for w in wos for mid in w.get("message_ids", []))
    s["work_orders"] = collections.Counter((w["tenant_id"], w["category"], w["priority"], w["status"]) for w in wos)
    escs = [json.loads(d) for (d,) in q("SELECT data FROM records WHERE org_id=? AND kind='escalation'", ORG)]
    s["escalations"] = collections.Counter((e.get("reason", ""), e.get("status", "")) for e in escs)
    # Jobs per type, without the cron schedules' firings: how many fall due depends on the wall-clock
    # time the runs spanned, not on the kills.
    scheduled = {json.loads(j)["type"] for (j,) in q("SELECT job FROM schedules WHERE org_id=?", ORG)}
    s["jobs"] = collections.Counter(t for (t,) in q("SELECT type FROM jobs WHERE org_id=?", ORG) if t not in scheduled)
    s["job_states"] = collections.Counter(st for (st,) in q("SELECT state FROM jobs"))
    s["inbound_jobs"] = collections.defaultdict(list)
    for key, state in q("SELECT idempotency_key, state FROM jobs WHERE org_id=? AND type='inbound.message'", ORG):
        s["inbound_jobs"][key].append(state)
    s["orgs"] = [o for (o,) in q("SELECT id FROM organizations")]
    return s


def diff(name, control, crashed, problems):
    if control != crashed:
        missing = control - crashed
        extra = crashed - control
        problems.append(f"{name} differ from the control run: missing {dict(missing)}, extra {dict(extra)}")


def check(binary, db, control_db, inbox_ids):
    s, c = snapshot(db), snapshot(control_db)
    return check_snapshots(binary, s, c, inbox_ids, ["--db", str(db)]), s


def check_snapshots(binary, s, c, inbox_ids, db_args):
    """The invariants of a run's snapshot `s` against the control's `c`; `db_args` name its database
    to `propos audit --verify`. Returns the problems found."""
    problems = []
    for pid in sorted(inbox_ids):
        n = s["inbound"].get(pid, 0)
        if n != 1:
            problems.append(f"inbox message {pid} stored {n} times (want exactly once)")
        states = s["inbound_jobs"].get(f"inbound:{pid}", [])
        if states != ["done"]:
            problems.append(f"inbox message {pid}: inbound.message jobs {states} (want one, done)")
    for state in ("running", "dead"):
        if s["job_states"].get(state):
            problems.append(f"{s['job_states'][state]} job(s) left {state}")
    for mid, n in s["wo_by_message"].items():
        if n > 1:
            problems.append(f"message {mid} is in {n} work orders (a duplicate work order)")
    for key, n in s["outbound_keys"].items():
        if n > 1:
            problems.append(f"outbound idempotency key {key} sent {n} times (a duplicate send)")
    diff("work orders (tenant, category, priority, status)", c["work_orders"], s["work_orders"], problems)
    diff("outbound messages (tenant or vendor, channel, subject, status)", c["outbound"], s["outbound"], problems)
    diff("escalations (reason, status)", c["escalations"], s["escalations"], problems)
    diff("jobs per type", c["jobs"], s["jobs"], problems)
    for org in s["orgs"]:
        r = propos(binary, *db_args, "audit", "--org", org, "--verify", check=False)
        if r.returncode != 0:
            problems.append(f"audit --verify of {org} failed: {(r.stdout + r.stderr).strip()}")
    return problems


def main():
    a = parse_args()
    seed = a.seed if a.seed is not None else int(time.time())
    rng = random.Random(seed)
    work = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="propos-crash-"))
    work.mkdir(parents=True, exist_ok=True)
    for old in work.glob("*.db*"):
        shutil.rmtree(old) if old.is_dir() else old.unlink()
    print(f"crash-harness: seed {seed}, {a.rounds} round(s), {a.messages} message(s), in {work}")
    lines = make_inbox(a.messages)
    inbox = work / "inbox.jsonl"
    write_jsonl(inbox, lines)
    portfolio = str(ROOT / "examples/data/portfolio.json")

    control = work / "control.db"
    propos(a.propos, "import", "--db", str(control), portfolio)
    propos(a.propos, "ingest", "--db", str(control), "--org", ORG, str(inbox))
    started = time.monotonic()
    propos(a.propos, "run", "--db", str(control), "--advance", "6m")
    run_time = time.monotonic() - started

    db = work / "crash.db"
    propos(a.propos, "import", "--db", str(db), portfolio)
    per = -(-len(lines) // a.rounds)
    killed = collections.Counter()
    expected = 0.15 + run_time * per / len(lines)  # first guess of a round's length, in seconds
    for r in range(a.rounds):
        part = lines[r * per:(r + 1) * per]
        commands = []
        if part:  # more rounds than messages: the last rounds only run
            chunk = work / f"chunk-{r:03d}.jsonl"
            write_jsonl(chunk, part)
            commands.append(["ingest", "--db", str(db), "--org", ORG, str(chunk)])
        commands.append(["run", "--db", str(db)])
        delay = rng.uniform(0, 1.2 * expected)
        started = time.monotonic()
        which = run_killed(a.propos, commands, delay)
        # Learn how long an uninterrupted round takes, so that kills land anywhere inside one.
        if which is None:
            expected = 0.7 * expected + 0.3 * (time.monotonic() - started)
        else:
            expected *= 1.05  # it would have run longer than the delay
        killed[commands[which][0] if which is not None else "none (ended first)"] += 1
    propos(a.propos, "ingest", "--db", str(db), "--org", ORG, str(inbox))
    propos(a.propos, "run", "--db", str(db), "--advance", "6m")

    problems, s = check(a.propos, db, control, {l["id"] for l in lines})
    print(f"crash-harness: kills landed in: {dict(killed)}")
    print(f"crash-harness: {len(s['inbound'])} inbound message(s), {sum(s['work_orders'].values())} work order(s), "
          f"{sum(s['outbound'].values())} outbound message(s), {sum(s['jobs'].values())} job(s)")
    if not a.keep and not problems:
        shutil.rmtree(work)
    if problems:
        print(f"crash-harness: FAILED (seed {seed}; databases kept in {work}):", file=sys.stderr)
        for p in problems:
            print(f"  - {p}", file=sys.stderr)
        return 1
    print("crash-harness: every invariant holds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
