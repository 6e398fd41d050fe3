"""The composition root's adapters: the store and the telephony the settings select."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from salesbot.bootstrap.llm_parts import model_rehearsal
from salesbot.settings import Settings
from salesbot.telephony import Telephony

if TYPE_CHECKING:  # heavy adapters load only when their backend is used
    from salesbot.storage.sqlite import SQLiteStore
    from salesbot.storage.supabase_store import SupabaseStore


def open_store(settings: Settings) -> SQLiteStore | SupabaseStore:
    """SQLite, or Supabase when SUPABASE_URL and SUPABASE_KEY are set."""
    if settings.uses_supabase:
        from salesbot.storage.supabase_store import SupabaseStore

        return SupabaseStore(settings.supabase_url, settings.supabase_key)
    from salesbot.storage.sqlite import SQLiteStore

    return SQLiteStore(settings.db_path)


def build_telephony(settings: Settings, clock: Callable[[], datetime]) -> Telephony:
    """Bland when BLAND_API_KEY is set, else simulated calls (played by the rehearsal model when OpenAI is set)."""
    if settings.uses_bland:
        from salesbot.telephony.bland import BlandTelephony
        from salesbot.telephony.bland_client import BlandClient

        client = BlandClient(settings.bland_api_key, settings.bland_base_url, read_timeout_s=settings.bland_timeout_s)
        return BlandTelephony(
            client,
            settings.bland_voice,
            settings.bland_max_duration_min,
            settings.bland_from_number,
            clock=clock,
            webhook_url=settings.bland_webhook_url,
        )
    from salesbot.playbook.facts import OfferFacts
    from salesbot.telephony.simulated import SimulatedTelephony

    facts = OfferFacts.parse(settings.offer_facts)
    rehearsal = model_rehearsal(settings, clock, facts) if settings.uses_openai else None
    return SimulatedTelephony(
        speed=settings.sim_speed, clock=clock, persona=settings.sim_persona or None, facts=facts, rehearsal=rehearsal
    )
