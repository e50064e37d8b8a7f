"""Lease renewals from Python (issue 17): options, the expiring leases, an offer sent now, a reply
read, a decision recorded by staff, and the renewal rate of propos.analytics."""

from datetime import timedelta

import pytest

import propos
from propos import analytics


def _offer_target(store, clock):
    """A harbor lease that has not ended, with a tenant who has a phone."""
    tenants = {t.id: t for t in store.list("harbor", "tenant")}
    for lease in sorted(store.list("harbor", "lease"), key=lambda l: l.end):
        if lease.end > clock.now() + timedelta(days=40) and lease.tenant_ids and tenants[lease.tenant_ids[0]].phone:
            return lease, tenants[lease.tenant_ids[0]]
    raise AssertionError("the sample portfolio has no lease to offer")


def test_renewal_options_and_expiring_leases(store, clock):
    options = propos.RenewalOptions(offsets_days=[120, 45], increase_percent=2.5)
    assert options.offsets_days == [120, 45] and options.cron == "0 14 * * *"
    c = propos.Coordinator(store=store, clock=clock, seed=7, renewals=options)
    soon = c.expiring_leases("harbor", timedelta(days=90))
    everything = c.expiring_leases("harbor")
    assert soon and len(soon) < len(everything)
    assert all(isinstance(e, propos.ExpiringLease) for e in soon)
    assert [e.lease.end for e in everything] == sorted(e.lease.end for e in everything)
    assert all(e.lease.end > clock.now() for e in everything)
    assert soon.to_records()[0]["lease"]["renewal_status"] == "none"
    assert "renewal_status" in propos.enum_names() and "no_answer" in propos.enum_names()["renewal_status"]
    with pytest.raises(ValueError, match="offsets_days"):
        propos.Coordinator(store=store, clock=clock, renewals=propos.RenewalOptions(offsets_days=[]))


def test_an_offer_a_reply_and_a_staff_decision(store, clock):
    c = propos.Coordinator(store=store, clock=clock, seed=7)
    lease, tenant = _offer_target(store, clock)
    offered = c.offer_renewal("harbor", lease.id, "pm.jane")
    assert offered.renewal_status == "offered" and offered.renewal_rent > lease.monthly_rent
    assert offered.renewal_reply_by is not None and offered.renewal_notices
    c.run_until_idle()
    body = [m for m in c.outbox("harbor") if m.to in (tenant.phone, tenant.email)][-1].body
    assert f"${offered.renewal_rent / 100:,.2f}" in body
    c.ingest("harbor", propos.IncomingMessage(provider="test", provider_message_id="r-1", channel="sms",
                                              from_=tenant.phone, text="Yes, we accept the renewal"))
    c.run_until_idle()
    assert [l for l in store.list("harbor", "lease") if l.id == lease.id][0].renewal_status == "accepted"
    assert "renewal_countersign" in [e.reason for e in c.escalations("harbor")]
    with pytest.raises(propos.FailedPrecondition):
        c.record_renewal_decision("harbor", lease.id, "declined", "pm.jane")
    with pytest.raises(ValueError, match="accepted"):
        c.record_renewal_decision("harbor", lease.id, "maybe", "pm.jane")
    other = [e.lease for e in c.expiring_leases("harbor") if e.lease.id != lease.id][0]
    declined = c.record_renewal_decision("harbor", other.id, "declined", "pm.jane", note="told us by phone")
    assert declined.renewal_status == "declined"
    rate = analytics.renewal_rate(c, "harbor")
    assert rate["by_status"]["accepted"] == 1 and rate["by_status"]["declined"] == 1
    assert rate["decided"] == 2 and rate["renewal_rate"] == pytest.approx(0.5)
    assert rate["leases"] >= 2


def test_read_renewal_reply_and_the_negotiation_deadline(store, clock):
    reply = propos.read_renewal_reply("We won't renew, we are moving out")
    assert isinstance(reply, propos.RenewalReply) and reply.kind == "decline" and reply.reasons
    assert reply.about_renewal and reply.names_renewal
    assert propos.read_renewal_reply("Yes, we accept the renewal").kind == "accept"
    assert propos.read_renewal_reply("Could you do the same rent for a 2 year lease?").kind == "negotiate"
    assert propos.read_renewal_reply("No quiero renovar").kind == "decline"
    bare = propos.read_renewal_reply("yes")
    assert bare.kind == "accept" and not bare.names_renewal
    conflict = propos.read_renewal_reply("Yes to renewing but also we're moving out")
    assert conflict.kind == "unclear" and conflict.reasons
    assert propos.read_renewal_reply("thanks for the note").kind == "unclear"
    # A negotiation gets its deadline on the lease (negotiation_days after the tenant asked at most).
    options = propos.RenewalOptions(negotiation_days=10)
    assert options.negotiation_days == 10 and propos.RenewalOptions().negotiation_days == 14
    c = propos.Coordinator(store=store, clock=clock, seed=7, renewals=options)
    lease, tenant = _offer_target(store, clock)
    c.offer_renewal("harbor", lease.id, "pm.jane")
    c.run_until_idle()
    c.ingest("harbor", propos.IncomingMessage(provider="test", provider_message_id="n-1", channel="sms",
                                              from_=tenant.phone,
                                              text="That increase is too much. Could you keep the same rent for the lease?"))
    c.run_until_idle()
    now = [l for l in store.list("harbor", "lease") if l.id == lease.id][0]
    assert now.renewal_status == "negotiating"
    assert clock.now() < now.renewal_negotiation_by <= clock.now() + timedelta(days=10)
    with pytest.raises(ValueError, match="negotiation_days"):
        propos.Coordinator(store=store, clock=clock, renewals=propos.RenewalOptions(negotiation_days=0))
