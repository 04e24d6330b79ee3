"""The architecture holds: no import cycles inside kgquery, and the layers in pyproject.toml are kept.

Both checks count imports inside functions too (a lazy import is still a dependency); imports under
`if TYPE_CHECKING:` only name types for annotations and never run, so they are exempt.
"""
from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

REPO = Path(__file__).resolve().parent.parent


def _under_type_checking(tree: ast.AST) -> set[int]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for stmt in node.body:
                skip.update(id(n) for n in ast.walk(stmt))
    return skip


def import_graph(package_dir: Path) -> nx.DiGraph:
    """Module -> module edges for every import in the package, at module level or inside functions.

    `from a import b` counts as importing the module a.b when there is one, else the module a.
    """
    root = package_dir.name
    modules = {}
    for path in package_dir.rglob("*.py"):
        parts = list(path.relative_to(package_dir.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    g = nx.DiGraph()
    for name, path in modules.items():
        g.add_node(name)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _under_type_checking(tree)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    mod = ".".join(base + ([node.module] if node.module else []))
                else:
                    mod = node.module or ""
                targets = [mod] + [f"{mod}.{a.name}" for a in node.names]
            else:
                continue
            for t in targets:
                while t and t not in modules:
                    t = t.rpartition(".")[0]
                if t and t != name and (t == root or t.startswith(root + ".")):
                    g.add_edge(name, t, line=node.lineno)
    return g


def cycles(g: nx.DiGraph) -> list[list[str]]:
    return [sorted(c) for c in nx.strongly_connected_components(g) if len(c) > 1]


def test_the_scan_finds_a_cycle_through_a_function_level_import(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from .sub import b\n")
    (pkg / "sub" / "b.py").write_text("def f():\n    from ..a import x\n")
    (pkg / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import x\n")
    g = import_graph(pkg)
    assert cycles(g) == [["pkg.a", "pkg.sub.b"]]
    assert not g.has_edge("pkg.c", "pkg.a")  # annotation-only imports never run


def test_no_import_cycles_in_kgquery():
    g = import_graph(REPO / "kgquery")
    assert len(g) > 50 and g.has_edge("kgquery.pipeline", "kgquery.generate")  # the scan sees the package
    found = cycles(g)
    detail = [[f"{a} -> {b} (line {g.edges[a, b]['line']})" for a, b in g.subgraph(c).edges] for c in found]
    assert not found, detail


def _layer_contracts() -> list[tuple[str, list[str]]]:
    """(container, module names) of each layers contract; the container is "kgquery" for the top one."""
    tomllib = pytest.importorskip("tomllib")
    conf = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    found = []
    for c in conf["contracts"]:
        if c["type"] != "layers":
            continue
        (container,) = c.get("containers", ["kgquery"])
        names = [m.strip() for layer in c["layers"] for m in layer.replace(":", "|").split("|")]
        if "containers" in c:
            names = [f"{container}.{m}" for m in names]
        found.append((container, names))
    return found


def _parts(package: str) -> set[str]:
    """The modules and subpackages directly inside a package of kgquery."""
    folder = REPO.joinpath(*package.split("."))
    parts = {f"{package}.{p.stem}" for p in folder.glob("*.py") if p.stem != "__init__"}
    return parts | {f"{package}.{p.parent.name}" for p in folder.glob("*/__init__.py")}


def test_every_module_has_a_layer():
    """A new module must be placed in the layers contract, or nothing checks which way it imports.

    The top contract names every module and package directly in kgquery/; a stage package with its
    own contract (containers = [...]) has every module in it named there."""
    contracts = _layer_contracts()
    assert [c for c, _ in contracts].count("kgquery") == 1
    for container, names in contracts:
        named, top = set(names), _parts(container)
        assert named == top, {container: {"not in a layer": sorted(top - named), "no such module": sorted(named - top)}}
    stages = {c for c, _ in contracts} - {"kgquery"}
    assert {"kgquery.graph", "kgquery.understand", "kgquery.generate", "kgquery.answer"} <= stages


def test_import_linter_contracts_are_kept():
    pytest.importorskip("importlinter")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
    run = subprocess.run([sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; "
                          "sys.exit(lint_imports_command())", "--no-cache"],
                         cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "0 broken" in run.stdout
