"""The health probes of the parts the settings selected: the store (read every time), the language model and the
call provider (asked at most once a minute, never spending a token or placing a call)."""

from __future__ import annotations

from functools import partial

from salesbot.analysis import CallAnalyst
from salesbot.scripts import ScriptWriter
from salesbot.services.health import HealthService, Probe
from salesbot.settings import Settings
from salesbot.storage import CallStore
from salesbot.telephony import Telephony

OUTSIDE_CACHE_S = 60.0  # a load balancer probing every few seconds reaches OpenAI and Bland once a minute at most


def build_health(
    settings: Settings, store: CallStore, writer: ScriptWriter, analyst: CallAnalyst, telephony: Telephony
) -> HealthService:
    from salesbot.llm.probe import check_model

    def model_probe(name: str, kind: str) -> Probe:
        if kind.startswith("openai") and settings.uses_openai:
            return Probe(name, kind, partial(check_model, settings), OUTSIDE_CACHE_S)
        return Probe(name, kind, None)

    telephony_check = (
        getattr(getattr(telephony, "client", None), "check", None) if telephony.dials_real_phones else None
    )
    return HealthService([
        Probe("store", _store_kind(store), partial(store.find_customers, "", 1), 0.0, required=True),
        model_probe("script_writer", writer.name),
        model_probe("analyser", analyst.name),
        Probe("telephony", telephony.name, telephony_check, OUTSIDE_CACHE_S),
    ])  # fmt: skip


def _store_kind(store: CallStore) -> str:
    return "supabase" if store.description.lower().startswith("supabase") else store.description.split()[0].lower()
