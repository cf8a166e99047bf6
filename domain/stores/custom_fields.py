"""Tenant-defined custom fields of the store passport: their definitions and how values are checked.

A definition says a key, a label, a type (text, number, boolean, date, choice) and whether
every store must have a value. Values live on the store (`Store.custom_fields`, JSON) in a
canonical form: text and choices as strings, numbers as int or float, booleans as bool, dates
as ISO strings. Values given as text (a file cell, a form) are read into their type.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit.recorder import record
from domain.errors import Collector, ErrorCode, NotFound
from domain.permissions import Actor, Permission, authorize
from domain.stores.models import CustomFieldDefinition, FieldType, Store
from domain.text import checked_free_text, checked_name, free_text_problem, name_problem

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
MAX_TEXT = 1000
MAX_CHOICES = 100
MAX_CHOICE_LENGTH = 100
_TRUE = frozenset({"true", "yes", "y", "1", "是"})
_FALSE = frozenset({"false", "no", "n", "0", "否"})


@dataclass(frozen=True)
class FieldRule:
    """What a definition requires of a value (a detached copy, safe to keep across sessions)."""

    key: str
    label: str
    type: FieldType
    choices: tuple[str, ...] = ()
    required: bool = False
    franchisee_editable: bool = False
    help_text: str | None = None

    @classmethod
    def of(cls, definition: CustomFieldDefinition) -> FieldRule:
        """The rule of a stored definition."""
        return cls(
            key=definition.key,
            label=definition.label,
            type=FieldType(definition.type),
            choices=tuple(definition.choices or ()),
            required=definition.required,
            franchisee_editable=definition.franchisee_editable,
            help_text=definition.help_text,
        )


def coerce_value(rule: FieldRule, value: Any) -> tuple[Any, str | None]:
    """(canonical value, None) or (None, why the value does not fit the field)."""
    if isinstance(value, str):
        value = value.strip()
    if rule.type == FieldType.TEXT:
        if not isinstance(value, str):
            return None, f"{rule.label} must be text"
        if len(value) > MAX_TEXT:
            return None, f"{rule.label} holds at most {MAX_TEXT} characters"
        if problem := free_text_problem(value):
            return None, f"{rule.label} {problem}"
        return value, None
    if rule.type == FieldType.NUMBER:
        return _number(rule, value)
    if rule.type == FieldType.BOOLEAN:
        if isinstance(value, bool):
            return value, None
        if isinstance(value, str) and value.lower() in _TRUE | _FALSE:
            return value.lower() in _TRUE, None
        return None, f"{rule.label} must be true or false"
    if rule.type == FieldType.DATE:
        if isinstance(value, date):
            return value.isoformat(), None
        if isinstance(value, str):
            try:
                return date.fromisoformat(value).isoformat(), None
            except ValueError:
                pass
        return None, f"{rule.label} must be a date (YYYY-MM-DD)"
    if not isinstance(value, str) or value not in rule.choices:
        return None, f"{rule.label} must be one of: {', '.join(rule.choices)}"
    return value, None


def _number(rule: FieldRule, value: Any) -> tuple[Any, str | None]:
    problem = f"{rule.label} must be a number"
    if isinstance(value, bool):
        return None, problem
    if isinstance(value, str):
        try:
            value = Decimal(value.replace(",", ""))
        except InvalidOperation:
            return None, problem
    if isinstance(value, Decimal):
        if not value.is_finite():
            return None, problem
        value = int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, int):
        return value, None
    if isinstance(value, float) and math.isfinite(value):
        return (int(value) if value.is_integer() else value), None
    return None, problem


def merge_values(
    rules: dict[str, FieldRule],
    current: dict[str, Any],
    given: dict[str, Any],
    errors: Collector,
    check_required: bool = True,
    field: str = "custom_fields",
) -> dict[str, Any]:
    """The store's values after `given` (a None value removes a key), errors collected.

    Values of keys no longer defined are dropped; a required field may not end up empty.
    """
    merged = {k: v for k, v in current.items() if k in rules}
    refused: set[str] = set()
    for key, value in given.items():
        rule = rules.get(key)
        if rule is None:
            errors.add(f"{field}.{key}", f"unknown custom field {key!r}", ErrorCode.NOT_FOUND)
            continue
        if value is None or value == "":
            merged.pop(key, None)
            continue
        canonical, problem = coerce_value(rule, value)
        if problem:
            errors.add(f"{field}.{key}", problem)
            refused.add(key)
        else:
            merged[key] = canonical
    if check_required:
        for rule in rules.values():
            if rule.required and rule.key not in merged and rule.key not in refused:
                errors.add(f"{field}.{rule.key}", f"{rule.label} is required", ErrorCode.REQUIRED)
    return merged


async def field_rules(session: AsyncSession) -> dict[str, FieldRule]:
    """The tenant's custom field rules by key."""
    rows = await session.scalars(select(CustomFieldDefinition))
    return {row.key: FieldRule.of(row) for row in rows}


@dataclass
class DefinitionFields:
    """A custom field as HQ defines it."""

    key: str
    label: str
    type: FieldType
    choices: Sequence[str] = ()
    required: bool = False
    help_text: str | None = None
    franchisee_editable: bool = False


def _check_definition(fields: DefinitionFields, errors: Collector) -> DefinitionFields:
    key = fields.key.strip()
    if not KEY_PATTERN.match(key):
        errors.add(
            "key", "a key is 1 to 64 lower-case letters, digits or _, starting with a letter"
        )
    label = checked_name(errors, "label", fields.label, 200) or fields.label.strip()
    choices = [c.strip() for c in fields.choices]
    if fields.type == FieldType.CHOICE:
        if not choices:
            errors.add("choices", "a choice field needs at least one choice", ErrorCode.REQUIRED)
        if len(choices) > MAX_CHOICES:
            errors.add("choices", f"at most {MAX_CHOICES} choices")
        seen: set[str] = set()
        for i, choice in enumerate(choices):
            if not choice or len(choice) > MAX_CHOICE_LENGTH:
                errors.add(f"choices[{i}]", f"a choice is 1 to {MAX_CHOICE_LENGTH} characters")
            elif problem := name_problem(choice):
                errors.add(f"choices[{i}]", f"a choice {problem}")
            elif choice in seen:
                errors.add(f"choices[{i}]", f"{choice!r} is listed twice", ErrorCode.DUPLICATE)
            seen.add(choice)
    elif choices:
        errors.add("choices", "only a choice field has choices")
    help_text = checked_free_text(errors, "help_text", fields.help_text, 500, required=False)
    return DefinitionFields(
        key, label, fields.type, choices, fields.required, help_text, fields.franchisee_editable
    )


async def _check_existing_values(session: AsyncSession, rule: FieldRule, errors: Collector) -> None:
    """Refuse a definition that the values stores already hold would not satisfy."""
    stores = await session.execute(
        select(Store.code, Store.custom_fields).execution_options(all_stores=True)
    )
    missing = 0
    misfits: list[str] = []
    for code, values in stores:
        value = (values or {}).get(rule.key)
        if value is None:
            missing += 1
        elif coerce_value(rule, value)[1] is not None:
            misfits.append(code)
    if misfits:
        shown = ", ".join(sorted(misfits)[:5]) + (" ..." if len(misfits) > 5 else "")
        errors.add(
            "type" if rule.type != FieldType.CHOICE else "choices",
            f"{len(misfits)} stores hold values that would not fit ({shown}); change them first",
            ErrorCode.CONFLICT,
        )
    if rule.required and missing:
        errors.add(
            "required",
            f"{missing} stores have no value for {rule.key}; set them before making it required",
            ErrorCode.CONFLICT,
        )


async def define_custom_field(
    session: AsyncSession, actor: Actor, fields: DefinitionFields
) -> CustomFieldDefinition:
    """Add a custom field to every passport, or change the one with that key.

    A change that the values stores already hold would break (a new type, fewer choices,
    required while some stores have no value) is refused, naming the stores.
    """
    authorize(actor, Permission.CUSTOM_FIELD_DEFINE)
    errors = Collector()
    fields = _check_definition(fields, errors)
    errors.raise_if_any()
    row = await session.scalar(
        select(CustomFieldDefinition).where(CustomFieldDefinition.key == fields.key)
    )
    rule = FieldRule(fields.key, fields.label, fields.type, tuple(fields.choices), fields.required)
    await _check_existing_values(session, rule, errors)
    errors.raise_if_any()
    if row is None:
        row = CustomFieldDefinition(key=fields.key)
        session.add(row)
    row.label = fields.label
    row.type = fields.type
    row.choices = list(fields.choices)
    row.required = fields.required
    row.help_text = fields.help_text
    row.franchisee_editable = fields.franchisee_editable
    await session.flush()
    return row


async def delete_custom_field(session: AsyncSession, actor: Actor, key: str) -> None:
    """Remove a custom field and every store's value of it."""
    authorize(actor, Permission.CUSTOM_FIELD_DEFINE)
    row = await session.scalar(
        select(CustomFieldDefinition).where(CustomFieldDefinition.key == key)
    )
    if row is None:
        raise NotFound("custom field", "key")
    stores = await session.scalars(select(Store).execution_options(all_stores=True))
    cleared = 0
    for store in stores:
        if key in (store.custom_fields or {}):
            store.custom_fields = {k: v for k, v in store.custom_fields.items() if k != key}
            cleared += 1
    await session.delete(row)
    await record(
        session,
        "custom_field_definitions.values_cleared",
        "custom_field_definitions",
        row.id,
        after={"key": key, "stores": cleared},
    )
    await session.flush()
