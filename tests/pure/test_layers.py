"""The house keeps its shape: the layers contract holds and no import goes round in a circle.

The contract itself is in pyproject.toml (``[tool.importlinter]``); this runs it
as CI does, and checks what import-linter's layers cannot: cycles inside one
package (a module that, through others, imports itself).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import grimp

REPO = Path(__file__).resolve().parents[2]
TOP_LEVEL_ALLOWED = 6


def test_the_layers_contract_holds() -> None:
    lint = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    done = subprocess.run([lint], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "BROKEN" not in done.stdout


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected groups of two or more modules (Tarjan, iteratively)."""
    modules = sorted(m for m in graph.modules if m.startswith("hamstring_coach"))
    edges = {m: sorted(n for n in graph.find_modules_directly_imported_by(m)
                       if n.startswith("hamstring_coach")) for m in modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = 0
    for root in modules:
        if root in index:
            continue
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        top = stack.pop()
                        on_stack.discard(top)
                        group.append(top)
                        if top == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))
            elif child not in index:
                index[child] = low[child] = counter
                counter += 1
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(edges[child])))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return groups


def test_no_module_imports_itself_through_others() -> None:
    graph = grimp.build_graph("hamstring_coach", include_external_packages=False)
    assert _cycles(graph) == []


def test_the_package_top_level_holds_only_what_belongs_to_no_stage() -> None:
    top = sorted(p.name for p in (REPO / "hamstring_coach").glob("*.py"))
    assert len(top) <= TOP_LEVEL_ALLOWED, top
