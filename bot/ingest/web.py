"""Article pages: main text and metadata (title, author, date, outlet) with trafilatura.

A page that yields no article (a section front, an error page, a paywall teaser) raises
:class:`ExtractError` with the reason; nothing empty is ever stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import trafilatura
from trafilatura.settings import set_date_params

from bot.ingest.documents import extracted_fields, normalise_date
from bot.ingest.records import has_words

MIN_WORDS = 40
"""Fewer words than this is not an article (a teaser, a caption, a cookie notice)."""
PAYWALL_WORDS = 200
"""A page with paywall markers and fewer words than this shows only its teaser."""

_PAYWALL = re.compile(
    r"""["']isAccessibleForFree["']\s*:\s*["']?false"""
    r"""|class\s*=\s*["'][^"']*\b(?:paywall|piano-offer|subscriber-only|premium-content)\b"""
    r"|subscribe (?:now )?to (?:continue|keep) reading|to continue reading,? (?:please )?"
    r"(?:subscribe|log in|sign in)|already a subscriber\?"
    r"|this (?:article|story) is (?:only )?for subscribers",
    re.IGNORECASE,
)


_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"  # the time of day matters when versions are compared


class ExtractError(Exception):
    """The page holds no storable article; ``str()`` says why."""


@dataclass(frozen=True)
class PageArticle:
    """What was read from an article page."""

    title: str
    body: str
    url: str
    outlet: str | None
    author: str | None
    published: str | None


def extract_page(html: str, url: str) -> PageArticle:
    """Extract the main text and metadata of an article page.

    Args:
        html: the page, decoded.
        url: where it was downloaded from (used for relative links and as a fallback outlet).

    Raises:
        ExtractError: no article text, or only a paywall teaser.
    """
    try:
        extracted = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={**set_date_params(False), "outputformat": _DATE_FORMAT},
        )
    except Exception as exc:  # trafilatura raises odd lxml errors on some broken pages
        raise ExtractError(f"the page could not be parsed ({exc})") from None
    found, title, body = extracted_fields(extracted)
    words = len(body.split()) if has_words(body) else 0
    paywalled = _PAYWALL.search(html) is not None
    if paywalled and words < PAYWALL_WORDS:
        raise ExtractError(
            f"paywalled: only a teaser of {words} words is readable without a subscription"
        )
    if words == 0:
        raise ExtractError("no article text found on the page")
    if words < MIN_WORDS:
        raise ExtractError(f"no article found: only {words} words of text (fewer than {MIN_WORDS})")
    return PageArticle(
        title=title or body.split("\n", 1)[0][:120],
        body=body,
        url=_web_url(found.get("url")) or url,
        outlet=_text(found.get("sitename")) or _host(url),
        author=_text(found.get("author")),
        published=_date(found.get("date")),
    )


def _date(value: object) -> str | None:
    """A normalised date; midnight exactly means the page gave a day only."""
    if isinstance(value, str) and value.endswith("T00:00:00+0000"):
        value = value[:10]
    return normalise_date(value)


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    cleaned = " ".join(value.split())
    return cleaned or None


def _web_url(value: object) -> str | None:
    if isinstance(value, str) and urlsplit(value).scheme in ("http", "https"):
        return value
    return None


def _host(url: str) -> str | None:
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    return host or None
