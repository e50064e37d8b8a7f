"""propos.sim: simulated tenants, vendors and staff, seeded, driving a real Coordinator."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

import propos
import propos.sim as sim
from conftest import DATA


def make(tmp_path, name, portfolio, **kw):
    clock = propos.ManualClock()
    store = propos.open_sqlite_store(str(tmp_path / f"{name}.db"), synchronous="normal")
    store.import_portfolio(portfolio, now=clock.now())
    c = propos.Coordinator(store=store, clock=clock, seed=3)
    return c, sim.Simulation(c, **kw)


def outcome(c, org):
    return sorted((w.title, w.status, w.vendor_id or "") for w in c.work_orders(org))


def test_same_seed_same_run_and_another_seed_differs(tmp_path, portfolio):
    runs = []
    for name, seed in (("a", 11), ("b", 11), ("c", 12)):
        c, s = make(tmp_path, name, portfolio, seed=seed, tenants=sim.Tenants(requests_per_month=0.4))
        generated = s.generate_requests("harbor", days=6)
        stats = s.run(days=7)
        runs.append((generated, stats.as_dict(), outcome(c, "harbor")))
    assert runs[0] == runs[1]
    assert runs[0] != runs[2]
    generated, stats, _ = runs[0]
    assert generated > 10
    assert stats["tenant_messages"] == generated


def test_the_loop_closes_with_simulated_people(tmp_path, portfolio):
    c, s = make(tmp_path, "loop", portfolio, seed=5, tenants=sim.Tenants(requests_per_month=0.5),
                vendors=sim.Vendors(accept=1.0, decline=0.0, invoice=1.0, fix_holds=1.0))
    s.generate_requests("harbor", days=5)
    stats = s.run(days=10)
    statuses = Counter(w.status for w in c.work_orders("harbor"))
    assert stats.vendor_accepts > 0 and stats.visits > 0 and stats.invoices > 0
    assert stats.vendor_declines == 0 and stats.vendor_silences == 0
    assert statuses["closed"] + statuses["invoiced"] > 0, statuses
    # Invoices reached the store against their purchase orders.
    assert c.store.count("harbor", "invoice") == stats.invoices


def test_vendors_who_never_answer_leave_work_for_people(tmp_path, portfolio):
    c, s = make(tmp_path, "silent", portfolio, seed=2, tenants=sim.Tenants(requests_per_month=0.5),
                vendors=sim.Vendors(accept=0.0, decline=0.0), staff=sim.Staff(decisions={}))
    s.generate_requests("harbor", days=2)
    stats = s.run(days=5)
    assert stats.vendor_silences > 0 and stats.vendor_accepts == 0 and stats.visits == 0
    assert not any(w.status in ("completed", "invoiced", "closed") for w in c.work_orders("harbor"))
    # Timeouts and exhausted vendors end in something a person sees.
    assert len(c.escalations("harbor")) > 0


def test_staff_decide_by_reason_or_leave_open(tmp_path, portfolio):
    c, s = make(tmp_path, "staff", portfolio, seed=4, staff=sim.Staff(leave_open=1.0))
    s.load_inbox(DATA / "inbox.jsonl", org="harbor")
    stats = s.run(days=2)
    assert stats.escalations_decided == 0 and stats.escalations_left_open > 0
    c2, s2 = make(tmp_path, "staff2", portfolio, seed=4, staff=sim.Staff(leave_open=0.0))
    s2.load_inbox(DATA / "inbox.jsonl", org="harbor")
    stats2 = s2.run(days=2)
    assert stats2.escalations_decided > 0
    assert len(c2.escalations("harbor")) < len(c.escalations("harbor"))


def test_the_sample_inbox_plays_for_every_organization(tmp_path, portfolio):
    c, s = make(tmp_path, "inbox", portfolio, seed=1)
    played = s.load_inbox(DATA / "inbox.jsonl")
    lines = [ln for ln in (DATA / "inbox.jsonl").read_text().splitlines() if ln.strip()]
    assert played == len(lines)
    s.run(until=c.now() + timedelta(days=3))
    for org in ("harbor", "prairie"):
        assert len(c.work_orders(org)) > 0


def test_bad_settings_and_input_are_named(tmp_path, portfolio, coordinator):
    with pytest.raises(ValueError, match="Vendors.accept"):
        sim.Vendors(accept=1.5)
    with pytest.raises(ValueError, match="accept \\+ Vendors.decline"):
        sim.Vendors(accept=0.7, decline=0.5)
    with pytest.raises(ValueError, match="Tenants.answer_delay"):
        sim.Tenants(answer_delay=(10, 5))
    with pytest.raises(ValueError, match="Staff.decisions\\['emergency'\\]"):
        sim.Staff(decisions={"emergency": ("ok", (5,))})
    with pytest.raises(ValueError, match="unknown organization"):
        sim.Simulation(coordinator, orgs=["nope"])
    with pytest.raises(TypeError, match="Coordinator"):
        sim.Simulation(object())
    s = sim.Simulation(coordinator)
    with pytest.raises(TypeError, match="exactly one"):
        s.run()
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"org": "harbor", "id": "x1", "from": "+12125550100", "text": "hi"}\n{"org": "harbor"}\n')
    with pytest.raises(ValueError, match="bad.jsonl:2"):
        s.load_inbox(bad)
    with pytest.raises(ValueError, match="not simulated"):
        sim.Simulation(coordinator, orgs=["harbor"]).generate_requests("prairie", days=1)
