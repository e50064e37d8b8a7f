"""Python implementations of the C++ interfaces: LlmProvider, Embedder, OutboundChannel.

Each is handed to C++ and then every Python reference is dropped: C++ must keep the Python object
alive for as long as it holds it (py::smart_holder + py::trampoline_self_life_support).
"""

import gc
import threading
import weakref

import numpy as np
import pytest

import propos
from conftest import leak_message


class EchoProvider(propos.LlmProvider):
    """Asks nothing of a model: proposes the offline rules' next step, and counts calls."""

    calls = 0

    def __init__(self):
        super().__init__()
        self.inner = propos.offline_provider()

    def complete(self, request):
        EchoProvider.calls += 1
        assert threading.current_thread() is threading.main_thread()
        response = self.inner.complete(request)
        response.provider = "echo"
        return response

    def name(self):
        return "echo"

    def default_model(self):
        return "echo-1"


def make_coordinator_with_python_provider(store, clock):
    provider = EchoProvider()  # the only Python reference dies with this frame
    alive = weakref.ref(provider)
    return propos.Coordinator(store=store, clock=clock, provider=provider), alive


def test_python_provider_kept_alive_by_cpp(store, clock, tenant):
    EchoProvider.calls = 0
    c, alive = make_coordinator_with_python_provider(store, clock)
    gc.collect()
    assert alive() is not None  # C++ holds it
    c.ingest("harbor", leak_message(tenant))
    c.run_until_idle()
    assert EchoProvider.calls >= 1
    assert len(c.work_orders("harbor")) == 1
    del c
    gc.collect()
    assert alive() is None  # released with the coordinator


def test_python_provider_errors_reach_cpp_as_provider_errors(store, clock, tenant):
    calls = []

    class Failing(propos.LlmProvider):
        def complete(self, request):
            calls.append(request)
            raise propos.Unavailable("model overloaded")

        def name(self):
            return "failing"

        def default_model(self):
            return "x"

    # Alone, the failure comes back to Python as the original exception...
    with pytest.raises(propos.Unavailable, match="model overloaded"):
        Failing().complete(propos.LlmRequest())
    # ...and inside the Coordinator it is a retryable ProviderError: the offline rules take over.
    c = propos.Coordinator(store=store, clock=clock, provider=Failing())
    c.ingest("harbor", leak_message(tenant, text="Mice in the kitchen behind the stove"))
    c.run_until_idle()
    assert calls and len(c.work_orders("harbor")) == 1


def test_scripted_and_rules_providers():
    seq = propos.ScriptedProvider.sequence([propos.LlmResponse(content=[propos.ContentBlock.make_text("hi")])])
    request = propos.LlmRequest(messages=[propos.ChatMessage.user("hello")])
    assert seq.complete(request).text() == "hi"
    assert seq.remaining() == 0
    assert len(seq.requests()) == 1
    seq.keep_requests(False)  # a long replay stops keeping copies of the requests
    assert seq.requests() == []
    seq.push_error("unavailable", "overloaded", 529)
    with pytest.raises(propos.Unavailable) as e:
        seq.complete(request)
    assert e.value.http_status == 529
    rules = propos.RulesProvider([propos.Rule(name="greet", when=lambda r: "hello" in propos.ChatMessage.text(r.messages[-1]),
                                              respond=lambda r: [propos.ContentBlock.make_text("hello back")])])
    assert rules.complete(request).text() == "hello back"
    assert rules.match(propos.LlmRequest(messages=[propos.ChatMessage.user("bye")])) == ""
    assert len(propos.request_hash(request)) == 64


class CountingEmbedder(propos.Embedder):
    def __init__(self, dimension=32):
        super().__init__()
        self.d = dimension
        self.batches = 0

    def dimension(self):
        return self.d

    def model(self):
        return f"test-counting/{self.d}"

    def embed(self, texts):
        self.batches += 1
        out = np.zeros((len(texts), self.d), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in t.lower().split():
                out[i, hash(w) % self.d] += 1
        return out


def make_search(store):
    embedder = CountingEmbedder()
    return propos.HistorySearch(store, embedder, propos.HistorySearchOptions(persist=False)), weakref.ref(embedder)


def test_python_embedder_in_history_search(store):
    search, alive = make_search(store)
    gc.collect()
    assert alive() is not None
    for i, text in enumerate(["kitchen sink leaking", "no heat in bedroom", "broken front door lock"]):
        store.put("harbor", propos.Note(id=f"n{i}", text=text, author="test", at="2026-01-05T09:00:00Z"))
    search.index_entities("harbor", "note", ["n0", "n1", "n2"])
    hits = search.search("harbor", "sink leaking", k=2)
    assert hits[0].id == "n0" and hits[0].kind == "note"
    assert alive().batches >= 2
    assert search.status("harbor").model == "test-counting/32"
    del search
    gc.collect()
    assert alive() is None


def test_embedder_errors_and_wrong_shapes(store):
    class Bad(CountingEmbedder):
        def embed(self, texts):
            return np.zeros((len(texts), 3), dtype=np.float32)

    search = propos.HistorySearch(store, Bad(), propos.HistorySearchOptions(persist=False, keyword_fallback=False))
    store.put("harbor", propos.Note(id="n1", text="leak", author="t"))
    with pytest.raises(propos.FailedPrecondition, match=r"shape \(1, 3\), expected \(1, 32\)"):
        search.index_note("harbor", "n1")

    class Raising(CountingEmbedder):
        def embed(self, texts):
            raise KeyError("no such model")

    search = propos.HistorySearch(store, Raising(), propos.HistorySearchOptions(persist=False, keyword_fallback=False))
    with pytest.raises(KeyError, match="no such model"):  # the original exception comes back
        search.index_note("harbor", "n1")


def test_numpy_in_and_out():
    e = propos.hashing_embedder(propos.HashingEmbedderOptions(dimension=64))
    m = e.embed(["water leak", "no heat"])
    assert m.shape == (2, 64) and m.dtype == np.float32
    assert propos.cosine_similarity(m[0], m[0]) == pytest.approx(1.0, abs=1e-5)
    ix = propos.VectorIndex(propos.VectorIndexOptions(dimension=64))
    ix.add_batch(np.array([10, 20], dtype=np.uint64), m)
    labels, scores = ix.search(m[1], 2)
    assert labels.tolist()[0] == 20 and scores.dtype == np.float32 and len(ix) == 2


class ListChannel(propos.OutboundChannel):
    def __init__(self):
        super().__init__()
        self.sent = []

    def channel(self):
        return "sms"

    def provider(self):
        return "list"

    def send(self, message):
        self.sent.append(message)
        return propos.SendResult(provider_message_id=f"L{len(self.sent)}", status="queued")


def test_python_channel_as_deliverer_is_idempotent(store, clock, tenant):
    channel = ListChannel()
    alive = weakref.ref(channel)
    c = propos.Coordinator(store=store, clock=clock, deliverers={"sms": channel})
    sent = channel.sent
    del channel
    gc.collect()
    assert alive() is not None
    c.ingest("harbor", leak_message(tenant))
    c.run_until_idle()
    assert sent and all(m.channel == "sms" and m.idempotency_key for m in sent)
    ids = {m.provider_message_id for m in c.outbox("harbor") if m.channel == "sms"}
    assert ids == {f"L{i + 1}" for i in range(len(sent))}
    ch = alive()
    # An SMS this channel delivered (messages queued in the same millisecond have no fixed order,
    # and the tenant may also get email, which has no deliverer here).
    delivered = next(m for m in c.outbox("harbor") if m.channel == "sms" and m.provider_message_id)
    first = propos.to_outbound_message(delivered)
    n = len(ch.sent)
    assert ch(org="harbor", message=delivered) == delivered.provider_message_id
    assert len(ch.sent) == n  # answered from memory: never sent twice
    assert first.idempotency_key == delivered.id
