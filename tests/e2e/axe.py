"""Accessibility check of a page with axe-core (from frontend/node_modules), as the page shows now.

Page tests call `assert_accessible(page, "what is shown")`: no serious or critical violation.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from playwright.async_api import Page

from tests.e2e.harness import AXE

BLOCKING = {"serious", "critical"}


@cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


async def violations(page: Page, exclude: Sequence[str] = ()) -> list[dict[str, Any]]:
    """axe's serious and critical violations on the page, outside the `exclude` selectors (axe
    is evaluated by the browser driver, not added as a script: the page's CSP stays as strict
    as in production)."""
    if not await page.evaluate("() => typeof window.axe === 'object'"):
        await page.evaluate(_axe_source())
    result: dict[str, Any] = await page.evaluate(
        "(exclude) => axe.run({ exclude: exclude.map((s) => [s]) }, { resultTypes: ['violations'] })",
        list(exclude),
    )
    return [v for v in result["violations"] if v.get("impact") in BLOCKING]


async def assert_accessible(page: Page, what: str, exclude: Sequence[str] = ()) -> None:
    """Fail, naming each rule and element, if axe finds a serious or critical violation."""
    found = await violations(page, exclude)
    report = "\n".join(
        f"- {v['impact']} {v['id']}: {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:5])
        for v in found
    )
    assert not found, f"accessibility violations on {what}:\n{report}"
