"""The SQLite store's leases: which process does a piece of shared work (a look-up, an analysis) until when."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from salesbot.storage.sqlite_base import SQLiteBase, utc_text


class SQLiteLeases(SQLiteBase):
    """Claimed inside BEGIN IMMEDIATE, so two processes on one file never both win."""

    def claim_lease(self, name: str, holder: str, seconds: float) -> bool:
        now = datetime.now(UTC)
        with self._write() as conn:
            row = conn.execute("SELECT holder, expires_at FROM work_leases WHERE name = ?", (name,)).fetchone()
            if row is not None and row["holder"] != holder and row["expires_at"] > utc_text(now):
                return False
            conn.execute(
                "INSERT INTO work_leases (name, holder, expires_at) VALUES (?, ?, ?) ON CONFLICT (name)"
                " DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at",
                (name, holder, utc_text(now + timedelta(seconds=seconds))),
            )
            return True

    def release_lease(self, name: str, holder: str) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM work_leases WHERE name = ? AND holder = ?", (name, holder))
