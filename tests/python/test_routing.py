"""Intent routing from Python: classify_intent offline, and a payment question answered from the
host's ledger (a Python callable) or handed to a person when the ledger fails."""

import propos
from conftest import leak_message


def test_classify_intent_names_the_owner_and_keeps_emergencies_as_repairs():
    r = propos.classify_intent("We'd like to renew our lease for another year")
    assert isinstance(r, propos.IntentAssessment)
    assert r.intent == "renewal" and r.reasons[0].startswith("intent:renewal")
    assert 0 < r.confidence <= 0.95 and r.language == "en"
    gas = propos.classify_intent("I smell gas in the kitchen. Also, when is rent due?")
    assert gas.intent == "maintenance" and "payment" in gas.also
    assert propos.classify_intent("Мы съезжаем в конце месяца, когда вернут залог?").intent == "move_out"
    assert "intent" in propos.enum_names() and "neighbor" in propos.enum_names()["intent"]


def test_a_payment_question_is_answered_from_the_hosts_ledger(store, clock, tenant):
    asked = []

    def ledger(org, t):
        asked.append((org, t.id))
        return propos.LedgerFacts(balance=123456, next_amount=250000, as_of=clock.now(),
                                  next_due=clock.now(), payment_instructions="Pay at portal.example.")

    c = propos.Coordinator(store=store, clock=clock, seed=7, ledger=ledger)
    c.ingest("harbor", leak_message(tenant, text="How much do I owe this month? Is there a late fee?"))
    c.run_until_idle()
    assert asked == [("harbor", tenant.id)]
    replies = [m for m in c.outbox("harbor") if m.to == tenant.phone or m.to == tenant.email]
    assert len(replies) == 1 and "$1,234.56" in replies[0].body and "portal.example" in replies[0].body
    assert not c.work_orders("harbor")


def test_a_ledger_that_raises_hands_the_question_to_a_person(store, clock, tenant):
    def ledger(org, t):
        raise RuntimeError("PMS down")

    c = propos.Coordinator(store=store, clock=clock, seed=7, ledger=ledger)
    c.ingest("harbor", leak_message(tenant, text="What's my balance? I paid with Zelle yesterday"))
    c.run_until_idle()
    reasons = [e.reason for e in c.escalations("harbor")]
    assert "payment_question" in reasons


def test_a_question_is_answered_from_the_organizations_knowledge_base(store, clock, tenant):
    articles = store.list("harbor", "knowledge_article")
    assert len(articles) >= 9 and all(isinstance(a, propos.KnowledgeArticle) for a in articles)
    match = store.answer_from_knowledge_base("harbor", "Where do I store my bike?")
    assert isinstance(match, propos.KnowledgeMatch)
    assert match.article.id == "harbor-kb-bikes" and "bike room" in match.quote and match.subject_match
    assert store.answer_from_knowledge_base("harbor", "Is there a sauna on the roof?") is None
    assert [m.article.id for m in store.search_knowledge_base("harbor", "guest parking permit", k=1)] == [
        "harbor-kb-guest-parking"]

    c = propos.Coordinator(store=store, clock=clock, seed=7)
    c.ingest("harbor", leak_message(tenant, text="Are pets allowed? Is there a pet deposit?"))
    c.run_until_idle()
    replies = [m for m in c.outbox("harbor") if m.to == tenant.phone or m.to == tenant.email]
    assert len(replies) == 1 and "Resident handbook" in replies[0].body and "$300" in replies[0].body
    assert "tenant_question" not in [e.reason for e in c.escalations("harbor")]
    assert not c.work_orders("harbor")
