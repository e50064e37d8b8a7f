"""Tenant onboarding from Python: the checklist as data (schema errors name the field), an
onboarding started for a lease, items checked with a proof document, the tenant's reply with an
attachment, and an organization's own checklist."""

import hashlib
import json
from collections import Counter
from datetime import timedelta

import pytest

import propos
from propos import analytics


def _lease(store):
    return store.list("harbor", "lease")[0]


def test_the_default_checklist_and_its_schema():
    c = propos.default_checklist()
    assert isinstance(c, propos.Checklist) and c.name == "default"
    assert any(i.key == "renters_insurance" and i.actor == "tenant" and i.proof for i in c.items)
    assert propos.checklist_schema()["title"] == "PropOS move-in checklist"
    bad = dict(c.source)
    bad["items"] = [dict(bad["items"][0], due_days="soon")]
    with pytest.raises(propos.InvalidArgument, match=r"mine\.json: field '/items/0/due_days'"):
        propos.parse_checklist(bad, "mine.json")


def test_a_checklist_file_that_fails_names_the_file_and_field(tmp_path):
    path = tmp_path / "checklist.json"
    path.write_text(json.dumps({"name": "x", "version": 1, "items": [{"key": "k", "title": "K", "actor": "robot",
                                                                      "due_days": 0}]}))
    with pytest.raises(propos.InvalidArgument) as e:
        propos.load_checklist_file(path)
    assert str(path) in str(e.value) and "/items/0/actor" in str(e.value)


def test_start_check_and_list_onboardings(store, clock):
    c = propos.Coordinator(store=store, clock=clock, seed=7)
    lease = _lease(store)
    o = c.start_onboarding("harbor", lease.id, started_by="user:maria")
    assert isinstance(o, propos.Onboarding) and o.id == "onb_" + lease.id and o.status == "open"
    assert all(isinstance(i, propos.OnboardingItem) for i in o.items)
    assert o.welcome_sent_at is not None
    c.run_until_idle()
    tenant = store.get("harbor", "tenant", lease.tenant_ids[0])
    welcome = [m for m in c.outbox("harbor") if m.to in (tenant.phone, tenant.email)]
    assert welcome and "report a repair" in welcome[0].body
    with pytest.raises(propos.InvalidArgument, match="needs a proof document"):
        c.check_onboarding_item("harbor", o.id, "lease_signed", checked_by="user:maria")
    with pytest.raises(propos.InvalidArgument, match="not a blob key"):
        c.check_onboarding_item("harbor", o.id, "lease_signed", checked_by="user:maria", proof_blob_key="x")
    key = "sha256:" + hashlib.sha256(b"%PDF lease").hexdigest()
    after = c.check_onboarding_item("harbor", o.id, "lease_signed", checked_by="user:maria", proof_blob_key=key)
    item = next(i for i in after.items if i.key == "lease_signed")
    assert item.status == "done" and item.proof_sha256 == key[7:]
    after = c.check_onboarding_item("harbor", o.id, "utilities", checked_by="user:maria", waive=True,
                                    note="included in the rent")
    assert next(i for i in after.items if i.key == "utilities").status == "waived"
    listed = c.onboardings("harbor")
    assert len(listed) == 1 and listed[0].id == o.id
    df = listed.to_records()
    assert df[0]["lease_id"] == lease.id
    assert c.onboardings("harbor", lease=lease.id)[0].id == o.id
    assert not c.onboardings("harbor", lease="nope")


def test_a_tenants_attachment_proves_the_item_it_names(store, clock):
    c = propos.Coordinator(store=store, clock=clock, seed=7)
    lease = _lease(store)
    o = c.start_onboarding("harbor", lease.id)
    tenant = store.get("harbor", "tenant", lease.tenant_ids[0])
    key = "sha256:" + "ab" * 32
    c.ingest("harbor", propos.IncomingMessage(provider="test", provider_message_id="doc-1", channel="sms",
                                              from_=tenant.phone, text="here is my renters insurance",
                                              media=[key]))
    c.run_until_idle()
    item = next(i for i in c.onboardings("harbor")[0].items if i.key == "renters_insurance")
    assert item.status == "done" and item.proof_blob_key == key and item.done_by == "tenant:" + tenant.id
    assert not c.work_orders("harbor")
    assert o.id == c.onboardings("harbor")[0].id


def test_an_organizations_own_checklist(store, clock, tmp_path):
    c = propos.Coordinator(store=store, clock=clock, seed=7)
    with pytest.raises(propos.InvalidArgument, match="checklist of org harbor: field '/version'"):
        c.set_onboarding_checklist("harbor", {"name": "mine", "version": 0, "items": [
            {"key": "keys", "title": "Keys", "actor": "staff", "due_days": 0}]}, "user:maria")
    mine = {"name": "mine", "version": 2,
            "items": [{"key": "keys", "title": "Keys", "actor": "staff", "due_days": 0}]}
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(mine))
    assert c.set_onboarding_checklist("harbor", path, "user:maria").name == "mine"
    assert c.onboarding_checklist("harbor").version == 2
    o = c.start_onboarding("harbor", _lease(store).id)
    assert [i.key for i in o.items] == ["keys"] and o.checklist == "mine v2"


def test_an_item_checked_with_the_proof_bytes_keeps_them_in_the_organizations_blob_store(store, clock, tmp_path):
    # Without a blob store the bytes have nowhere to go: an error, nothing checked.
    bare = propos.Coordinator(store=store, clock=clock, seed=7)
    o = bare.start_onboarding("harbor", _lease(store).id)
    with pytest.raises(propos.FailedPrecondition, match="no blob store"):
        bare.check_onboarding_item("harbor", o.id, "lease_signed", checked_by="user:maria", proof=b"%PDF lease")
    assert next(i for i in bare.onboardings("harbor")[0].items if i.key == "lease_signed").status == "open"

    blobs = propos.local_blob_store(tmp_path / "harbor-blobs")
    integrations = propos.IntegrationOptions(organizations={"harbor": propos.IntegrationConfig(blob_store=blobs)})
    c = propos.Coordinator(store=store, clock=clock, seed=7, integrations=integrations)
    data = b"%PDF signed lease for unit 1A"
    after = c.check_onboarding_item("harbor", o.id, "lease_signed", checked_by="user:maria", proof=data)
    item = next(i for i in after.items if i.key == "lease_signed")
    digest = hashlib.sha256(data).hexdigest()
    assert item.status == "done" and item.proof_blob_key == "sha256:" + digest and item.proof_sha256 == digest
    assert propos.blob_key_for(data) == item.proof_blob_key
    assert blobs.contains(item.proof_blob_key) and blobs.get(item.proof_blob_key) == data
    assert any(p.is_file() for p in (tmp_path / "harbor-blobs").rglob("*"))
    audited = [a for a in c.audit("harbor") if a.entity_id == o.id and a.data.get("item") == "lease_signed"]
    assert audited and audited[-1].data.get("proof_sha256") == digest
    with pytest.raises(propos.InvalidArgument, match="not both"):
        c.check_onboarding_item("harbor", o.id, "deposit", proof=data, proof_blob_key=item.proof_blob_key)
    assert propos.memory_blob_store().get(item.proof_blob_key) is None


def test_onboarding_rates_count_the_overdue_items(store, clock):
    c = propos.Coordinator(store=store, clock=clock, seed=7)
    upcoming = min((l for l in store.list("harbor", "lease") if l.start > clock.now()), key=lambda l: l.start)
    o = c.start_onboarding("harbor", upcoming.id)
    c.check_onboarding_item("harbor", o.id, "lease_signed", proof_blob_key=propos.blob_key_for(b"%PDF lease"))
    c.check_onboarding_item("harbor", o.id, "utilities", waive=True, note="included in the rent")
    first = analytics.onboarding_rates(c, "harbor")
    assert first["onboardings"] == 1 and first["by_status"] == {"open": 1} and first["completed"] == 0
    statuses = Counter(i.status for i in c.onboardings("harbor")[0].items)
    assert first["items"] == len(o.items) and first["items_by_status"] == dict(statuses)
    assert statuses["waived"] == 1 and statuses["done"] >= 1 and statuses["open"] > 0
    assert first["overdue"] == 0 and first["overdue_escalated"] == 0  # nothing is due yet
    # A week after the last item was due: every open item is overdue, and the daily check escalated each.
    clock.set(max(i.due_at for i in o.items) + timedelta(days=7))
    c.run_until_idle()
    rates = analytics.onboarding_rates(c, "harbor")
    still_open = [i for i in c.onboardings("harbor")[0].items if i.status == "open"]
    assert still_open and rates["overdue"] == len(still_open)
    escalated = [e for e in c.escalations("harbor") if e.reason == "onboarding_overdue"]
    assert rates["overdue_escalated"] == len(escalated) == len(still_open)
    assert rates["proofs_from_tenants"] == 0
