"""Which budget a request spends, and the configured limits of each."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from limits import RateLimitItem, parse

from fastfm.config import Settings

API_PREFIX = "/api/"
AUTH_PREFIX = "/api/v1/auth/"
SEARCH_PREFIX = "/api/v1/search"
GRAPHQL_PATH = "/graphql"
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class Budget(StrEnum):
    READ = "read"
    WRITE = "write"
    SEARCH = "search"
    AUTH = "auth"


def budget_for(method: str, path: str, query_string: bytes) -> Budget | None:
    """The budget a request spends; ``None`` for routes outside the API (probes, docs)."""
    if not path.startswith(API_PREFIX):
        return Budget.READ if path == GRAPHQL_PATH else None
    if path.startswith(AUTH_PREFIX):
        return Budget.AUTH
    if path.startswith(SEARCH_PREFIX):
        return Budget.SEARCH
    if method in READ_METHODS:
        if query_string and (query_string.startswith(b"q=") or b"&q=" in query_string):
            return Budget.SEARCH
        return Budget.READ
    return Budget.WRITE


@dataclass(frozen=True)
class Budgets:
    """The parsed limit of each budget, per user and per client address."""

    per_user: dict[Budget, RateLimitItem]
    per_address: dict[Budget, RateLimitItem]

    @classmethod
    def from_settings(cls, settings: Settings) -> Budgets:
        return cls(
            per_user={
                Budget.READ: parse(settings.rate_limit_user_read),
                Budget.WRITE: parse(settings.rate_limit_user_write),
                Budget.SEARCH: parse(settings.rate_limit_user_search),
                Budget.AUTH: parse(settings.rate_limit_user_auth),
            },
            per_address={
                Budget.READ: parse(settings.rate_limit_address_read),
                Budget.WRITE: parse(settings.rate_limit_address_write),
                Budget.SEARCH: parse(settings.rate_limit_address_search),
                Budget.AUTH: parse(settings.rate_limit_address_auth),
            },
        )
