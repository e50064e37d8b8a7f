"""Getting data in: the CLI's JSON-lines format, DataFrames with a column map, missing values, NumPy
scalars, datetime64, Decimal, pathlib.Path, portfolio files, durations."""

import io
import json
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

import propos
from conftest import DATA


def test_the_sample_inbox_loads(coordinator):
    outcomes = coordinator.ingest_jsonl(None, DATA / "inbox.jsonl")
    lines = [json.loads(l) for l in (DATA / "inbox.jsonl").read_text().splitlines() if l.strip()]
    assert len(outcomes) == len(lines)
    assert all(o.ok for o in outcomes), [o.error for o in outcomes if not o.ok]
    assert sum(o.result.duplicate for o in outcomes) == 1  # demo-harbor-005 is in the file twice
    harbor = coordinator.store.list("harbor", "message")
    assert len(harbor) == sum(1 for l in lines if l["org"] == "harbor") - 1


def test_a_line_of_another_organization_is_refused_not_stored(coordinator, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join([
        json.dumps({"org": "harbor", "id": "a", "from": "+12125550100", "text": "Sink leaks"}),
        json.dumps({"org": "prairie", "id": "b", "from": "+12175550100", "text": "Basement flooded"}),
        "{not json",
        "",
        json.dumps({"id": "c", "from": "+12125550100", "text": "Also the fan", "channel": "sms"}),
    ]))
    outcomes = coordinator.ingest_jsonl("harbor", str(path))
    assert [o.ok for o in outcomes] == [True, False, False, True]
    assert outcomes[1].code == "failed_precondition" and "prairie" in outcomes[1].error
    assert outcomes[2].code == "invalid_argument" and "in.jsonl:3" in outcomes[2].error
    assert coordinator.store.list("prairie", "message") == []
    assert [p.status for p in coordinator.store.raw_payloads("harbor", "dead")] == ["dead"]
    with pytest.raises(propos.Io, match="cannot read"):
        coordinator.ingest_jsonl("harbor", tmp_path / "missing.jsonl")


def test_a_dataframe_with_a_column_map(coordinator, tenant):
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({
        "msg": ["f-1", "f-2"],
        "phone": [tenant.phone, tenant.phone],
        "body": ["The kitchen sink is leaking", "The hallway light is out"],
        "when": pd.to_datetime(["2026-01-05T08:00:00Z", None], utc=True),  # NaT: received now
        "subject": [None, np.nan],
        "ticket": [17, 18],
    })
    outcomes = coordinator.ingest_frame("harbor", frame, columns={"msg": "id", "phone": "from", "body": "text",
                                                                  "when": "received_at", "ticket": None})
    assert [o.ok for o in outcomes] == [True, True]
    messages = {m.provider_message_id: m for m in coordinator.store.list("harbor", "message")}
    assert messages["f-1"].at == datetime(2026, 1, 5, 8, tzinfo=timezone.utc)
    assert messages["f-2"].at == coordinator.now()
    with pytest.raises(propos.InvalidArgument, match=r"row 0: .*no field 'when'"):
        coordinator.ingest_frame("harbor", frame, columns={"msg": "id", "phone": "from", "body": "text"})
    with pytest.raises(propos.InvalidArgument, match="row 0 belongs to organization 'prairie'"):
        coordinator.ingest_frame("harbor", [{"org": "prairie", "id": "x", "from": "+1", "text": "t"}])


def test_missing_values_numpy_scalars_decimal_and_paths(tmp_path):
    nat = np.datetime64("NaT")
    wo = propos.WorkOrder(id="wo-1", completed_at=nat, approved_amount=float("nan"), nte=np.int64(50000),
                          emergency=np.bool_(True), created_at=np.datetime64("2026-01-05T09:30:00"),
                          title=None, reopen_count=np.int32(2))
    assert wo.completed_at is None and wo.approved_amount == 0 and wo.nte == 50000 and wo.emergency is True
    assert wo.created_at == datetime(2026, 1, 5, 9, 30, tzinfo=timezone.utc) and wo.title == "" and wo.reopen_count == 2
    assert propos.Invoice(total=Decimal("1234.50")).total == 123450
    pd = pytest.importorskip("pandas")
    assert propos.WorkOrder(completed_at=pd.NaT, approved_amount=pd.NA).completed_at is None
    assert propos.WorkOrder(created_at=pd.Timestamp("2026-01-05 09:00", tz="US/Eastern")).created_at.hour == 14
    assert propos.Message(at=nat).at == propos.Message().at  # a missing value keeps the field's default
    with pytest.raises(propos.InvalidArgument, match="a missing time \\(NaT\\) where a time is required"):
        propos.ManualClock().set(nat)
    with pytest.raises(propos.InvalidArgument, match="Invoice.total: money is integer cents"):
        propos.Invoice(total=np.float64(12.5))
    store = propos.open_sqlite_store(tmp_path / "p.db")
    assert store.location().endswith("p.db")
    assert propos.CoordinatorOptions(database_path=tmp_path / "c.db").database_path == str(tmp_path / "c.db")


def test_import_portfolio_from_a_path_or_a_file_object(tmp_path, clock):
    for source in (DATA / "portfolio.json", str(DATA / "portfolio.json"), open(DATA / "portfolio.json"),
                   io.StringIO((DATA / "portfolio.json").read_text())):
        store = propos.open_sqlite_store(":memory:")
        summaries = store.import_portfolio(source, now=clock.now())
        assert [s.org_id for s in summaries] == ["harbor", "prairie"]
    with pytest.raises(propos.InvalidArgument, match="neither JSON text nor a readable file"):
        propos.open_sqlite_store(":memory:").import_portfolio(tmp_path / "nope.json")


def test_advance_takes_timedelta_seconds_and_text(coordinator, clock):
    start = clock.now()
    coordinator.advance(timedelta(minutes=30))
    coordinator.advance(1800)
    coordinator.advance(900.0)
    coordinator.advance("1.5h")
    coordinator.advance("90m")
    assert clock.now() - start == timedelta(hours=4, minutes=15)
    coordinator.advance(np.timedelta64(3, "D"))
    assert clock.now() - start == timedelta(days=3, hours=4, minutes=15)
    with pytest.raises(propos.InvalidArgument, match="invalid duration"):
        coordinator.advance("soon")
