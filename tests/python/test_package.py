"""The installed package: imported from site-packages, versioned from the C++ header, typed."""

import ast
import inspect
import re
from pathlib import Path

import propos
from propos import _core

ROOT = Path(__file__).resolve().parents[2]


def test_imports_the_installed_package_not_the_source_tree():
    assert "site-packages" in propos.__file__ or "dist-packages" in propos.__file__
    assert Path(_core.__file__).name.startswith("_core")


def test_version_comes_from_the_cpp_header():
    header = (ROOT / "include/propos/version.hpp").read_text()
    parts = [re.search(rf"PROPOS_VERSION_{p} (\d+)", header).group(1) for p in ("MAJOR", "MINOR", "PATCH")]
    assert propos.__version__ == ".".join(parts)
    from importlib.metadata import version
    assert version("propos") == propos.__version__


def test_py_typed_and_stubs_are_installed():
    package = Path(propos.__file__).parent
    assert (package / "py.typed").exists()
    assert (package / "_core.pyi").exists()


def _stub_tree():
    return ast.parse((Path(propos.__file__).parent / "_core.pyi").read_text())


def test_every_stub_name_exists_at_run_time():
    missing = []
    for node in _stub_tree().body:
        if isinstance(node, ast.ClassDef):
            if not hasattr(_core, node.name):
                missing.append(node.name)
                continue
            cls = getattr(_core, node.name)
            for item in node.body:
                name = getattr(item, "name", None) or (
                    item.target.id if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name) else None)
                if name and not hasattr(cls, name):
                    missing.append(f"{node.name}.{name}")
        elif isinstance(node, ast.FunctionDef):
            if not hasattr(_core, node.name):
                missing.append(node.name)
    assert missing == []


def test_every_public_name_has_a_stub():
    tree = _stub_tree()
    stubbed = {}
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            stubbed[node.name] = node
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            stubbed[node.target.id] = node
        elif isinstance(node, ast.Assign):
            for t in node.targets:
                if isinstance(t, ast.Name):
                    stubbed[t.id] = node
    missing = [n for n in dir(_core) if not n.startswith("_") and n not in stubbed]
    assert missing == []
    # members of each class, too (new C++ members must be added to the stub)
    undocumented = []
    for name, node in stubbed.items():
        if not isinstance(node, ast.ClassDef):
            continue
        names = {getattr(i, "name", None) for i in node.body}
        names |= {i.target.id for i in node.body if isinstance(i, ast.AnnAssign) and isinstance(i.target, ast.Name)}
        cls = getattr(_core, name)
        if not inspect.isclass(cls) or issubclass(cls, BaseException):
            continue
        for member in vars(cls):
            if not member.startswith("_") and member not in names:
                undocumented.append(f"{name}.{member}")
    assert undocumented == []


def test_all_names_resolve():
    for name in propos.__all__:
        assert hasattr(propos, name), name
