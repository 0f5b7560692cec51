"""What one query may ask for: depth, aliases, tokens, page sizes and an estimated cost.

Depth (10), aliases and tokens are checked by Strawberry's validators. The cost is
estimated before execution from the document and its variables: each field costs 1,
and a field with a ``limit`` multiplies what is under it by that limit (20 when not
given), a short list (a song's artists, genres, credits) by 5. A query
over ``MAX_COST`` is refused whole, with a GraphQL error, before anything is loaded.
"""

from __future__ import annotations

from collections.abc import Generator, Mapping
from typing import Any

from strawberry.extensions import SchemaExtension

from fastfm.kit.ids import MAX_OFFSET
from graphql import (
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
)

MAX_DEPTH = 10
MAX_ALIASES = 15
MAX_TOKENS = 2000
MAX_LIMIT = 100
DEFAULT_LIMIT = 20
MAX_COST = 50_000
# Lists with a ``limit`` (default 20; ``songs`` at the root is a page whose ``items`` its
# limit sizes; an album's ``tracks`` has none, and counts as 20), and the short lists a
# thing has a few of (a song's artists, genres, credits; a playlist's collaborators).
PAGED_FIELDS = frozenset({"tracks", "albums", "songs"})
SHORT_LISTS = frozenset({"artists", "genres", "credits", "collaborators"})
SHORT_LIST_SIZE = 5


def page_args(limit: int, offset: int) -> tuple[int, int]:
    """``limit`` 1..100 and ``offset`` 0..2^31-1, as on every REST list."""
    if not 1 <= limit <= MAX_LIMIT:
        raise GraphQLError(f"limit must be between 1 and {MAX_LIMIT}")
    if not 0 <= offset <= MAX_OFFSET:
        raise GraphQLError(f"offset must be between 0 and {MAX_OFFSET}")
    return limit, offset


def _limit_of(node: FieldNode, variables: Mapping[str, Any]) -> int | None:
    for argument in node.arguments or ():
        if argument.name.value != "limit":
            continue
        value = argument.value
        if isinstance(value, IntValueNode):
            return int(value.value)
        if isinstance(value, VariableNode):
            given = variables.get(value.name.value)
            return given if isinstance(given, int) else None
    return None


class _Estimate:
    def __init__(
        self, fragments: Mapping[str, FragmentDefinitionNode], variables: Mapping[str, Any]
    ):
        self.fragments = fragments
        self.variables = variables

    def selection(self, selection_set: SelectionSetNode | None, depth: int) -> int:
        if selection_set is None:
            return 0
        if depth > MAX_DEPTH + 2:  # deeper is refused by the depth limit anyway
            return MAX_COST + 1
        total = 0
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                total += self.field(node, depth)
            elif isinstance(node, InlineFragmentNode):
                total += self.selection(node.selection_set, depth)
            elif isinstance(node, FragmentSpreadNode):
                fragment = self.fragments.get(node.name.value)
                if fragment is not None:
                    total += self.selection(fragment.selection_set, depth)
            if total > MAX_COST:
                return total
        return total

    def field(self, node: FieldNode, depth: int) -> int:
        children = self.selection(node.selection_set, depth + 1)
        if node.selection_set is None:
            return 1
        limit = _limit_of(node, self.variables)
        if limit is not None:
            size = max(1, min(limit, MAX_LIMIT))
        elif node.name.value in PAGED_FIELDS:
            size = DEFAULT_LIMIT
        elif node.name.value in SHORT_LISTS:
            size = SHORT_LIST_SIZE
        else:
            size = 1
        return 1 + size * children


def estimated_cost(
    definitions: Any, operation_name: str | None, variables: Mapping[str, Any]
) -> int:
    fragments = {d.name.value: d for d in definitions if isinstance(d, FragmentDefinitionNode)}
    operations = [d for d in definitions if isinstance(d, OperationDefinitionNode)]
    estimate = _Estimate(fragments, variables)
    chosen = [
        op
        for op in operations
        if operation_name is None or (op.name and op.name.value == operation_name)
    ]
    return max((estimate.selection(op.selection_set, 1) for op in chosen), default=0)


class QueryCostLimiter(SchemaExtension):
    """Refuses, before execution, a query whose estimated cost is over ``MAX_COST``."""

    def on_execute(self) -> Generator[None, None, None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None:
            cost = estimated_cost(
                document.definitions, context.operation_name, context.variables or {}
            )
            if cost > MAX_COST:
                context.result = ExecutionResult(
                    data=None,
                    errors=[
                        GraphQLError(
                            f"Query cost {cost} is over the limit of {MAX_COST}; "
                            "ask for fewer or smaller lists",
                            extensions={"code": "query_too_costly"},
                        )
                    ],
                )
        yield
