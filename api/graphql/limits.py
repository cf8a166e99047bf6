"""Limits on GraphQL documents, and who may introspect the schema.

Every check here is bounded by the document's size, so a hostile document costs little time
on the event loop:

- size: a document over `graphql_max_document_chars` characters (whitespace and comments
  included) is refused before it is read further;
- tokens: every token counts, comments included; the count stops at the limit;
- depth and aliases: counted over the parsed document, fragments expanded (each fragment
  measured once, so a fragment that spreads another twice, over and over, costs no more than
  its text); unknown fragments and cycles are left to the standard rules, which refuse them;
- an empty selection set (`{ me { } }`) is a syntax error;
- introspection (`__schema`, `__type`) only for signed-in callers, unless
  `graphql_public_introspection` opens it.

The validation rules are classes built once per schema (`DocumentLimits.build`), not per
request.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    Lexer,
    OperationDefinitionNode,
    SelectionSetNode,
    Source,
    TokenKind,
    ValidationContext,
    ValidationRule,
)
from graphql.error import GraphQLSyntaxError
from graphql.language import SKIP
from strawberry.extensions import SchemaExtension


class DocumentTooLarge(GraphQLError):
    """A document over the size or token limit (refused before it is parsed)."""


def check_size(query: str, max_chars: int, max_tokens: int) -> None:
    """Refuse a document over `max_chars` characters or `max_tokens` tokens (comments count)."""
    if len(query) > max_chars:
        raise DocumentTooLarge(
            f"Document too large: {len(query)} characters, at most {max_chars} allowed."
        )
    lexer = Lexer(Source(query))
    token = lexer.token
    count = 0
    try:
        while token.kind != TokenKind.EOF:
            # read_next_token returns comments too, which lookahead() would skip.
            token = token.next or lexer.read_next_token(token.end)
            if token.kind == TokenKind.EOF:
                break
            count += 1
            if count > max_tokens:
                raise DocumentTooLarge(
                    f"Document too large: more than {max_tokens} tokens (comments count)."
                )
    except GraphQLSyntaxError:
        return  # the parser reports it, at its place


class NonEmptySelections(ValidationRule):
    """`{ me { } }`: a selection set must select something (the grammar says so)."""

    def enter_selection_set(self, node: SelectionSetNode, *_: Any) -> None:
        if not node.selections:
            self.report_error(
                GraphQLError("Syntax Error: Expected Name, found '}'.", [node]),
            )


INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})


class SignedInIntrospection(ValidationRule):
    """Added for callers who are not signed in: `__schema` and `__type` are refused
    (`__typename` is not introspection of the schema and stays allowed)."""

    def enter_field(self, node: FieldNode, *_: Any) -> Any:
        if node.name.value in INTROSPECTION_FIELDS:
            self.report_error(
                GraphQLError(
                    f"Introspection ('{node.name.value}') requires signing in.",
                    [node],
                    extensions={"code": "UNAUTHENTICATED"},
                )
            )
            return SKIP
        return None


@dataclass
class _Shape:
    depth: int
    aliases: int


class _Measure:
    """Depth and alias count of a document, each fragment measured once."""

    def __init__(self, document: DocumentNode) -> None:
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.measured: dict[str, _Shape] = {}
        self.open: set[str] = set()

    def selections(self, node: SelectionSetNode | None) -> _Shape:
        shape = _Shape(0, 0)
        if node is None:
            return shape
        for selection in node.selections:
            if isinstance(selection, FieldNode):
                inner = (
                    _Shape(0, 0)
                    if selection.name.value.startswith("__")
                    else self.selections(selection.selection_set)
                )
                depth = 1 + inner.depth if selection.selection_set else 0
                aliases = inner.aliases + (1 if selection.alias else 0)
            elif isinstance(selection, InlineFragmentNode):
                inner = self.selections(selection.selection_set)
                depth, aliases = inner.depth, inner.aliases
            elif isinstance(selection, FragmentSpreadNode):
                inner = self.fragment(selection.name.value)
                depth, aliases = inner.depth, inner.aliases
            else:  # pragma: no cover - no other selection kind
                continue
            shape = _Shape(max(shape.depth, depth), shape.aliases + aliases)
        return shape

    def fragment(self, name: str) -> _Shape:
        """A fragment's shape. Fragments are measured in dependency order without recursion
        (a chain of hundreds of fragments must not exhaust the stack)."""
        if name in self.measured:
            return self.measured[name]
        if name not in self.fragments or name in self.open:
            return _Shape(0, 0)  # unknown or a cycle: the standard rules refuse both
        stack = [name]
        while stack:
            top = stack[-1]
            if top in self.measured:
                stack.pop()
                continue
            if top not in self.open:
                self.open.add(top)
                stack.extend(
                    d
                    for d in _spreads(self.fragments[top].selection_set)
                    if d in self.fragments and d not in self.measured and d not in self.open
                )
                continue
            # Every fragment it spreads is measured now (or is on a cycle).
            self.measured[top] = self.selections(self.fragments[top].selection_set)
            self.open.discard(top)
            stack.pop()
        return self.measured[name]


def _spreads(node: SelectionSetNode) -> list[str]:
    """The names of the fragments spread anywhere within a selection set."""
    names: list[str] = []
    pending = [node]
    while pending:
        for selection in pending.pop().selections:
            if isinstance(selection, FragmentSpreadNode):
                names.append(selection.name.value)
            elif isinstance(selection, (FieldNode, InlineFragmentNode)) and selection.selection_set:
                pending.append(selection.selection_set)
    return names


def shape_rule(max_depth: int, max_aliases: int) -> type[ValidationRule]:
    """A validation rule refusing operations deeper than `max_depth` or with more than
    `max_aliases` aliases (fragments expanded)."""

    class OperationShape(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            measure = _Measure(context.document)
            aliases = 0
            for definition in context.document.definitions:
                if not isinstance(definition, OperationDefinitionNode):
                    continue
                shape = measure.selections(definition.selection_set)
                aliases += shape.aliases
                if shape.depth > max_depth:
                    name = definition.name.value if definition.name else "anonymous"
                    context.report_error(
                        GraphQLError(
                            f"'{name}' exceeds maximum operation depth of {max_depth}",
                            [definition],
                        )
                    )
            if aliases > max_aliases:
                context.report_error(
                    GraphQLError(f"{aliases} aliases found. Allowed: {max_aliases}")
                )

    return OperationShape


class DocumentLimits(SchemaExtension):
    """Applies the limits to each operation (an instance per request; the rules are shared)."""

    max_chars: int = 100_000
    max_tokens: int = 5000
    rules: tuple[type[ValidationRule], ...] = ()

    @classmethod
    def build(
        cls,
        max_chars: int,
        max_tokens: int,
        max_depth: int,
        max_aliases: int,
    ) -> type[DocumentLimits]:
        """The extension class for a set of limits, its rule classes made here, once."""
        return type(
            "ConfiguredDocumentLimits",
            (cls,),
            {
                "max_chars": max_chars,
                "max_tokens": max_tokens,
                "rules": (NonEmptySelections, shape_rule(max_depth, max_aliases)),
            },
        )

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context
        if context.query is not None and context.graphql_document is None:
            check_size(context.query, self.max_chars, self.max_tokens)
        context.parse_options["max_tokens"] = self.max_tokens
        rules = self.rules
        if not _may_introspect(context.context):
            rules = (*rules, SignedInIntrospection)
        context.validation_rules = (*context.validation_rules, *rules)
        yield


def _may_introspect(context: Any) -> bool:
    """Signed-in callers may; anyone when the setting opens introspection."""
    if getattr(context, "maybe_actor", None) is not None:
        return True
    settings = getattr(context, "settings", None)
    return bool(getattr(settings, "graphql_public_introspection", False))
