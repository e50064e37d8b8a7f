"""Batch ingest from Python vs the same batch from C++, in one run.

    python bench/python_ingest_bench.py [--messages 2000] [--repetitions 3]

Both sides run the same C++ `Coordinator::ingest_batch` (one group commit for the batch; each
message matched to a tenant, threaded, stored with its raw payload, its workflow job enqueued) on a
fresh SQLite store with the sample portfolio. The Python side is what a Python caller pays:
`c.ingest_batch(org, batch)` from a Python list of IncomingMessage (conversion of every message, a
GIL release, a RecordList of outcomes back). The C++ side is the same call timed inside C++ after
the list was converted (`propos._core._ingest_batch_seconds`). For reference it also times a Python
loop of `c.ingest(org, m)` (one commit per message). Runs with synchronous=full (the default) and
synchronous=normal; prints the median of each and the ratio Python / C++ (target >= 0.8).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

import propos

DATA = Path(__file__).resolve().parent.parent / "examples" / "data"


def make_batch(portfolio: dict, org: str, n: int) -> list:
    tenants = next(o for o in portfolio["organizations"] if o["organization"]["id"] == org)["tenants"]
    texts = ["The kitchen sink is leaking under the cabinet", "No hot water since this morning",
             "The hallway light is out", "Mice in the kitchen behind the stove"]
    return [propos.IncomingMessage(provider="bench", provider_message_id=f"bench-{i}", channel="sms",
                                   from_=tenants[i % len(tenants)]["phone"], text=texts[i % len(texts)],
                                   received_at="2026-01-05T09:00:00Z")
            for i in range(n)]


def fresh(tmp: Path, name: str, portfolio: dict, synchronous: str) -> propos.Coordinator:
    store = propos.open_sqlite_store(str(tmp / f"{name}.db"), synchronous=synchronous)
    clock = propos.ManualClock()
    store.import_portfolio(portfolio, now=clock.now())
    return propos.Coordinator(store=store, clock=clock)


def run(portfolio: dict, batch: list, synchronous: str, repetitions: int) -> dict:
    py, cpp, loop = [], [], []
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for r in range(repetitions):
            c = fresh(tmp, f"cpp-{synchronous}-{r}", portfolio, synchronous)
            cpp.append(len(batch) / propos._core._ingest_batch_seconds(c, "harbor", batch))
            del c
            c = fresh(tmp, f"py-{synchronous}-{r}", portfolio, synchronous)
            start = time.perf_counter()
            outcomes = c.ingest_batch("harbor", batch)
            py.append(len(batch) / (time.perf_counter() - start))
            assert all(o.ok for o in outcomes)
            del c
            c = fresh(tmp, f"loop-{synchronous}-{r}", portfolio, synchronous)
            start = time.perf_counter()
            for m in batch:
                c.ingest("harbor", m)
            loop.append(len(batch) / (time.perf_counter() - start))
            del c
    p, q = statistics.median(py), statistics.median(cpp)
    return {"synchronous": synchronous, "python_per_s": p, "cpp_per_s": q, "ratio": p / q,
            "python_loop_per_s": statistics.median(loop)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print JSON lines instead of a table")
    args = parser.parse_args()
    portfolio = json.loads((DATA / "portfolio.json").read_text())
    batch = make_batch(portfolio, "harbor", args.messages)
    print(f"PropOS {propos.__version__}: {args.messages} messages, median of {args.repetitions} runs")
    if not args.json:
        print("| synchronous | ingest_batch from Python (msg/s) | ingest_batch in C++ (msg/s) | Python / C++ "
              "| Python loop of ingest() (msg/s) |")
        print("|---|---:|---:|---:|---:|")
    for mode in ("full", "normal"):
        r = run(portfolio, batch, mode, args.repetitions)
        if args.json:
            print(json.dumps(r))
        else:
            print(f"| {mode} | {r['python_per_s']:,.0f} | {r['cpp_per_s']:,.0f} | {r['ratio']:.2f} "
                  f"| {r['python_loop_per_s']:,.0f} |")


if __name__ == "__main__":
    main()
