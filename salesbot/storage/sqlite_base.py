"""The SQLite store's footing: opening and migrating the file, a connection per operation, reads and writes."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from salesbot.errors import StorageError
from salesbot.storage import CallChanges, rows, sqlite_schema

log = logging.getLogger(__name__)
T = TypeVar("T")


def column_values(changes: CallChanges) -> dict[str, Any]:
    """A change as SQLite column values: the JSON columns as text."""
    values = rows.call_changes(changes)
    for column in ("utterances", "analysis", "objections"):
        if column in values:
            values[column] = json.dumps(values[column])
    return values


def explain(error: sqlite3.Error) -> str | None:
    """What failed, in plain words, for the failures an operator can act on (None: the store's general message)."""
    text = str(error).lower()
    if "disk is full" in text or ("disk i/o error" in text and "full" in text):
        return "The disk holding the call history is full, so nothing could be saved. Free some space and try again."
    if "readonly" in text or "read-only" in text:
        return "The call history's file is read-only, so nothing could be saved. Check its permissions."
    if "unable to open" in text:
        return "The call history's file cannot be opened. Check SALESBOT_DB_PATH and its folder."
    if "locked" in text or "busy" in text:
        return "The call history is busy with another write. Try again in a moment."
    return None


def now_text() -> str:
    return datetime.now(UTC).isoformat()


def utc_text(moment: datetime) -> str:
    """A time as the stored text (UTC ISO 8601), so text order is time order; naive times are taken as UTC."""
    return (moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat()


def _unicode_lower(text: str | None) -> str | None:
    """lower() for every script (SQLite's own lower() and LIKE fold ASCII only), as PostgreSQL's ILIKE does."""
    return text.lower() if isinstance(text, str) else text


class SQLiteBase:
    """A SQLite file in WAL mode, opened and migrated once; a connection per operation keeps it thread-safe."""

    def __init__(self, path: Path | str, busy_timeout_s: float = 15.0) -> None:
        self.path = Path(path)
        self.description = "SQLite"
        self._timeout = busy_timeout_s
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as conn:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.executescript(sqlite_schema.SCHEMA)
                conn.execute("BEGIN IMMEDIATE")  # one process migrates a file; others wait and find it done
                try:
                    sqlite_schema.migrate(conn)
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
        except (OSError, sqlite3.Error) as e:
            log.error("cannot open the SQLite store at %s: %s", self.path, e)
            raise StorageError(f"The database file {self.path} cannot be opened: {e}.") from e

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.path, timeout=self._timeout, isolation_level=None)
        try:
            conn.row_factory = sqlite3.Row
            conn.create_function("unicode_lower", 1, _unicode_lower, deterministic=True)
            conn.execute(f"PRAGMA busy_timeout={int(self._timeout * 1000)}")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            yield conn
        finally:
            conn.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that takes the lock up front, so it waits instead of failing."""
        try:
            with self._connect() as conn:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
        except sqlite3.IntegrityError as e:
            raise StorageError(f"That change conflicts with stored data ({e}).") from e
        except sqlite3.Error as e:
            log.error("SQLite write failed: %s", e)
            raise StorageError(explain(e)) from e

    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        try:
            with self._connect() as conn:
                return conn.execute(sql, params).fetchall()
        except sqlite3.Error as e:
            log.error("SQLite read failed: %s", e)
            raise StorageError(explain(e)) from e

    def _query(self, run: Callable[[sqlite3.Connection], T]) -> T:
        try:
            with self._connect() as conn:
                return run(conn)
        except sqlite3.Error as e:
            log.error("SQLite query failed: %s", e)
            raise StorageError(explain(e)) from e
