"""Every kind of job and the handler that runs it."""

from __future__ import annotations

from fastfm.jobs.execution import Handler


def handlers() -> dict[str, Handler]:
    """The handlers by kind (imported here, so the job domain depends on no feature)."""
    from fastfm.integrations.spotify.importer import IMPORT_KIND, run_import

    return {IMPORT_KIND: run_import}
