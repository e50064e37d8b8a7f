"""Follow-up cadences from Python: definitions, enrol, preview, skip, reschedule, cancel by a
reply, the message log with delivery times (docs/python.md)."""

from __future__ import annotations

import datetime as dt

import pytest

import propos

from conftest import leak_message


def test_builtins_and_definition_errors(coordinator):
    names = {d.name for d in propos.builtin_cadences()}
    assert {"default", "post_repair", "onboarding", "renewal", "missing_document"} <= names
    assert "offset_days" in propos.cadence_schema()
    with pytest.raises(ValueError, match=r"mine.json: cadences\[0\].steps\[0\].templates.en: unknown placeholder \{nick\}"):
        propos.parse_cadence_definitions(
            '{"cadences":[{"name":"x","purpose":"general","steps":[{"name":"d","offset_days":1,'
            '"templates":{"en":"Hi {nick}"}}]}]}', "mine.json")
    own = coordinator.set_cadence_definitions(
        "harbor",
        '{"cadences":[{"name":"courtesy","purpose":"general","steps":[{"name":"d2","offset_days":2,'
        '"send_at":"09:00","templates":{"en":"Hi {first_name} of {unit}"}}]}]}')
    assert [d.name for d in own] == ["courtesy"]
    assert own[0].steps[0].send_minute == 9 * 60
    assert "courtesy" in [d.name for d in coordinator.cadence_definitions("harbor")]


def test_enrol_preview_send_skip_reschedule_and_log(coordinator, tenant):
    preview = coordinator.preview_cadence("harbor", tenant_id=tenant.id, purpose="missing_document",
                                          references={"document": "renter's insurance proof"})
    assert len(preview) == 4
    assert all("renter's insurance proof" in p.body for p in preview)
    assert len(coordinator.cadence_enrollments("harbor")) == 0  # nothing stored by a preview

    e = coordinator.enrol_cadence("harbor", tenant_id=tenant.id, purpose="missing_document",
                                  references={"document": "renter's insurance proof"}, by="py")
    assert e.status == "active" and e.cadence == "missing_document"
    again = coordinator.enrol_cadence("harbor", propos.CadenceRequest(tenant_id=tenant.id, purpose="missing_document",
                                                                     references={"document": "x"}))
    assert again.id == e.id  # one active enrolment per contact and purpose

    coordinator.skip_cadence_step("harbor", e.id, "day_3", by="py")
    moved = coordinator.reschedule_cadence_step("harbor", e.id, "week_1",
                                                e.steps[2].due_at + dt.timedelta(days=1), rest=True, by="py")
    assert moved.steps[2].due_at == e.steps[2].due_at + dt.timedelta(days=1)
    assert moved.steps[3].due_at == e.steps[3].due_at + dt.timedelta(days=1)

    coordinator.advance("16d")
    log = coordinator.cadence_log("harbor", e.id)
    assert [entry.status for entry in log] == ["sent", "skipped", "sent", "sent"]
    assert log[0].message_status == "sent" and log[0].sent_at == preview[0].due_at
    assert log[0].opened_at is None and log[0].clicked_at is None
    sent = [m for m in coordinator.outbox("harbor") if m.id == log[0].message_id]
    assert sent and sent[0].body == preview[0].body
    assert sent[0].delivered_at is None  # the offline outbox reports no delivery
    done = coordinator.cadence_enrollment("harbor", e.id)
    assert done.status == "completed" and done.end_reason == "last_step"
    df = coordinator.cadence_enrollments("harbor", status="completed")
    assert [x.id for x in df] == [e.id]


def test_a_reply_cancels_and_errors_reach_python(coordinator, tenant):
    e = coordinator.enrol_cadence("harbor", tenant_id=tenant.id, purpose="general")
    coordinator.advance("2d")
    coordinator.ingest("harbor", leak_message(tenant, "m-reply", "Thanks, all good here"))
    coordinator.run_until_idle()
    x = coordinator.cadence_enrollment("harbor", e.id)
    assert x.status == "cancelled" and x.end_reason == "reply"
    assert [s.status for s in x.steps][1:] == ["cancelled"] * 4
    with pytest.raises(propos.FailedPrecondition):
        coordinator.cancel_cadence("harbor", e.id)
    with pytest.raises(propos.NotFound):
        coordinator.enrol_cadence("harbor", tenant_id="nobody", purpose="general")
    with pytest.raises(ValueError, match="'document' reference"):
        coordinator.enrol_cadence("harbor", tenant_id=tenant.id, purpose="missing_document")
    kinds = {ev.type for ev in coordinator.events("harbor")}
    assert {"cadence.enrolled", "cadence.step_sent", "cadence.cancelled"} <= kinds
