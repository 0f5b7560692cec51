"""Imports every model module so ``Base.metadata`` is complete (Alembic, tests)."""

from __future__ import annotations

from fastfm.auth import models as auth_models
from fastfm.db.base import Base
from fastfm.users import models as user_models

__all__ = ["Base", "auth_models", "user_models"]
