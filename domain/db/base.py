"""The declarative base, the column types every model shares, and the tenancy mixins."""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, Dialect, Enum, ForeignKey, MetaData, Numeric, TypeDecorator
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    declared_attr,
    mapped_column,
    orm_insert_sentinel,
)

from domain import clock

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """An aware timestamp, stored in UTC, read back aware (SQLite forgets the zone otherwise)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where an aware one is required")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


_CENT = Decimal("0.01")


class Money(TypeDecorator[Decimal]):
    """An exact amount with two decimals (NUMERIC(14, 2)); always read back as a quantized Decimal."""

    impl = Numeric(14, 2, asdecimal=True)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        quantized = Decimal(value).quantize(Decimal("0.01"))
        # SQLite has no decimal type; a string keeps the value exact on the way in.
        return str(quantized) if dialect.name == "sqlite" else quantized

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        # PostgreSQL's driver gives a Decimal already (no round trip through a string: a page
        # of order lines reads two amounts a line); SQLite a float or a string.
        amount = value if type(value) is Decimal else Decimal(str(value))
        return amount.quantize(_CENT)


JsonType = JSON().with_variant(JSONB(), "postgresql")


def json_column(default: Any = None, nullable: bool = False) -> Any:
    """A JSON (JSONB on PostgreSQL) column with a callable default."""
    factory = default if callable(default) else (lambda: default)
    return mapped_column(JsonType, default=factory, nullable=nullable)


#: The name of the column `insert_sentinel` adds (the audit log leaves it out).
SENTINEL = "_sentinel"


def insert_sentinel() -> Any:
    """A column that lets a table's rows be inserted many per statement on SQLite too.

    The unit of work needs each new row's id back. PostgreSQL inserts a batch and returns the
    ids in the order of the rows; SQLite can't promise that order, so SQLAlchemy falls back to
    one INSERT per row, unless the table has this column: a nullable integer it fills with the
    row's place in the batch and reads back beside the id. For tables written in bulk (order
    lines from a recommendation run: 8,000 a run of the demo tenant). Never selected.
    """
    return orm_insert_sentinel(SENTINEL)


def enum_column(enum_cls: type[enum.StrEnum], constraint: str | None = None, **kwargs: Any) -> Any:
    """A string column constrained to the values of a StrEnum (portable: VARCHAR + CHECK).

    `constraint` names the CHECK when one table has two columns of the same enum.
    """
    return mapped_column(
        Enum(
            enum_cls,
            native_enum=False,
            create_constraint=True,
            length=32,
            values_callable=lambda e: [m.value for m in e],
            name=constraint or enum_cls.__name__.lower(),
            validate_strings=True,
        ),
        **kwargs,
    )


class Base(DeclarativeBase):
    """Base of every model."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime(),
        Decimal: Money(),
    }
    # Automatic audit entries for every insert, update and delete (off for high-volume tables).
    __audited__: ClassVar[bool] = True


class Timestamped:
    """Creation and update times."""

    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(default=clock.now, onupdate=clock.now)


class TenantOwned:
    """A row that belongs to one tenant.

    The tenant is fixed when the session is made (see domain.tenancy.session): a global ORM
    criteria filters every query, new rows are stamped, and PostgreSQL row-level security is
    the second lock. Services never filter by tenant by hand.
    """

    @declared_attr
    def tenant_id(cls) -> Mapped[int]:  # noqa: N805 - declared_attr receives the class
        return mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"), index=True)


class StoreScoped(TenantOwned):
    """A row about one store: actors who may see only some stores see only those rows."""

    # Set on a model whose primary key starts with the store.
    __store_id_primary_key__: ClassVar[bool] = False

    @declared_attr
    def store_id(cls) -> Mapped[int]:  # noqa: N805 - declared_attr receives the class
        in_key = cls.__store_id_primary_key__
        return mapped_column(
            ForeignKey("stores.id", ondelete="CASCADE"), primary_key=in_key, index=not in_key
        )
