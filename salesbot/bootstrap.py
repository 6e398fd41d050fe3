"""The one place that builds the app's parts from settings; tests pass their own parts instead."""

from __future__ import annotations

import logging

from salesbot.analysis import CallAnalyst
from salesbot.scripts import ScriptWriter
from salesbot.service import SalesDesk
from salesbot.settings import Settings
from salesbot.storage import CallStore
from salesbot.telephony import Telephony

log = logging.getLogger(__name__)


def configure_logging(level: str) -> None:
    root = logging.getLogger("salesbot")
    root.setLevel(level)
    if not root.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.propagate = False


def build_desk(settings: Settings) -> SalesDesk:
    """Wire the store, script writer and telephony that the settings select."""
    configure_logging(settings.log_level)
    from salesbot.analysis.offline import OfflineCallAnalyst
    from salesbot.scripts.offline import OfflineScriptWriter
    from salesbot.storage.sqlite import SQLiteStore
    from salesbot.telephony.simulated import SimulatedTelephony

    store: CallStore
    if settings.uses_supabase:
        from salesbot.storage.supabase_store import SupabaseStore

        store = SupabaseStore(settings.supabase_url, settings.supabase_key)
    else:
        store = SQLiteStore(settings.db_path)
    offline_writer = OfflineScriptWriter(settings.agent_name, settings.company, settings.offer)
    offline_analyst = OfflineCallAnalyst()
    writer: ScriptWriter = offline_writer
    analyst: CallAnalyst = offline_analyst
    if settings.uses_openai:
        from salesbot.analysis.llm import LLMCallAnalyst
        from salesbot.llm import build_chat_model
        from salesbot.scripts.llm_writer import LLMScriptWriter

        writer = LLMScriptWriter(
            build_chat_model(settings), settings.openai_model, settings.agent_name, settings.company, settings.offer
        )
        analyst = LLMCallAnalyst(build_chat_model(settings, streaming=False), settings.openai_model)
    telephony: Telephony = SimulatedTelephony(speed=settings.sim_speed)
    if settings.uses_bland:
        from salesbot.telephony.bland import BlandTelephony
        from salesbot.telephony.bland_client import BlandClient

        client = BlandClient(settings.bland_api_key, settings.bland_base_url, read_timeout_s=settings.bland_timeout_s)
        telephony = BlandTelephony(
            client, settings.bland_voice, settings.bland_max_duration_min, settings.bland_from_number
        )
    desk = SalesDesk(
        store,
        writer,
        telephony,
        analyst,
        offline_writer=offline_writer,
        offline_analyst=offline_analyst,
        number_allowed=settings.number_allowed,
    )
    log.info("salesbot ready: %s", desk.backends)
    return desk
