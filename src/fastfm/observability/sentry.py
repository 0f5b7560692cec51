"""Error tracking with Sentry (the optional ``sentry`` extra), on when a DSN is set.

Only unhandled errors are reported, from the one 500 handler, tagged with the request
id, method and route template. No personal data is sent (``send_default_pii=False``),
request headers are not attached, and ``before_send`` drops any header or variable
that looks like a credential that still made it into an event.
"""

from __future__ import annotations

import logging
from typing import Any

from fastfm.config import Settings
from fastfm.observability.logging import REDACTED, SECRET_KEY_PATTERN

logger = logging.getLogger(__name__)
_enabled = False


def configure_sentry(settings: Settings, transport: Any = None) -> bool:
    """Start the Sentry client when ``FASTFM_SENTRY_DSN`` is set; ``True`` if it runs."""
    global _enabled
    if settings.sentry_dsn is None:
        return False
    try:
        import sentry_sdk
        from sentry_sdk.integrations.logging import LoggingIntegration
    except ImportError:
        logger.warning("FASTFM_SENTRY_DSN is set but sentry-sdk is not installed")
        return False
    sentry_sdk.init(
        dsn=settings.sentry_dsn.get_secret_value(),
        environment=settings.sentry_environment or settings.env.value,
        send_default_pii=False,
        # Reported explicitly from the 500 handler; no integration that patches the
        # web framework, and log records become breadcrumbs, not events.
        auto_enabling_integrations=False,
        integrations=[LoggingIntegration(event_level=None)],
        include_local_variables=False,
        before_send=scrub_event,
        transport=transport,
    )
    _enabled = True
    return True


def shutdown_sentry() -> None:
    """Send what is queued and stop the client (at the end of the app's lifespan)."""
    global _enabled
    if not _enabled:
        return
    import sentry_sdk

    sentry_sdk.flush(timeout=2.0)
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)
    _enabled = False


def report_exception(exc: BaseException, tags: dict[str, str]) -> None:
    """Send ``exc`` to Sentry (if enabled) with ``tags``."""
    if not _enabled:
        return
    import sentry_sdk

    with sentry_sdk.new_scope() as scope:
        for name, value in tags.items():
            scope.set_tag(name, value)
        scope.capture_exception(exc)


def scrub_event(event: Any, _: Any) -> Any:
    """Drop credentials anywhere under ``request`` and ``extra`` before an event leaves."""
    for section in ("request", "extra", "contexts"):
        if section in event:
            event[section] = _scrub(event[section])
    return event


def _scrub(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: REDACTED if isinstance(k, str) and SECRET_KEY_PATTERN.search(k) else _scrub(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    return value
