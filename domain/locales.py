"""The languages Peihuo writes to people in (notifications, order reasons): zh-CN and en."""

from __future__ import annotations

LOCALES = ("zh-CN", "en")
DEFAULT_LOCALE = "zh-CN"


def locale_of(requested: str | None) -> str:
    """The supported locale closest to `requested` (zh-* to zh-CN, anything else to en)."""
    if not requested:
        return DEFAULT_LOCALE
    if requested in LOCALES:
        return requested
    return "zh-CN" if requested.lower().startswith("zh") else "en"
