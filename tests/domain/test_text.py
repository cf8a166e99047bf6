"""Names and free texts refuse invisible characters: bidi controls, zero-width and other Cf."""

from __future__ import annotations

import unicodedata

import pytest

from domain.text import free_text_problem, invisible_characters, name_problem

HIDDEN = [
    "\u202e",  # RIGHT-TO-LEFT OVERRIDE
    "\u202d",  # LEFT-TO-RIGHT OVERRIDE
    "\u202a",  # LEFT-TO-RIGHT EMBEDDING
    "\u2066",  # LEFT-TO-RIGHT ISOLATE
    "\u2069",  # POP DIRECTIONAL ISOLATE
    "\u200f",  # RIGHT-TO-LEFT MARK
    "\u061c",  # ARABIC LETTER MARK
    "\u200b",  # ZERO WIDTH SPACE
    "\u2060",  # WORD JOINER
    "\ufeff",  # ZERO WIDTH NO-BREAK SPACE (BOM)
    "\u00ad",  # SOFT HYPHEN
    "\U000e0041",  # TAG LATIN CAPITAL LETTER A
    "\u3164",  # HANGUL FILLER (a letter that renders blank)
    "\x00",
    "\x1b",
]


@pytest.mark.parametrize("char", HIDDEN)
def test_names_and_texts_refuse_hidden_characters(char: str) -> None:
    for where in ("start", "middle", "end"):
        value = {"start": f"{char}Shop", "middle": f"Sh{char}op", "end": f"Shop{char}"}[where]
        assert name_problem(value) is not None, (char, where)
        assert free_text_problem(value) is not None, (char, where)
    assert f"U+{ord(char):04X}" in (name_problem(f"a{char}b") or "")


def test_every_format_character_is_refused_in_a_name() -> None:
    format_chars = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"]
    assert len(format_chars) > 150
    assert [c for c in format_chars if name_problem(f"x{c}y") is None] == []


def test_the_right_to_left_override_is_named() -> None:
    assert name_problem("gpj.exe\u202e") == (
        "holds a text-direction control character, U+202E (RIGHT-TO-LEFT OVERRIDE); "
        "retype it without"
    )


def test_ordinary_names_pass() -> None:
    for value in ("S0012 北京朝阳店", "Zoë's Café", "مرحبا", "שלום", "Ünïcödé-Shop #2", "店"):
        assert name_problem(value) is None, value
        assert invisible_characters(value) == []


def test_free_text_keeps_lines_tabs_and_emoji_joiners() -> None:
    assert free_text_problem("line one\nline two\r\n\tindented") is None
    assert free_text_problem("family 👨\u200d👩\u200d👧 and नमस्\u200dते") is None
    assert free_text_problem("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645") is None  # ZWNJ
    # a name is one line, without joiners
    assert name_problem("line one\nline two") is not None
    assert name_problem("👨\u200d👩") is not None
