"""The client address behind trusted proxies, the per-address budgets, and the
RateLimit-* headers on every API response."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fastfm.observability import metrics
from fastfm.ratelimit.budgets import Budget, Budgets, budget_for
from fastfm.ratelimit.limiter import Decision, RateLimiter

STATE_KEY = "rate_limit"
_FORWARDED_FOR = b"x-forwarded-for"
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass
class RequestBudget:
    """What one request spends, and the tightest decision made for it so far."""

    budget: Budget
    decision: Decision | None = None

    def record(self, decision: Decision) -> None:
        if self.decision is None or decision.remaining < self.decision.remaining:
            self.decision = decision


def parse_networks(entries: Iterable[str]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries)


def _trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def forwarded_client(peer: str, header: bytes, networks: tuple[Network, ...]) -> str:
    """The client address: from right to left, the first hop that is not a trusted proxy."""
    if not _trusted(peer, networks):
        return peer
    hops = [hop.strip() for hop in header.decode("latin-1").split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, networks):
            return hop
    return hops[0] if hops else peer


def rate_limit_headers(decision: Decision) -> list[tuple[bytes, bytes]]:
    return [
        (b"ratelimit-limit", str(decision.limit).encode()),
        (b"ratelimit-remaining", str(decision.remaining).encode()),
        (b"ratelimit-reset", str(decision.reset_after).encode()),
    ]


def too_many_body(budget: Budget) -> bytes:
    return orjson.dumps(
        {"detail": f"Too many {budget.value} requests; try again later", "code": "rate_limited"}
    )


class RateLimitMiddleware:
    """Resolve the client address, spend its budget, and answer 429 when it is used up.

    The per-user budgets are spent once the access token is verified (see
    ``fastfm.ratelimit.service.spend_user_budget``); the headers report the tighter one.
    """

    def __init__(
        self, app: ASGIApp, *, budgets: Budgets | None, trusted_proxies: tuple[Network, ...]
    ) -> None:
        self.app = app
        self.budgets = budgets
        self.trusted_proxies = trusted_proxies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.trusted_proxies and scope.get("client"):
            for name, value in scope["headers"]:
                if name == _FORWARDED_FOR:
                    peer, port = scope["client"]
                    scope["client"] = (forwarded_client(peer, value, self.trusted_proxies), port)
                    break
        budget = budget_for(scope["method"], scope["path"], scope["query_string"])
        # No limiter before the app's lifespan has started (an app called without it).
        limiter: RateLimiter | None = getattr(scope["app"].state, "rate_limiter", None)
        if budget is None or self.budgets is None or limiter is None:
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        address = client[0] if client else "unknown"
        spent = RequestBudget(budget)
        scope.setdefault("state", {})[STATE_KEY] = spent
        decision = await limiter.hit(self.budgets.per_address[budget], budget, "address", address)
        spent.record(decision)
        if not decision.allowed:
            metrics.RATE_LIMITED.labels(budget.value, "address").inc()
            await send_too_many(send, budget, decision)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start" and spent.decision is not None:
                message["headers"] = [
                    *message.get("headers", []),
                    *rate_limit_headers(spent.decision),
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def send_too_many(send: Send, budget: Budget, decision: Decision) -> None:
    body = too_many_body(budget)
    await send(
        {
            "type": "http.response.start",
            "status": 429,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"retry-after", str(decision.reset_after).encode()),
                *rate_limit_headers(decision),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
