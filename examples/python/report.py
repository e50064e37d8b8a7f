"""Plays the sample portfolio through the coordinator and writes a small operations report.

    python examples/python/report.py --out propos-report [--days 4] [--extra-requests 0.2] [--seed 1]

Like ``propos demo``: seeds examples/data/portfolio.json, plays examples/data/inbox.jsonl on a
simulated clock (offline rules provider, no network) and lets :mod:`propos.sim` stand in for the other
people — vendors accept, bid, arrive, finish and invoice (now and then over the approved amount);
tenants answer and confirm; staff decide escalations. ``--extra-requests`` adds generated repair
requests (per tenant and month) for a what-if run over more days. Then it writes ``report.md``
(headline figures, work-order and vendor tables) and ``report.png`` (response times by date against
their targets, vendor scorecards and billing, with matplotlib when it is installed) into ``--out``.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from datetime import timedelta
from pathlib import Path
from typing import List

import propos
import propos.sim
from propos import analytics

DATA = Path(__file__).resolve().parent.parent / "data"


def hours(value) -> str:
    return "-" if value is None else f"{value:.1f} h"


def escalation_line(s: dict) -> str:
    """One sentence whose figures agree: the rate is work orders with an escalation over work orders;
    the other escalations (payment questions, unknown senders...) are counted apart, never mixed in."""
    about = s["escalations_about_work_orders"]
    other = s["escalations"] - about
    rate = s["escalation_rate"]
    head = (f"- escalations: {s['escalated_work_orders']} of {s['work_orders']} work orders had at least one"
            + (f" ({rate:.0%})" if rate is not None else ""))
    return (f"{head}; {about} escalation{'s' if about != 1 else ''} about work orders and {other} about "
            f"other matters; {s['open_escalations']} of all {s['escalations']} still open")


def write_markdown(path: Path, c: propos.Coordinator, orgs: List[str], played: int, days: int) -> None:
    out = [f"# PropOS operations report\n",
           f"{played} tenant messages played through the maintenance loop over {days} simulated days "
           f"(PropOS {propos.__version__}, offline rules provider, people simulated by propos.sim).\n"]
    for org in orgs:
        s = analytics.summary(c, org)
        out += [f"\n## {org}\n",
                f"- work orders: {s['work_orders']} ({', '.join(f'{k} {v}' for k, v in sorted(s['by_status'].items()))})",
                f"- emergencies: {s['emergencies']}",
                f"- mean time to first response: {hours(s['mean_hours_to_first_response'])}, "
                f"to dispatch: {hours(s['mean_hours_to_dispatch'])}, "
                f"to completion: {hours(s['mean_hours_to_completion'])}",
                f"- billed: {propos.money_to_string(s['total_cost'])}",
                escalation_line(s),
                f"- audit trail: {s['audit_entries']} entries, "
                f"{'hash chain verified' if s['audit_ok'] else 'BROKEN'}\n",
                "| vendor | work orders | completed | mean dispatch→done | billed | flagged invoices |",
                "|---|---:|---:|---:|---:|---:|"]
        for v in analytics.vendor_scorecards(c, org):
            if v["work_orders"]:
                out.append(f"| {v['name']} | {v['work_orders']} | {v['completed']} | "
                           f"{hours(v['mean_hours_dispatch_to_completion'])} | "
                           f"{propos.money_to_string(v['billed'])} | {v['invoices_flagged']} |")
    path.write_text("\n".join(out) + "\n")


def write_chart(path: Path, c: propos.Coordinator, orgs: List[str]) -> bool:
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.dates as mdates
        import matplotlib.pyplot as plt
        from matplotlib.ticker import FuncFormatter, MaxNLocator
    except ImportError:
        print("matplotlib is not installed, so report.png was not drawn: pip install matplotlib "
              "(or pip install 'propos[plot]')", file=sys.stderr)
        return False
    fig, axes = plt.subplots(len(orgs), 3, figsize=(19, 5 * len(orgs)), squeeze=False,
                             gridspec_kw={"width_ratios": [1.5, 1, 1]})
    for row, org in zip(axes, orgs):
        # Response times by the date the tenant wrote, against the response target of each priority.
        metrics = sorted(analytics.work_order_metrics(c, org), key=lambda m: m["created_at"])
        for name, label, marker in (("hours_to_first_response", "first response", "o"),
                                    ("hours_to_dispatch", "dispatch", "s"),
                                    ("hours_to_completion", "completion", "^")):
            points = [(m["created_at"], m[name]) for m in metrics if m[name] is not None]
            if points:
                row[0].plot([p[0] for p in points], [p[1] for p in points], marker=marker, linestyle="",
                            label=label)
        for priority in sorted({m["priority"] for m in metrics}):
            target = propos.response_target(priority) / timedelta(hours=1)
            row[0].axhline(target, linestyle="--", linewidth=1, color="grey")
            row[0].annotate(f"{priority} response target ({target:g} h)", xy=(0.99, target),
                            xycoords=("axes fraction", "data"), fontsize=8, color="grey", va="bottom", ha="right")
        row[0].set_yscale("symlog", linthresh=1)
        row[0].set_ylim(0, max(row[0].get_ylim()[1], 48) * 2)  # room above the highest target's label
        row[0].set_title(f"{org}: hours from the tenant's message to ...")
        row[0].set_xlabel("date the tenant wrote")
        row[0].set_ylabel("hours")
        locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
        row[0].xaxis.set_major_locator(locator)
        row[0].xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        row[0].legend(loc="center right")

        vendors = [v for v in analytics.vendor_scorecards(c, org) if v["work_orders"]]
        names = [textwrap.fill(v["name"], 24) for v in vendors]
        y = list(range(len(vendors)))
        for k, (key, label) in enumerate((("completed", "completed"), ("callbacks", "callbacks"),
                                          ("invoices_flagged", "flagged invoices"))):
            row[1].barh([i + (k - 1) * 0.27 for i in y], [v[key] for v in vendors], height=0.27, label=label)
        row[1].set_yticks(y, names, fontsize=8)
        row[1].invert_yaxis()
        row[1].xaxis.set_major_locator(MaxNLocator(integer=True))
        row[1].set_title(f"{org}: vendor scorecards")
        row[1].set_xlabel("work orders")
        row[1].legend(loc="lower right")

        row[2].barh(y, [v["billed"] / 100 for v in vendors], color="tab:green")
        row[2].set_yticks(y, names, fontsize=8)
        row[2].invert_yaxis()
        row[2].xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"${value:,.0f}"))
        row[2].set_title(f"{org}: billed per vendor")
        row[2].set_xlabel("dollars")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return True


def main(argv: List[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="propos-report", help="output folder (default: propos-report)")
    parser.add_argument("--days", type=int, default=4, help="simulated days to play (default: 4)")
    parser.add_argument("--extra-requests", type=float, default=0.0,
                        help="generated repair requests per tenant and month on top of the inbox (default: 0)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the simulated people (default: 1)")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    db = out / "report.db"
    for f in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        f.unlink(missing_ok=True)

    clock = propos.ManualClock()
    start = clock.now()
    # synchronous=normal: a report does not need every commit on disk before the next one.
    store = propos.open_sqlite_store(str(db), synchronous="normal")
    orgs = [s.org_id for s in store.import_portfolio((DATA / "portfolio.json").read_text(), now=start)]
    c = propos.Coordinator(store=store, clock=clock, seed=20260105)
    sim = propos.sim.Simulation(c, seed=args.seed,
                                tenants=propos.sim.Tenants(requests_per_month=args.extra_requests),
                                vendors=propos.sim.Vendors(unquoted_parts=0.1))
    played = sim.load_inbox(DATA / "inbox.jsonl")
    if args.extra_requests > 0:
        played += sum(sim.generate_requests(org, days=args.days) for org in orgs)
    sim.run(until=start + timedelta(days=args.days))

    write_markdown(out / "report.md", c, orgs, played, args.days)
    drawn = write_chart(out / "report.png", c, orgs)
    print(f"wrote {out / 'report.md'}" + (f" and {out / 'report.png'}" if drawn else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
