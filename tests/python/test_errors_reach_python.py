"""Errors that reach Python: log records on the 'propos' logger, strict mode, interrupts, progress,
providers checked at construction, uniform validation and keyword errors."""

import logging
import signal
import threading

import pytest

import propos
from conftest import leak_message


class Broken(propos.LlmProvider):
    def complete(self, request):
        return self.helper(request)

    def helper(self, request):
        raise RuntimeError("model server exploded")

    def name(self):
        return "broken"

    def default_model(self):
        return "broken-1"


def test_cpp_log_records_go_to_python_logging(coordinator, tenant, caplog, capfd):
    propos.set_log_level("debug")
    try:
        with caplog.at_level(logging.DEBUG, logger="propos"):
            coordinator.ingest("harbor", leak_message(tenant))
            coordinator.run_until_idle()
    finally:
        propos.set_log_level("warning")
    records = [r for r in caplog.records if r.name == "propos"]
    assert records and any(r.levelno == logging.DEBUG for r in records)
    assert capfd.readouterr().err == "", "nothing is written to stderr behind Python's back"
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="propos"):
        coordinator.advance("1h")
    assert not [r for r in caplog.records if r.name == "propos" and r.levelno < logging.WARNING]


def test_strict_reraises_the_providers_exception_with_its_traceback(store, clock, tenant):
    c = propos.Coordinator(store=store, clock=clock, provider=Broken(), strict=True)
    c.ingest("harbor", leak_message(tenant))
    with pytest.raises(RuntimeError, match="model server exploded") as info:
        c.run_until_idle()
    frames = [entry.name for entry in info.traceback]
    assert "helper" in frames and "complete" in frames
    # Not strict: the offline rules take over and nothing is raised.
    relaxed = propos.Coordinator(store=store, clock=clock, provider=Broken())
    relaxed.ingest("harbor", leak_message(tenant, "m-2", "The hallway light is out"))
    relaxed.run_until_idle()
    assert relaxed.work_orders("harbor")


def test_strict_stops_a_failing_job_handler_instead_of_retrying_it_into_a_dead_letter(coordinator, caplog):
    calls = []

    def handler(job):
        calls.append(job.id)
        raise ValueError("bad export")

    coordinator.register_job_handler("host.export", handler)
    job_id = coordinator.jobs.enqueue("harbor", propos.JobSpec(type="host.export", max_attempts=5))
    with caplog.at_level(logging.DEBUG, logger="propos"):
        with pytest.raises(ValueError, match="bad export"):
            coordinator.advance("1d", strict=True)
    assert calls == [job_id] and coordinator.jobs.find("harbor", job_id).state != "dead"
    assert any(r.exc_info and r.exc_info[0] is ValueError for r in caplog.records), "traceback logged at debug"
    coordinator.advance("1d")  # not strict: retried with backoff into a dead letter
    assert len(calls) == 5 and coordinator.jobs.find("harbor", job_id).state == "dead"


def test_a_provider_missing_a_method_fails_at_construction():
    class Incomplete(propos.LlmProvider):
        def complete(self, request):
            raise NotImplementedError

    with pytest.raises(TypeError, match=r"Incomplete: it does not define name\(\), default_model\(\)"):
        Incomplete()

    class NoEmbed(propos.Embedder):
        def dimension(self):
            return 3

        def model(self):
            return "x"

    with pytest.raises(TypeError, match=r"embed\(\)"):
        NoEmbed()

    class NoSend(propos.OutboundChannel):
        def channel(self):
            return "sms"

        def provider(self):
            return "x"

    with pytest.raises(TypeError, match=r"send\(\)"):
        NoSend()


def test_ctrl_c_interrupts_advance_between_jobs(coordinator, clock):
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signals reach the main thread only")
    seen = []

    def slow(job):
        seen.append(job.id)
        if len(seen) == 3:
            signal.raise_signal(signal.SIGINT)

    coordinator.register_job_handler("host.tick", slow)
    for i in range(20):
        coordinator.jobs.enqueue("harbor", propos.JobSpec(type="host.tick", run_at=clock.now() + i * propos.parse_duration("1h")))
    start = clock.now()
    with pytest.raises(KeyboardInterrupt):
        coordinator.advance("1d")
    assert len(seen) == 3, "stopped between jobs"
    assert clock.now() < start + propos.parse_duration("1d"), "the clock stays where it stopped"
    coordinator.advance("1d")
    assert len(set(seen)) == 20, "the rest ran later (the interrupted attempt is retried)"


def test_progress_callback_and_bar(coordinator, tenant, clock, capsys):
    calls = []
    coordinator.ingest("harbor", leak_message(tenant))
    coordinator.advance("6h", progress=lambda stats, now: calls.append((stats.jobs_run, now)))
    assert calls and calls[-1][0] >= 1 and all(a[1] <= b[1] for a, b in zip(calls, calls[1:]))
    pytest.importorskip("tqdm")
    coordinator.advance("2h", progress=True)
    assert "propos (simulated)" in capsys.readouterr().err

    def failing(stats, now):
        raise RuntimeError("progress broke")

    with pytest.raises(RuntimeError, match="progress broke"):
        coordinator.advance("2h", progress=failing)


def test_validation_is_uniform_and_keywords_are_checked(coordinator):
    with pytest.raises(propos.InvalidArgument, match="unknown work order status 'opne'"):
        coordinator.work_orders("harbor", status="opne")
    with pytest.raises(propos.InvalidArgument, match="unknown escalation status 'bogus'"):
        coordinator.store.list("harbor", "escalation", status="bogus")
    with pytest.raises(propos.InvalidArgument, match="unknown priority 'bogus'"):
        propos.WorkOrder(priority="bogus")
    with pytest.raises(TypeError, match="work_orders\\(\\) got an unexpected keyword argument 'stauts'"):
        coordinator.work_orders("harbor", stauts="open")
    with pytest.raises(TypeError, match="Coordinator\\(\\) got an unexpected keyword argument 'databse_path'"):
        propos.Coordinator(databse_path=":memory:")
    with pytest.raises(TypeError, match="'synchronus'"):
        propos.open_sqlite_store(":memory:", synchronus="normal")
    with pytest.raises(TypeError, match="'kk'"):
        coordinator.search("harbor", "leak", kk=3)
    with pytest.raises(TypeError, match="open_only_x"):
        coordinator.escalations("harbor", open_only_x=False)
