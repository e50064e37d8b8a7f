"""Plays the sample portfolio through the coordinator and writes a small operations report.

    python examples/python/report.py --out propos-report [--days 4]

Like ``propos demo``: seeds examples/data/portfolio.json, plays examples/data/inbox.jsonl on a
simulated clock (offline rules provider, no network) and stands in for the other people — vendors
accept, bid, arrive and finish; tenants confirm; staff decide escalations; vendors send invoices (one
over the approved amount). Then it writes ``report.md`` (headline figures, work-order and vendor
tables) and ``report.png`` (work-order timings and vendor scorecards, with matplotlib when it is
installed) into ``--out``.
"""

from __future__ import annotations

import argparse
import heapq
import itertools
import json
import sys
from datetime import timedelta
from pathlib import Path
from typing import Callable, List, Tuple

import propos
from propos import analytics

DATA = Path(__file__).resolve().parent.parent / "data"


class Simulator:
    """Schedules the replies of vendors, tenants and staff, and moves the coordinator's clock."""

    def __init__(self, coordinator: propos.Coordinator) -> None:
        self.c = coordinator
        self.actions: List[Tuple[object, int, Callable[[], None]]] = []
        self.seq = itertools.count()
        self.seen: set = set()
        self.invoiced: set = set()
        self.invoices = 0

    def at(self, when, fn: Callable[[], None]) -> None:
        heapq.heappush(self.actions, (when, next(self.seq), fn))

    def later(self, delay: timedelta, fn: Callable[[], None]) -> None:
        self.at(self.c.now() + delay, fn)

    def reply(self, org: str, sender: str, channel: str, text: str, delay: timedelta) -> None:
        def send() -> None:
            self.c.ingest(org, propos.IncomingMessage(
                provider="report", provider_message_id=f"sim-{next(self.seq)}", channel=channel,
                from_=sender, text=text, received_at=self.c.now()))
        self.later(delay, send)

    def load_inbox(self, path: Path) -> int:
        count = 0
        for line in path.read_text().splitlines():
            if not line.strip():
                continue
            j = json.loads(line)
            message = propos.IncomingMessage(
                provider="report", provider_message_id=j["id"], channel=j["channel"], from_=j["from"],
                to=j.get("to", ""), subject=j.get("subject", ""), text=j["text"],
                received_at=j["received_at"], raw_payload=line)
            self.at(message.received_at, lambda org=j["org"], m=message: self.c.ingest(org, m))
            count += 1
        return count

    def run_until(self, end) -> None:
        step = timedelta(minutes=5)
        while self.c.now() < end:
            step_end = min(end, self.c.now() + step)
            while self.actions and self.actions[0][0] <= step_end:
                when, _, fn = heapq.heappop(self.actions)
                if when > self.c.now():
                    self.c.advance(when - self.c.now())
                fn()
                self.c.run_until_idle()
                self.observe()
            if step_end > self.c.now():
                self.c.advance(step_end - self.c.now())
            self.observe()

    # ---- the other people ----
    def observe(self) -> None:
        for org in self.c.organizations():
            for m in self.c.outbox(org.id):
                if m.id in self.seen:
                    continue
                self.seen.add(m.id)
                if m.vendor_id:
                    self.on_vendor_message(org.id, m)
                elif m.tenant_id:
                    self.on_tenant_message(org.id, m)
            for e in self.c.escalations(org.id):
                if e.id not in self.seen:
                    self.seen.add(e.id)
                    self.on_escalation(org.id, e)
            for wo in self.c.work_orders(org.id, status="completed"):
                if wo.purchase_order_id and wo.id not in self.invoiced:
                    self.invoiced.add(wo.id)
                    self.later(timedelta(hours=20), lambda o=org.id, w=wo.id: self.invoice(o, w))

    def on_vendor_message(self, org: str, m: propos.Message) -> None:
        vendor = self.c.store.get(org, "vendor", m.vendor_id)
        if "Reply YES to accept" in m.body:
            self.reply(org, vendor.phone, "sms", "YES", timedelta(minutes=20))
        elif "Reply BID" in m.body:
            amount = (2 * vendor.hourly_rate + vendor.callout_fee) * 6 // 5
            self.reply(org, vendor.phone, "sms", f"BID {amount / 100:.2f} {m.work_order_id}", timedelta(hours=3))
        elif "Confirmed:" in m.body and m.work_order_id:
            wo = self.c.work_order(org, m.work_order_id)
            if wo.scheduled_start is None:
                return
            arrive = max(wo.scheduled_start, self.c.now())
            self.at(arrive, lambda: self.c.ingest(org, propos.IncomingMessage(
                provider="report", provider_message_id=f"sim-arrived-{next(self.seq)}",
                from_=vendor.phone, text=f"ARRIVED {wo.id}", received_at=self.c.now())))
            self.at(arrive + timedelta(minutes=90), lambda: self.c.ingest(org, propos.IncomingMessage(
                provider="report", provider_message_id=f"sim-done-{next(self.seq)}",
                from_=vendor.phone, text=f"DONE {wo.id} Repaired and tested.", received_at=self.c.now())))

    def on_tenant_message(self, org: str, m: propos.Message) -> None:
        tenant = self.c.store.get(org, "tenant", m.tenant_id)
        address = tenant.email if m.channel == "email" else tenant.phone
        if "Reply FIXED" in m.body or "Responda ARREGLADO" in m.body:
            self.reply(org, address, m.channel, "NO, still not working", timedelta(minutes=35))
        elif "Is it fixed?" in m.body or "¿Está arreglado?" in m.body:
            self.reply(org, address, m.channel, "YES all good now, thanks!", timedelta(hours=1))
        elif "What needs repair" in m.body or "Qué necesita reparación" in m.body:
            self.reply(org, address, m.channel,
                       "Sorry! The bedroom window won't close all the way and cold air comes in.",
                       timedelta(minutes=20))

    def on_escalation(self, org: str, e: propos.Escalation) -> None:
        decisions = {
            "owner_approval": ("Approved by the owner by phone", timedelta(hours=3)),
            "legal_threat": ("Called the tenant and apologized; proceed", timedelta(hours=2)),
            "human_requested": ("Called the tenant back; proceed", timedelta(hours=1)),
            "emergency": ("On-call manager acknowledged", timedelta(minutes=20)),
            "low_confidence": ("Reviewed; proceed", timedelta(hours=2)),
        }
        if e.reason not in decisions:
            return  # left for a person
        decision, delay = decisions[e.reason]

        def resolve() -> None:
            if any(x.id == e.id for x in self.c.escalations(org)):
                self.c.resolve_escalation(org, e.id, decision, "report.manager")
        self.later(delay, resolve)

    def invoice(self, org: str, wo_id: str) -> None:
        wo = self.c.work_order(org, wo_id)
        po = self.c.store.get(org, "purchase_order", wo.purchase_order_id)
        lines = [propos.InvoiceLine(description="Work per purchase order", quantity=1,
                                    unit_price=po.amount, amount=po.amount)]
        if self.invoices == 2:  # parts nobody quoted: over the approved amount
            lines.append(propos.InvoiceLine(description="Replacement parts (not quoted)", quantity=1,
                                            unit_price=40000, amount=40000))
        self.invoices += 1
        self.c.submit_invoice(org, propos.Invoice(
            id=propos.new_id("inv"), number=f"INV-{po.vendor_id}-{100 + self.invoices}",
            vendor_id=po.vendor_id, work_order_id=wo.id, purchase_order_id=po.id, lines=lines,
            total=sum(line.amount for line in lines)))


def hours(value) -> str:
    return "-" if value is None else f"{value:.1f} h"


def write_markdown(path: Path, c: propos.Coordinator, orgs: List[str], played: int, days: int) -> None:
    out = [f"# PropOS operations report\n",
           f"{played} tenant messages played through the maintenance loop over {days} simulated days "
           f"(PropOS {propos.__version__}, offline rules provider).\n"]
    for org in orgs:
        s = analytics.summary(c, org)
        out += [f"\n## {org}\n",
                f"- work orders: {s['work_orders']} ({', '.join(f'{k} {v}' for k, v in sorted(s['by_status'].items()))})",
                f"- emergencies: {s['emergencies']}",
                f"- mean time to first response: {hours(s['mean_hours_to_first_response'])}, "
                f"to dispatch: {hours(s['mean_hours_to_dispatch'])}, "
                f"to completion: {hours(s['mean_hours_to_completion'])}",
                f"- billed: {propos.money_to_string(s['total_cost'])}",
                f"- escalations: {s['escalated_work_orders']} of {s['work_orders']} work orders had one "
                f"({s['escalation_rate']:.0%}); {s['escalations']} escalations in all, "
                f"{s['escalations_about_work_orders']} about a work order, {s['open_escalations']} open",
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
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed, so report.png was not drawn: pip install matplotlib "
              "(or pip install 'propos[plot]')", file=sys.stderr)
        return False
    fig, axes = plt.subplots(len(orgs), 2, figsize=(13, 4.5 * len(orgs)), squeeze=False)
    for row, org in zip(axes, orgs):
        metrics = [m for m in analytics.work_order_metrics(c, org) if m["hours_to_completion"] is not None]
        metrics.sort(key=lambda m: m["created_at"])
        x = range(len(metrics))
        for name, label in (("hours_to_first_response", "first response"),
                            ("hours_to_dispatch", "dispatch"), ("hours_to_completion", "completion")):
            row[0].plot(x, [m[name] if m[name] is not None else float("nan") for m in metrics],
                        marker="o", linestyle="", label=label)
        row[0].set_yscale("symlog", linthresh=1)
        row[0].set_title(f"{org}: hours from the tenant's message to ...")
        row[0].set_xlabel("completed work orders, oldest first")
        row[0].set_ylabel("hours")
        row[0].legend()
        vendors = [v for v in analytics.vendor_scorecards(c, org) if v["work_orders"]]
        names = [v["name"][:22] for v in vendors]
        y = list(range(len(vendors)))
        for k, (key, label) in enumerate((("completed", "completed"), ("callbacks", "callbacks"),
                                          ("invoices_flagged", "flagged invoices"))):
            row[1].barh([i + (k - 1) * 0.27 for i in y], [v[key] for v in vendors], height=0.27, label=label)
        row[1].set_yticks(y, names)
        row[1].set_title(f"{org}: vendor scorecards")
        row[1].set_xlabel("work orders")
        row[1].legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return True


def main(argv: List[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="propos-report", help="output folder (default: propos-report)")
    parser.add_argument("--days", type=int, default=4, help="simulated days to play (default: 4)")
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
    sim = Simulator(c)
    played = sim.load_inbox(DATA / "inbox.jsonl")
    sim.run_until(start + timedelta(days=args.days))

    write_markdown(out / "report.md", c, orgs, played, args.days)
    drawn = write_chart(out / "report.png", c, orgs)
    print(f"wrote {out / 'report.md'}" + (f" and {out / 'report.png'}" if drawn else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
