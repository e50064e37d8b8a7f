"""The Python blocks of docs/python.md run, in order, in one namespace (as a reader would paste them)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_python_snippets_of_the_docs_run(tmp_path, monkeypatch):
    for module in ("pandas", "pyarrow", "duckdb"):
        pytest.importorskip(module)
    blocks = re.findall(r"^```python\n(.*?)^```", (ROOT / "docs" / "python.md").read_text(), re.S | re.M)
    assert len(blocks) >= 5
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    for i, block in enumerate(blocks, start=1):
        exec(compile(block, f"docs/python.md (python block {i})", "exec"), namespace)
    assert (tmp_path / "out" / "harbor" / "work_orders.parquet").exists()
