"""Progress of Coordinator.run_until_idle()/tick()/advance(): the callable called between jobs."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Callable, Optional

__all__ = ["progress_callback"]


class _TqdmProgress:
    """A tqdm bar: simulated seconds for advance(), jobs run otherwise."""

    def __init__(self, span_seconds: Optional[float], start: datetime) -> None:
        try:
            from tqdm.auto import tqdm
        except ImportError as e:
            raise ImportError("progress=True needs tqdm, which is not installed: pip install tqdm "
                              "(or pass a callable progress(stats, now))") from e
        self.start = start
        self.span = span_seconds
        if span_seconds is None:
            self.bar = tqdm(unit="job", desc="propos")
        else:
            self.bar = tqdm(total=round(span_seconds), unit="s", unit_scale=True, desc="propos (simulated)")
        self.done = 0

    def __call__(self, stats: Any, now: datetime) -> None:
        if self.span is None:
            value = stats.jobs_run
        else:
            value = min(round((now - self.start).total_seconds()), round(self.span))
        if value > self.done:
            self.bar.update(value - self.done)
            self.done = value
        self.bar.set_postfix(jobs=stats.jobs_run, failed=stats.jobs_failed, refresh=False)

    def close(self) -> None:
        if self.span is not None and self.done < round(self.span):
            self.bar.update(round(self.span) - self.done)
        self.bar.close()


def progress_callback(progress: Any, span_seconds: Optional[float], start: datetime) -> Callable[..., Any]:
    """``progress=True``: a tqdm bar; a callable: itself (called as ``progress(stats, now)``)."""
    if progress is True:
        return _TqdmProgress(span_seconds, start)
    if callable(progress):
        return progress
    raise TypeError(f"progress must be True, False, None or a callable(stats, now), not {type(progress).__name__}")
