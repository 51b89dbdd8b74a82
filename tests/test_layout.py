"""The layout shows the pipeline: stages as packages, no cycles, no stage importing a later one,
SQL only in the store, no printing or click in the library, no test reaching into another test module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.support.paths import ROOT

# A module may import modules of its own rank or lower: later stages build on earlier ones, never back.
_RANKS = {"model": 0, "errors": 0, "text": 1, "store": 2, "ingest": 3, "crossref": 4, "claims": 5, "export": 6,
          "pipeline": 6, "check": 7}


def _modules(package: str) -> dict[str, Path]:
    out = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _imports(path: Path, name: str) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base
                                                                                                   else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _refs_graph() -> dict[str, set[str]]:
    modules = _modules("refs")
    return {name: {i for i in _imports(path, name) if i in modules and i != name} for name, path in modules.items()}


def _rank(module: str) -> int | None:
    parts = module.split(".")
    return _RANKS.get(parts[1]) if len(parts) > 1 else None


def test_every_stage_is_a_package_with_a_docstring_saying_what_flows() -> None:
    for stage in ("text", "ingest", "crossref", "claims", "store", "export", "check"):
        init = ROOT / "refs" / stage / "__init__.py"
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert docstring and ("In:" in docstring or "in," in docstring.lower()), stage


def test_no_stage_imports_a_later_one() -> None:
    wrong = []
    for module, imported in _refs_graph().items():
        own = _rank(module)
        for other in imported:
            theirs = _rank(other)
            if own is not None and theirs is not None and theirs > own:
                wrong.append(f"{module} imports {other}")
    assert not wrong


def test_no_import_cycles() -> None:
    graph = _refs_graph()
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for other in sorted(graph[node]):
            if state.get(other) == 1:
                pytest.fail("import cycle: " + " -> ".join([*trail, node, other]))
            if other not in state:
                visit(other, [*trail, node])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])


@pytest.mark.parametrize("name", sorted(_modules("refs")))
def test_the_library_neither_prints_nor_uses_click(name: str) -> None:
    path = _modules("refs")[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert not {i for i in _imports(path, name) if i.split(".")[0] == "click"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id != "print", f"{name} prints"
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute):
            assert not (node.value.attr in ("stdout", "stderr") and node.attr == "write"), f"{name} writes"


def _sql_in(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("execute", "executemany", "executescript"):
            found.append(f"{path.name}: .{node.attr}")
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and any(
                node.value.lstrip().upper().startswith(word) for word in ("SELECT ", "INSERT ", "UPDATE ",
                                                                           "DELETE FROM")):
            found.append(f"{path.name}: {node.value[:40]!r}")
    return found


def test_sql_lives_only_in_the_store() -> None:
    outside = [hit for name, path in _modules("refs").items() if not name.startswith("refs.store")
               for hit in _sql_in(path)]
    outside += [hit for path in _modules("cli").values() for hit in _sql_in(path)]
    assert not outside


def test_the_cli_merges_no_frames() -> None:
    for path in _modules("cli").values():
        text = path.read_text(encoding="utf-8")
        assert ".merge(" not in text and "import sqlite3" not in text, path.name


def test_no_test_imports_another_test_module() -> None:
    for path in sorted((ROOT / "tests").rglob("*.py")):
        for imported in _imports(path, "tests"):
            leaf = imported.split(".")
            assert not any(part.startswith("test_") or part == "conftest" for part in leaf[1:]), \
                f"{path.relative_to(ROOT)} imports {imported}"


def test_the_command_line_starts_without_the_heavy_libraries() -> None:
    import subprocess
    import sys

    code = ("import sys\nfrom cli.main import cli\ntry:\n    cli(['--help'], obj={})\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('pandas', 'habanero', 'bs4', 'httpx2', 'rapidfuzz', 'refs.pipeline')"
            " if m in sys.modules and not type(sys.modules[m]).__name__.startswith('_Lazy')))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
