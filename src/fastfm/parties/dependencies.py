"""The process's party runtime, for routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from fastfm.parties.runtime import PartyRuntime


def get_runtime(request: Request) -> PartyRuntime:
    runtime: PartyRuntime = request.app.state.parties
    return runtime


RuntimeDep = Annotated[PartyRuntime, Depends(get_runtime)]
