"""The in-memory store with fault injection from Python (issue 18, propos.testing): a host's own
tests drive its failure paths for real — a commit that fails keeps nothing, a busy store refuses,
stores on one database share their data."""

import pytest

import propos
from propos.testing import MemoryStoreFaults, new_memory_database, open_memory_store
from conftest import leak_message


def test_a_failed_commit_keeps_nothing_and_the_retry_is_new(portfolio, clock):
    faults = MemoryStoreFaults()
    store = open_memory_store(faults=faults)
    assert store.location() == ":memory:"
    store.import_portfolio(portfolio, now=clock.now())
    c = propos.Coordinator(store=store, clock=clock, seed=7)
    tenant = store.list("harbor", "tenant")[0]
    before = faults.commits
    faults.fail_nth_commit(1)
    with pytest.raises(propos.Io, match="injected"):
        c.ingest("harbor", leak_message(tenant))
    assert faults.injected == 1 and faults.commits == before
    assert store.list("harbor", "message") == []
    assert not c.ingest("harbor", leak_message(tenant)).duplicate  # nothing was kept: new, not a duplicate
    c.run_until_idle()
    assert len(c.work_orders("harbor")) == 1
    assert c.verify_audit("harbor").ok


def test_faults_by_code_busy_and_shared_databases(portfolio, clock):
    db = new_memory_database()
    faults = MemoryStoreFaults()
    first = open_memory_store(database=db, faults=faults)
    first.import_portfolio(portfolio, now=clock.now())
    second = open_memory_store(db)  # a "restarted" host sees the same data
    assert len(second.list("harbor", "tenant")) == len(first.list("harbor", "tenant")) > 0
    faults.busy_for(1)
    with pytest.raises(propos.Busy):
        first.list("harbor", "tenant")
    assert first.list("harbor", "tenant")  # only the next one was refused
    faults.fail_nth_write(1, "corrupt")
    c = propos.Coordinator(store=first, clock=clock, seed=7)
    with pytest.raises(propos.Corrupt, match="injected"):
        c.ingest("harbor", leak_message(first.list("harbor", "tenant")[0]))
    faults.clear()
    with pytest.raises(propos.InvalidArgument, match="unknown error code 'disk'.*io"):
        faults.fail_nth_write(1, "disk")
    with pytest.raises(propos.InvalidArgument, match="at least 1"):
        faults.fail_nth_commit(0)
