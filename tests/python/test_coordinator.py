"""The Coordinator from Python: ingest, run, simulated time, queries, events, audit, callbacks."""

from datetime import timedelta

import pytest

import propos
from conftest import leak_message


def test_ingest_run_and_query(coordinator, tenant):
    result = coordinator.ingest("harbor", leak_message(tenant))
    assert result.tenant_id == tenant.id and not result.duplicate
    assert coordinator.ingest("harbor", leak_message(tenant)).duplicate
    stats = coordinator.run_until_idle()
    assert stats.jobs_run >= 1
    orders = coordinator.work_orders("harbor")
    assert isinstance(orders, propos.RecordList) and len(orders) == 1
    wo = orders[0]
    assert wo.unit_id == tenant.unit_id and wo.category in propos.triage_categories()
    assert coordinator.work_order("harbor", wo.id) == wo
    assert coordinator.work_orders("harbor", status="closed") == []
    thread = coordinator.thread_messages("harbor", wo.thread_id)
    assert thread[0].direction == "inbound"
    assert any(m.direction == "outbound" for m in coordinator.outbox("harbor"))
    types = {e.type for e in coordinator.events("harbor")}
    assert "work_order.created" in types
    audit = coordinator.audit("harbor")
    assert [a.seq for a in audit] == list(range(1, len(audit) + 1))
    check = coordinator.verify_audit("harbor")
    assert check.ok and check.entries == len(audit) and bool(check)
    assert propos.AuditLog(coordinator.store).verify("harbor").ok


def test_agent_runs_read_back_with_their_conversation(coordinator, tenant):
    coordinator.ingest("harbor", leak_message(tenant))
    coordinator.run_until_idle()
    runs = coordinator.store.list("harbor", "agent_run")
    assert runs, "the maintenance workflow runs the agent"
    for run in runs:
        assert run.messages and run.system and run.inbound_text
        assert run.messages[0].role == "user"
        again = coordinator.store.find("harbor", "agent_run", run.id)
        assert again.messages == run.messages and again.step == run.step


def test_work_orders_by_vendor(coordinator, tenant):
    coordinator.ingest("harbor", leak_message(tenant))
    coordinator.run_until_idle()
    wo = coordinator.work_orders("harbor")[0]
    assert wo.vendor_id, "the leak is dispatched to a plumber"
    store = coordinator.store
    assert [w.id for w in store.list("harbor", "work_order", ref=wo.vendor_id)] == [wo.id]
    assert store.count("harbor", "work_order", ref=wo.vendor_id) == 1
    assert store.count("harbor", "work_order", ref="no-such-vendor") == 0


def test_options_object_and_keywords(tmp_path, portfolio, clock):
    options = propos.CoordinatorOptions(database_path=str(tmp_path / "a.db"), clock=clock)
    c = propos.Coordinator(options, batch_size=4)
    c.store.import_portfolio(portfolio, now=clock.now())
    assert {o.id for o in c.organizations()} == {"harbor", "prairie"}
    assert c.now() == clock.now()
    with pytest.raises(propos.InvalidArgument, match="store or a database_path"):
        propos.Coordinator()


def test_ingest_many_matches_ingest(coordinator, tenant):
    messages = [leak_message(tenant, f"m-{i}", f"The hallway light {i} is out") for i in range(5)]
    results = coordinator.ingest_many("harbor", messages)
    assert [r.duplicate for r in results] == [False] * 5
    assert all(r.duplicate for r in coordinator.ingest_many("harbor", messages))


def test_events_callback_and_simulated_time(coordinator, tenant, clock):
    seen = []
    coordinator.on_event(lambda e: seen.append(e.type))
    start = clock.now()
    coordinator.ingest("harbor", leak_message(tenant, text="I smell gas in the kitchen near the stove!!"))
    coordinator.run_until_idle()
    stats = coordinator.advance(timedelta(hours=6))
    assert clock.now() == start + timedelta(hours=6)
    assert isinstance(stats, propos.RunStats)
    assert "work_order.created" in seen
    esc = coordinator.escalations("harbor")
    assert esc and esc[0].reason == "emergency" and esc[0].severity in ("high", "critical")
    resolved = coordinator.resolve_escalation("harbor", esc[0].id, "acknowledged", "test.manager")
    assert resolved.status == "resolved" and resolved.resolved_by == "test.manager"
    assert coordinator.escalations("harbor") == [e for e in coordinator.escalations("harbor") if e.id != esc[0].id]


def test_deliverer_in_python_and_retry_on_unavailable(store, clock, tenant):
    calls = []

    def deliver(org, message):
        calls.append(message.to)
        if len(calls) == 1:
            raise propos.Unavailable("provider overloaded")
        return f"py-{message.id}"

    c = propos.Coordinator(store=store, clock=clock, deliverers={"sms": deliver}, seed=1)
    c.ingest("harbor", leak_message(tenant))
    c.run_until_idle()
    c.advance("10m")
    sent = [m for m in c.outbox("harbor") if m.channel == "sms"]
    assert sent and all(m.provider_message_id.startswith("py-") for m in sent)
    assert len(calls) == len(sent) + 1  # the first attempt failed and was retried


def test_job_handler_written_in_python(coordinator):
    jobs = []
    coordinator.register_job_handler("host.export", lambda job: jobs.append(job.payload["n"]))
    coordinator.jobs.enqueue("harbor", propos.JobSpec(type="host.export", payload={"n": 1}))

    def failing(job):
        raise ValueError("bad export")

    coordinator.register_job_handler("host.fail", failing)
    job_id = coordinator.jobs.enqueue("harbor", propos.JobSpec(type="host.fail", max_attempts=1))
    coordinator.run_until_idle()
    assert jobs == [1]
    dead = coordinator.jobs.find("harbor", job_id)
    assert dead.state == "dead" and "ValueError: bad export" in dead.last_error


def test_submit_invoice_and_store_access(coordinator, store):
    vendor = store.list("harbor", "vendor")[0]
    inv = propos.Invoice(id="inv-1", number="A-1", vendor_id=vendor.id, total=10000,
                         lines=[propos.InvoiceLine(description="Call-out", quantity=1, unit_price=10000, amount=10000)])
    out = coordinator.submit_invoice("harbor", inv)
    assert out.status in ("approved", "blocked", "flagged", "received")
    assert store.get("harbor", "invoice", "inv-1").number == "A-1"
    assert store.find("harbor", "invoice", "nope") is None
    assert store.count("harbor", "vendor") == len(store.list("harbor", "vendor"))
    with pytest.raises(propos.InvalidArgument, match="unknown record kind"):
        store.list("harbor", "spaceship")


def test_to_pandas(coordinator, tenant):
    pandas = pytest.importorskip("pandas")
    coordinator.ingest("harbor", leak_message(tenant))
    coordinator.run_until_idle()
    frame = coordinator.work_orders("harbor").to_pandas()
    assert list(frame["status"]) == [coordinator.work_orders("harbor")[0].status]
    assert str(frame["created_at"].dtype).startswith("datetime64")
    assert "from" in coordinator.outbox("harbor").to_pandas().columns
    empty = coordinator.escalations("prairie").to_pandas(columns=["id", "reason"])
    assert list(empty.columns) == ["id", "reason"] and len(empty) == 0
    assert isinstance(frame, pandas.DataFrame)


def test_to_pandas_without_pandas_names_it(coordinator, monkeypatch):
    import sys
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pip install pandas"):
        coordinator.organizations().to_pandas()
    assert coordinator.organizations().to_records()[0]["id"] in ("harbor", "prairie")


def test_ingest_batch_keeps_the_good_and_dead_letters_the_bad(coordinator, tenant):
    good = leak_message(tenant, "b-1", "The bathroom fan is broken")
    bad = propos.IncomingMessage(provider="test", provider_message_id="b-2", channel="sms",
                                 from_=tenant.phone, text="")
    outcomes = coordinator.ingest_batch("harbor", [good, bad, good])
    assert isinstance(outcomes, propos.RecordList)
    assert [o.ok for o in outcomes] == [True, False, True]
    assert outcomes[0].result.tenant_id == tenant.id and outcomes[2].result.duplicate
    assert outcomes[1].code == "invalid_argument" and outcomes[1].result is None and outcomes[1].error
    with pytest.raises(propos.InvalidArgument, match="message 0"):
        coordinator.ingest_many("harbor", [bad])


def test_search_threads_and_new_record_fields(coordinator, tenant, store):
    coordinator.ingest("harbor", leak_message(tenant))
    coordinator.run_until_idle()
    wo = coordinator.work_orders("harbor")[0]
    assert wo.scope in ("minor", "standard", "major")
    vendor = store.list("harbor", "vendor")[0]
    assert 0 <= vendor.hours_start < vendor.hours_end <= 24 and isinstance(vendor.weekends, bool)
    assert any(t.id == wo.thread_id for t in coordinator.threads("harbor"))
    hits = coordinator.search("harbor", "water under the sink", kinds=["work_order"], k=3)
    assert hits and hits[0].id == wo.id and hits[0].kind == "work_order" and hits[0].org == "harbor"
    assert coordinator.history_search is not None
    with pytest.raises(propos.InvalidArgument, match="empty"):
        coordinator.search("harbor", "   ")


def test_an_email_reply_joins_the_thread_it_answers(coordinator, tenant):
    coordinator.ingest("harbor", leak_message(tenant))
    coordinator.run_until_idle()
    wo = coordinator.work_orders("harbor")[0]
    ours = next(m for m in coordinator.thread_messages("harbor", wo.thread_id) if m.direction == "outbound")
    assert propos.IncomingMessage().references == []
    reply = propos.IncomingMessage(provider="test", provider_message_id="<e-1@mail.example>", channel="email",
                                   from_="someone@example.com", subject="Re: your repair", text="Thanks!",
                                   references=["<unknown@mail.example>", ours.id + "@example.com"])
    result = coordinator.ingest("harbor", reply)
    assert any(m.id == result.message_id for m in coordinator.thread_messages("harbor", wo.thread_id))


def test_assign_vendor_by_a_person(coordinator, tenant, store):
    coordinator.ingest("harbor", leak_message(tenant))
    coordinator.run_until_idle()
    wo = coordinator.work_orders("harbor")[0]
    vendor = store.list("harbor", "vendor")[0]
    with pytest.raises(propos.NotFound):
        coordinator.assign_vendor("harbor", "wo_missing", vendor.id, None, "pm.jane")
    if wo.status == "dispatched":  # the loop already chose a vendor: overriding is refused
        with pytest.raises(propos.FailedPrecondition, match="dispatched"):
            coordinator.assign_vendor("harbor", wo.id, wo.vendor_id, None, "pm.jane")


def test_handle_webhook_verifies_twilio_and_ingests(store, clock, tenant):
    import base64
    import hashlib
    import hmac
    from urllib.parse import urlencode

    integrations = propos.IntegrationOptions()
    integrations.defaults.twilio.auth_token = "secret-token"
    c = propos.Coordinator(store=store, clock=clock, integrations=integrations)
    url = "https://ops.example.com/twilio/sms"
    params = {"MessageSid": "SM" + "1" * 32, "AccountSid": "AC" + "2" * 32, "From": tenant.phone,
              "To": "+15550001111", "Body": "The kitchen sink is leaking", "NumMedia": "0"}
    signed = url + "".join(k + params[k] for k in sorted(params))
    signature = base64.b64encode(hmac.new(b"secret-token", signed.encode(), hashlib.sha1).digest()).decode()
    request = propos.WebhookRequest(endpoint="twilio", url=url, body=urlencode(params),
                                    headers=[("Content-Type", "application/x-www-form-urlencoded"),
                                             ("X-Twilio-Signature", signature)])
    response = c.handle_webhook("harbor", request)
    assert response.status == 200 and response.outcome == "ingested", response.error
    assert response.ingested.tenant_id == tenant.id
    assert c.handle_webhook("harbor", request).outcome == "duplicate"
    request.headers = [("Content-Type", "application/x-www-form-urlencoded"), ("X-Twilio-Signature", "bad")]
    rejected = c.handle_webhook("harbor", request)
    assert rejected.outcome == "dead_letter" and 400 <= rejected.status < 500 and "Signature" in rejected.error
    # Issue 23: refused before it is stored — counted, with the first bytes as a sample.
    refused = c.webhook_rejections("harbor")
    assert [(r["source"], r["count"], r["by_status"]) for r in refused] == [("twilio", 1, {rejected.status: 1})]
    assert refused[0]["samples"][0]["head"] == urlencode(params).encode()[:1024]
    assert [p.status for p in store.raw_payloads("harbor")] == ["processed", "processed"]  # and its retry
