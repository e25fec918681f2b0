"""bot/core stays platform-neutral and ML-free: no Slack, Discord, transformers, torch or spaCy."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

FORBIDDEN = ("slack_bolt", "slack_sdk", "discord", "transformers", "torch", "spacy")
CORE = ROOT / "bot" / "core"


def _imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_sources_import_no_platform_or_ml_library() -> None:
    offenders = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in CORE.rglob("*.py")
        for name in _imported_modules(path)
        if name.split(".")[0] in FORBIDDEN
    }
    assert not offenders


def test_core_imports_only_core_and_stdlib_packages_from_bot() -> None:
    """Core may use itself, but never adapters, ingest, nlp or the composition root."""
    offenders = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in CORE.rglob("*.py")
        for name in _imported_modules(path)
        if name.startswith("bot.") and not name.startswith("bot.core")
    }
    assert not offenders


def test_importing_all_of_core_loads_no_forbidden_module() -> None:
    """Catches indirect imports (through a third-party package) that the AST walk cannot see."""
    modules = ["bot.core." + p.stem for p in CORE.glob("*.py") if p.stem != "__init__"]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r})\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""


def test_the_checker_sees_a_forbidden_import(tmp_path: Path) -> None:
    """The AST walk finds both import forms, so the guard above can fail."""
    sample = tmp_path / "x.py"
    sample.write_text("import torch\nfrom slack_bolt.app import App\n", encoding="utf-8")
    assert {"torch", "slack_bolt.app"} <= _imported_modules(sample)
