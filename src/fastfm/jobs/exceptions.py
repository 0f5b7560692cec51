"""Errors of the job domain: what a caller sees, and what a handler raises to say how it ended."""

from __future__ import annotations

from fastfm.errors import NotFound


class JobNotFound(NotFound):
    code = "job_not_found"
    detail = "Job not found"


class JobFailed(Exception):
    """A handler's permanent failure: the job fails at once with this message as its error."""


class JobRetryable(Exception):
    """A transient failure: the job is tried again later, until its attempts run out."""
