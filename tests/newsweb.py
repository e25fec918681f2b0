"""Test material for feeds and web pages: news articles written for these tests, rendered as
realistic article pages (navigation, bylines, JSON-LD, footers) and as RSS 2.0 / Atom feeds.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Story:
    """One article: headline, byline, date and paragraphs."""

    slug: str
    title: str
    author: str
    published: str  # ISO 8601
    paragraphs: tuple[str, ...]
    summary: str = ""
    updated: str | None = None
    tags: tuple[str, ...] = field(default_factory=tuple)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


PORT_STRIKE = Story(
    slug="port-strike-talks",
    title="Dockworkers and port operators resume talks as strike enters second week",
    author="Hannah Okafor",
    published="2026-05-14T07:45:00+00:00",
    summary="Negotiators returned to the table on Wednesday after a week of stalled cargo.",
    paragraphs=(
        "Negotiators for the dockworkers' union and the association of port operators returned "
        "to the bargaining table on Wednesday, eight days after a strike halted most container "
        "traffic through the country's three largest harbours.",
        "The talks, brokered by the federal mediation service, are the first face-to-face "
        "meeting since the union walked out over automation plans and a wage offer it called "
        "insulting. Neither side would say how long the session was expected to last.",
        '"We are here because our members want a fair deal, not because we are tired," said '
        "Teresa Lindqvist, the union's chief negotiator, as she arrived at the mediation "
        'offices. "Nobody should mistake our presence for a retreat."',
        "The operators' association said in a statement that it had brought a revised proposal "
        "covering job guarantees for workers whose roles are affected by automated cranes. A "
        "spokesman, Daniel Reyes, declined to describe the wage component of the offer.",
        "The strike has left more than 140 vessels waiting at anchor, according to harbour "
        "authority figures, and retailers have warned of empty shelves if the stoppage lasts "
        "into next month. The transport minister, Grace Mbeki, said on Tuesday that the "
        "government was prepared to appoint a binding arbitrator if the talks failed.",
        "Economists at the national bank estimated that each week of the strike cuts about 0.1 "
        "percentage points from quarterly growth, mostly through delayed exports of machinery "
        "and farm produce. Farmers' groups said perishable shipments were already being lost.",
        "A vote by union members on any tentative agreement would take at least three days to "
        "organise, officials said, meaning cargo is unlikely to move normally before next week "
        "even if a deal is reached quickly.",
    ),
)

DROUGHT = Story(
    slug="reservoir-levels-drought",
    title="Reservoir levels fall to a 30-year low as the region's drought deepens",
    author="Marco Bellini",
    published="2026-05-13T16:20:00+00:00",
    summary="Water managers are weighing restrictions on irrigation and garden hoses.",
    paragraphs=(
        "Water stored in the region's reservoirs has fallen to 38 percent of capacity, the "
        "lowest level recorded for mid-May in three decades, the regional water authority "
        "said on Tuesday.",
        "The authority's board will meet on Friday to consider a ban on garden hoses and a cut "
        "of up to a fifth in allocations for irrigation, measures last imposed in 1995. Farm "
        "groups have asked for compensation if allocations are reduced.",
        '"We are not yet in an emergency, but we are closer than anyone would like," said '
        "Amara Duval, the authority's director of operations. She said rainfall since January "
        "had reached barely half of the long-term average.",
        "Hydrologists at the state university said that even a wet June would not refill the "
        "reservoirs before the summer peak in demand. They urged the authority to speed up "
        "repairs to leaking mains, which lose an estimated 17 percent of treated water.",
        "Several towns in the upland districts have already asked residents to limit showers "
        "and to stop washing cars. Municipal pools will open as planned, officials said, but "
        "with reduced hours.",
    ),
)

TRANSIT_LEVY = Story(
    slug="council-transit-levy",
    title="City council delays vote on transit levy after heated public hearing",
    author="Priya Raman",
    published="2026-05-12T21:05:00+00:00",
    summary="Councillors postponed the decision by two weeks to study a revised funding plan.",
    paragraphs=(
        "The city council postponed a vote on a proposed transit levy late on Monday after a "
        "public hearing that ran past midnight, with more than 90 residents signing up to "
        "speak for or against the measure.",
        "The levy, a 0.3 percent addition to the local sales tax, would pay for new bus lanes "
        "and longer service hours on the light-rail line. Supporters said it was the only way "
        "to keep fares stable; opponents said it would fall hardest on low-income families.",
        '"This is too important to rush through at one in the morning," said councillor '
        "Joanna Whitfield, who proposed the delay. The council will take up the question again "
        "in two weeks, after staff prepare a revised plan that exempts groceries.",
        "Mayor Samuel Achebe, who backs the levy, said he was disappointed but confident the "
        "measure would pass. If approved, it would go to voters in the November election.",
    ),
)

STORIES = (PORT_STRIKE, DROUGHT, TRANSIT_LEVY)


def updated_version(story: Story) -> Story:
    """The same story lightly edited later: one paragraph added, one sentence reworded."""
    paragraphs = list(story.paragraphs)
    paragraphs[1] = paragraphs[1].replace(
        "Neither side would say", "Neither side was willing to say"
    )
    paragraphs.insert(
        4,
        "Late on Wednesday the mediation service said the two sides had agreed to keep talking "
        "on Thursday, the first sign of progress since the walkout began.",
    )
    return replace(
        story,
        paragraphs=tuple(paragraphs),
        updated="2026-05-14T19:30:00+00:00",
        title=story.title.replace("resume talks", "resume talks, agree to meet again"),
    )


def wire_copy(story: Story) -> Story:
    """The story as another outlet runs it from the wire: dateline and credit line added."""
    first = "HARBOUR CITY (Wire) — " + story.paragraphs[0]
    credit = "This article was distributed by the national news wire."
    return replace(story, paragraphs=(first, *story.paragraphs[1:], credit))


def article_page(
    story: Story,
    *,
    outlet: str,
    url: str,
    paywall: bool = False,
    charset: str = "utf-8",
) -> str:
    """A news article page as outlets serve them, with chrome around the article."""
    esc = html.escape
    shown = story.paragraphs[:1] if paywall else story.paragraphs
    body = "\n".join(f"      <p>{esc(p)}</p>" for p in shown)
    if paywall:
        body += (
            '\n      <div class="paywall"><h3>Subscribe to continue reading</h3>'
            "<p>Already a subscriber? Log in.</p></div>"
        )
    free = "false" if paywall else "true"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="{charset}">
  <title>{esc(story.title)} | {esc(outlet)}</title>
  <meta name="author" content="{esc(story.author)}">
  <meta property="og:site_name" content="{esc(outlet)}">
  <meta property="og:title" content="{esc(story.title)}">
  <meta property="og:url" content="{esc(url)}">
  <meta property="article:published_time" content="{story.published}">
  <link rel="canonical" href="{esc(url)}">
  <script type="application/ld+json">
  {{"@context": "https://schema.org", "@type": "NewsArticle",
    "headline": "{esc(story.title)}", "datePublished": "{story.published}",
    "author": {{"@type": "Person", "name": "{esc(story.author)}"}},
    "publisher": {{"@type": "Organization", "name": "{esc(outlet)}"}},
    "isAccessibleForFree": "{free}"}}
  </script>
</head>
<body>
  <header class="site-header">
    <a href="/" class="logo">{esc(outlet)}</a>
    <nav><ul><li><a href="/world">World</a></li><li><a href="/business">Business</a></li>
    <li><a href="/climate">Climate</a></li><li><a href="/opinion">Opinion</a></li></ul></nav>
    <a href="/subscribe" class="cta">Subscribe</a>
  </header>
  <main>
    <article>
      <h1>{esc(story.title)}</h1>
      <p class="byline">By <span class="author">{esc(story.author)}</span> ·
        <time datetime="{story.published}">{story.published[:10]}</time></p>
{body}
    </article>
    <aside class="related"><h2>More news</h2><ul>
      <li><a href="/a">Markets close higher</a></li>
      <li><a href="/b">Weather for the weekend</a></li>
    </ul></aside>
  </main>
  <footer><p>© 2026 {esc(outlet)}. All rights reserved.</p>
    <a href="/privacy">Privacy</a> · <a href="/terms">Terms</a></footer>
</body>
</html>
"""


def section_front(outlet: str) -> str:
    """A page with navigation and headlines but no article."""
    links = "".join(
        f'<li><a href="/story/{s.slug}">{html.escape(s.title)}</a></li>' for s in STORIES
    )
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>World | {outlet}</title>
</head><body><header><a href="/">{outlet}</a><nav><a href="/world">World</a>
<a href="/business">Business</a></nav></header><main><h1>World</h1><ul>{links}</ul></main>
<footer>© 2026 {outlet}</footer></body></html>"""


def rss_feed(
    title: str, site: str, items: list[tuple[Story, str]], *, full_text: bool = False
) -> str:
    """An RSS 2.0 feed; each item is (story, link). With ``full_text``, content:encoded."""
    esc = html.escape
    parts = []
    for story, link in items:
        content = ""
        if full_text:
            inner = "".join(f"<p>{esc(p)}</p>" for p in story.paragraphs)
            content = f"<content:encoded><![CDATA[{inner}]]></content:encoded>"
        stamp = story.updated or story.published
        parts.append(
            f"""    <item>
      <title>{esc(story.title)}</title>
      <link>{esc(link)}</link>
      <guid isPermaLink="false">{esc(site)}/{story.slug}</guid>
      <dc:creator>{esc(story.author)}</dc:creator>
      <pubDate>{_rfc822(story.published)}</pubDate>
      <atom:updated>{stamp}</atom:updated>
      <description>{esc(story.summary)}</description>
      {content}
    </item>"""
        )
    items_xml = "\n".join(parts)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>{esc(title)}</title>
    <link>{esc(site)}</link>
    <description>Latest news from {esc(title)}</description>
    <language>en</language>
{items_xml}
  </channel>
</rss>
"""


def atom_feed(title: str, site: str, items: list[tuple[Story, str]]) -> str:
    """An Atom feed whose entries carry the full text as HTML content."""
    esc = html.escape
    entries = []
    for story, link in items:
        inner = esc("".join(f"<p>{esc(p)}</p>" for p in story.paragraphs))
        entries.append(
            f"""  <entry>
    <title>{esc(story.title)}</title>
    <link rel="alternate" href="{esc(link)}"/>
    <id>tag:{esc(site)},2026:{story.slug}</id>
    <published>{story.published}</published>
    <updated>{story.updated or story.published}</updated>
    <author><name>{esc(story.author)}</name></author>
    <summary>{esc(story.summary)}</summary>
    <content type="html">{inner}</content>
  </entry>"""
        )
    body = "\n".join(entries)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>{esc(title)}</title>
  <link href="{esc(site)}"/>
  <id>{esc(site)}/</id>
  <updated>2026-05-14T20:00:00Z</updated>
{body}
</feed>
"""


def _rfc822(iso: str) -> str:
    from datetime import datetime
    from email.utils import format_datetime

    return format_datetime(datetime.fromisoformat(iso))
