"""The documentation keeps up with the code: every setting in the README's table, no link that
leaves the repository."""

from __future__ import annotations

import re

from domain.settings import PROJECT_ROOT, Settings

README = PROJECT_ROOT / "README.md"
DOCS = sorted((PROJECT_ROOT / "docs").glob("*.md"))


def _settings_table() -> str:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    return "\n".join(line for line in section.splitlines() if line.startswith("|"))


def test_every_setting_is_in_the_readme_table() -> None:
    table = _settings_table()
    named = set(re.findall(r"`(PEIHUO_[A-Z0-9_]+)`", table))
    expected = {f"PEIHUO_{name.upper()}" for name in Settings.model_fields}
    assert sorted(expected - named) == []
    assert sorted(named - expected) == []  # nor a setting that no longer exists


def test_no_link_leaves_the_repository() -> None:
    for path in [README, *DOCS]:
        text = path.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            assert not re.match(r"[a-z]+:", target), f"{path.name}: {target}"
            resolved = (path.parent / target.split("#", 1)[0]).resolve()
            assert resolved.is_relative_to(PROJECT_ROOT), f"{path.name}: {target}"
            assert resolved.exists(), f"{path.name}: {target}"
