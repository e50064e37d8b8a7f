"""Domain records: dataclass-like classes with dict and JSON forms."""

import copy
import pickle
from datetime import datetime, timedelta, timezone

import pytest

import propos


def test_keyword_constructor_defaults_and_attributes():
    wo = propos.WorkOrder(id="wo-1", title="Leak", priority="urgent", nte=50000)
    assert wo.id == "wo-1" and wo.priority == "urgent" and wo.nte == 50000
    assert wo.status == "new" and wo.vendor_id is None and wo.history == []
    assert "title" in propos.WorkOrder._fields


def test_to_dict_uses_plain_values_and_round_trips():
    when = datetime(2026, 1, 5, 9, 30, tzinfo=timezone.utc)
    wo = propos.WorkOrder(id="wo-1", created_at=when,
                          history=[{"from": "new", "to": "triaged", "at": when, "reason": "triage"}])
    d = wo.to_dict()
    assert d["created_at"] == when and d["created_at"].tzinfo is not None
    assert d["history"][0]["from"] == "new"  # from_ is "from" in dicts
    assert propos.WorkOrder.from_dict(d) == wo
    assert propos.WorkOrder(d) == wo


def test_json_form_goes_through_the_cpp_functions():
    v = propos.Vendor(id="v1", name="Ace Plumbing", trades=["plumbing"], hourly_rate="95.00")
    assert v.hourly_rate == 9500
    text = v.to_json()
    assert '"hourly_rate":9500' in text
    assert propos.Vendor.from_json(text) == v
    with pytest.raises(propos.InvalidArgument, match="trades"):
        propos.Vendor.from_json('{"id": "v1", "name": "x", "trades": 5}')


def test_nested_records_are_edited_in_place():
    v = propos.Vendor(id="v1")
    v.scorecard.rating = 4.5
    assert v.scorecard.rating == 4.5


def test_times_naive_is_utc_aware_is_converted_text_is_parsed():
    naive = propos.Message(at=datetime(2026, 1, 5, 9, 0))
    assert naive.at == datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
    eastern = timezone(timedelta(hours=-5))
    assert propos.Message(at=datetime(2026, 1, 5, 4, 0, tzinfo=eastern)).at == naive.at
    assert propos.Message(at="2026-01-05T09:00:00Z").at == naive.at
    clock = propos.ManualClock("2026-01-05T09:00:00Z")
    assert clock.advance(timedelta(minutes=90)) == naive.at + timedelta(minutes=90)
    assert clock.advance("1h") == naive.at + timedelta(minutes=150)


def test_bad_values_raise_invalid_argument_naming_the_field():
    with pytest.raises(propos.InvalidArgument, match="work order status 'bogus'.*expected one of"):
        propos.WorkOrder(status="bogus")
    with pytest.raises(ValueError, match="not a float"):
        propos.Property(nte_limit=12.5)
    with pytest.raises(TypeError, match="WorkOrder\\(\\) got an unexpected keyword argument 'colour'"):
        propos.WorkOrder(colour="red")
    with pytest.raises(propos.InvalidArgument, match="WorkOrder has no field 'colour'"):
        propos.WorkOrder({"colour": "red"})
    with pytest.raises(propos.InvalidArgument, match="WorkOrder.title"):
        propos.WorkOrder(title=5)


def test_state_machine():
    wo = propos.WorkOrder(id="wo-1")
    wo.transition_to("triaged", datetime(2026, 1, 5, tzinfo=timezone.utc), "triage")
    assert wo.status == "triaged" and len(wo.history) == 1
    with pytest.raises(propos.FailedPrecondition, match="closed"):
        wo.transition_to("closed", datetime(2026, 1, 5, tzinfo=timezone.utc))
    assert "dispatched" in propos.allowed_transitions("triaged")
    assert propos.response_target("emergency") == timedelta(hours=4)


def test_copy_pickle_equality():
    inv = propos.Invoice(id="i1", lines=[propos.InvoiceLine(description="x", quantity=2, unit_price=100, amount=200)],
                         total=200)
    assert copy.deepcopy(inv) == inv
    assert pickle.loads(pickle.dumps(inv)) == inv
    assert inv != propos.Invoice(id="i2")
    assert inv != "i1"


def test_enum_names_are_exposed():
    names = propos.enum_names()
    assert "dispatched" in names["work_order_status"]
    assert names["priority"] == ["emergency", "urgent", "routine"]
