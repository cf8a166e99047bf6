"""Database foundations: the declarative base, column types, mixins and engines."""

from domain.db.base import (
    Base,
    Money,
    StoreScoped,
    TenantOwned,
    Timestamped,
    UtcDateTime,
    enum_column,
    insert_sentinel,
    json_column,
)
from domain.db.engine import Database

__all__ = [
    "Base",
    "Database",
    "Money",
    "StoreScoped",
    "TenantOwned",
    "Timestamped",
    "UtcDateTime",
    "enum_column",
    "insert_sentinel",
    "json_column",
]
