"""The Python examples run end to end (short versions)."""

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "python"


def run(script, *args, cwd):
    return subprocess.run([sys.executable, str(EXAMPLES / script), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120, check=True)


def test_search_embedder(tmp_path):
    out = run("search_embedder.py", "--db", str(tmp_path / "h.db"), "water dripping from the ceiling",
              cwd=tmp_path).stdout
    assert "example-trigrams/256" in out and "[water_leak] Water is dripping" in out.splitlines()[1]


def test_report_writes_markdown_and_chart(tmp_path):
    pytest.importorskip("matplotlib")
    run("report.py", "--out", str(tmp_path / "r"), "--days", "1", cwd=tmp_path)
    text = (tmp_path / "r" / "report.md").read_text()
    assert "## harbor" in text and "hash chain verified" in text
    assert (tmp_path / "r" / "report.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_report_figures_agree_with_each_other(tmp_path):
    """The written report never contradicts itself: its escalation rate is the work orders with an
    escalation over the work orders it states, and the counts add up (generated extra requests too)."""
    import re

    run("report.py", "--out", str(tmp_path / "r"), "--days", "2", "--extra-requests", "0.3", "--seed", "3",
        cwd=tmp_path)
    text = (tmp_path / "r" / "report.md").read_text()
    lines = [ln for ln in text.splitlines() if ln.startswith("- escalations:")]
    assert len(lines) == 2, text
    for line in lines:
        m = re.search(r"(\d+) of (\d+) work orders had at least one(?: \((\d+)%\))?; (\d+) escalations? about "
                      r"work orders and (\d+) about other matters; (\d+) of all (\d+) still open", line)
        assert m, line
        escalated, total, rate, about, other, open_, everything = (int(g) if g else None for g in m.groups())
        assert escalated <= total and escalated <= about
        if total:
            assert rate == round(100 * escalated / total)
        assert about + other == everything and open_ <= everything
