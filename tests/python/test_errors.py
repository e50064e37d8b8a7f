"""propos.Error and its subclasses, mapped from the C++ ErrorCode with the C++ message."""

import pytest

import propos


def test_hierarchy():
    assert issubclass(propos.InvalidArgument, propos.Error)
    assert issubclass(propos.InvalidArgument, ValueError)
    assert issubclass(propos.NotFound, LookupError)
    assert issubclass(propos.Io, OSError)
    assert issubclass(propos.PermissionDenied, PermissionError)
    for cls in (propos.AlreadyExists, propos.FailedPrecondition, propos.Corrupt, propos.UnsupportedVersion,
                propos.Busy, propos.Unavailable, propos.ResourceExhausted, propos.Internal):
        assert issubclass(cls, propos.Error)
    assert propos.NotFound.code == "not_found"


def test_not_found_carries_the_cpp_message(coordinator):
    with pytest.raises(propos.NotFound, match="wo-missing") as e:
        coordinator.work_order("harbor", "wo-missing")
    assert e.value.code == "not_found"


def test_a_file_that_is_not_a_database_is_corrupt(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello, this is not a database" * 100)
    with pytest.raises(propos.Corrupt):
        propos.open_sqlite_store(str(path))


def test_invalid_message_is_a_dead_letter(coordinator, store):
    with pytest.raises(propos.InvalidArgument, match="dead letter"):
        coordinator.ingest("harbor", propos.IncomingMessage(provider_message_id="x", from_="+12125550100", text=" "))
    assert [p.status for p in store.raw_payloads("harbor", "dead")] == ["dead"]


def test_register_job_handler_twice_already_exists(coordinator):
    coordinator.register_job_handler("host.sync", lambda job: None)
    with pytest.raises(propos.AlreadyExists):
        coordinator.register_job_handler("host.sync", lambda job: None)
