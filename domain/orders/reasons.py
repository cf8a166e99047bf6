"""A proposal line's reason in words, in the reader's language (zh-CN or en).

The engine stores each line's reason as data (domain.recommendation.runs.explain): what the
store sold lately and holds, what it is expected to sell, why the last unit is there (`kind`),
what stopped more (`bound`) and when the category peaks in the store's region (`season`).
This module words that data for people; pages may word it their own way from the same data.
A reason written before a field existed simply leaves that sentence out.
"""

from __future__ import annotations

import calendar
from enum import StrEnum
from typing import Any

from domain.locales import locale_of


class ReasonKind(StrEnum):
    """Why the last unit of a line is there."""

    DEMAND = "demand"  # it pays for itself: expected margin above its cost
    PRESENTATION = "presentation"  # it makes up the style's minimum presentation
    PACK = "pack"  # the SKU ships in packs: the pack pays, its last unit alone would not
    ROUNDING = "rounding"  # whole units: the split of scarce stock or budget rounded up
    HOLDOUT = "holdout"  # the store is in the control group: the budget split in proportion


_ZH_MONTHS = [f"{m}月" for m in range(13)]

# kind -> locale -> sentence on why the last unit is there.
_WHY_LAST: dict[str, dict[str, str]] = {
    "demand": {
        "en": "The last unit adds {marginal} of expected margin.",
        "zh-CN": "最后一件预计带来 {marginal} 毛利。",
    },
    "presentation": {
        "en": "Sent to make up the style's minimum presentation of {min_style_units} units.",
        "zh-CN": "为凑齐该款至少 {min_style_units} 件的陈列而配。",
    },
    "pack": {
        "en": "It ships in packs of {pack_size}: the pack pays, though its last unit alone "
        "would not.",
        "zh-CN": "该商品 {pack_size} 件一包：整包划算，虽然单看最后一件并不划算。",
    },
    "rounding": {
        "en": "Rounded up to a whole unit when sharing out the stock and the budget.",
        "zh-CN": "分配库存和预算时凑整多配了一件。",
    },
    "holdout": {
        "en": "Sent by the proportional split of the budget (the store is in the control group).",
        "zh-CN": "按预算比例分配（本店为对照组）。",
    },
}
# bound -> locale -> sentence on what stopped more.
_NOT_MORE: dict[str, dict[str, str]] = {
    "demand": {
        "en": "Not more: one more unit would not pay for itself.",
        "zh-CN": "再多一件就不划算了。",
    },
    "budget": {"en": "Not more: the store's budget is spent.", "zh-CN": "门店预算已用完。"},
    "hq_stock": {
        "en": "Not more: headquarters' stock is needed by other stores.",
        "zh-CN": "总部库存需留给其他门店。",
    },
    "display_capacity": {
        "en": "Not more: the store has no more display room.",
        "zh-CN": "门店陈列空间已满。",
    },
    "excluded": {"en": "Not more: the store excludes it.", "zh-CN": "门店不要此商品。"},
    "presentation": {
        "en": "Not more: too few units for a full presentation.",
        "zh-CN": "数量不够凑齐整款陈列。",
    },
}
_SALES = {
    "en": "Sold {sold_recent} in the last {sold_days} days, {on_hand} left. ",
    "zh-CN": "近 {sold_days} 天售出 {sold_recent} 件，现有 {on_hand} 件。",
}
_ON_HAND = {"en": "{on_hand} on hand. ", "zh-CN": "现有 {on_hand} 件。"}
_FORECAST = {
    "en": "Expected to sell {mean} in the next {horizon_days} days; {qty} sent. ",
    "zh-CN": "预计未来 {horizon_days} 天售出 {mean} 件，配 {qty} 件。",
}
_SEASON = {
    "en": " {category} peak in your region in {month}.",
    "zh-CN": "{category}在您所在区域 {month}最旺。",
}


def _number(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return f"{value:.1f}" if isinstance(value, float) and not value.is_integer() else f"{value:g}"


def _season(reason: dict[str, Any], locale: str) -> str:
    season = reason.get("season")
    if not isinstance(season, dict) or not isinstance(season.get("peak_month"), int):
        return ""
    month = int(season["peak_month"])
    if not 1 <= month <= 12:
        return ""
    name = _ZH_MONTHS[month] if locale == "zh-CN" else calendar.month_name[month]
    category = str(season.get("category") or "")
    if locale == "en":
        category = category[:1].upper() + category[1:]
    return _SEASON[locale].format(category=category, month=name)


def _filled(template: str, values: dict[str, Any]) -> str | None:
    """`template` filled, or None when a figure it needs is missing."""
    try:
        return template.format(**values)
    except (KeyError, IndexError):
        return None


def word(reason: dict[str, Any], qty: int, locale: str | None = None) -> str:
    """The line's reason as sentences in `locale` (zh-CN when unsupported or unset)."""
    lang = locale_of(locale)
    figures = {k: v for k, v in ((k, _number(v)) for k, v in reason.items()) if v is not None}
    figures["qty"] = str(qty)
    mean = _number(reason.get("mean", reason.get("forecast_mean")))
    if mean is not None:
        figures["mean"] = mean
    if isinstance(reason.get("marginal_value"), int | float):
        figures["marginal"] = f"{float(reason['marginal_value']):.2f}"
    policies = reason.get("policies")
    if isinstance(policies, dict) and "min_style_units" in policies:
        figures.setdefault("min_style_units", str(policies["min_style_units"]))
    parts: list[str | None] = [
        _filled(_SALES[lang], figures) or _filled(_ON_HAND[lang], figures),
        _filled(_FORECAST[lang], figures),
    ]
    kind = str(reason.get("kind") or ("holdout" if reason.get("holdout") else "demand"))
    marginal = reason.get("marginal_value")
    unpaid = isinstance(marginal, int | float) and marginal < 0
    # An old reason (no kind) whose last unit does not pay: say nothing rather than the wrong thing.
    why = None if kind == "demand" and unpaid else _WHY_LAST.get(kind, {}).get(lang)
    parts.append(_filled(why, figures) if why else None)
    not_more = _NOT_MORE.get(str(reason.get("bound") or ""), {}).get(lang)
    parts.append(not_more)
    joined = ("" if lang == "zh-CN" else " ").join(p.strip() for p in parts if p)
    return (joined + _season(reason, lang)).strip()
