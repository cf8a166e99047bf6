"""GraphQL types of file imports: the kind, the file, and what was written or why not."""

from __future__ import annotations

from enum import Enum

import strawberry
from strawberry.file_uploads import Upload

from api.graphql.errors import UserError
from domain.errors import ErrorCode


@strawberry.enum(name="DataKind", description="What an import file holds.")
class DataKindEnum(Enum):
    """The kinds of domain.imports.service.KINDS."""

    STORES = strawberry.enum_value("stores", description="Stores, one row per store, by code.")
    PRODUCTS = strawberry.enum_value(
        "products", description="Styles and SKUs, one row per SKU, by code."
    )
    STOCK = strawberry.enum_value("stock", description="HQ stock per warehouse × SKU.")
    SALES = strawberry.enum_value("sales", description="Daily sales per store × SKU × day.")


@strawberry.input(description="A CSV (UTF-8) or XLSX file to import; all rows or none are written.")
class DataImportInput:
    """The file and what it holds."""

    kind: DataKindEnum = strawberry.field(description="What the file holds.")
    file_name: str = strawberry.field(
        description="The file's name; its extension (.csv or .xlsx) says the format."
    )
    content_base64: str | None = strawberry.field(
        default=None,
        description="The file's bytes, base64-encoded, in a JSON request (which holds at most "
        "PEIHUO_MAX_BODY_BYTES, 256 KiB by default): or send `file` instead.",
    )
    file: Upload | None = strawberry.field(
        default=None,
        description="The file, sent as a GraphQL multipart request (up to 32 MiB): for files "
        "past the JSON request's limit. Exactly one of `file` and `contentBase64`.",
    )
    dry_run: bool = strawberry.field(default=False, description="Check every row, write nothing.")


@strawberry.type(
    name="FileRowError",
    description="A problem with one row of an imported file; nothing was written.",
)
class FileRowErrorType:
    """One refused row of a file."""

    row: int = strawberry.field(
        description="The row as a spreadsheet numbers it (the header is row 1)."
    )
    column: str | None = strawberry.field(
        description="The column at fault, as named in the header; null for the whole row."
    )
    code: ErrorCode = strawberry.field(description="Machine-readable reason.")
    message: str = strawberry.field(description="Human-readable explanation.")


@strawberry.type(
    name="FileRowWarning",
    description="A cell of an imported file taken as it is that deserves a look (e.g. text a "
    "spreadsheet would run as a formula).",
)
class FileRowWarningType:
    """One warning about one cell."""

    row: int = strawberry.field(
        description="The row as a spreadsheet numbers it (the header is row 1)."
    )
    column: str | None = strawberry.field(description="The column, as named in the header.")
    message: str = strawberry.field(description="What to look at.")


@strawberry.type(description="Result of a file import.")
class DataImportPayload:
    """What was written (or would be, on a dry run), or every bad row."""

    rows: int = strawberry.field(description="Data rows read (0 when refused).")
    created: int = strawberry.field(description="How many of what the rows describe were new.")
    updated: int = strawberry.field(description="How many already existed.")
    counted: str = strawberry.field(
        description="What `created` and `updated` count (stores, styles, stock levels, daily sales)."
    )
    written: bool = strawberry.field(description="Whether anything was written.")
    row_errors: list[FileRowErrorType] = strawberry.field(
        description="Every bad row, with the column at fault."
    )
    row_warnings: list[FileRowWarningType] = strawberry.field(
        description="Cells taken as they are that deserve a look (written or not)."
    )
    user_errors: list[UserError] = strawberry.field(
        description="The same problems (and problems with the file itself) as input errors."
    )
