"""``GET /metrics`` on the API (unless ``FASTFM_METRICS_ADDRESS`` moves it elsewhere)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from fastfm.observability import metrics

router = APIRouter(tags=["health"])


@router.get(
    "/metrics",
    summary="Prometheus metrics of every worker",
    response_class=Response,
    responses={
        200: {
            "description": "Prometheus text exposition format",
            "content": {metrics.CONTENT_TYPE: {"schema": {"type": "string"}}},
        }
    },
)
async def read_metrics() -> Response:
    """Request counts and latencies by route, pool, Redis, shuffle and login counters."""
    return Response(metrics.exposition(), media_type=metrics.CONTENT_TYPE)
