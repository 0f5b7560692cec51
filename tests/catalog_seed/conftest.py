"""Seed tests use the profile's database directly and leave it empty afterwards."""

from __future__ import annotations

import pytest
from fastapi import FastAPI

from tests.conftest import Profile


@pytest.fixture
async def db(app: FastAPI, profile: Profile) -> Profile:
    """The profile, emptied after the test (the ``app`` fixture resets every table)."""
    return profile
