"""The per-user budgets, spent once a request's access token is verified."""

from __future__ import annotations

from fastapi import Request

from fastfm.errors import TooManyRequests
from fastfm.observability import metrics
from fastfm.ratelimit.budgets import Budgets
from fastfm.ratelimit.limiter import RateLimiter
from fastfm.ratelimit.middleware import STATE_KEY, RequestBudget


class UserRateLimited(TooManyRequests):
    code = "rate_limited"


async def spend_user_budget(request: Request, user_id: int) -> None:
    """Count this request against ``user_id``'s budget; 429 when it is used up."""
    spent: RequestBudget | None = request.scope.get("state", {}).get(STATE_KEY)
    budgets: Budgets | None = getattr(request.app.state, "rate_limit_budgets", None)
    limiter: RateLimiter | None = getattr(request.app.state, "rate_limiter", None)
    if spent is None or budgets is None or limiter is None:
        return
    item = budgets.per_user[spent.budget]
    decision = await limiter.hit(item, spent.budget, "user", str(user_id))
    spent.record(decision)
    if not decision.allowed:
        metrics.RATE_LIMITED.labels(spent.budget.value, "user").inc()
        # The middleware adds the RateLimit-* headers to this response too.
        raise UserRateLimited(
            decision.reset_after, f"Too many {spent.budget.value} requests; try again later"
        )
