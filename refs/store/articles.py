"""Articles in the ledger: stable ids, storing an article with its sources, listing and finding them."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from refs.errors import InputError
from refs.model import Article, IngestResult, IngestStatus
from refs.store import sources, works
from refs.store.ledger import Ledger


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:60].strip("-") or "article"


def _article_id(conn: sqlite3.Connection, path: str, stem: str) -> str:
    """A readable id from the file name; a short path hash tells apart same-named files."""
    row = conn.execute("SELECT id FROM articles WHERE path = ?", (path,)).fetchone()
    if row:
        return str(row["id"])
    candidate = _slug(stem)
    taken = conn.execute("SELECT path FROM articles WHERE id = ?", (candidate,)).fetchone()
    if taken is None:
        return candidate
    return f"{candidate}-{hashlib.sha1(path.encode()).hexdigest()[:6]}"


def exists(ledger: Ledger, article_id: str) -> bool:
    return ledger.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None


def require(ledger: Ledger, article_id: str | None) -> None:
    """InputError unless ``article_id`` is None or names an article in the ledger."""
    if article_id is not None and not exists(ledger, article_id):
        raise InputError(f"no article with id {article_id!r} (see 'refs articles')")


def same_as(ledger: Ledger, sha256: str, path: str) -> set[str]:
    """Ids of the articles that are this file: the same content, or the same path."""
    return {str(row[0]) for row in ledger.conn.execute("SELECT id FROM articles WHERE sha256 = ? OR path = ?",
                                                       (sha256, path))}


def holds(ledger: Ledger, sha256: str) -> bool:
    """Whether the ledger holds this content already, with what reading it found (here or under another
    path)."""
    return ledger.conn.execute("SELECT 1 FROM articles WHERE sha256 = ? AND reading_notes IS NOT NULL LIMIT 1",
                               (sha256,)).fetchone() is not None


def unchanged(ledger: Ledger, path: str, sha256: str, shown: Path) -> IngestResult | None:
    """The result of storing again the article at ``path`` when the ledger holds that very content there
    with what reading it found (``shown``: the path its warnings name); None otherwise."""
    row = ledger.conn.execute("SELECT id, n_sources, reading_notes FROM articles WHERE path = ? AND sha256 = ?"
                              " AND reading_notes IS NOT NULL", (path, sha256)).fetchone()
    if row is None:
        return None
    return IngestResult(row["id"], path, IngestStatus.UNCHANGED, row["n_sources"], _n_dois(ledger.conn, row["id"]),
                        [f"{shown}: {message}" for message in _notes(row["reading_notes"])])


def _notes(stored: str) -> list[str]:
    """Stored reading notes, one a line, as a list."""
    return stored.split("\n") if stored else []


def _n_dois(conn: sqlite3.Connection, article_id: str) -> int:
    return int(conn.execute("SELECT COUNT(DISTINCT doi) FROM sources WHERE article_id = ?",
                            (article_id,)).fetchone()[0])


def count(ledger: Ledger) -> int:
    return int(ledger.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])


def ids(ledger: Ledger) -> list[str]:
    """Every article id, sorted."""
    return [str(row[0]) for row in ledger.conn.execute("SELECT id FROM articles ORDER BY id")]


def body(ledger: Ledger, article_id: str) -> tuple[str, int | None] | None:
    """An article's text and the line its reference list starts on, or None when there is no such article."""
    row = ledger.conn.execute("SELECT body, references_line FROM articles WHERE id = ?", (article_id,)).fetchone()
    return None if row is None else (str(row["body"]), row["references_line"])


def claims_digest(ledger: Ledger, article_id: str) -> str | None:
    """The digest of what the article's stored claims were found from (None: not known)."""
    row = ledger.conn.execute("SELECT claims_digest FROM articles WHERE id = ?", (article_id,)).fetchone()
    return None if row is None else row[0]


def remove(ledger: Ledger, article_id: str) -> int:
    """Delete an article with its sources, claims and links, and the works nothing cites any more;
    returns how many sources went with it."""
    require(ledger, article_id)
    with ledger.transaction():
        count = int(ledger.conn.execute("SELECT n_sources FROM articles WHERE id = ?", (article_id,)).fetchone()[0])
        cited = works.of_article(ledger.conn, article_id)
        ledger.conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        works.delete_orphans(ledger.conn, cited)
    return count


def _reading(article: Article) -> list[str]:
    """What reading the article found, as its warnings say it."""
    messages = [*article.unresolved, *article.notes]
    if not article.text.strip():
        messages.append("empty article; ingested with 0 sources")
    return messages


def _stored_reading(conn: sqlite3.Connection, row: sqlite3.Row, article: Article,
                    parse: Callable[[], object] | None) -> list[str]:
    """The warnings of an article the ledger already holds: those stored with it, or (stored before they
    were kept, or given parsed) those of reading it now, kept for the next run."""
    stored = row["reading_notes"]
    if parse is not None and stored is not None:
        return _notes(stored)
    if parse is not None:
        parse()
    messages = _reading(article)
    if stored != "\n".join(messages):
        conn.execute("UPDATE articles SET reading_notes = ? WHERE id = ?", ("\n".join(messages), row["id"]))
    return messages


def save(ledger: Ledger, article: Article, parse: Callable[[], object] | None = None) -> IngestResult:
    """Store an article and its sources in one transaction, replacing an earlier version of the same path.
    ``parse`` reads the article's reference list in place (None: it has been read): it is called only
    when the article is stored, so an article the ledger already holds costs a read and a hash."""
    path = article.location or str(article.path.resolve())
    conn = ledger.conn

    def warned(messages: list[str]) -> list[str]:
        return [f"{article.path}: {message}" for message in messages]

    with ledger.transaction():
        existing = conn.execute("SELECT id, sha256, n_sources, reading_notes FROM articles WHERE path = ?",
                                (path,)).fetchone()
        if existing and existing["sha256"] == article.sha256:
            return IngestResult(existing["id"], path, IngestStatus.UNCHANGED, existing["n_sources"],
                                _n_dois(conn, existing["id"]), warned(_stored_reading(conn, existing, article, parse)))
        twin = conn.execute("SELECT id, path, n_sources, reading_notes FROM articles WHERE sha256 = ? AND path != ?",
                            (article.sha256, path)).fetchone()
        if twin is not None and not existing:
            n_dois = _n_dois(conn, twin["id"])
            warnings = warned(_stored_reading(conn, twin, article, parse))
            if not Path(twin["path"]).is_absolute() or Path(twin["path"]).exists():
                warnings.append(f"{article.path}: same content as article {twin['id']} ({twin['path']}); "
                                "not added twice")
                return IngestResult(twin["id"], path, IngestStatus.DUPLICATE, twin["n_sources"], n_dois, warnings)
            # The file was moved: the article follows it.
            conn.execute("UPDATE articles SET path = ? WHERE id = ?", (path, twin["id"]))
            return IngestResult(twin["id"], path, IngestStatus.UNCHANGED, twin["n_sources"], n_dois, warnings)
        if parse is not None:
            parse()
        reading = _reading(article)
        article_id = _article_id(conn, path, article.path.stem)
        if existing:
            cited = works.of_article(conn, article_id)
            conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            works.delete_orphans(conn, cited)
        conn.execute(
            "INSERT INTO articles (id, path, title, title_source, format, sha256, size_bytes, n_sources,"
            " references_line, body, reading_notes, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (article_id, path, article.title, article.title_source, article.format, article.sha256, article.size,
             len(article.entries), article.references_line, article.text, "\n".join(reading),
             datetime.now(UTC).isoformat(timespec="seconds")),
        )
        sources.insert(conn, article_id, article.entries)
    status = IngestStatus.REPLACED if existing else IngestStatus.ADDED
    n_dois = len({entry.doi for entry in article.entries if entry.doi})
    return IngestResult(article_id, path, status, len(article.entries), n_dois, warned(reading))
