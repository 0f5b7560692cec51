"""The fuzzer's figures, kept for the terminal summary (``pytest_terminal_summary``)."""

from __future__ import annotations

import pytest

from tests.fuzz.harness import Figures

FIGURES: list[Figures] = []


def write_summary(terminal: pytest.TerminalReporter) -> None:
    if not FIGURES:
        return
    terminal.section("schemathesis")
    for figures in FIGURES:
        terminal.write_line(figures.line())
