"""The README's settings table names every setting with its real default, and its code
layout names every package and module of ``src/fastfm``."""

from __future__ import annotations

import re
from pathlib import Path

from fastfm.config import Settings

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
PACKAGE = ROOT / "src" / "fastfm"
ROW = re.compile(r"^\| `FASTFM_([A-Z_]+)` \| (.+?) \| .+ \|$")
DESCRIBED_DEFAULTS = {"generated", "unset", "empty"}


def _table() -> dict[str, str]:
    rows = (ROW.match(line) for line in README.read_text().splitlines())
    return {m.group(1).lower(): m.group(2).strip("`") for m in rows if m}


def test_every_setting_is_in_the_readme_and_nothing_else() -> None:
    assert set(_table()) == set(Settings.model_fields)


def test_readme_defaults_are_the_real_defaults() -> None:
    for name, documented in _table().items():
        field = Settings.model_fields[name]
        default = field.get_default(call_default_factory=True)
        if documented in DESCRIBED_DEFAULTS:
            assert default in (None, [], ""), name
        elif name == "database_url":
            assert default == ""
            assert documented.endswith("data/fastfm.db")
        else:
            assert documented == str(getattr(default, "value", default)), name


def _layout_names() -> set[str]:
    text = README.read_text()
    block = text.split("## Code layout", 1)[1].split("```", 2)[1]
    return {match.group(1) for match in re.finditer(r"^  (\S+)", block, re.MULTILINE)}


def test_the_code_layout_lists_every_package_and_module_as_it_is() -> None:
    actual = {f"{p.name}/" for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    actual |= {p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"}
    assert _layout_names() == actual
