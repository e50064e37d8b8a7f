"""What a host needs from Python: event subscriptions that end, the workflow's tool definitions and
the run's facts for a custom provider, which provider answered a run, the fallback options, the
structured approval decision and seeded ids."""

import pytest

import propos
from conftest import leak_message


class RecordingProvider(propos.LlmProvider):
    """Keeps every request and answers with the offline rules' next step."""

    def __init__(self):
        super().__init__()
        self.inner = propos.offline_provider()
        self.requests = []

    def complete(self, request):
        self.requests.append(request)
        response = self.inner.complete(request)
        response.provider = "recording"
        return response

    def name(self):
        return "recording"

    def default_model(self):
        return "recording-1"


def test_on_event_returns_a_subscription_that_off_ends(coordinator, tenant):
    kept, dropped = [], []
    keep = coordinator.on_event(lambda e: kept.append(e.type))
    drop = coordinator.on_event(lambda e: dropped.append(e.type))
    assert isinstance(drop, propos.EventSubscription) and drop.id != keep.id
    coordinator.ingest("harbor", leak_message(tenant))
    assert dropped
    before = len(dropped)
    assert coordinator.off(drop) is True
    assert coordinator.off(drop) is False
    coordinator.run_until_idle()
    assert len(dropped) == before
    assert len(kept) > before


def test_tool_definitions_are_what_a_provider_is_offered(store, clock, tenant):
    provider = RecordingProvider()
    c = propos.Coordinator(store=store, clock=clock, provider=provider, offline_fallback=False)
    tools = c.tool_definitions()
    names = [t.name for t in tools]
    assert "create_work_order" in names and "escalate" in names
    create = tools[names.index("create_work_order")]
    assert create.description and "unit_id" in create.input_schema["required"]
    with pytest.raises(ValueError, match="unknown workflow 'payroll'"):
        c.tool_definitions("payroll")

    message = c.ingest("harbor", leak_message(tenant, text="I smell gas in the kitchen"))
    c.run_until_idle()
    first = provider.requests[0]
    assert [t.name for t in first.tools] == names
    facts = first.context
    assert facts["organization_id"] == "harbor"
    assert facts["tenant_id"] == tenant.id and facts["unit_id"] == tenant.unit_id
    assert facts["message_id"] == message.message_id
    assert facts["triage"]["category"] == "gas" and facts["triage"]["emergency"] is True
    # Which provider answered is on the run.
    run = c.agent.find_run("harbor", f"run_{message.message_id}")
    assert run.provider == "recording"


def test_a_failing_provider_leaves_the_fallback_on_the_run(store, clock, tenant):
    class Failing(propos.LlmProvider):
        def complete(self, request):
            raise RuntimeError("gateway down")

        def name(self):
            return "failing"

        def default_model(self):
            return "x"

    c = propos.Coordinator(store=store, clock=clock, provider=Failing())
    message = c.ingest("harbor", leak_message(tenant))
    c.run_until_idle()
    run = c.agent.find_run("harbor", f"run_{message.message_id}")
    assert run.provider == "rules"


def test_fallback_options():
    options = propos.FallbackOptions()
    assert options.fall_back_on_any_error is True
    assert "refusal" in options.unusable_stop_reasons
    options.unusable_stop_reasons = ["refusal"]
    options.fall_back_on_any_error = False
    chain = [propos.ScriptedProvider.sequence(), propos.offline_provider()]
    fallback = propos.FallbackProvider(chain, options)
    assert [p.name() for p in fallback.chain] == ["scripted", "rules"]
    with pytest.raises(ValueError):
        options.unusable_stop_reasons = ["not-a-stop-reason"]


def test_decide_approval_and_resolution(coordinator, tenant):
    coordinator.ingest("harbor", leak_message(tenant, text="I smell gas in the kitchen near the stove!!"))
    coordinator.run_until_idle()
    esc = coordinator.escalations("harbor")[0]
    assert esc.reason != "owner_approval"
    decision = propos.ApprovalDecision(approve=True, amount=70000, vendor_id="harbor-v1", note="ok")
    assert decision.amount == 70000
    with pytest.raises(propos.FailedPrecondition, match="not an owner approval"):
        coordinator.decide_approval("harbor", esc.id, decision, "pm.jane")
    resolved = coordinator.resolve_escalation("harbor", esc.id, "acknowledged", "pm.jane")
    assert resolved.resolution == {}  # only approvals carry a structured decision


def test_id_seed_makes_ids_repeatable(tmp_path, portfolio, tenant):
    def first_ids(name, seed):
        clock = propos.ManualClock()
        c = propos.Coordinator(database_path=str(tmp_path / name), clock=clock, id_seed=seed)
        c.store.import_portfolio(portfolio, now=clock.now())
        c.ingest("harbor", leak_message(tenant))
        c.run_until_idle()
        return [w.id for w in c.work_orders("harbor")]

    a = first_ids("a.db", 5)
    assert a and a == first_ids("b.db", 5)
    assert a != first_ids("c.db", 6)
