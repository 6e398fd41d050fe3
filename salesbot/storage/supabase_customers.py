"""The Supabase store's customers and their script versions."""

from __future__ import annotations

from typing import Any

from salesbot.errors import StorageError
from salesbot.models import Customer, CustomerInput, SalesScript
from salesbot.search.terms import customer_terms, like_literal
from salesbot.storage import rows
from salesbot.storage.supabase_base import SupabaseBase, first_row, is_duplicate


def _or_value(text: str) -> str:
    """A value inside PostgREST's or=(...), double-quoted so commas, dots, colons and parentheses stay data."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class SupabaseCustomers(SupabaseBase):
    """Customers (saved by name and number, found by words or digits) and script versions."""

    # customers -------------------------------------------------------------
    def save_customer(self, customer: CustomerInput, created_by: str = "") -> Customer:
        values = rows.customer_values(customer)

        def existing() -> list[dict[str, Any]]:
            return self._select(
                "customers",
                "find customer",
                lambda q: q.ilike("name", like_literal(customer.name)).eq("phone_e164", customer.phone_e164),
            )

        found = existing()
        if found:
            response = self._run(
                "update customer",
                lambda: self.client.table("customers").update(values).eq("id", found[0]["id"]).execute(),
            )
            return rows.customer(first_row(response.data))
        try:
            row = {**values, "created_by": created_by}  # an update keeps who first saved them
            response = self._run("insert customer", lambda: self.client.table("customers").insert(row).execute())
        except StorageError as e:
            if not is_duplicate(e) or not existing():  # a duplicate: another session inserted it just now
                raise
            return self.save_customer(customer, created_by)
        return rows.customer(first_row(response.data))

    def get_customer(self, customer_id: int) -> Customer:
        return rows.customer(self._one("customers", customer_id, "Customer"))

    def find_customers(self, query: str, limit: int = 20) -> list[Customer]:
        """One request: or=(and(name.ilike."*w1*",...),phone_e164.like."*digits*"), newest id first, limited."""
        if limit <= 0:
            return []
        words, digits = customer_terms(query)
        terms: list[str] = []
        if words:
            names = [f"name.ilike.{_or_value(f'*{like_literal(w)}*')}" for w in words]
            terms.append(names[0] if len(names) == 1 else f"and({','.join(names)})")
        if digits:
            terms.append(f"phone_e164.like.{_or_value(f'*{digits}*')}")

        def build(q: Any) -> Any:
            return (q.or_(",".join(terms)) if terms else q).order("id", desc=True).limit(limit)

        return [rows.customer(r) for r in self._select("customers", "find customers", build)]

    # scripts ---------------------------------------------------------------
    def add_script(self, customer_id: int, script: str, writer: str, created_by: str = "") -> SalesScript:
        row = {"customer_id": customer_id, "script": script, "writer": writer, "created_by": created_by}
        response = self._run("insert script", lambda: self.client.table("sales_scripts").insert(row).execute())
        return rows.script(first_row(response.data))

    def get_script(self, script_id: int) -> SalesScript:
        return rows.script(self._one("sales_scripts", script_id, "Script version"))

    def list_scripts(self, customer_id: int) -> list[SalesScript]:
        found = self._select(
            "sales_scripts", "list scripts", lambda q: q.eq("customer_id", customer_id).order("id", desc=True)
        )
        return [rows.script(r) for r in found]
