"""Regions: create, update, list; each province belongs to at most one region of a tenant."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.errors import Collector, ErrorCode, NotFound
from domain.permissions import Actor, Permission, authorize
from domain.regions.models import Region, RegionProvince
from domain.regions.provinces import canonical_province
from domain.text import checked_name


async def _validate_provinces(
    session: AsyncSession, provinces: Sequence[str], region_id: int | None, errors: Collector
) -> list[str]:
    positions: dict[str, int] = {}
    for i, raw in enumerate(provinces):
        name = canonical_province(raw)
        if name is None:
            errors.add(f"provinces[{i}]", f"unknown province {raw!r}")
        elif name in positions:
            errors.add(f"provinces[{i}]", f"province {name} listed twice", ErrorCode.DUPLICATE)
        else:
            positions[name] = i
    names = list(positions)
    taken = await session.execute(
        select(RegionProvince.province, Region.id, Region.code)
        .join(Region, Region.id == RegionProvince.region_id)
        .where(RegionProvince.province.in_(names))
    )
    for province, owner, code in taken:
        if owner != region_id:
            errors.add(
                f"provinces[{positions[province]}]",
                f"province {province} already belongs to region {code}",
                ErrorCode.DUPLICATE,
            )
    return names


async def create_region(
    session: AsyncSession, actor: Actor, code: str, name: str, provinces: Sequence[str]
) -> Region:
    """Create a region with its provinces."""
    authorize(actor, Permission.REGION_WRITE)
    errors = Collector()
    code = checked_name(errors, "code", code, 20) or ""
    if code and await session.scalar(select(Region.id).where(Region.code == code)):
        errors.add("code", f"a region with code {code} already exists", ErrorCode.DUPLICATE)
    name = checked_name(errors, "name", name, 100) or ""
    names = await _validate_provinces(session, provinces, None, errors)
    errors.raise_if_any()
    region = Region(code=code, name=name, provinces=[RegionProvince(province=p) for p in names])
    session.add(region)
    await session.flush()
    return region


async def update_region(
    session: AsyncSession,
    actor: Actor,
    region_id: int,
    name: str | None = None,
    provinces: Sequence[str] | None = None,
) -> Region:
    """Rename a region or replace its provinces (stores keep their region)."""
    authorize(actor, Permission.REGION_WRITE)
    region = await session.get(Region, region_id)
    if region is None:
        raise NotFound("region")
    errors = Collector()
    if name is not None:
        name = checked_name(errors, "name", name, 100)
    names = (
        await _validate_provinces(session, provinces, region.id, errors)
        if provinces is not None
        else None
    )
    errors.raise_if_any()
    if name is not None:
        region.name = name
    if names is not None:
        keep = {p.province: p for p in region.provinces}
        region.provinces = [keep.get(p) or RegionProvince(province=p) for p in names]
    await session.flush()
    return region
