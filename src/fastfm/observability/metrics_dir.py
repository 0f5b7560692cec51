"""The folder of one server run's metric samples (importable before prometheus-client)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"


def prepare_run_directory(configured: Path | None) -> tuple[Path, bool]:
    """The folder for this server run's samples, emptied; and whether to remove it at exit.

    ``configured`` (``FASTFM_METRICS_DIR``) is emptied and kept; otherwise a fresh
    temporary folder is made for the run and removed when it ends.
    """
    if configured is None:
        return Path(tempfile.mkdtemp(prefix="fastfm-metrics-")), True
    configured.mkdir(parents=True, exist_ok=True)
    for entry in configured.glob("*.db"):
        entry.unlink()
    return configured, False


def remove_run_directory(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
