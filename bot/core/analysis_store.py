"""Writing and reading ingest-time analysis (see ``analysis.py``) in the store's SQLite file.

Each analysis step that stores rows adds its table to ``ANALYSIS_TABLES`` and its rows to
:func:`write_analysis`; every such table has an ``article_id`` column with ``ON DELETE
CASCADE``, so removing an article removes its analysis too.
"""

from __future__ import annotations

import sqlite3

from bot.core.analysis import Analysis, Entity, MatterMention, Quote, Sentence
from bot.core.vectors import write_vectors

ANALYSIS_TABLES: tuple[str, ...] = (
    "sentences",
    "entities",
    "open_matters",
    "quotes",
    "sentence_vectors",
)
"""Tables holding per-article analysis rows, cleared before an article is analysed again."""


def write_analysis(conn: sqlite3.Connection, article_id: str, analysis: Analysis) -> None:
    """Replace an article's analysis rows inside the caller's transaction."""
    for table in ANALYSIS_TABLES:
        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
    conn.executemany(
        "INSERT INTO sentences (article_id, idx, text, char_start, char_end)"
        " VALUES (?, ?, ?, ?, ?)",
        [(article_id, s.index, s.text, s.char_start, s.char_end) for s in analysis.sentences],
    )
    conn.executemany(
        "INSERT INTO entities (article_id, text, label, char_start, char_end)"
        " VALUES (?, ?, ?, ?, ?)",
        [(article_id, e.text, e.label, e.char_start, e.char_end) for e in analysis.entities],
    )
    conn.executemany(
        "INSERT INTO open_matters (article_id, sentence, char_start, char_end, head, head_class,"
        " kind, label, modifiers, state, signals, stance, who, count, time_ref)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(article_id, *matter_row(m)) for m in analysis.matters],
    )
    conn.executemany(
        "INSERT INTO quotes (article_id, idx, grp, kind, text, speaker, speaker_key,"
        " speaker_kind, mention, role, cue, char_start, char_end, cue_start, cue_end)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(article_id, i, *_quote_row(q)) for i, q in enumerate(analysis.quotes)],
    )
    conn.execute("UPDATE articles SET analysis = ? WHERE id = ?", (analysis.version, article_id))
    write_vectors(conn, article_id, analysis)


def read_sentences(conn: sqlite3.Connection, article_id: str) -> list[Sentence]:
    """An article's sentences, in order."""
    rows = conn.execute(
        "SELECT idx, text, char_start, char_end FROM sentences WHERE article_id = ? ORDER BY idx",
        (article_id,),
    )
    return [Sentence(r["idx"], r["text"], r["char_start"], r["char_end"]) for r in rows]


def read_entities(conn: sqlite3.Connection, article_id: str) -> list[Entity]:
    """An article's named entities, in order of appearance."""
    rows = conn.execute(
        "SELECT text, label, char_start, char_end FROM entities WHERE article_id = ?"
        " ORDER BY char_start, id",
        (article_id,),
    )
    return [Entity(r["text"], r["label"], r["char_start"], r["char_end"]) for r in rows]


def matter_row(m: MatterMention) -> tuple[object, ...]:
    """The ``open_matters`` columns after ``article_id`` for one mention."""
    return (
        m.sentence_index,
        m.char_start,
        m.char_end,
        m.head,
        m.head_class,
        m.kind,
        m.label,
        " ".join(m.modifiers),
        m.state,
        ",".join(m.signals),
        m.stance,
        m.who,
        m.count,
        m.when,
    )


def read_matters(conn: sqlite3.Connection, article_id: str) -> list[MatterMention]:
    """An article's open-matter mentions, in order."""
    rows = conn.execute(
        "SELECT * FROM open_matters WHERE article_id = ? ORDER BY sentence, id", (article_id,)
    )
    return [matter_from_row(r) for r in rows]


def matter_from_row(r: sqlite3.Row) -> MatterMention:
    """A mention from an ``open_matters`` row."""
    return MatterMention(
        head=r["head"],
        head_class=r["head_class"],
        kind=r["kind"],
        label=r["label"],
        modifiers=tuple(r["modifiers"].split()),
        sentence_index=r["sentence"],
        char_start=r["char_start"],
        char_end=r["char_end"],
        state=r["state"],
        signals=tuple(s for s in r["signals"].split(",") if s),
        stance=r["stance"],
        who=r["who"],
        count=r["count"],
        when=r["time_ref"],
    )


def _quote_row(q: Quote) -> tuple[object, ...]:
    return (
        q.group,
        q.kind,
        q.text,
        q.speaker,
        q.speaker_key,
        q.speaker_kind,
        q.mention,
        q.role,
        q.cue,
        q.char_start,
        q.char_end,
        q.cue_start,
        q.cue_end,
    )


def read_quotes(conn: sqlite3.Connection, article_id: str) -> list[Quote]:
    """An article's quotes, in order of appearance."""
    rows = conn.execute("SELECT * FROM quotes WHERE article_id = ? ORDER BY idx", (article_id,))
    return [quote_from_row(r) for r in rows]


def quote_from_row(r: sqlite3.Row) -> Quote:
    """A :class:`Quote` from a row of the ``quotes`` table."""
    return Quote(
        text=r["text"],
        kind=r["kind"],
        speaker=r["speaker"],
        speaker_key=r["speaker_key"],
        speaker_kind=r["speaker_kind"],
        mention=r["mention"],
        role=r["role"],
        cue=r["cue"],
        char_start=r["char_start"],
        char_end=r["char_end"],
        cue_start=r["cue_start"],
        cue_end=r["cue_end"],
        group=r["grp"],
    )
