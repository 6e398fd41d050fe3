"""The SQLite store's customers and their script versions."""

from __future__ import annotations

from typing import Any

from salesbot.errors import NotFound
from salesbot.models import Customer, CustomerInput, SalesScript
from salesbot.search.terms import customer_terms, like_literal
from salesbot.storage import rows
from salesbot.storage.sqlite_base import SQLiteBase, now_text


class SQLiteCustomers(SQLiteBase):
    """Customers (saved by name and number, found by words or digits) and script versions."""

    # customers -------------------------------------------------------------
    def save_customer(self, customer: CustomerInput, created_by: str = "") -> Customer:
        values = tuple(rows.customer_values(customer).values())
        with self._write() as conn:
            row = conn.execute(
                "SELECT id FROM customers WHERE lower(name) = lower(?) AND phone_e164 = ?",
                (customer.name, customer.phone_e164),
            ).fetchone()
            if row:
                customer_id = int(row["id"])
                conn.execute(
                    "UPDATE customers SET name=?, country_code=?, phone_number=?, phone_e164=?, email=?,"
                    " conversation_history=?, topics=? WHERE id=?",
                    (*values, customer_id),
                )
            else:
                cur = conn.execute(
                    "INSERT INTO customers (name, country_code, phone_number, phone_e164, email,"
                    " conversation_history, topics, created_at, created_by) VALUES (?,?,?,?,?,?,?,?,?)",
                    (*values, now_text(), created_by),
                )
                customer_id = int(cur.lastrowid or 0)
        return self.get_customer(customer_id)

    def get_customer(self, customer_id: int) -> Customer:
        found = self._read("SELECT * FROM customers WHERE id = ?", (customer_id,))
        if not found:
            raise NotFound(f"Customer {customer_id} no longer exists.")
        return rows.customer(found[0])

    def find_customers(self, query: str, limit: int = 20) -> list[Customer]:
        """One query: newest first (by id) over the primary key, matching rows until the limit is reached."""
        words, digits = customer_terms(query)
        clauses: list[str] = []
        params: list[Any] = []
        if words:
            clauses.append("(" + " AND ".join(["unicode_lower(name) LIKE ? ESCAPE '\\'"] * len(words)) + ")")
            params += [f"%{like_literal(w.lower())}%" for w in words]
        if digits:
            clauses.append("phone_e164 LIKE ?")
            params.append(f"%{digits}%")
        condition = f" WHERE {' OR '.join(clauses)}" if clauses else ""
        found = self._read(f"SELECT * FROM customers{condition} ORDER BY id DESC LIMIT ?", (*params, max(limit, 0)))
        return [rows.customer(r) for r in found]

    # scripts ---------------------------------------------------------------
    def add_script(self, customer_id: int, script: str, writer: str, created_by: str = "") -> SalesScript:
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO sales_scripts (customer_id, script, writer, created_at, created_by) VALUES (?,?,?,?,?)",
                (customer_id, script, writer, now_text(), created_by),
            )
            script_id = int(cur.lastrowid or 0)
        return self.get_script(script_id)

    def get_script(self, script_id: int) -> SalesScript:
        found = self._read("SELECT * FROM sales_scripts WHERE id = ?", (script_id,))
        if not found:
            raise NotFound(f"Script version {script_id} no longer exists.")
        return rows.script(found[0])

    def list_scripts(self, customer_id: int) -> list[SalesScript]:
        found = self._read("SELECT * FROM sales_scripts WHERE customer_id = ? ORDER BY id DESC", (customer_id,))
        return [rows.script(r) for r in found]
