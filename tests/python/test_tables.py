"""Tables whose schema comes from the record type: pandas dtypes, empty and all-missing results,
typed RecordList, Arrow/polars round trips, duckdb over Arrow, Parquet, and the analysis tables."""

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

import propos
from propos import analytics
from conftest import leak_message

pd = pytest.importorskip("pandas")


def _run_leak(coordinator, tenant):
    coordinator.ingest("harbor", leak_message(tenant))
    coordinator.run_until_idle()
    coordinator.advance("2d")


def test_empty_result_has_the_record_types_columns_and_dtypes(coordinator):
    frame = coordinator.work_orders("harbor").to_pandas()
    assert frame.shape == (0, len(propos.WorkOrder._fields))
    assert list(frame.columns)[:3] == ["id", "property_id", "unit_id"]
    dtypes = frame.dtypes.astype(str).to_dict()
    assert dtypes["id"] == "string" and dtypes["status"] == "string" and dtypes["priority"] == "string"
    assert dtypes["emergency"] == "boolean"
    assert dtypes["nte"] == "Int64" and dtypes["approved_amount"] == "Int64"
    assert dtypes["created_at"] == "datetime64[ns, UTC]" and dtypes["completed_at"] == "datetime64[ns, UTC]"
    assert frame["created_at"].dt.tz is not None  # .dt works on an empty column


def test_all_missing_columns_keep_their_dtypes(coordinator):
    orders = propos.RecordList([propos.WorkOrder(id="wo-1"), propos.WorkOrder(id="wo-2")], propos.WorkOrder)
    frame = orders.to_pandas()
    costs = propos.RecordList([{"cost": None}, {"cost": None}], schema=[("cost", "money")]).to_pandas()
    assert costs["cost"].isna().all() and str(costs["cost"].dtype) == "Int64"
    assert frame["completed_at"].isna().all() and str(frame["completed_at"].dtype) == "datetime64[ns, UTC]"
    assert frame["vendor_id"].isna().all() and str(frame["vendor_id"].dtype) == "string"
    assert frame["completed_at"].dt.hour.isna().all()
    assert frame["tenant_id"].isna().all(), "an id that is not set is missing, not ''"


def test_values_times_money_and_dollars(coordinator, tenant):
    _run_leak(coordinator, tenant)
    orders = coordinator.work_orders("harbor")
    frame = orders.to_pandas()
    wo = orders[0]
    assert frame.loc[0, "created_at"] == pd.Timestamp(wo.created_at)
    assert frame.loc[0, "approved_amount"] == wo.approved_amount
    assert frame["history"].iloc[0].startswith("[{")  # nested records are their JSON text
    money = propos.dollars(frame)
    assert str(money["approved_amount"].dtype) == "Float64"
    assert money.loc[0, "approved_amount"] == wo.approved_amount / 100
    assert propos.dollars(12345) == Decimal("123.45")


def test_record_list_keeps_its_type_through_slicing_and_sorting(coordinator, tenant):
    coordinator.ingest("harbor", leak_message(tenant, "m-1"))
    coordinator.ingest("harbor", leak_message(tenant, "m-2", "The hallway light is out"))
    coordinator.run_until_idle()
    orders = coordinator.work_orders("harbor")
    assert orders.record_type is propos.WorkOrder
    for derived in (orders[:1], orders[1:], orders.sorted(key=lambda w: w.title), orders.copy(),
                    orders + [], orders.filter(lambda w: False)):
        assert isinstance(derived, propos.RecordList) and derived.record_type is propos.WorkOrder
    empty = orders.filter(lambda w: False).to_pandas()
    assert empty.shape == (0, len(propos.WorkOrder._fields))
    orders.sort(key=lambda w: w.title)
    assert isinstance(orders, propos.RecordList)
    assert isinstance(orders[0], propos.WorkOrder)
    assert propos.to_pandas([], record_type=propos.Escalation).columns[0] == "id"


def test_queries_are_typed_in_the_stubs():
    from pathlib import Path

    stub = (Path(propos.__file__).parent / "_core.pyi").read_text()
    assert "def work_orders(self, org: str, query: WorkOrderQuery | None = None, **kwargs) -> " \
           "propos._records.RecordList[WorkOrder]" in stub
    assert "-> propos._records.RecordList[Escalation]" in stub


def test_arrow_polars_duckdb_and_parquet(coordinator, tenant, tmp_path):
    pa = pytest.importorskip("pyarrow")
    # Before anything runs (the daily compliance check raises escalations in every organization).
    empty = coordinator.escalations("prairie").to_arrow()
    _run_leak(coordinator, tenant)
    orders = coordinator.work_orders("harbor")
    table = orders.to_arrow()
    assert table.schema.field("created_at").type == pa.timestamp("ns", tz="UTC")
    assert table.schema.field("approved_amount").type == pa.int64()
    assert table.schema.field("emergency").type == pa.bool_()
    assert table.schema.field("triage_reasons").type == pa.list_(pa.string())
    assert empty.num_rows == 0 and empty.schema.names == [k for k, _ in propos.Escalation._schema]
    # Arrow and pandas agree
    back = table.to_pandas()
    assert list(back["id"]) == list(orders.to_pandas()["id"])
    assert back["created_at"].iloc[0] == pd.Timestamp(orders[0].created_at)

    pl = pytest.importorskip("polars")
    frame = orders.to_polars()
    assert frame.schema["created_at"] == pl.Datetime("ns", "UTC") and frame.schema["nte"] == pl.Int64
    assert frame["id"].to_list() == [w.id for w in orders]

    duckdb = pytest.importorskip("duckdb")
    metrics = analytics.work_order_metrics(coordinator, "harbor").to_arrow()
    con = duckdb.connect()
    con.register("metrics", metrics)
    rows = con.execute("select work_order_id, priority, hours_to_first_response from metrics").fetchall()
    assert rows == [(orders[0].id, orders[0].priority, metrics.column("hours_to_first_response")[0].as_py())]

    paths = analytics.to_parquet(coordinator, "harbor", tmp_path / "parquet")
    assert set(paths) == set(analytics.TABLES)
    import pyarrow.parquet as pq
    read = pq.read_table(paths["work_orders"])
    assert read.schema.field("cost").type == pa.int64() and read.num_rows == len(orders)


def test_optional_packages_are_named_when_missing(coordinator, monkeypatch):
    import sys
    for name, call in (("pyarrow", lambda t: t.to_arrow()), ("polars", lambda t: t.to_polars())):
        monkeypatch.setitem(sys.modules, name, None)
        with pytest.raises(ImportError, match=f"pip install {name}"):
            call(coordinator.organizations())


def test_analysis_tables_join_and_keep_one_naming(coordinator, tenant, clock):
    coordinator.ingest("harbor", leak_message(tenant, "gas", "I smell gas in the kitchen near the stove!!"))
    coordinator.run_until_idle()
    coordinator.advance("1d")
    metrics = analytics.work_order_metrics(coordinator, "harbor")
    wo = coordinator.work_orders("harbor")[0]
    row = metrics[0]
    assert row["work_order_id"] == wo.id and row["approved_amount"] == wo.approved_amount
    assert row["received_at"] == coordinator.thread_messages("harbor", wo.thread_id)[0].at
    assert row["hours_queued"] is not None and row["hours_queued"] >= 0
    assert row["response_target_hours"] == 4.0 and row["priority"] == "emergency"
    assert row["first_response_within_target"] is True

    # Compliance escalations are about compliance items, not work orders.
    esc = [r for r in analytics.escalations(coordinator, "harbor") if not r["reason"].startswith("compliance_")]
    assert esc and all(r["work_order_id"] == wo.id for r in esc), "every escalation finds its work order"
    assert {r["work_order_source"] for r in esc} <= {"escalation", "agent_run", "message", "invoice"}
    assert row["escalations"] == len(esc)
    assert analytics.escalation_rate(coordinator, "harbor")["escalation_rate"] == 1.0

    changes = analytics.status_changes(coordinator, "harbor").to_pandas()
    assert list(changes["work_order_id"].unique()) == [wo.id]
    assert list(changes["to"]) == [h.to for h in wo.history]
    audit = analytics.audit(coordinator, "harbor").to_pandas()
    assert (audit["work_order_id"] == wo.id).sum() > 5
    lines = analytics.invoice_lines(coordinator, "harbor").to_pandas()
    assert lines.shape[0] == 0 and str(lines["amount"].dtype) == "Int64"
    assert list(analytics.vendor_scorecards(coordinator, "prairie").to_pandas().columns)[:2] == ["vendor_id", "name"]
