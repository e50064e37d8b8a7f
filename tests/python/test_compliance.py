"""Compliance from Python: the rule packs' items on the sample portfolio (New York buildings with
their attributes), notices in January, a reply recorded, a proof kept with its SHA-256 in the audit
trail, a completed item recurring, legal repair deadlines on work orders, and the analytics."""

import hashlib
import json
from pathlib import Path

import pytest

import propos
from propos import analytics
from conftest import leak_message

PACKS = Path(__file__).resolve().parents[2] / "data" / "compliance"


def test_the_daily_check_makes_items_and_sends_the_january_notices(coordinator, clock):
    assert coordinator.compliance_jurisdictions() == ["ca", "generic", "nyc", "tx"]
    created = coordinator.check_compliance("harbor")
    assert created > 0
    items = coordinator.compliance_items("harbor")
    assert isinstance(items[0], propos.ComplianceItem)
    kinds = {i.kind for i in items}
    assert {"ll1_lead_notice", "window_guard_notice", "smoke_co_alarm_inspection"} <= kinds
    notices = [i for i in items if i.kind == "ll1_lead_notice"]
    assert all(i.notice_sent_at is not None and i.status == "done" for i in notices)
    assert all(i.source.startswith("LL1/2004") for i in notices)
    spanish = [m for m in coordinator.outbox("harbor") if "niño" in m.body]
    assert spanish, "Spanish-speaking tenants get the notice in Spanish"
    # Keywords filter like a ComplianceQuery; the calendar lists rules with their sources.
    p1 = coordinator.compliance_items("harbor", property_id="harbor-p1", open_only=True)
    assert p1 and all(i.property_id == "harbor-p1" and i.status != "done" for i in p1)
    cal = coordinator.compliance_calendar("harbor", "harbor-p1", clock.now(),
                                          propos.parse_time("2027-03-31T00:00:00Z"))
    assert {"hpd_registration", "fisp_facade", "boiler_inspection"} <= {o.rule_id for o in cal}
    assert all(isinstance(o, propos.ComplianceOccurrence) for o in cal)


def test_a_reply_and_a_proof_then_the_next_occurrence(coordinator, store, clock):
    coordinator.check_compliance("harbor")
    notice = next(i for i in coordinator.compliance_items("harbor") if i.kind == "ll1_lead_notice")
    replied = coordinator.record_notice_reply("harbor", notice.id, child_under_6=True, by="user:ana")
    assert replied.reply == {"child_under_6": True}
    tenants = [t for t in store.list("harbor", "tenant") if t.unit_id == notice.unit_id]
    assert tenants and all(t.child_under_6 for t in tenants)

    item = next(i for i in coordinator.compliance_items("harbor", open_only=True)
                if i.kind == "smoke_co_alarm_inspection")
    data = b"smoke and CO alarms tested: all working"
    with_proof = coordinator.attach_compliance_proof("harbor", item.id, data, "report.txt", "text/plain", by="ana")
    assert with_proof.proofs[0].sha256 == hashlib.sha256(data).hexdigest()
    audited = [a for a in coordinator.audit("harbor") if a.action == "compliance.proof_attached"]
    assert audited[-1].data["sha256"] == hashlib.sha256(data).hexdigest()
    done = coordinator.complete_compliance_item("harbor", item.id, "ana", "all good")
    assert done.status == "done"
    again = [i for i in coordinator.compliance_items("harbor", open_only=True)
             if i.kind == "smoke_co_alarm_inspection" and i.property_id == item.property_id]
    assert again and again[0].due_at > item.due_at
    with pytest.raises(propos.FailedPrecondition):
        coordinator.complete_compliance_item("harbor", item.id, "ana")

    rates = analytics.compliance_rates(coordinator, "harbor")
    assert rates["done"] >= 1 and rates["on_time_rate"] is not None and rates["overdue"] == 0
    table = analytics.compliance_items(coordinator, "harbor")
    assert table and {"compliance_item_id", "on_time", "days_late", "proofs"} <= set(table[0])


def test_a_work_order_gets_its_legal_repair_deadline(coordinator, tenant):
    coordinator.ingest("harbor", leak_message(tenant))
    coordinator.run_until_idle()
    wo = coordinator.work_orders("harbor")[0]
    assert wo.legal_due_at is not None and wo.legal_class in ("A", "B", "C")
    assert "HMC" in wo.legal_basis
    assert analytics.compliance_rates(coordinator, "harbor")["work_orders_with_legal_deadline"] == 1


def test_a_bad_pack_names_the_file_and_the_field(coordinator, tmp_path):
    doc = json.loads((PACKS / "tx.json").read_text())
    doc["rules"][0]["schedule"]["period"] = "a year"
    path = tmp_path / "tx-mine.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(ValueError, match=r"tx-mine.json: /rules/0/schedule/period"):
        coordinator.load_compliance_pack(str(path))
    fresh = json.loads((PACKS / "tx.json").read_text())
    with pytest.raises(ValueError, match=r"inline: /repair_deadlines"):
        propos.validate_compliance_pack(json.dumps({**fresh, "repair_deadlines": {}}), "inline")
    assert propos.validate_compliance_pack((PACKS / "nyc.json").read_text()) == ("nyc", "New York City (multifamily)")
    assert propos.read_notice_reply("sí", ["child_under_6"]).child_under_6 is True
    assert propos.read_notice_reply("the sink leaks", ["child_under_6"]) is None


def test_compliance_options_from_python_and_proofs_beside_the_database(store, clock, tmp_path):
    # A host's own pack file replaces the built-in Texas pack; the check looks 30 days ahead only.
    doc = json.loads((PACKS / "tx.json").read_text())
    doc["name"] = "Texas (our counsel's reading)"
    mine = tmp_path / "tx-ours.json"
    mine.write_text(json.dumps(doc))
    from datetime import timedelta
    opts = propos.ComplianceOptions(pack_files=[mine], lookahead=timedelta(days=30), check_cron="0 9 * * *")
    assert opts.lookahead == timedelta(days=30) and [str(p) for p in opts.pack_files] == [str(mine)]
    c = propos.Coordinator(store=store, clock=clock, seed=7, compliance=opts)
    assert c.check_compliance("harbor") > 0
    assert "tx" in c.compliance_jurisdictions()
    # A store the host opened itself: proofs are files beside its database, not process memory.
    item = next(i for i in c.compliance_items("harbor", open_only=True) if i.jurisdiction)
    c.attach_compliance_proof("harbor", item.id, b"inspection report", "report.txt", "text/plain", by="ana")
    kept = list((tmp_path / "ops.db.proofs" / "harbor").rglob("*"))
    assert any(p.is_file() for p in kept), kept
    bad = tmp_path / "tx-bad.json"
    doc["rules"][0]["schedule"]["period"] = "a year"
    bad.write_text(json.dumps(doc))
    with pytest.raises(ValueError, match=r"tx-bad.json: /rules/0/schedule/period"):
        propos.Coordinator(store=store, clock=clock, compliance=propos.ComplianceOptions(pack_files=[str(bad)]))


def test_a_proof_file_is_kept_with_its_sha256_in_the_audit_trail(coordinator, tmp_path):
    coordinator.check_compliance("harbor")
    item = next(i for i in coordinator.compliance_items("harbor", open_only=True)
                if i.kind == "smoke_co_alarm_inspection")
    report = tmp_path / "alarm-report.pdf"
    report.write_bytes(b"%PDF alarms tested in every unit")
    digest = hashlib.sha256(report.read_bytes()).hexdigest()
    with_proof = coordinator.attach_compliance_proof_file("harbor", item.id, str(report), "application/pdf", by="ana")
    proof = with_proof.proofs[-1]
    assert proof.sha256 == digest and proof.name == "alarm-report.pdf" and proof.content_type == "application/pdf"
    audited = [a for a in coordinator.audit("harbor") if a.action == "compliance.proof_attached"]
    assert audited[-1].entity_id == item.id and audited[-1].data["sha256"] == digest
    with pytest.raises(propos.NotFound, match="missing.pdf"):
        coordinator.attach_compliance_proof_file("harbor", item.id, str(tmp_path / "missing.pdf"))
    with pytest.raises(propos.NotFound):
        coordinator.attach_compliance_proof_file("harbor", "cmp_nope", str(report))


def test_compliance_rates_count_what_is_overdue(store, clock):
    from datetime import timedelta
    # A check that also materializes the last year's occurrences: those past their date are overdue at once.
    c = propos.Coordinator(store=store, clock=clock, seed=7,
                           compliance=propos.ComplianceOptions(lookback=timedelta(days=365)))
    c.check_compliance("harbor")
    items = c.compliance_items("harbor")
    overdue = [i for i in items if i.status == "overdue"]
    assert overdue and all(i.due_at < clock.now() for i in overdue)
    rates = analytics.compliance_rates(c, "harbor")
    assert rates["overdue"] == len(overdue) and rates["by_status"]["overdue"] == len(overdue)
    assert rates["items"] == len(items) and rates["on_time_rate"] == rates["done_on_time"] / rates["done"]
    # Completing an overdue item late: done, not on time, and the on-time rate drops below 1.
    late = next(i for i in overdue if not i.requires_proof)
    c.complete_compliance_item("harbor", late.id, "ana", "done late")
    after = analytics.compliance_rates(c, "harbor")
    assert after["overdue"] == len(overdue) - 1 and after["done"] == rates["done"] + 1
    assert after["done_on_time"] == rates["done_on_time"] and after["on_time_rate"] < 1
    row = next(r for r in analytics.compliance_items(c, "harbor") if r["compliance_item_id"] == late.id)
    assert row["on_time"] is False and row["days_late"] > 0
    assert all(r["days_late"] > 0 for r in analytics.compliance_items(c, "harbor") if r["status"] == "overdue")
    # Each overdue item was escalated once.
    raised = [e for e in c.escalations("harbor", open_only=False) if e.reason == "compliance_overdue"]
    assert len(raised) == len(overdue)


def test_the_pure_helpers_a_data_team_calls(coordinator, tenant):
    packs = propos.builtin_compliance_packs()
    assert [p.jurisdiction for p in packs] == ["ca", "generic", "nyc", "tx"]
    assert all(isinstance(p, propos.RulePack) and p.origin == "builtin:" + p.jurisdiction for p in packs)
    nyc = coordinator.compliance_pack("nyc")
    assert nyc.name == "New York City (multifamily)" and nyc.document["jurisdiction"] == "nyc"
    assert coordinator.compliance_pack("atlantis") is None
    # The heat season (NYC: Oct 1 - May 31, local dates).
    jan = propos.parse_time("2026-01-15T15:00:00Z")
    jul = propos.parse_time("2026-07-15T15:00:00Z")
    assert propos.in_heat_season(nyc, jan) and not propos.in_heat_season(nyc, jul)
    assert propos.in_heat_season("nyc", propos.parse_time("2026-10-01T04:30:00Z"), "America/New_York")
    assert not propos.in_heat_season("nyc", propos.parse_time("2026-10-01T03:30:00Z"), "America/New_York")
    assert not propos.in_heat_season("tx", jan)
    # A work order's legal repair deadline: the same the coordinator set on it.
    coordinator.ingest("harbor", leak_message(tenant))
    coordinator.run_until_idle()
    wo = coordinator.work_orders("harbor")[0]
    d = propos.legal_repair_deadline(nyc, wo)
    assert isinstance(d, propos.LegalRepairDeadline)
    assert d.due_at == wo.legal_due_at and d.violation_class == wo.legal_class and d.jurisdiction == "nyc"
    assert d.at_risk_lead.total_seconds() > 0 and d.due_at > wo.created_at
    heat = propos.WorkOrder(id="wo-heat", category="heat_hot_water", priority="urgent", title="No heat",
                            created_at=jan)
    in_winter = propos.legal_repair_deadline("nyc", heat)
    in_summer = propos.legal_repair_deadline("nyc", heat, reported_at=jul)
    assert (in_winter.violation_class, in_summer.violation_class) == ("C", "B")  # the heat season decides
    assert in_winter.due_at - jan < in_summer.due_at - jul
    with pytest.raises(ValueError, match="no built-in compliance rule pack for 'atlantis'"):
        propos.legal_repair_deadline("atlantis", heat)
    mine = propos.parse_compliance_pack({**nyc.document, "name": "NYC (ours)"}, "ours")
    assert mine.name == "NYC (ours)" and mine.origin == "ours"
    with pytest.raises(ValueError, match=r"ours: /repair_deadlines"):
        propos.parse_compliance_pack({**nyc.document, "repair_deadlines": {}}, "ours")
    assert propos.load_compliance_pack_file(PACKS / "tx.json").jurisdiction == "tx"
