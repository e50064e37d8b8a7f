"""A scikit-learn model plugged into triage through the typed triage_hook: raise-only, visible, and a
failing model never silent (strict mode re-raises it)."""

from __future__ import annotations

import pytest

import propos
from conftest import leak_message

sklearn = pytest.importorskip("sklearn")
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402

# A toy training set for a host's own notion of "structural": what the offline criteria do not know.
TRAIN = [
    ("the ceiling sags and has a long crack", 1),
    ("plaster is bulging from the ceiling above the bed", 1),
    ("big crack in the load bearing wall getting wider", 1),
    ("the balcony railing is loose and wobbles", 1),
    ("the closet door came off its track", 0),
    ("kitchen faucet drips at night", 0),
    ("a cabinet hinge is broken", 0),
    ("the bathroom fan is noisy", 0),
]


def structural_model():
    model = make_pipeline(TfidfVectorizer(ngram_range=(1, 2)), LogisticRegression(C=10.0))
    model.fit([t for t, _ in TRAIN], [y for _, y in TRAIN])
    return model


def make(store, clock, hook, **kw):
    return propos.Coordinator(store=store, clock=clock, seed=7, triage_hook=hook, **kw)


def test_a_scikit_learn_model_raises_triage_and_says_so(store, clock, tenant):
    model = structural_model()
    seen = []

    def hook(inp: propos.TriageHookInput):
        seen.append(inp)
        p = float(model.predict_proba([inp.text])[0][1])
        if p < 0.5:
            return None
        return propos.TriageOpinion(emergency=True, reason=f"p(structural)={p:.2f}", source="sklearn:structural")

    c = make(store, clock, hook)
    c.ingest("harbor", leak_message(tenant, "m-crack", "The ceiling in my bedroom sags and there is a long crack"))
    c.run_until_idle()
    assert len(seen) == 1 and seen[0].org == "harbor" and seen[0].language == "en"
    assert seen[0].emergency is False and seen[0].priority in ("routine", "urgent")
    (wo,) = c.work_orders("harbor")
    assert wo.emergency and wo.priority == "emergency"
    assert any(r.startswith("raised to emergency by sklearn:structural: p(structural)=") for r in wo.triage_reasons)
    assert any(e.reason == "emergency" and e.work_order_id == wo.id for e in c.escalations("harbor"))


def test_a_lower_opinion_changes_nothing(store, clock, tenant):
    c = make(store, clock, lambda inp: propos.TriageOpinion(priority="routine", reason="looks calm"))
    c.ingest("harbor", leak_message(tenant, "m-gas", "I smell gas near the stove, it is strong"))
    c.run_until_idle()
    (wo,) = c.work_orders("harbor")
    assert wo.emergency and wo.priority == "emergency"
    assert not any("looks calm" in r for r in wo.triage_reasons)


def test_a_failing_model_is_seen_and_strict_mode_raises_it(store, clock, tenant):
    def broken(inp):
        raise RuntimeError("model not loaded")

    c = make(store, clock, broken)
    c.ingest("harbor", leak_message(tenant, "m-1"))
    c.run_until_idle()
    (wo,) = c.work_orders("harbor")
    assert any("host triage model failed" in r and "model not loaded" in r for r in wo.triage_reasons)
    assert any(e.type == "triage.hook_failed" for e in c.events("harbor"))

    c.ingest("harbor", leak_message(tenant, "m-2", "The bathroom door lock is broken and won't turn"))
    with pytest.raises(RuntimeError, match="model not loaded"):
        c.run_until_idle(strict=True)


def test_the_opinion_is_typed():
    with pytest.raises((ValueError, propos.Error)):
        propos.TriageOpinion(priority="soonish")
    with pytest.raises(TypeError):
        propos.TriageOpinion(emergecy=True)
