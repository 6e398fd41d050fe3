"""The Supabase store's leases: which process does a piece of shared work (a look-up, an analysis) until when."""

from __future__ import annotations

from salesbot.storage.supabase_base import SupabaseBase


class SupabaseLeases(SupabaseBase):
    """Claimed by claim_lease (a migration): one conditional upsert, on the database's clock, so app servers whose
    clocks disagree still agree on who holds what."""

    def claim_lease(self, name: str, holder: str, seconds: float) -> bool:
        p_lease = {"name": name, "holder": holder, "seconds": seconds}
        response = self._run("claim lease", lambda: self.client.rpc("claim_lease", {"p_lease": p_lease}).execute())
        return response.data is True

    def release_lease(self, name: str, holder: str) -> None:
        self._run(
            "release lease",
            lambda: self.client.table("work_leases").delete().eq("name", name).eq("holder", holder).execute(),
        )
