"""Liveness and readiness probes."""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from fastfm.db.session import Database
from fastfm.state import SharedState

router = APIRouter(tags=["health"])
logger = logging.getLogger(__name__)
PROBE_TIMEOUT_SECONDS = 2.0


class Health(BaseModel):
    status: Literal["ok"] = "ok"


class Readiness(BaseModel):
    status: Literal["ok", "unavailable"]
    checks: dict[str, Literal["ok", "down"]]


@router.get("/healthz", summary="Liveness: the process runs")
async def healthz() -> Health:
    """Liveness: 200 while the process runs."""
    return Health()


@router.get(
    "/readyz",
    response_model=Readiness,
    summary="Readiness: the database (and Redis, if configured) answer",
    responses={503: {"model": Readiness, "description": "A backing service is down"}},
)
async def readyz(request: Request) -> Any:
    """Readiness: 200 when every backing service answers, else 503 naming what is down."""
    database: Database = request.app.state.database
    shared: SharedState = request.app.state.shared
    checks: dict[str, Literal["ok", "down"]] = {"database": await _probe(database.ping())}
    if shared.redis is not None:
        checks["redis"] = await _probe(shared.redis.ping())
    if all(v == "ok" for v in checks.values()):
        return Readiness(status="ok", checks=checks)
    body = Readiness(status="unavailable", checks=checks).model_dump()
    return JSONResponse(body, status_code=503)


async def _probe(check: object) -> Literal["ok", "down"]:
    try:
        await asyncio.wait_for(check, PROBE_TIMEOUT_SECONDS)  # type: ignore[arg-type]
    except Exception:
        logger.warning("readiness probe failed", exc_info=True)
        return "down"
    return "ok"
