"""The merchandiser console: GraphiQL with a login form and example operations."""

from __future__ import annotations

from functools import cache

from domain.settings import PROJECT_ROOT

CONSOLE_DIR = PROJECT_ROOT / "api" / "graphql" / "console"


@cache
def console_html() -> str:
    """The console page with the example operations embedded."""
    template = (CONSOLE_DIR / "index.html").read_text(encoding="utf-8")
    examples = sorted((CONSOLE_DIR / "examples").glob("*.graphql"))
    tabs = ",\n".join(f"{{query: {_js_string(p.read_text(encoding='utf-8'))}}}" for p in examples)
    return template.replace("/*EXAMPLES*/", tabs)


def _js_string(text: str) -> str:
    import json

    return json.dumps(text).replace("</", "<\\/")
