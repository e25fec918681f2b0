"""What ingesting one file, record, page or feed entry did: the outcome every reader reports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Status = Literal["added", "updated", "unchanged", "duplicate", "failed"]
STATUSES: tuple[Status, ...] = ("added", "updated", "unchanged", "duplicate", "failed")


@dataclass(frozen=True)
class Outcome:
    """What happened to one input (``reason`` says why for failures and copies)."""

    origin: str
    status: Status
    title: str | None = None
    article_id: str | None = None
    reason: str = ""
