"""PostgreSQL stores from Python (issue 18): open_store with a postgresql:// URL, open_postgres_store
with options, the whole coordinator on the server. Needs the test command's throwaway server
(PROPOS_TEST_PG_URL); skipped without it unless PROPOS_REQUIRE_PG=1."""

import os
import subprocess
import uuid

import pytest

import propos
from conftest import leak_message

URL = os.environ.get("PROPOS_TEST_PG_URL")
if not URL and os.environ.get("PROPOS_REQUIRE_PG") == "1":
    raise RuntimeError("PROPOS_REQUIRE_PG=1 but PROPOS_TEST_PG_URL is not set (scripts/pg-test-cluster.sh)")
pytestmark = pytest.mark.skipif(not URL, reason="no PostgreSQL server (PROPOS_TEST_PG_URL)")


@pytest.fixture
def schema():
    name = "py_" + uuid.uuid4().hex[:12]
    yield name
    subprocess.run(["psql", "-X", "-q", URL, "-c", f'DROP SCHEMA IF EXISTS "{name}" CASCADE'],
                   check=True, capture_output=True)


def test_the_coordinator_runs_on_postgresql(schema, portfolio, clock):
    store = propos.open_postgres_store(URL, schema=schema, max_connections=4)
    assert store.location().startswith("postgresql://") and "@127.0.0.1" in store.location()
    assert store.schema_version() == propos.postgres_schema_version() >= 1
    store.import_portfolio(portfolio, now=clock.now())
    c = propos.Coordinator(store=store, clock=clock, seed=7)
    tenant = store.list("harbor", "tenant")[0]
    assert not c.ingest("harbor", leak_message(tenant)).duplicate
    assert c.ingest("harbor", leak_message(tenant)).duplicate
    c.run_until_idle()
    orders = c.work_orders("harbor")
    assert len(orders) == 1 and orders[0].unit_id == tenant.unit_id
    assert c.verify_audit("harbor").ok
    # The same data through a second store, as another worker process would see it.
    again = propos.open_postgres_store(URL, propos.PostgresOptions(schema=schema))
    assert len(again.list("harbor", "work_order")) == 1


def test_open_store_takes_a_url_and_names_what_it_cannot_reach():
    with pytest.raises(propos.Unavailable, match="cannot connect to database 'postgresql://x@127.0.0.1:1/none'"):
        propos.open_store("postgresql://x:secret@127.0.0.1:1/none")
    with pytest.raises(propos.InvalidArgument, match="no store for 'mysql://'"):
        propos.open_store("mysql://127.0.0.1/x")
