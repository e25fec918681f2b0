"""Story grouping: same event together, a similar but different event apart, everyone placed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.bootstrap import App
from bot.core.analysis import Entity
from bot.core.stories import entity_keys, entity_similarity, group_stories
from bot.core.story_linkage import average_linkage

QUAKE_WIRE = """Earthquake kills dozens in northern Peru

A magnitude 7.1 earthquake struck the Amazonas region of northern Peru on Sunday, killing at \
least 34 people, Peru's civil defence agency said.

President Dina Boluarte flew to Chachapoyas to visit survivors as rescuers searched collapsed \
adobe houses.
"""

QUAKE_PAPER = """Peru quake death toll rises as rescuers dig through rubble

Rescue teams in Chachapoyas pulled more bodies from the rubble on Monday, a day after a \
strong earthquake shook the Amazonas region of Peru.

Boluarte promised emergency funds for the families who lost their homes in the quake.
"""

QUAKE_ELSEWHERE = """Strong earthquake shakes western Turkey

A magnitude 6.2 earthquake hit Izmir province in western Turkey on Thursday, damaging \
buildings and injuring at least 20 people, Turkey's disaster agency AFAD said.

Residents of Izmir spent the night outdoors, fearing aftershocks.
"""

ELECTION = """Voters in Oslo elect a new city council

Turnout in the Oslo municipal election reached 68 percent on Monday, and the Labour party \
won the most seats on the city council.
"""


def ingest(app: App, folder: Path, files: dict[str, str]) -> dict[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    report = app.ingestor.ingest_paths([folder])
    assert report.count("added") == len(files), report.outcomes
    return {Path(o.origin).name: str(o.article_id) for o in report.outcomes}


@pytest.fixture
def quake_app(app: App, tmp_path: Path) -> tuple[App, dict[str, str]]:
    ids = ingest(
        app,
        tmp_path / "news",
        {
            "wire.txt": QUAKE_WIRE,
            "paper.txt": QUAKE_PAPER,
            "turkey.txt": QUAKE_ELSEWHERE,
            "oslo.txt": ELECTION,
        },
    )
    return app, ids


def test_two_reports_of_one_event_share_a_story(quake_app: tuple[App, dict[str, str]]) -> None:
    app, ids = quake_app

    stories = group_stories(app.services.store)

    together = [{a.id for a in story.articles} for story in stories]
    assert {ids["wire.txt"], ids["paper.txt"]} in together


def test_a_similar_event_elsewhere_is_its_own_story(quake_app: tuple[App, dict[str, str]]) -> None:
    app, ids = quake_app

    stories = group_stories(app.services.store)

    alone = [story for story in stories if len(story.articles) == 1]
    assert {story.articles[0].id for story in alone} == {ids["turkey.txt"], ids["oslo.txt"]}


def test_every_article_in_exactly_one_story_most_covered_first(
    quake_app: tuple[App, dict[str, str]],
) -> None:
    app, ids = quake_app

    stories = group_stories(app.services.store)

    placed = [a.id for story in stories for a in story.articles]
    assert sorted(placed) == sorted(ids.values())
    sizes = [len(story.articles) for story in stories]
    assert sizes == sorted(sizes, reverse=True)
    assert stories[0].title in {
        "Earthquake kills dozens in northern Peru",
        "Peru quake death toll rises as rescuers dig through rubble",
    }


def test_an_empty_store_has_no_stories(app: App) -> None:
    assert group_stories(app.services.store) == []


def test_average_linkage_does_not_chain() -> None:
    # a~b and b~c are close, a and c are not: single linkage would join all three.
    similarity = np.array([[1.0, 0.6, 0.1], [0.6, 1.0, 0.6], [0.1, 0.6, 1.0]])

    assert average_linkage(similarity, 0.5) == [[0, 1], [2]]
    assert average_linkage(similarity, 0.3) == [[0, 1, 2]]
    assert average_linkage(similarity, 0.7) == [[0], [1], [2]]


def test_average_linkage_matches_a_plain_implementation() -> None:
    rng = np.random.default_rng(3)
    points = rng.normal(size=(40, 5))
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    similarity = points @ points.T

    assert average_linkage(similarity, 0.4) == plain_average_linkage(similarity, 0.4)


def plain_average_linkage(similarity: np.ndarray, threshold: float) -> list[list[int]]:
    groups = [[i] for i in range(len(similarity))]
    while len(groups) > 1:
        best, pair = -np.inf, (0, 0)
        for i in range(len(groups)):
            for j in range(i + 1, len(groups)):
                score = similarity[np.ix_(groups[i], groups[j])].mean()
                if score > best:
                    best, pair = score, (i, j)
        if best < threshold:
            break
        i, j = pair
        groups[i] = groups[i] + groups.pop(j)
    return sorted((sorted(g) for g in groups), key=lambda g: g[0])


def test_entity_names_are_normalised_and_dates_ignored() -> None:
    found = entity_keys(
        [
            Entity("the Kremlin", "ORG", 0, 11),
            Entity("Kremlin's", "ORG", 20, 29),
            Entity("Monday", "DATE", 40, 46),
            Entity("Dina  Boluarte", "PERSON", 50, 64),
        ]
    )

    assert found == {"kremlin", "dina boluarte"}


def test_rare_shared_names_count_more_than_common_ones() -> None:
    bags = [
        frozenset({"peru", "boluarte"}),
        frozenset({"peru", "boluarte"}),
        frozenset({"peru", "turkey"}),
        frozenset({"peru", "oslo"}),
    ]

    similarity = entity_similarity(bags)

    assert similarity[0, 1] == pytest.approx(1.0)
    assert similarity[0, 2] < 0.2
    assert similarity[2, 3] < 0.2


def test_the_general_briefing_groups_the_same_event_into_one_story(
    app: App, tmp_path: Path
) -> None:
    from bot.bootstrap import recent_story_groups

    texts = {"a.txt": QUAKE_WIRE, "b.txt": QUAKE_PAPER, "c.txt": QUAKE_ELSEWHERE, "d.txt": ELECTION}
    ids = ingest(app, tmp_path / "news", texts)
    assert app.services.story_groups is recent_story_groups
    groups = [set(group) for group in recent_story_groups(app.services.store)]
    assert {ids["a.txt"], ids["b.txt"]} in groups
    assert len(groups) == 3
