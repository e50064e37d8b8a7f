"""Issue 19 from Python: signed audit checkpoints, the text-size limit, job counts by type."""

import json
from datetime import timedelta

import pytest

import propos
from conftest import leak_message


def test_signed_checkpoint_round_trip_and_a_truncated_log(coordinator, store, tenant, clock):
    coordinator.ingest("harbor", leak_message(tenant))
    coordinator.run_until_idle()
    private_pem, public_pem = propos.ed25519_generate()
    log = propos.AuditLog(store)
    cp = log.checkpoint("harbor", private_pem, clock.now())
    assert cp.seq == len(log.list("harbor")) and cp.org == "harbor"
    again = propos.AuditCheckpoint.from_json(cp.to_json())
    assert again.signed_text() == cp.signed_text()
    assert log.verify_against("harbor", again, public_pem).ok
    forged = propos.AuditCheckpoint.from_json(cp.to_json().replace(f'"seq":{cp.seq}', f'"seq":{cp.seq + 5}'))
    result = log.verify_against("harbor", forged, public_pem)
    assert not result.ok and "signature" in result.problem
    assert propos.ed25519_verify(public_pem, "x", propos.ed25519_sign(private_pem, "x"))
    with pytest.raises(propos.InvalidArgument, match="Ed25519 private key"):
        log.checkpoint("harbor", public_pem, clock.now())


def test_checkpoints_reach_the_host_as_events(store, clock, tenant):
    private_pem, public_pem = propos.ed25519_generate()
    options = propos.AuditCheckpointOptions(private_key_pem=private_pem)
    c = propos.Coordinator(store=store, clock=clock, audit_checkpoints=options)
    seen = []
    c.on_event(lambda e: seen.append(e) if e.type == "audit.checkpoint" else None)
    c.ingest("harbor", leak_message(tenant))
    c.advance(timedelta(hours=2))
    assert seen
    cp = propos.AuditCheckpoint.from_json(json.dumps(seen[-1].payload))
    assert propos.AuditLog(store).verify_against(cp.org, cp, public_pem).ok


def test_an_oversized_message_is_a_dead_letter(store, clock, tenant):
    c = propos.Coordinator(store=store, clock=clock, max_message_text_bytes=100)
    with pytest.raises(propos.InvalidArgument, match="over the limit of 100"):
        c.ingest("harbor", leak_message(tenant, "big", "x" * 101))
    counts = c.jobs.counts_by_type("harbor")
    assert "inbound.message" not in counts
