"""Issue 20: notes on work orders and staff decisions as precedent, from Python."""

from __future__ import annotations

import pytest

import propos
from conftest import leak_message


def test_add_work_order_note_is_validated_audited_and_searchable(coordinator, tenant):
    coordinator.ingest("harbor", leak_message(tenant))
    coordinator.run_until_idle()
    wo = coordinator.work_orders("harbor")[0]
    with pytest.raises(ValueError, match="empty"):
        coordinator.add_work_order_note("harbor", wo.id, "maria", "   ")
    with pytest.raises(ValueError, match="over the limit"):
        coordinator.add_work_order_note("harbor", wo.id, "maria", "x" * 4001)
    with pytest.raises(ValueError, match="author"):
        coordinator.add_work_order_note("harbor", wo.id, "", "text")
    with pytest.raises(propos.NotFound, match="wo_missing"):
        coordinator.add_work_order_note("harbor", "wo_missing", "maria", "text")
    assert coordinator.work_order_notes("harbor", wo.id) == []

    note = coordinator.add_work_order_note("harbor", wo.id, "maria", "Shut-off valve is behind the hall closet panel")
    assert note.author == "user:maria"
    assert note.work_order_id == wo.id
    assert [n.id for n in coordinator.work_order_notes("harbor", wo.id)] == [note.id]
    assert any(a.action == "work_order.note_added" and a.data["note_id"] == note.id
               for a in coordinator.audit("harbor"))
    assert any(e.type == "work_order.note_added" and e.payload["note_id"] == note.id
               for e in coordinator.events("harbor"))
    hits = coordinator.search("harbor", propos.SearchQuery(text="hall closet shut-off valve", kinds=["note"]))
    assert [h.id for h in hits][:1] == [note.id]
    assert hits[0].work_order_id == wo.id


def test_resolution_with_a_note_is_a_staff_decision_found_as_precedent(coordinator, tenant):
    coordinator.ingest("harbor", leak_message(tenant, text="My toilet is clogged and I will call my lawyer"))
    coordinator.run_until_idle()
    escalation = next(e for e in coordinator.escalations("harbor") if e.reason == "legal_threat")
    coordinator.resolve_escalation("harbor", escalation.id, "Called the tenant; proceed", "maria",
                                   note="Tenant calmer after a call; offer evening visits")
    decisions = coordinator.staff_decisions("harbor")
    assert len(decisions) == 1
    d = decisions[0]
    assert (d.kind, d.decided_by, d.escalation_id, d.reason) == ("escalation_resolved", "maria", escalation.id,
                                                                 "legal_threat")
    assert d.note == "Tenant calmer after a call; offer evening visits"
    hits = coordinator.search("harbor", propos.SearchQuery(text="tenant threatens a lawyer, evening visits",
                                                           kinds=["decision"]))
    assert hits and hits[0].id == d.id and hits[0].kind == "decision"
    assert hits[0].decided_by == "maria" and hits[0].note == d.note
    assert coordinator.history_search.reindex("harbor").decisions == 1
