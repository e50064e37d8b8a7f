"""Shared fixtures: real SQLite files in tmp_path, the sample portfolio, a simulated clock."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import propos

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"


@pytest.fixture
def portfolio() -> dict:
    return json.loads((DATA / "portfolio.json").read_text())


@pytest.fixture
def clock() -> propos.ManualClock:
    return propos.ManualClock()


@pytest.fixture
def store(tmp_path, portfolio, clock):
    s = propos.open_sqlite_store(str(tmp_path / "ops.db"), synchronous="normal")
    s.import_portfolio(portfolio, now=clock.now())
    return s


@pytest.fixture
def coordinator(store, clock):
    return propos.Coordinator(store=store, clock=clock, seed=7)


@pytest.fixture
def tenant(store):
    return store.list("harbor", "tenant")[0]


def leak_message(tenant, msg_id: str = "m-1", text: str = "My kitchen sink is leaking under the cabinet"):
    return propos.IncomingMessage(provider="test", provider_message_id=msg_id, channel="sms",
                                  from_=tenant.phone, text=text)
