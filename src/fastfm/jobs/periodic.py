"""Work the runner does on a timetable (``FASTFM_TOKENS_PURGE_CRON``)."""

from __future__ import annotations

import logging
from datetime import timedelta

from fastfm.auth.purge import purge_refresh_tokens
from fastfm.config import Settings
from fastfm.db.base import utcnow
from fastfm.db.session import Database

logger = logging.getLogger(__name__)


async def purge_tokens(settings: Settings, database: Database) -> int:
    """``fastfm tokens purge``, run daily by the job runner."""
    async with database.sessionmaker() as session, session.begin():
        lifetime = timedelta(minutes=settings.access_token_minutes)
        deleted = await purge_refresh_tokens(session, utcnow(), lifetime)
    logger.info("token purge deleted %d refresh-token rows", deleted)
    return deleted
