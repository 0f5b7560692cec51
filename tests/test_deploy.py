"""The container files say what the README promises (no Docker engine runs here; `make
lint` validates them against their schemas and with hadolint and actionlint)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]


def _yaml(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = YAML(typ="safe").load((ROOT / name).read_text())
    return loaded


def test_dockerfile_is_multi_stage_non_root_with_a_healthcheck() -> None:
    text = (ROOT / "Dockerfile").read_text()
    assert len(re.findall(r"^FROM .+ AS \w+$", text, re.MULTILINE)) == 2
    assert "uv sync --frozen --no-dev" in text
    user = re.findall(r"^USER (\S+)$", text, re.MULTILINE)
    assert user
    assert user[-1].split(":")[0] not in ("root", "0")
    assert re.search(r"^HEALTHCHECK .+/healthz", text, re.MULTILINE | re.DOTALL)
    assert "fastfm serve" in text
    assert "--workers" in text


def test_compose_stack() -> None:
    compose = _yaml("docker-compose.yml")
    services = compose["services"]
    assert set(services) >= {"api", "worker", "postgres", "redis", "migrate"}
    for name, service in services.items():
        assert "healthcheck" in service, name
    assert services["api"]["deploy"]["replicas"] == 2
    assert services["api"]["depends_on"]["migrate"]["condition"] == (
        "service_completed_successfully"
    )
    assert services["migrate"]["command"] == ["fastfm", "db", "upgrade"]
    # The worker runs the jobs; the API only enqueues them.
    assert services["worker"]["command"][:2] == ["fastfm", "worker"]
    assert services["api"]["environment"]["FASTFM_JOBS_IN_PROCESS"] == "false"
    # Secrets come from the environment, never from the file.
    api_env = services["api"]["environment"]
    assert api_env["FASTFM_SECRET_KEY"].startswith("${FASTFM_SECRET_KEY:?")
    assert "${POSTGRES_PASSWORD:?" in services["postgres"]["environment"]["POSTGRES_PASSWORD"]


def test_ci_workflow_runs_lint_and_tests_with_services() -> None:
    workflow = _yaml(".github/workflows/ci.yml")
    job = workflow["jobs"]["test"]
    assert set(job["services"]) == {"postgres", "redis"}
    commands = [step.get("run") for step in job["steps"]]
    assert "make lint" in commands
    assert "make test" in commands
    assert job["env"]["CI"] == "true"
