"""The 31 province-level divisions of mainland China: the names a store's province is checked against."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Province:
    """A province-level division, by its English and Chinese names."""

    name: str
    name_zh: str


PROVINCES: tuple[Province, ...] = (
    Province("Beijing", "北京"),
    Province("Tianjin", "天津"),
    Province("Hebei", "河北"),
    Province("Shanxi", "山西"),
    Province("Inner Mongolia", "内蒙古"),
    Province("Liaoning", "辽宁"),
    Province("Jilin", "吉林"),
    Province("Heilongjiang", "黑龙江"),
    Province("Shanghai", "上海"),
    Province("Jiangsu", "江苏"),
    Province("Zhejiang", "浙江"),
    Province("Anhui", "安徽"),
    Province("Fujian", "福建"),
    Province("Jiangxi", "江西"),
    Province("Shandong", "山东"),
    Province("Henan", "河南"),
    Province("Hubei", "湖北"),
    Province("Hunan", "湖南"),
    Province("Guangdong", "广东"),
    Province("Guangxi", "广西"),
    Province("Hainan", "海南"),
    Province("Chongqing", "重庆"),
    Province("Sichuan", "四川"),
    Province("Guizhou", "贵州"),
    Province("Yunnan", "云南"),
    Province("Tibet", "西藏"),
    Province("Shaanxi", "陕西"),
    Province("Gansu", "甘肃"),
    Province("Qinghai", "青海"),
    Province("Ningxia", "宁夏"),
    Province("Xinjiang", "新疆"),
)

_BY_NAME = {p.name.lower(): p for p in PROVINCES} | {p.name_zh: p for p in PROVINCES}


def canonical_province(name: str) -> str | None:
    """The canonical English name for a province given in English (any case) or Chinese."""
    province = _BY_NAME.get(name.strip().lower()) or _BY_NAME.get(name.strip())
    return province.name if province else None
