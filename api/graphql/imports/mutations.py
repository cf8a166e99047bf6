"""The file import mutation: the same import as `peihuo import`, for the portal and integrations."""

from __future__ import annotations

import base64
import binascii
import tempfile
from pathlib import Path
from typing import Annotated

import strawberry

from api.graphql.context import Info
from api.graphql.errors import UserError, mutate
from api.graphql.imports.types import (
    DataImportInput,
    DataImportPayload,
    FileRowErrorType,
    FileRowWarningType,
)
from api.graphql.permissions import Authenticated
from domain.bulk.rows import RowsRejected, RowWarning
from domain.errors import ErrorCode, Invalid
from domain.imports.service import import_table, kind_named, open_table
from domain.imports.tabular import TableError, format_of

MAX_FILE_BYTES = 32 * 1024 * 1024
FIELD = "input.contentBase64"


def _decode(text: str) -> bytes:
    try:
        content = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise Invalid("contentBase64", "not base64") from None
    if len(content) > MAX_FILE_BYTES:
        raise Invalid("contentBase64", f"files hold at most {MAX_FILE_BYTES // 2**20} MiB")
    if not content:
        raise Invalid("contentBase64", "the file is empty", ErrorCode.REQUIRED)
    return content


def _warnings(warnings: list[RowWarning]) -> list[FileRowWarningType]:
    return [FileRowWarningType(row=w.row, column=w.field, message=w.message) for w in warnings]


async def _content(input: DataImportInput) -> bytes:
    """The file's bytes: a multipart upload (`file`, for files past the request body limit)
    or base64 in the JSON request (`contentBase64`), exactly one of them."""
    if (input.file is None) == (input.content_base64 is None):
        raise Invalid(
            "file",
            "send the file once: as a multipart upload (file) or base64 (contentBase64)",
            ErrorCode.REQUIRED,
        )
    if input.content_base64 is not None:
        return _decode(input.content_base64)
    read = getattr(input.file, "read", None)
    data = await read(MAX_FILE_BYTES + 1) if read is not None else None
    if not isinstance(data, bytes):
        raise Invalid("file", "send the file as a multipart upload")
    if len(data) > MAX_FILE_BYTES:
        raise Invalid("file", f"files hold at most {MAX_FILE_BYTES // 2**20} MiB")
    if not data:
        raise Invalid("file", "the file is empty", ErrorCode.REQUIRED)
    return data


def _refused(
    rejected: RowsRejected | None, errors: list[UserError], field: str = FIELD
) -> DataImportPayload:
    rows = rejected.rows if rejected else []
    return DataImportPayload(
        rows=0,
        created=0,
        updated=0,
        counted="rows",
        written=False,
        row_errors=[
            FileRowErrorType(row=e.row, column=e.field, code=e.code, message=e.message)
            for e in rows
        ],
        row_warnings=_warnings(rejected.warnings if rejected else []),
        user_errors=[
            UserError(
                field=field,
                code=e.code,
                message=f"row {e.row}" + (f", {e.field}" if e.field else "") + f": {e.message}",
            )
            for e in rows
        ]
        or [
            UserError(
                field=field if e.field == "input.file" else e.field, code=e.code, message=e.message
            )
            for e in errors
        ],
    )


@strawberry.type
class ImportMutations:
    """File imports."""

    @strawberry.mutation(
        description=(
            "Import a CSV or XLSX file of stores, products, stock or sales: every row is checked "
            "first, then all are written or, if any is bad, none (with every bad row reported)."
        ),
        permission_classes=[Authenticated],
    )
    async def data_import(
        self,
        info: Info,
        input: Annotated[DataImportInput, strawberry.argument(description="The file.")],
    ) -> DataImportPayload:
        rejected: list[RowsRejected] = []

        async def run() -> DataImportPayload:
            kind = kind_named(input.kind.name.lower())
            name = Path(input.file_name).name
            try:
                suffix = format_of(Path(name))
            except TableError as error:
                raise Invalid("fileName", str(error)) from None
            content = await _content(input)
            with tempfile.TemporaryDirectory() as folder:
                path = Path(folder) / f"upload{suffix}"
                path.write_bytes(content)
                try:
                    result = await import_table(
                        info.context.session,
                        info.context.actor,
                        kind,
                        open_table(path),
                        write=not input.dry_run,
                        source=f"graphql:{name}",
                    )
                except RowsRejected as error:
                    rejected.append(error)
                    raise
            return DataImportPayload(
                rows=result.rows,
                created=result.created,
                updated=result.updated,
                counted=result.counted,
                written=result.written,
                row_errors=[],
                row_warnings=_warnings(result.warnings),
                user_errors=[],
            )

        def failed(errors: list[UserError]) -> DataImportPayload:
            base64_only = input.content_base64 is not None and input.file is None
            field = FIELD if base64_only else "input.file"
            return _refused(rejected[0] if rejected else None, errors, field)

        return await mutate(info, run, failed, prefix="input")
