"""Operational analytics computed from a coordinator's records.

Each function reads work orders, escalations, invoices and vendors of one organization through the
public queries and returns a :class:`propos.RecordList` of plain dicts (one row per work order,
vendor or escalation reason), ready for ``to_pandas()``. Durations are hours (float), money is
integer cents, missing values are ``None``.

They are computed in Python on purpose: the inputs are the same records any host can read, the
definitions below are short enough to audit, and a data team can copy one and change it.

Definitions:

- time to first response: ``first_response_at - created_at`` (the first message sent to the tenant
  about the work order);
- time to dispatch: first move to ``dispatched`` (``dispatched_at``, else the history) minus
  ``created_at``;
- time to completion: ``completed_at - created_at``;
- cost of a work order: the sum of its approved and paid invoices; when none, ``None``
  (``approved_amount`` is reported beside it);
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
    "escalation_rate",
    "escalation_reasons",
    "summary",
]

_BILLED = ("approved", "paid")


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


def _invoices_by_work_order(coordinator: Any, org: str) -> Dict[str, List[Any]]:
    out: Dict[str, List[Any]] = defaultdict(list)
    for invoice in coordinator.store.list(org, "invoice"):
        if invoice.work_order_id:
            out[invoice.work_order_id].append(invoice)
    return out


def work_order_metrics(coordinator: Any, org: str) -> RecordList:
    """One row per work order: status, priority, vendor, milestone times, hours to first response /
    dispatch / completion, whether the response target was met, cost (cents), reopenings and
    escalations."""
    invoices = _invoices_by_work_order(coordinator, org)
    escalations = Counter(e.work_order_id for e in coordinator.escalations(org, open_only=False) if e.work_order_id)
    rows = RecordList()
    for wo in coordinator.work_orders(org):
        billed = [i.total for i in invoices.get(wo.id, []) if i.status in _BILLED]
        dispatched_at = _first_dispatch(wo)
        to_dispatch = _hours(wo.created_at, dispatched_at)
        rows.append({
            "work_order_id": wo.id,
            "title": wo.title,
            "status": wo.status,
            "category": wo.category,
            "priority": wo.priority,
            "emergency": wo.emergency,
            "property_id": wo.property_id,
            "unit_id": wo.unit_id,
            "vendor_id": wo.vendor_id,
            "created_at": wo.created_at,
            "first_response_at": wo.first_response_at,
            "dispatched_at": dispatched_at,
            "completed_at": wo.completed_at,
            "closed_at": wo.closed_at,
            "hours_to_first_response": _hours(wo.created_at, wo.first_response_at),
            "hours_to_dispatch": to_dispatch,
            "hours_to_completion": _hours(wo.created_at, wo.completed_at),
            "dispatch_within_target": None if to_dispatch is None
            else to_dispatch <= _response_target_hours(wo.priority),
            "cost_cents": sum(billed) if billed else None,
            "approved_amount_cents": wo.approved_amount,
            "invoices": len(invoices.get(wo.id, [])),
            "reopen_count": wo.reopen_count,
            "escalations": escalations.get(wo.id, 0),
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
    rows = RecordList()
    for vendor in coordinator.store.list(org, "vendor"):
        jobs = by_vendor.get(vendor.id, [])
        done = [r for r in jobs if r["completed_at"] is not None]
        durations = [_hours(r["dispatched_at"], r["completed_at"]) for r in done if r["dispatched_at"]]
        on_target = [r["dispatch_within_target"] for r in jobs if r["dispatch_within_target"] is not None]
        invoices = invoices_by_vendor.get(vendor.id, [])
        rows.append({
            "vendor_id": vendor.id,
            "name": vendor.name,
            "trades": ", ".join(vendor.trades),
            "active": vendor.active,
            "work_orders": len(jobs),
            "completed": len(done),
            "mean_hours_dispatch_to_completion": _mean([d for d in durations if d is not None]),
            "dispatch_within_target_rate": (sum(on_target) / len(on_target)) if on_target else None,
            "callbacks": sum(1 for r in jobs if r["reopen_count"] > 0),
            "billed_cents": sum(i.total for i in invoices if i.status in _BILLED),
            "invoices": len(invoices),
            "invoices_flagged": sum(1 for i in invoices if i.status in ("flagged", "blocked")),
            "scorecard_jobs_completed": vendor.scorecard.jobs_completed,
            "scorecard_rating": vendor.scorecard.rating,
        })
    return rows


def escalation_rate(coordinator: Any, org: str) -> dict:
    """Work orders with at least one escalation over all work orders, and the raw counts."""
    work_orders = coordinator.work_orders(org)
    escalations = coordinator.escalations(org, open_only=False)
    escalated = {e.work_order_id for e in escalations if e.work_order_id}
    total = len(work_orders)
    return {
        "work_orders": total,
        "escalated_work_orders": len(escalated),
        "escalation_rate": (len(escalated) / total) if total else None,
        "escalations": len(escalations),
        "open_escalations": sum(1 for e in escalations if e.status == "open"),
    }


def escalation_reasons(coordinator: Any, org: str) -> RecordList:
    """One row per escalation reason: raised, still open, resolved, median hours to resolve."""
    groups: Dict[str, List[Any]] = defaultdict(list)
    for e in coordinator.escalations(org, open_only=False):
        groups[e.reason].append(e)
    rows = RecordList()
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


def summary(coordinator: Any, org: str) -> dict:
    """Headline figures of an organization: counts by status, mean and worst hours to first
    response / dispatch / completion, total and mean cost, escalation rate, audit check."""
    metrics = work_order_metrics(coordinator, org)

    def column(name: str) -> List[float]:
        return [r[name] for r in metrics if r[name] is not None]

    costs = column("cost_cents")
    out: Dict[str, Any] = {
        "org": org,
        "work_orders": len(metrics),
        "by_status": dict(Counter(r["status"] for r in metrics)),
        "emergencies": sum(1 for r in metrics if r["emergency"]),
    }
    for name in ("hours_to_first_response", "hours_to_dispatch", "hours_to_completion"):
        values = column(name)
        out["mean_" + name] = _mean(values)
        out["max_" + name] = max(values) if values else None
    out["total_cost_cents"] = sum(costs)
    out["mean_cost_cents"] = _mean(costs)
    out.update(escalation_rate(coordinator, org))
    verification = coordinator.verify_audit(org)
    out["audit_entries"] = verification.entries
    out["audit_ok"] = verification.ok
    return out
