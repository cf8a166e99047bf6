"""Store field validation: every rule, checked without writing (what a bulk import calls per row)."""

from __future__ import annotations

from datetime import time
from decimal import Decimal

from sqlalchemy import func, select

from domain.db import Database
from domain.stores.fields import StoreFields, StoreReferences, load_references
from domain.stores.models import FieldType, Store, Tier
from domain.stores.validation import check_store_fields, validate_store_fields
from domain.tenancy.session import tenant_session
from tests.domain.stores.factories import make_custom_field
from tests.factories import World, system


async def refs_for(db: Database, world: World, *batch: StoreFields) -> StoreReferences:
    async with tenant_session(db, system(world.tenant)) as session:
        return await load_references(session, batch)


def problems(
    fields: StoreFields, refs: StoreReferences, current: Store | None = None
) -> set[tuple[str | None, str]]:
    return {(e.field, e.code.value) for e in validate_store_fields(fields, refs, current)}


def new_store(**overrides: object) -> StoreFields:
    values: dict[str, object] = {
        "code": "NEW-1",
        "name": "新店",
        "province": "山东",
        "city": "Jinan",
    }
    values.update(overrides)
    return StoreFields(**values)  # type: ignore[arg-type]


async def test_a_new_store_takes_the_region_covering_its_province(
    db: Database, world: World
) -> None:
    fields = new_store()
    checked = check_store_fields(fields, await refs_for(db, world, fields))
    assert checked.ok
    assert checked.values["province"] == "Shandong"
    assert checked.values["region_id"] == world.regions[0].id


async def test_required_fields_of_a_new_store_are_named(db: Database, world: World) -> None:
    refs = await refs_for(db, world)
    assert problems(StoreFields(name="  "), refs) >= {
        ("code", "REQUIRED"),
        ("name", "REQUIRED"),
        ("province", "REQUIRED"),
        ("city", "REQUIRED"),
    }


async def test_duplicate_code_unknown_province_and_province_outside_region(
    db: Database, world: World
) -> None:
    taken = new_store(code=world.stores[0].code, province="Atlantis")
    refs = await refs_for(db, world, taken)
    assert problems(taken, refs) == {("code", "DUPLICATE"), ("province", "INVALID")}
    elsewhere = new_store(province="Jiangsu", region_id=world.regions[0].id)
    assert problems(elsewhere, await refs_for(db, world, elsewhere)) == {("province", "INVALID")}


async def test_a_store_keeps_its_own_code_on_update(db: Database, world: World) -> None:
    store = world.stores[0]
    fields = StoreFields(code=store.code, name="Renamed")
    assert problems(fields, await refs_for(db, world, fields), store) == set()


async def test_figures_out_of_range_are_refused(db: Database, world: World) -> None:
    fields = new_store(
        budget=Decimal("-1"),
        floor_area=Decimal("0"),
        display_capacity=-5,
        tier="Z",
        latitude=95.0,
        time_zone="Mars/Olympus",
        franchisee_email="not-an-email",
        franchisee_phone="call me",
    )
    assert problems(fields, await refs_for(db, world, fields)) == {
        ("budget", "INVALID"),
        ("floor_area", "INVALID"),
        ("display_capacity", "INVALID"),
        ("tier", "INVALID"),
        ("latitude", "INVALID"),
        ("time_zone", "INVALID"),
        ("franchisee_email", "INVALID"),
        ("franchisee_phone", "INVALID"),
    }


async def test_preferences_price_band_skus_categories_and_quiet_hours(
    db: Database, world: World
) -> None:
    sku = world.skus[0].code
    fields = new_store(
        price_min=Decimal("300"),
        price_max=Decimal("100"),
        excluded_skus=[sku, "NO-SUCH-SKU"],
        favoured_categories=["knitwear", "denim"],
        excluded_categories=["denim"],
        quiet_hours_start=time(22, 0),
        preferred_channel="chat",
    )
    assert problems(fields, await refs_for(db, world, fields)) == {
        ("price_min", "INVALID"),
        ("excluded_skus[1]", "NOT_FOUND"),
        ("excluded_categories", "INVALID"),
        ("quiet_hours_start", "INVALID"),
        ("preferred_channel", "REQUIRED"),
    }


async def test_preferences_are_cleaned(db: Database, world: World) -> None:
    sku = world.skus[0].code
    fields = new_store(
        excluded_skus=[f" {sku} ", sku],
        favoured_categories=["knitwear", " knitwear"],
        price_min=Decimal("99.00"),
        price_max=Decimal("99.00"),
        tier="a",
    )
    checked = check_store_fields(fields, await refs_for(db, world, fields))
    assert checked.ok, checked.errors
    assert checked.values["excluded_skus"] == [sku]
    assert checked.values["favoured_categories"] == ["knitwear"]
    assert checked.values["tier"] is Tier.A


async def test_custom_fields_wrong_type_unknown_key_and_missing_required(
    db: Database, world: World
) -> None:
    await make_custom_field(db, world, "staff", FieldType.NUMBER)
    await make_custom_field(
        db, world, "mall", FieldType.CHOICE, required=True, choices=["万达", "银泰"]
    )
    await make_custom_field(db, world, "renovated", FieldType.BOOLEAN)
    fields = new_store(custom_fields={"staff": "three", "colour": "red", "renovated": 2})
    assert problems(fields, await refs_for(db, world, fields)) == {
        ("custom_fields.staff", "INVALID"),
        ("custom_fields.colour", "NOT_FOUND"),
        ("custom_fields.renovated", "INVALID"),
        ("custom_fields.mall", "REQUIRED"),
    }
    good = new_store(custom_fields={"staff": "4", "mall": "银泰", "renovated": "yes"})
    checked = check_store_fields(good, await refs_for(db, world, good))
    assert checked.ok
    assert checked.values["custom_fields"] == {"staff": 4, "mall": "银泰", "renovated": True}


async def test_merchandiser_must_serve_the_stores_region(db: Database, world: World) -> None:
    other_region = world.merchandisers[2]  # serves R2
    fields = new_store(merchandiser_id=other_region.user.id)
    assert problems(fields, await refs_for(db, world, fields)) == {("merchandiser_id", "INVALID")}
    franchisee = new_store(merchandiser_id=world.franchisees[0].user.id)
    assert problems(franchisee, await refs_for(db, world, franchisee)) == {
        ("merchandiser_id", "NOT_FOUND")
    }


async def test_moving_a_store_needs_a_merchandiser_of_the_new_region(
    db: Database, world: World
) -> None:
    store = world.stores[0]  # R1, Beijing
    move = StoreFields(region_id=world.regions[1].id, province="Jiangsu")
    assert problems(move, await refs_for(db, world, move), store) == {("region_id", "INVALID")}
    with_merchandiser = StoreFields(
        region_id=world.regions[1].id,
        province="Jiangsu",
        merchandiser_id=world.merchandisers[2].user.id,
    )
    assert problems(with_merchandiser, await refs_for(db, world, with_merchandiser), store) == set()


async def test_checking_writes_nothing(db: Database, world: World) -> None:
    fields = new_store(code="CHECK-ONLY")
    assert check_store_fields(fields, await refs_for(db, world, fields)).ok
    async with tenant_session(db, system(world.tenant)) as session:
        count = await session.scalar(select(func.count()).where(Store.code == "CHECK-ONLY"))
    assert count == 0
