"""Checking a store's fields without writing anything: the one set of rules every way in uses.

`check_store_fields` returns the clean values to write and every problem found; a form, the
GraphQL API and a bulk file import (per row, with references loaded once for the file) all call
it. Field names in errors are the `StoreFields` attribute names (`price_min`, `excluded_skus[2]`,
`custom_fields.<key>`); the API layer renders them in its own spelling.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import cache
from typing import Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from domain import clock
from domain.catalogue.service import amount_problem
from domain.errors import Collector, ErrorCode, FieldError
from domain.permissions import Role
from domain.regions.provinces import canonical_province
from domain.stores.custom_fields import merge_values
from domain.stores.fields import UNSET, FieldCheck, StoreFields, StoreReferences
from domain.stores.models import Store, StoreStatus, Tier
from domain.stores.preferences import check_preferences
from domain.text import name_problem

REQUIRED_ON_CREATE: Final = ("code", "name", "province", "city")
_TEXT_LIMITS: Final = {
    "code": 32,
    "name": 200,
    "city": 80,
    "address": 300,
    "franchisee_name": 200,
}
_CODE = re.compile(r"^[^\s]+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{4,38}$")
EARLIEST_OPENING: Final = date(1900, 1, 1)
MAX_FLOOR_AREA: Final = Decimal("1000000")
MAX_CAPACITY: Final = 10_000_000


@dataclass(frozen=True)
class CheckedStore:
    """The outcome of a check: clean values by field (only those to change) and the problems."""

    values: dict[str, Any]
    errors: list[FieldError]

    @property
    def ok(self) -> bool:
        """Whether the fields may be written."""
        return not self.errors


def check_store_fields(
    fields: StoreFields,
    refs: StoreReferences,
    current: Store | None = None,
    refused: Iterable[str] = (),
) -> CheckedStore:
    """Check `fields` for a new store (`current` None) or a change to `current`; writes nothing.

    `refused` names fields the caller has refused already (and reported): the rules that
    compare fields leave them out rather than report them again under another name.
    """
    check = FieldCheck(fields, current, refused)
    if current is None:
        for name in REQUIRED_ON_CREATE:
            if not check.given(name):
                check.fail(name, f"{name.replace('_', ' ')} is required", ErrorCode.REQUIRED)
    _texts(check)
    _code(check, refs)
    _location(check, refs)
    _figures(check)
    _merchandiser(check, refs)
    _franchisee(check, refs)
    check_preferences(check, refs)
    _custom_fields(check, refs)
    return CheckedStore(check.values, check.errors)


def validate_store_fields(
    fields: StoreFields, refs: StoreReferences, current: Store | None = None
) -> list[FieldError]:
    """Every problem with `fields` (empty when they may be written)."""
    return check_store_fields(fields, refs, current).errors


def _texts(check: FieldCheck) -> None:
    for name, limit in _TEXT_LIMITS.items():
        if not check.given(name) or check.refused(name):
            continue
        raw = check.raw(name)
        value = raw.strip() if isinstance(raw, str) else raw
        if value is None or value == "":
            if name in REQUIRED_ON_CREATE:
                check.fail(name, f"{name.replace('_', ' ')} cannot be empty", ErrorCode.REQUIRED)
            else:
                check.set(name, None)
        elif not isinstance(value, str):
            check.fail(name, f"{name.replace('_', ' ')} must be text")
        elif len(value) > limit:
            check.fail(name, f"{name.replace('_', ' ')} is longer than {limit}")
        elif problem := name_problem(value):
            check.fail(name, f"{name.replace('_', ' ')} {problem}")
        else:
            check.set(name, value)


def _code(check: FieldCheck, refs: StoreReferences) -> None:
    code = check.values.get("code")
    if code is None:
        return
    if not _CODE.match(code):
        check.fail("code", "a store code has no spaces")
        return
    owner = refs.store_by_code.get(code)
    if owner is not None and (check.current is None or owner != check.current.id):
        check.fail("code", f"a store with code {code} already exists", ErrorCode.DUPLICATE)


def _location(check: FieldCheck, refs: StoreReferences) -> None:
    if check.given("province"):
        raw = check.raw("province")
        name = canonical_province(raw) if isinstance(raw, str) else None
        if name is None:
            check.fail("province", f"unknown province {raw!r}")
        else:
            check.set("province", name)
    if check.given("region_id"):
        if check.raw("region_id") not in refs.regions:
            check.fail("region_id", "region not found", ErrorCode.NOT_FOUND)
        else:
            check.set("region_id", check.raw("region_id"))
    province, region_id = check.final("province"), check.final("region_id")
    if region_id is None and province not in (None, UNSET) and check.current is None:
        covering = refs.region_of_province(province)
        if covering is None:
            check.fail(
                "region_id", f"no region covers {province}; give the region", ErrorCode.REQUIRED
            )
        else:
            check.set("region_id", covering.id)
    elif UNSET not in (province, region_id) and None not in (province, region_id):
        region = refs.regions[region_id]
        if province not in region.provinces:
            covered = ", ".join(sorted(region.provinces)) or "no province"
            check.fail(
                "province" if check.given("province") else "region_id",
                f"{province} is not in region {region.code} (it covers {covered})",
            )
    _geo(check)
    if check.given("time_zone"):
        zone = check.raw("time_zone")
        zone = zone.strip() if isinstance(zone, str) else zone
        if not zone:
            check.set("time_zone", None)
        elif not _known_zone(zone):
            check.fail("time_zone", f"unknown time zone {zone!r} (e.g. Asia/Shanghai)")
        else:
            check.set("time_zone", zone)


@cache
def _known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _geo(check: FieldCheck) -> None:
    for name, bound in (("latitude", 90.0), ("longitude", 180.0)):
        if not check.given(name):
            continue
        value = check.raw(name)
        if value is None:
            check.set(name, None)
        elif isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            check.fail(name, f"{name} must be a number")
        elif not -bound <= float(value) <= bound:
            check.fail(name, f"{name} must be between {-bound:g} and {bound:g}")
        else:
            check.set(name, float(value))
    lat, lon = check.final("latitude"), check.final("longitude")
    if UNSET not in (lat, lon) and (lat is None) != (lon is None):
        name = "longitude" if check.given("longitude") else "latitude"
        check.fail(name, "give both the latitude and the longitude, or neither")


def _enum(check: FieldCheck, name: str, enum_cls: type[StrEnum]) -> None:
    if not check.given(name):
        return
    raw = check.raw(name)
    text = str(raw.value if isinstance(raw, StrEnum) else raw).strip()
    match = next((m for m in enum_cls if m.value.lower() == text.lower()), None)
    if match is None:
        allowed = ", ".join(m.value for m in enum_cls)
        check.fail(name, f"{raw!r} is not a {name} ({allowed})")
    else:
        check.set(name, match)


def _figures(check: FieldCheck) -> None:
    _enum(check, "tier", Tier)
    _enum(check, "status", StoreStatus)
    if check.given("budget"):
        budget = check.raw("budget")
        if not isinstance(budget, Decimal | int) or isinstance(budget, bool):
            check.fail("budget", "budget must be an amount")
        elif problem := amount_problem(Decimal(budget)):
            check.fail("budget", f"budget {problem}")
        else:
            check.set("budget", Decimal(budget))
    if check.given("floor_area"):
        area = check.raw("floor_area")
        if not isinstance(area, Decimal | int) or isinstance(area, bool):
            check.fail("floor_area", "floor area must be a number of square metres")
        elif not 0 < area < MAX_FLOOR_AREA or Decimal(area) != Decimal(area).quantize(
            Decimal("0.01")
        ):
            check.fail("floor_area", "floor area must be above 0 and below 1000000, to the cent")
        else:
            check.set("floor_area", Decimal(area))
    if check.given("display_capacity"):
        capacity = check.raw("display_capacity")
        if not isinstance(capacity, int) or isinstance(capacity, bool):
            check.fail("display_capacity", "display capacity must be a whole number of units")
        elif not 0 <= capacity <= MAX_CAPACITY:
            check.fail("display_capacity", f"display capacity must be between 0 and {MAX_CAPACITY}")
        else:
            check.set("display_capacity", capacity)
    if check.given("opened_on"):
        opened = check.raw("opened_on")
        latest = clock.now().date().replace(year=clock.now().year + 5)
        if opened is not None and not isinstance(opened, date):
            check.fail("opened_on", "give the opening date (YYYY-MM-DD)")
        elif opened is not None and not EARLIEST_OPENING <= opened <= latest:
            check.fail("opened_on", f"the opening date must be between 1900 and {latest.year}")
        else:
            check.set("opened_on", opened)


def _merchandiser(check: FieldCheck, refs: StoreReferences) -> None:
    if check.given("merchandiser_id"):
        user_id = check.raw("merchandiser_id")
        person = refs.people.get(user_id) if user_id is not None else None
        if user_id is None:
            if check.current is not None and check.current.merchandiser_id is not None:
                check.fail(
                    "merchandiser_id",
                    "a store keeps a dedicated merchandiser; assign another instead",
                    ErrorCode.REQUIRED,
                )
            else:
                check.set("merchandiser_id", None)
            return
        if person is None or person.role != Role.MERCHANDISER:
            check.fail("merchandiser_id", "no such merchandiser", ErrorCode.NOT_FOUND)
            return
        if not person.active:
            check.fail("merchandiser_id", f"{person.name} is deactivated")
            return
        check.set("merchandiser_id", user_id)
    user_id, region_id = check.final("merchandiser_id"), check.final("region_id")
    if UNSET in (user_id, region_id) or None in (user_id, region_id):
        return
    person = refs.people.get(user_id)
    if person is not None and person.region_id != region_id:
        region = refs.regions[region_id]
        if check.given("merchandiser_id"):
            check.fail(
                "merchandiser_id", f"{person.name} is not a merchandiser of region {region.code}"
            )
        else:
            check.fail(
                "region_id",
                f"the store's merchandiser {person.name} does not serve region {region.code}; "
                "give a merchandiser of that region too",
            )


def _franchisee(check: FieldCheck, refs: StoreReferences) -> None:
    if check.given("franchisee_id"):
        user_id = check.raw("franchisee_id")
        person = refs.people.get(user_id) if user_id is not None else None
        if user_id is not None and (person is None or person.role != Role.FRANCHISEE):
            check.fail("franchisee_id", "no such franchisee", ErrorCode.NOT_FOUND)
        else:
            check.set("franchisee_id", user_id)
    if check.given("franchisee_email"):
        email = check.raw("franchisee_email")
        email = email.strip().lower() if isinstance(email, str) else email
        if not email:
            check.set("franchisee_email", None)
        elif len(email) > 254 or not _EMAIL.match(email) or name_problem(email):
            check.fail("franchisee_email", f"{email!r} is not an e-mail address")
        else:
            check.set("franchisee_email", email)
    if check.given("franchisee_phone"):
        phone = check.raw("franchisee_phone")
        phone = phone.strip() if isinstance(phone, str) else phone
        if not phone:
            check.set("franchisee_phone", None)
        elif not _PHONE.match(phone):
            check.fail("franchisee_phone", f"{phone!r} is not a phone number")
        else:
            check.set("franchisee_phone", phone)


def _custom_fields(check: FieldCheck, refs: StoreReferences) -> None:
    given = check.raw("custom_fields")
    if given is UNSET and check.current is not None:
        return
    errors = Collector()
    current = check.current.custom_fields if check.current is not None else {}
    merged = merge_values(refs.rules, current or {}, given if given is not UNSET else {}, errors)
    for error in errors.errors:
        check.fail("custom_fields", error.message, error.code, path=error.field)
    if not errors.errors:
        check.set("custom_fields", merged)
