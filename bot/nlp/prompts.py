"""Prompt templates for the generative summarisers, loaded by name from ``prompts/``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from string import Template

PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"
"""The project's ``prompts/`` folder (``./prompts`` when the package is installed elsewhere)."""


class PromptError(Exception):
    """A prompt template is missing or unusable."""


@dataclass(frozen=True)
class Prompts:
    """A map template (one chunk of articles) and a reduce template (partial briefings)."""

    name: str
    map: Template
    reduce: Template

    def render(
        self, template: Template, *, articles: str, max_words: int, topic: str | None
    ) -> str:
        """Fill a template's ``$articles``, ``$max_words``, ``$sentences`` and ``$focus``."""
        return template.safe_substitute(
            articles=articles,
            max_words=max_words,
            sentences=max(1, min(6, round(max_words / 25))),
            focus=f"Focus on: {topic}." if topic else "",
        )


def load_prompts(name: str, folder: Path | None = None) -> Prompts:
    """``NAME.txt`` and, if present, ``NAME_reduce.txt`` from ``folder``.

    Raises:
        PromptError: the name is not a plain file name, the file is missing, or it has no
            ``$articles`` placeholder.
    """
    if folder is None:
        folder = PROMPTS_DIR if PROMPTS_DIR.is_dir() else Path("prompts")
    if not name or Path(name).name != name or name.startswith("."):
        raise PromptError(f"prompt name {name!r} must be a plain file name in {folder}")
    path = folder / f"{name}.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PromptError(f"prompt {name!r}: cannot read {path} ({exc.strerror})") from None
    reduce_path = folder / f"{name}_reduce.txt"
    reduce_text = reduce_path.read_text(encoding="utf-8") if reduce_path.is_file() else text
    for label, body in ((path, text), (reduce_path, reduce_text)):
        if "$articles" not in body:
            raise PromptError(f"prompt {label} has no $articles placeholder")
    return Prompts(name, Template(text), Template(reduce_text))
