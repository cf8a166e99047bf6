"""Imports go one way: between the concepts of domain/ (a concept may use another, not both
ways round), and from api/ to domain/, never back. The job catalogue is the one place that
knows every concept, so its imports do not count."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from domain.settings import PROJECT_ROOT

DOMAIN = PROJECT_ROOT / "domain"
# Where every concept is wired together (it lists every job).
COMPOSITION_ROOTS = {DOMAIN / "jobs" / "catalog.py"}


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


def _concept_edges() -> dict[tuple[str, str], set[str]]:
    concepts = {p.name for p in DOMAIN.iterdir() if (p / "__init__.py").exists()}
    edges: dict[tuple[str, str], set[str]] = defaultdict(set)
    for path in DOMAIN.rglob("*.py"):
        parts = path.relative_to(DOMAIN).parts
        if len(parts) < 2 or path in COMPOSITION_ROOTS:
            continue
        for module in _imports(path):
            bits = module.split(".")
            if bits[0] == "domain" and len(bits) > 1 and bits[1] in concepts - {parts[0]}:
                edges[(parts[0], bits[1])].add(str(path.relative_to(PROJECT_ROOT)))
    return edges


def test_concepts_import_each_other_one_way() -> None:
    edges = _concept_edges()
    two_way = {tuple(sorted(pair)) for pair in edges if (pair[1], pair[0]) in edges}
    found = {pair: (sorted(edges[pair]), sorted(edges[(pair[1], pair[0])])) for pair in two_way}
    assert found == {}, "concepts importing each other (use the outbox or a callback registry)"


def test_the_domain_never_imports_the_api() -> None:
    offenders = [
        str(path.relative_to(PROJECT_ROOT))
        for path in DOMAIN.rglob("*.py")
        if any(m == "api" or m.startswith("api.") for m in _imports(path))
    ]
    assert offenders == []
