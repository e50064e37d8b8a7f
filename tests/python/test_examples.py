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
