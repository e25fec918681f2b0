"""What reading a link or polling a feed did, in a shape commands and the CLI can show."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from bot.core.outcomes import STATUSES as WEB_STATUSES
from bot.core.outcomes import Outcome as WebOutcome
from bot.core.outcomes import Status as WebStatus

__all__ = ["WEB_STATUSES", "UrlReport", "WebOutcome", "WebStatus"]


@dataclass
class UrlReport:
    """The result of reading one link: a page, or a feed and its entries.

    Attributes:
        url: the link as given.
        kind: ``feed`` or ``page``.
        title: the feed's title, or the page's headline.
        outcomes: one per page or entry.
        error: why the link itself could not be read (the feed or page as a whole).
        not_modified: the feed answered ``304 Not Modified`` (nothing to read).
        problem: a non-fatal problem with the feed (e.g. malformed XML read loosely).
    """

    url: str
    kind: Literal["feed", "page"] = "page"
    title: str | None = None
    outcomes: list[WebOutcome] = field(default_factory=list)
    error: str | None = None
    not_modified: bool = False
    problem: str | None = None

    def count(self, status: WebStatus) -> int:
        """How many outcomes have ``status``."""
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> bool:
        """Whether the link, or anything read from it, failed."""
        return self.error is not None or any(o.status == "failed" for o in self.outcomes)

    def summary(self) -> str:
        """Counts per status that occurred, e.g. ``2 added, 1 failed``, or what went wrong."""
        if self.error is not None:
            return f"failed: {self.error}"
        if self.not_modified:
            return "not modified since the last poll"
        counts = Counter(o.status for o in self.outcomes)
        parts = [f"{counts[s]} {s}" for s in WEB_STATUSES if counts.get(s)]
        return ", ".join(parts) or "no entries"
