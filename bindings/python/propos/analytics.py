"""Operational analytics computed from a coordinator's records.

Each function reads the records of one organization through the public queries and returns a
:class:`propos.RecordList` of plain dicts with a fixed schema (``table.schema``: the same columns and
dtypes whether it has rows or not, see ``propos._records``), ready for ``to_pandas()``,
``to_arrow()``, ``to_polars()`` and ``to_parquet()``. Columns are named as in the records: an entity's
key is ``<entity>_id`` (``work_order_id``, ``vendor_id``), money columns are integer cents named as
the record's field (``approved_amount``, ``cost``, ``billed``; ``propos.dollars`` converts), durations
are hours (float), missing values are ``None``.

They are computed in Python on purpose: the inputs are the same records any host can read, the
definitions below are short enough to audit, and a data team can copy one and change it.

Definitions:

- ``received_at``: when the tenant's first message about the work order was received (the message's
  ``at``); ``hours_queued = created_at - received_at`` is the processing delay, kept apart;
- time to first response / dispatch / completion: from ``received_at`` (the tenant's wait; from
  ``created_at`` when no message is linked) to ``first_response_at`` / the first move to
  ``dispatched`` (``dispatched_at``, else the history) / ``completed_at``;
- response target: the priority's (``propos.response_target``: emergency 4 h, urgent 24 h, routine
  48 h); ``first_response_within_target`` and ``dispatch_within_target`` compare against it;
- cost of a work order: the sum of its approved and paid invoices; when none, ``None``
  (``approved_amount`` is reported beside it);
- an escalation's work order: its own ``work_order_id``, else the work order of the agent run that
  raised it, of the message it is about, or of the invoice it concerns (``work_order_source`` says
  which);
- escalation rate: work orders with at least one escalation / all work orders.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from typing import Any, Dict, List, Optional

from ._records import RecordList

__all__ = [
    "work_order_metrics",
    "vendor_scorecards",
    "escalations",
    "escalation_rate",
    "escalation_reasons",
    "audit",
    "status_changes",
    "invoice_lines",
    "summary",
    "renewal_rate",
    "compliance_items",
    "compliance_rates",
    "onboarding_rates",
    "to_parquet",
    "TABLES",
]

_BILLED = ("approved", "paid")

WORK_ORDER_METRICS = (
    ("work_order_id", "string"), ("title", "string"), ("status", "string"), ("category", "string"),
    ("priority", "string"), ("emergency", "bool"), ("property_id", "string"), ("unit_id", "string"),
    ("vendor_id", "string"), ("received_at", "time"), ("created_at", "time"), ("first_response_at", "time"),
    ("dispatched_at", "time"), ("completed_at", "time"), ("closed_at", "time"), ("hours_queued", "float"),
    ("hours_to_first_response", "float"), ("hours_to_dispatch", "float"), ("hours_to_completion", "float"),
    ("response_target_hours", "float"), ("first_response_within_target", "bool"),
    ("dispatch_within_target", "bool"), ("cost", "money"), ("approved_amount", "money"), ("invoices", "int"),
    ("reopen_count", "int"), ("escalations", "int"),
)
VENDOR_SCORECARDS = (
    ("vendor_id", "string"), ("name", "string"), ("trades", "strings"), ("active", "bool"),
    ("work_orders", "int"), ("completed", "int"), ("mean_hours_dispatch_to_completion", "float"),
    ("dispatch_within_target_rate", "float"), ("callbacks", "int"), ("billed", "money"), ("invoices", "int"),
    ("invoices_flagged", "int"), ("scorecard_jobs_completed", "int"), ("scorecard_rating", "float"),
)
ESCALATIONS = (
    ("escalation_id", "string"), ("reason", "string"), ("severity", "string"), ("status", "string"),
    ("created_at", "time"), ("sla_due_at", "time"), ("resolved_at", "time"), ("resolved_by", "string"),
    ("decision", "string"), ("hours_to_resolve", "float"), ("sla_misses", "int"), ("run_id", "string"),
    ("work_order_id", "string"), ("work_order_source", "string"), ("work_order_category", "string"),
    ("work_order_priority", "string"), ("work_order_status", "string"),
)
ESCALATION_REASONS = (
    ("reason", "string"), ("raised", "int"), ("open", "int"), ("resolved", "int"),
    ("median_hours_to_resolve", "float"),
)
AUDIT = (
    ("seq", "int"), ("at", "time"), ("actor", "string"), ("action", "string"), ("entity_kind", "string"),
    ("entity_id", "string"), ("work_order_id", "string"), ("correlation_id", "string"), ("data", "object"),
)
STATUS_CHANGES = (
    ("work_order_id", "string"), ("step", "int"), ("from", "string"), ("to", "string"), ("at", "time"),
    ("hours_since_previous", "float"), ("reason", "string"),
)
INVOICE_LINES = (
    ("invoice_id", "string"), ("number", "string"), ("vendor_id", "string"), ("work_order_id", "string"),
    ("purchase_order_id", "string"), ("status", "string"), ("received_at", "time"), ("line", "int"),
    ("description", "string"), ("quantity", "float"), ("unit_price", "money"), ("amount", "money"),
)


def _table(schema: Any) -> RecordList:
    return RecordList(schema=schema)


def _hours(start: Optional[datetime], end: Optional[datetime]) -> Optional[float]:
    if start is None or end is None:
        return None
    return (end - start) / timedelta(hours=1)


def _first_dispatch(wo: Any) -> Optional[datetime]:
    if wo.dispatched_at is not None:
        return wo.dispatched_at
    for change in wo.history:
        if change.to == "dispatched":
            return change.at
    return None


def _response_target_hours(priority: str) -> float:
    from . import _core

    return _core.response_target(priority) / timedelta(hours=1)


def _within(hours: Optional[float], target: float) -> Optional[bool]:
    return None if hours is None else hours <= target


def _invoices_by_work_order(coordinator: Any, org: str) -> Dict[str, List[Any]]:
    out: Dict[str, List[Any]] = defaultdict(list)
    for invoice in coordinator.store.list(org, "invoice"):
        if invoice.work_order_id:
            out[invoice.work_order_id].append(invoice)
    return out


def _received_at(messages: Dict[str, Any], wo: Any) -> Optional[datetime]:
    times = [messages[m].at for m in wo.message_ids if m in messages and messages[m].direction == "inbound"]
    return min(times) if times else None


class _Links:
    """Finds the work order behind an escalation or an audit entry (read once per table)."""

    def __init__(self, coordinator: Any, org: str) -> None:
        store = coordinator.store
        self.messages = {m.id: m for m in store.list(org, "message")}
        self.invoices = {i.id: i.work_order_id for i in store.list(org, "invoice")}
        self.purchase_orders = {p.id: p.work_order_id for p in store.list(org, "purchase_order")}
        self.runs = {r.id: r.context for r in store.list(org, "agent_run")}
        self.work_orders = {w.id: w for w in coordinator.work_orders(org)}

    def of_message(self, message_id: Any) -> Optional[str]:
        m = self.messages.get(message_id) if message_id else None
        return m.work_order_id if m is not None else None

    def of_run(self, run_id: Any) -> Optional[str]:
        context = self.runs.get(run_id) if run_id else None
        if not isinstance(context, dict):
            return None
        return context.get("work_order_id") or self.of_message(context.get("message_id"))

    def of_escalation(self, e: Any) -> tuple:
        context = e.context if isinstance(e.context, dict) else {}
        if e.work_order_id:
            return e.work_order_id, "escalation"
        for run_id in (e.run_id, context.get("run_id")):
            found = self.of_run(run_id)
            if found:
                return found, "agent_run"
        found = self.of_message(context.get("message_id"))
        if found:
            return found, "message"
        found = self.invoices.get(context.get("invoice_id"))
        if found:
            return found, "invoice"
        return None, None


def _escalation_rows(coordinator: Any, org: str) -> List[dict]:
    links = _Links(coordinator, org)
    rows = []
    for e in coordinator.escalations(org, open_only=False):
        wo_id, source = links.of_escalation(e)
        wo = links.work_orders.get(wo_id) if wo_id else None
        rows.append({
            "escalation_id": e.id, "reason": e.reason, "severity": e.severity, "status": e.status,
            "created_at": e.created_at, "sla_due_at": e.sla_due_at, "resolved_at": e.resolved_at,
            "resolved_by": e.resolved_by, "decision": e.decision,
            "hours_to_resolve": _hours(e.created_at, e.resolved_at), "sla_misses": e.sla_misses,
            "run_id": e.run_id, "work_order_id": wo_id, "work_order_source": source,
            "work_order_category": wo.category if wo else None, "work_order_priority": wo.priority if wo else None,
            "work_order_status": wo.status if wo else None,
        })
    return rows


def escalations(coordinator: Any, org: str) -> RecordList:
    """One row per escalation (open or not) joined with its work order (see the module docstring):
    reason, severity, status, times, hours to resolve, and the work order's id, category, priority
    and status."""
    table = _table(ESCALATIONS)
    table.extend(_escalation_rows(coordinator, org))
    return table


def work_order_metrics(coordinator: Any, org: str) -> RecordList:
    """One row per work order: status, priority, vendor, milestone times, hours queued and to first
    response / dispatch / completion, the response target and whether it was met, cost (cents),
    reopenings and escalations (joined as in :func:`escalations`)."""
    invoices = _invoices_by_work_order(coordinator, org)
    messages = {m.id: m for m in coordinator.store.list(org, "message")}
    escalated = Counter(r["work_order_id"] for r in _escalation_rows(coordinator, org) if r["work_order_id"])
    rows = _table(WORK_ORDER_METRICS)
    for wo in coordinator.work_orders(org):
        billed = [i.total for i in invoices.get(wo.id, []) if i.status in _BILLED]
        received = _received_at(messages, wo)
        start = received or wo.created_at
        dispatched_at = _first_dispatch(wo)
        target = _response_target_hours(wo.priority)
        first_response = _hours(start, wo.first_response_at)
        to_dispatch = _hours(start, dispatched_at)
        rows.append({
            "work_order_id": wo.id, "title": wo.title, "status": wo.status, "category": wo.category,
            "priority": wo.priority, "emergency": wo.emergency, "property_id": wo.property_id,
            "unit_id": wo.unit_id, "vendor_id": wo.vendor_id, "received_at": received,
            "created_at": wo.created_at, "first_response_at": wo.first_response_at, "dispatched_at": dispatched_at,
            "completed_at": wo.completed_at, "closed_at": wo.closed_at,
            "hours_queued": _hours(received, wo.created_at),
            "hours_to_first_response": first_response, "hours_to_dispatch": to_dispatch,
            "hours_to_completion": _hours(start, wo.completed_at), "response_target_hours": target,
            "first_response_within_target": _within(first_response, target),
            "dispatch_within_target": _within(to_dispatch, target),
            "cost": sum(billed) if billed else None, "approved_amount": wo.approved_amount,
            "invoices": len(invoices.get(wo.id, [])), "reopen_count": wo.reopen_count,
            "escalations": escalated.get(wo.id, 0),
        })
    return rows


def _mean(values: List[float]) -> Optional[float]:
    return statistics.fmean(values) if values else None


def vendor_scorecards(coordinator: Any, org: str) -> RecordList:
    """One row per vendor: work orders dispatched to it, completed, mean hours from dispatch to
    completion, share dispatched within the response target, callbacks (reopened work orders),
    billed total and flagged/blocked invoices (from the records), beside the stored scorecard."""
    metrics = work_order_metrics(coordinator, org)
    by_vendor: Dict[str, List[dict]] = defaultdict(list)
    for row in metrics:
        if row["vendor_id"]:
            by_vendor[row["vendor_id"]].append(row)
    invoices_by_vendor: Dict[str, List[Any]] = defaultdict(list)
    for invoice in coordinator.store.list(org, "invoice"):
        invoices_by_vendor[invoice.vendor_id].append(invoice)
    rows = _table(VENDOR_SCORECARDS)
    for vendor in coordinator.store.list(org, "vendor"):
        jobs = by_vendor.get(vendor.id, [])
        done = [r for r in jobs if r["completed_at"] is not None]
        durations = [_hours(r["dispatched_at"], r["completed_at"]) for r in done if r["dispatched_at"]]
        on_target = [r["dispatch_within_target"] for r in jobs if r["dispatch_within_target"] is not None]
        invoices = invoices_by_vendor.get(vendor.id, [])
        rows.append({
            "vendor_id": vendor.id, "name": vendor.name, "trades": list(vendor.trades), "active": vendor.active,
            "work_orders": len(jobs), "completed": len(done),
            "mean_hours_dispatch_to_completion": _mean([d for d in durations if d is not None]),
            "dispatch_within_target_rate": (sum(on_target) / len(on_target)) if on_target else None,
            "callbacks": sum(1 for r in jobs if r["reopen_count"] > 0),
            "billed": sum(i.total for i in invoices if i.status in _BILLED), "invoices": len(invoices),
            "invoices_flagged": sum(1 for i in invoices if i.status in ("flagged", "blocked")),
            "scorecard_jobs_completed": vendor.scorecard.jobs_completed,
            "scorecard_rating": vendor.scorecard.rating,
        })
    return rows


def escalation_rate(coordinator: Any, org: str) -> dict:
    """Work orders with at least one escalation over all work orders, and the raw counts: escalations
    about a work order and the others (a payment question, an unknown sender...)."""
    work_orders = coordinator.work_orders(org)
    rows = _escalation_rows(coordinator, org)
    escalated = {r["work_order_id"] for r in rows if r["work_order_id"]}
    total = len(work_orders)
    return {
        "work_orders": total,
        "escalated_work_orders": len(escalated),
        "escalation_rate": (len(escalated) / total) if total else None,
        "escalations": len(rows),
        "escalations_about_work_orders": sum(1 for r in rows if r["work_order_id"]),
        "open_escalations": sum(1 for r in rows if r["status"] == "open"),
    }


def escalation_reasons(coordinator: Any, org: str) -> RecordList:
    """One row per escalation reason: raised, still open, resolved, median hours to resolve."""
    groups: Dict[str, List[Any]] = defaultdict(list)
    for e in coordinator.escalations(org, open_only=False):
        groups[e.reason].append(e)
    rows = _table(ESCALATION_REASONS)
    for reason in sorted(groups):
        items = groups[reason]
        waits = [_hours(e.created_at, e.resolved_at) for e in items if e.resolved_at is not None]
        rows.append({
            "reason": reason,
            "raised": len(items),
            "open": sum(1 for e in items if e.status == "open"),
            "resolved": sum(1 for e in items if e.status == "resolved"),
            "median_hours_to_resolve": statistics.median(waits) if waits else None,
        })
    return rows


def audit(coordinator: Any, org: str) -> RecordList:
    """The audit log with a ``work_order_id`` column: the entry's own work order (a work order entry,
    its data's ``work_order_id``, the work order of the message, invoice, purchase order, agent run or
    escalation it is about, else of the message it correlates with)."""
    links = _Links(coordinator, org)
    escalated = {r["escalation_id"]: r["work_order_id"] for r in _escalation_rows(coordinator, org)}
    by_kind = {
        "work_order": lambda i: i if i in links.work_orders else None,
        "message": links.of_message,
        "invoice": links.invoices.get,
        "purchase_order": links.purchase_orders.get,
        "agent_run": links.of_run,
        "escalation": escalated.get,
    }
    rows = _table(AUDIT)
    for a in coordinator.audit(org):
        data = a.data if isinstance(a.data, dict) else {}
        lookup = by_kind.get(a.entity_kind)
        wo_id = data.get("work_order_id") or (lookup(a.entity_id) if lookup else None) \
            or links.of_message(a.correlation_id)
        rows.append({"seq": a.seq, "at": a.at, "actor": a.actor, "action": a.action,
                     "entity_kind": a.entity_kind, "entity_id": a.entity_id, "work_order_id": wo_id,
                     "correlation_id": a.correlation_id, "data": a.data})
    return rows


def status_changes(coordinator: Any, org: str) -> RecordList:
    """Every work order's status history in long form: one row per change (work order, step, from,
    to, when, hours since the previous change or the creation, reason)."""
    rows = _table(STATUS_CHANGES)
    for wo in coordinator.work_orders(org):
        previous = wo.created_at
        for step, change in enumerate(wo.history, start=1):
            rows.append({"work_order_id": wo.id, "step": step, "from": change.from_, "to": change.to,
                         "at": change.at, "hours_since_previous": _hours(previous, change.at),
                         "reason": change.reason})
            previous = change.at
    return rows


def invoice_lines(coordinator: Any, org: str) -> RecordList:
    """Every invoice line with its invoice's number, vendor, work order, purchase order and status."""
    rows = _table(INVOICE_LINES)
    for inv in coordinator.store.list(org, "invoice"):
        for n, line in enumerate(inv.lines, start=1):
            rows.append({"invoice_id": inv.id, "number": inv.number, "vendor_id": inv.vendor_id,
                         "work_order_id": inv.work_order_id, "purchase_order_id": inv.purchase_order_id,
                         "status": inv.status, "received_at": inv.received_at, "line": n,
                         "description": line.description, "quantity": line.quantity,
                         "unit_price": line.unit_price, "amount": line.amount})
    return rows


def summary(coordinator: Any, org: str) -> dict:
    """Headline figures of an organization: counts by status, mean and worst hours to first
    response / dispatch / completion, total and mean cost, escalation rate, audit check."""
    metrics = work_order_metrics(coordinator, org)

    def column(name: str) -> List[float]:
        return [r[name] for r in metrics if r[name] is not None]

    costs = column("cost")
    out: Dict[str, Any] = {
        "org": org,
        "work_orders": len(metrics),
        "by_status": dict(Counter(r["status"] for r in metrics)),
        "emergencies": sum(1 for r in metrics if r["emergency"]),
    }
    for name in ("hours_queued", "hours_to_first_response", "hours_to_dispatch", "hours_to_completion"):
        values = column(name)
        out["mean_" + name] = _mean(values)
        out["max_" + name] = max(values) if values else None
    on_target = column("first_response_within_target")
    out["first_response_within_target_rate"] = (sum(on_target) / len(on_target)) if on_target else None
    out["total_cost"] = sum(costs)
    out["mean_cost"] = _mean(costs)
    out.update(escalation_rate(coordinator, org))
    verification = coordinator.verify_audit(org)
    out["audit_entries"] = verification.entries
    out["audit_ok"] = verification.ok
    return out


# ---- lease renewals (issue 17) ----
_RENEWAL_STATUSES = ("none", "offered", "negotiating", "accepted", "declined", "no_answer")


def renewal_rate(coordinator: Any, org: str) -> dict:
    """Lease renewals: ``by_status`` counts every lease the renewal workflow has touched (its last
    recorded status, from the audit trail, so leases that have ended count) and every lease not yet
    ended (its current status); ``decided`` = accepted + declined; ``renewal_rate`` = accepted /
    decided (``None`` before any decision)."""
    status: Dict[str, str] = {}
    for entry in coordinator.audit(org):
        if entry.entity_kind == "lease" and entry.action.startswith("renewal."):
            recorded = (entry.data or {}).get("renewal_status")
            if recorded:
                status[entry.entity_id] = recorded
    for item in coordinator.expiring_leases(org):
        status[str(item.lease.id)] = item.lease.renewal_status
    counts = {name: 0 for name in _RENEWAL_STATUSES}
    for value in status.values():
        counts[value] = counts.get(value, 0) + 1
    decided = counts["accepted"] + counts["declined"]
    return {
        "leases": len(status),
        "by_status": counts,
        "decided": decided,
        "renewal_rate": (counts["accepted"] / decided) if decided else None,
    }


# ---- compliance (rule packs, propos/workflows/compliance.hpp) ----

COMPLIANCE_ITEMS = (
    ("compliance_item_id", "string"), ("property_id", "string"), ("unit_id", "string"), ("kind", "string"),
    ("jurisdiction", "string"), ("rule_id", "string"), ("status", "string"), ("due_at", "time"),
    ("completed_at", "time"), ("on_time", "bool"), ("days_late", "float"), ("proofs", "int"),
    ("notice_sent_at", "time"), ("reply_received_at", "time"), ("source", "string"),
)


def compliance_items(coordinator: Any, org: str) -> RecordList:
    """One row per compliance item: its status and dates; ``on_time`` is ``completed_at <= due_at``
    for done items (``None`` otherwise); ``days_late`` how late it was done, or is now for an overdue
    one (``None`` when not late)."""
    now = coordinator.now()
    rows = _table(COMPLIANCE_ITEMS)
    for i in coordinator.compliance_items(org):
        status = str(i.status)
        on_time = None
        late = None
        if status == "done" and i.completed_at is not None:
            on_time = i.completed_at <= i.due_at
            if not on_time:
                late = (i.completed_at - i.due_at) / timedelta(days=1)
        elif status == "overdue" and now is not None and now > i.due_at:
            late = (now - i.due_at) / timedelta(days=1)
        rows.append({
            "compliance_item_id": str(i.id), "property_id": str(i.property_id),
            "unit_id": str(i.unit_id) if i.unit_id else None, "kind": i.kind,
            "jurisdiction": i.jurisdiction or None, "rule_id": i.rule_id or None, "status": status,
            "due_at": i.due_at, "completed_at": i.completed_at, "on_time": on_time, "days_late": late,
            "proofs": len(i.proofs), "notice_sent_at": i.notice_sent_at,
            "reply_received_at": i.reply_received_at, "source": i.source or None,
        })
    return rows


def compliance_rates(coordinator: Any, org: str) -> dict:
    """Compliance headline figures: items by status, the on-time rate of the items done (done by their
    due date / done), the overdue count, and the legal repair deadlines of work orders (how many had
    one, how many were completed by it, how many are past it and still open)."""
    rows = compliance_items(coordinator, org)
    done = [r for r in rows if r["status"] == "done"]
    on_time = sum(1 for r in done if r["on_time"])
    wos = coordinator.work_orders(org)
    with_deadline = [w for w in wos if w.legal_due_at is not None]
    now = coordinator.now()
    met = sum(1 for w in with_deadline if w.completed_at is not None and w.completed_at <= w.legal_due_at)
    missed_open = sum(1 for w in with_deadline
                      if w.completed_at is None and str(w.status) not in ("closed", "cancelled")
                      and now is not None and now > w.legal_due_at)
    return {
        "items": len(rows),
        "by_status": dict(Counter(r["status"] for r in rows)),
        "done": len(done),
        "done_on_time": on_time,
        "on_time_rate": (on_time / len(done)) if done else None,
        "overdue": sum(1 for r in rows if r["status"] == "overdue"),
        "work_orders_with_legal_deadline": len(with_deadline),
        "legal_deadlines_met": met,
        "legal_deadlines_missed_open": missed_open,
    }


# ---- onboarding (move-in checklists, propos/workflows/onboarding.hpp) ----


def onboarding_rates(coordinator: Any, org: str) -> dict:
    """Onboarding headline figures: onboardings by status, how many were completed by their move-in
    day, checklist items by status, the overdue count (items still open after their due time), how
    many overdue items were escalated (``onboarding_overdue``) and how many proofs came in the
    tenants' own replies."""
    now = coordinator.now()
    onboardings = coordinator.onboardings(org)
    items = [i for o in onboardings for i in o.items]
    completed = [o for o in onboardings if str(o.status) == "completed"]
    return {
        "onboardings": len(onboardings),
        "by_status": dict(Counter(str(o.status) for o in onboardings)),
        "completed": len(completed),
        "completed_by_move_in": sum(1 for o in completed
                                    if o.completed_at is not None and o.completed_at <= o.move_in_at),
        "items": len(items),
        "items_by_status": dict(Counter(str(i.status) for i in items)),
        "overdue": sum(1 for i in items if str(i.status) == "open" and now is not None and now > i.due_at),
        "overdue_escalated": sum(1 for i in items if i.overdue_escalation_id),
        "proofs_from_tenants": sum(1 for i in items if i.proof_message_id),
    }


#: The tables :func:`to_parquet` writes, by file name.
TABLES = {
    "work_orders": work_order_metrics,
    "vendors": vendor_scorecards,
    "escalations": escalations,
    "escalation_reasons": escalation_reasons,
    "audit": audit,
    "status_changes": status_changes,
    "invoice_lines": invoice_lines,
    "compliance_items": compliance_items,
}


def to_parquet(coordinator: Any, org: str, directory: Any) -> Dict[str, str]:
    """Writes every table of :data:`TABLES` for ``org`` as ``<directory>/<name>.parquet`` (pyarrow);
    returns the paths by table name."""
    from pathlib import Path

    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, table in TABLES.items():
        path = out / f"{name}.parquet"
        table(coordinator, org).to_parquet(path)
        paths[name] = str(path)
    return paths
