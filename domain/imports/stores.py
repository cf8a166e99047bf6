"""Store files: one row per store, matched by code (new codes open stores, known ones change).

Every row is checked by the stores' own rules (domain.stores.validation, with the tenant's
regions, members and custom field rules loaded once for the file) and by the permission each
changed field needs. Only the columns present in the file are set; in a present column an
empty cell clears an optional field and leaves a required one as it is. Regions are named by
code, merchandisers and franchisee logins by e-mail, lists are separated by `|`, custom
fields are one JSON object.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from enum import Enum
from typing import Any

from sqlalchemy import case, false, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from domain.access.people import pointable_people
from domain.access.reach import Reach
from domain.audit.recorder import record
from domain.bulk import UpsertCounts, chunks
from domain.bulk.rows import RowErrors
from domain.errors import ErrorCode
from domain.identity.models import User
from domain.imports.columns import (
    UNREADABLE,
    Column,
    amount,
    clock_time,
    day,
    integer,
    number,
    text_list,
)
from domain.imports.kinds import Kind, Progress, Record, Statement
from domain.permissions import Actor, Permission, Role, authorize, can, reach
from domain.regions.models import Region
from domain.stores.access import may
from domain.stores.assignment import start_assignment
from domain.stores.fields import PII_FIELDS, UNSET, StoreFields, StoreReferences, load_references
from domain.stores.models import Store
from domain.stores.owners import with_owner_contacts
from domain.stores.service import permissions_for
from domain.stores.validation import check_store_fields


def json_object(value: str) -> dict[str, Any]:
    """A JSON object: {"location_type": "mall", "fitting_rooms": 3}."""
    try:
        parsed = json.loads(value)
    except json.JSONDecodeError:
        raise ValueError(f"{value!r} is not a JSON object") from None
    if not isinstance(parsed, dict):
        raise ValueError(f"{value!r} is not a JSON object")
    return parsed


COLUMNS = (
    Column("code", "The store's code.", required=True),
    Column("name", "The store's name (required for a new store).", default=UNSET),
    Column(
        "region_code", "The region's code (default: the region of the province).", default=UNSET
    ),
    Column(
        "province", "Province, in English or Chinese (required for a new store).", default=UNSET
    ),
    Column("city", "City (required for a new store).", default=UNSET),
    Column("address", "Street address."),
    Column("latitude", "Latitude, e.g. 36.6709.", parse=number),
    Column("longitude", "Longitude, e.g. 117.0009.", parse=number),
    Column("opened_on", "Opening day, 2026-03-02.", parse=day),
    Column("floor_area", "Floor area in m².", parse=amount, default=UNSET),
    Column("display_capacity", "Units the shop floor displays.", parse=integer, default=UNSET),
    Column("tier", "A, B or C.", default=UNSET),
    Column("status", "active, suspended or closed.", default=UNSET),
    Column("budget", "What the franchisee puts into the next order.", parse=amount, default=UNSET),
    Column("time_zone", "Time zone when not the tenant's, e.g. Asia/Urumqi."),
    Column("merchandiser", "E-mail of the dedicated merchandiser.", default=UNSET),
    Column("franchisee_login", "E-mail of the franchisee's login.", default=UNSET),
    Column("franchisee_name", "The franchisee's name."),
    Column("franchisee_phone", "The franchisee's phone."),
    Column("franchisee_email", "The franchisee's contact e-mail."),
    Column("favoured_categories", "Categories, separated by |.", parse=text_list, default=()),
    Column("excluded_categories", "Categories, separated by |.", parse=text_list, default=()),
    Column("excluded_skus", "SKU codes, separated by |.", parse=text_list, default=()),
    Column("price_min", "Lowest retail price wanted.", parse=amount),
    Column("price_max", "Highest retail price wanted.", parse=amount),
    Column("preferred_channel", "email, sms or chat.", default=UNSET),
    Column("chat_webhook_url", "Chat webhook for notifications."),
    Column("quiet_hours_start", "No notifications from, e.g. 21:00.", parse=clock_time),
    Column("quiet_hours_end", "… until, e.g. 08:00.", parse=clock_time),
    Column(
        "custom_fields", "Custom field values as a JSON object.", parse=json_object, default=UNSET
    ),
)
_REFERENCES = {"region_code", "merchandiser", "franchisee_login"}
_FIELD_COLUMN = {
    "region_id": "region_code",
    "merchandiser_id": "merchandiser",
    "franchisee_id": "franchisee_login",
}


def _column(field: str | None) -> str:
    base = re.split(r"[.\[]", field or "code")[0]
    return _FIELD_COLUMN.get(base, base)


def _resolve(
    row: int, v: dict[str, Any], refs: StoreReferences, errors: RowErrors
) -> tuple[StoreFields, set[str]]:
    """The row as StoreFields (region codes and e-mails turned into ids), and the fields it
    leaves out because their cells could not be read or name nothing known (reported)."""
    refused = {k for k, val in v.items() if val is UNREADABLE and k not in _REFERENCES}
    given = {
        k: val
        for k, val in v.items()
        if k not in _REFERENCES and val is not UNSET and val is not UNREADABLE
    }
    fields = StoreFields(**given)
    if v.get("region_code", UNSET) is not UNSET:
        region = refs.region_by_code(v["region_code"]) if v["region_code"] else None
        if region is None:
            errors.add(
                row, "region_code", f"region {v['region_code']!r} not found", ErrorCode.NOT_FOUND
            )
            refused.add("region_id")
        else:
            fields = replace(fields, region_id=region.id)
    for column, name in (
        ("merchandiser", "merchandiser_id"),
        ("franchisee_login", "franchisee_id"),
    ):
        email = v.get(column, UNSET)
        if email is UNSET:
            continue
        person = refs.person_by_email(email)
        if person is None:
            errors.add(row, column, f"no member with e-mail {email}", ErrorCode.NOT_FOUND)
            refused.add(name)
        else:
            fields = (
                replace(fields, merchandiser_id=person.user_id)
                if name == "merchandiser_id"
                else replace(fields, franchisee_id=person.user_id)
            )
    return fields, refused


async def _existing(session: AsyncSession, codes: set[str]) -> dict[str, Store]:
    found: dict[str, Store] = {}
    for batch in chunks(codes):
        found.update(
            {s.code: s for s in await session.scalars(select(Store).where(Store.code.in_(batch)))}
        )
    return found


def _allowed(
    actor: Actor, fields: StoreFields, values: dict[str, Any], current: Store | None
) -> str | None:
    """Why the actor may not make this change (None when it may)."""
    if current is None:
        region = values.get("region_id")
        if not can(actor, Permission.STORE_WRITE, region_id=region):
            return "not allowed to open stores in this region"
        if values.get("merchandiser_id") is not None and not can(
            actor, Permission.STORE_ASSIGN, region_id=region
        ):
            return "not allowed to assign merchandisers in this region"
        if values.get("franchisee_id") is not None and not can(
            actor, Permission.STORE_FRANCHISEE, region_id=region
        ):
            return "only HQ or the region's manager may give a store its owner"
        return None
    names = [n for n in fields.given() if n != "code" and n in values]
    for permission in sorted(permissions_for(names)):
        if not may(actor, permission, current):
            return f"not allowed to change store {current.code} ({permission.value})"
    region = values.get("region_id", current.region_id)
    if region != current.region_id and not can(actor, Permission.STORE_WRITE, region_id=region):
        return "not allowed to move the store to this region"
    return None


async def load(
    session: AsyncSession,
    actor: Actor,
    records: Sequence[Record],
    write: bool,
    source: str,
    progress: Progress,
) -> UpsertCounts:
    """Check every row, then (with `write`) open the new stores and change the known ones."""
    authorize(actor, Permission.STORE_WRITE)
    progress.phase("checking", len(records))
    named = [
        StoreFields(
            code=v["code"],
            excluded_skus=v.get("excluded_skus") or (),
            chat_webhook_url=v.get("chat_webhook_url", UNSET),
        )
        for _, v in records
    ]
    refs = await load_references(session, named)
    existing = await _existing(session, {v["code"] for _, v in records} - {UNREADABLE})
    errors = RowErrors()
    # Whom the actor may make a store's owner: those whose contacts it sees already.
    pointable = (
        await pointable_people(
            session, actor, [p.user_id for p in refs.people.values() if p.role == Role.FRANCHISEE]
        )
        if any(v.get("franchisee_login", UNSET) is not UNSET for _, v in records)
        else set()
    )
    changes: list[tuple[Store | None, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    for row, v in records:
        fields, refused = _resolve(row, v, refs, errors)
        if v["code"] is UNREADABLE:
            continue  # without its code, whether the store is new (and what it needs) is unknown
        twice = seen.setdefault(v["code"], row) != row
        if twice:
            errors.add(
                row,
                "code",
                f"store {v['code']} appears twice (row {seen[v['code']]})",
                ErrorCode.DUPLICATE,
            )
        current = existing.get(v["code"])
        checked = check_store_fields(fields, refs, current, refused)
        for e in checked.errors:
            errors.add(row, _column(e.field), e.message, e.code)
        owner = checked.values.get("franchisee_id")
        if owner is not None and (current is None or owner != current.franchisee_id):
            if owner not in pointable:
                email = v["franchisee_login"]
                errors.add(
                    row, "franchisee_login", f"no member with e-mail {email}", ErrorCode.NOT_FOUND
                )
            else:
                await with_owner_contacts(session, fields, checked.values)
        # A new store's permissions depend on its region: judged once the region is known.
        if current is not None or "region_id" in checked.values:
            refusal = _allowed(actor, fields, checked.values, current)
            if refusal:
                errors.add(row, "code", refusal, ErrorCode.FORBIDDEN)
        if not twice:
            changes.append((current, checked.values))
    errors.raise_if_any()
    created = sum(current is None for current, _ in changes)
    counts = UpsertCounts(created=created, updated=len(changes) - created)
    if write:
        progress.phase("writing", len(changes))
        await _write(session, actor, changes, source)
        await record(
            session,
            "stores.import",
            "stores",
            None,
            None,
            {"created": counts.created, "updated": counts.updated, "source": source},
        )
    return counts


async def _write(
    session: AsyncSession,
    actor: Actor,
    changes: list[tuple[Store | None, dict[str, Any]]],
    source: str,
) -> None:
    assignments: list[tuple[Store, int]] = []
    for current, values in changes:
        merchandiser = values.pop(
            "merchandiser_id", None if current is None else current.merchandiser_id
        )
        store = current or Store(**values)
        if current is None:
            session.add(store)
        else:
            for name, value in values.items():
                setattr(store, name, value)
        if merchandiser is not None and (
            current is None or merchandiser != current.merchandiser_id
        ):
            assignments.append((store, merchandiser))
    await session.flush()
    for store, merchandiser in assignments:
        await start_assignment(session, actor, store, merchandiser, f"set by import ({source})")


def _pii(actor: Actor) -> Any:
    """Which stores' personal data the actor may export (a SQL condition)."""
    granted = reach(actor, Permission.STORE_PII)
    if granted is None:
        return false()
    if granted >= (reach(actor, Permission.STORE_READ) or Reach.TENANT):
        return true()
    if granted == Reach.REGION:
        return Store.region_id == (actor.region_id or -1)
    if granted == Reach.ASSIGNED:
        return Store.merchandiser_id == (actor.user_id or -1)
    return Store.franchisee_id == (actor.user_id or -1)


def dump(actor: Actor, start: date | None, end: date | None) -> Statement:
    """Every store the actor sees, by code (personal data only where the actor may see it)."""
    authorize(actor, Permission.STORE_READ)
    merchandiser, franchisee = aliased(User), aliased(User)
    pii = _pii(actor)

    def guarded(column: Any) -> Any:
        return case((pii, column), else_=None) if column.key in PII_FIELDS else column

    store = [guarded(Store.__table__.c[c.name]) for c in COLUMNS if c.name in Store.__table__.c]
    columns: list[Any] = []
    for c in COLUMNS:
        if c.name == "region_code":
            columns.append(Region.code)
        elif c.name == "merchandiser":
            columns.append(merchandiser.email)
        elif c.name == "franchisee_login":
            # the owner's login is their personal e-mail: only where the store's personal data is
            columns.append(case((pii, franchisee.email), else_=None))
        else:
            columns.append(store.pop(0))
    return (
        select(*columns)
        .select_from(Store)
        .join(Region, Region.id == Store.region_id)
        .outerjoin(merchandiser, merchandiser.id == Store.merchandiser_id)
        .outerjoin(franchisee, franchisee.id == Store.franchisee_id)
        .order_by(Store.code)
    )


def format_row(row: Sequence[Any]) -> tuple[Any, ...]:
    """Lists joined by |, enums by value, times as HH:MM, custom fields as JSON."""
    out: list[Any] = []
    for column, value in zip(COLUMNS, row, strict=True):
        if isinstance(value, list | tuple):
            value = "|".join(str(v) for v in value)
        elif isinstance(value, dict):
            value = json.dumps(value, ensure_ascii=False, sort_keys=True) if value else None
        elif isinstance(value, Enum):
            value = value.value
        elif column.parse is clock_time and value is not None:
            value = value.strftime("%H:%M")
        out.append(value)
    return tuple(out)


KIND = Kind(
    name="stores",
    summary="Stores, one row per store (matched by code: new codes open stores).",
    columns=COLUMNS,
    load=load,
    dump=dump,
    read_permission=Permission.STORE_READ,
    write_permission=Permission.STORE_WRITE,
    format_row=format_row,
    partial=True,
    counted="stores",
)
