"""The one place that builds the app's parts from settings; tests pass their own parts instead."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from salesbot.analysis import CallAnalyst
from salesbot.clock import utc_now
from salesbot.errors import ConfigError
from salesbot.exports.service import ExportService
from salesbot.scripts import ScriptWriter
from salesbot.services.analysis import CallAnalysisService
from salesbot.services.archive import ArchiveService
from salesbot.services.calls import CallService
from salesbot.services.presenter import PresenterService
from salesbot.settings import Settings
from salesbot.storage import CallStore, HistoryImport
from salesbot.telephony import Telephony

if TYPE_CHECKING:  # heavy adapters load only when their backend is used
    from salesbot.playbook.facts import OfferFacts
    from salesbot.storage.sqlite import SQLiteStore
    from salesbot.storage.supabase_store import SupabaseStore
    from salesbot.telephony.rehearsal import ModelRehearsal

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Capabilities:
    """What the configured backends can do, for pages to word their controls (never a secret)."""

    backends: str  # e.g. "SQLite · offline writer · simulated calls"
    telephony: str  # "simulated", "bland"
    dials_real_phones: bool
    max_minutes: int | None
    sim_speed: float
    poll_seconds: float
    rehearsal_model: str | None = None  # the model that can play simulated calls (None: the rules only)


@dataclass(frozen=True)
class App:
    """Everything the pages and the command line use, wired once."""

    presenter: PresenterService
    calls: CallService
    analysis: CallAnalysisService
    archive: ArchiveService
    exports: ExportService
    capabilities: Capabilities
    store: CallStore


def configure_logging(level: str) -> None:
    root = logging.getLogger("salesbot")
    root.setLevel(level)
    if not root.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.propagate = False


def _describe(store: CallStore, writer: ScriptWriter, telephony: Telephony, rehearsal: str | None = None) -> str:
    written = "offline writer" if writer.name == "offline" else writer.name.replace("openai:", "OpenAI ") + " writer"
    calls = "simulated calls" if not telephony.dials_real_phones else f"{telephony.name.title()} AI calls"
    calls += f" (rules or {rehearsal})" if rehearsal else ""
    return f"{store.description} · {written} · {calls}"


def build_app(
    settings: Settings,
    *,
    store: CallStore | None = None,
    writer: ScriptWriter | None = None,
    telephony: Telephony | None = None,
    analyst: CallAnalyst | None = None,
    clock: Callable[[], datetime] = utc_now,
) -> App:
    """Wire the store, script writer, analyst and telephony the settings select; a part passed in wins."""
    configure_logging(settings.log_level)
    from salesbot.analysis.offline import OfflineCallAnalyst
    from salesbot.scripts.offline import OfflineScriptWriter

    store = store or _store(settings)
    offline_writer = (
        writer
        if isinstance(writer, OfflineScriptWriter)
        else OfflineScriptWriter(settings.agent_name, settings.company, settings.offer, settings.script_line_seconds)
    )
    offline_analyst = analyst if isinstance(analyst, OfflineCallAnalyst) else OfflineCallAnalyst()
    if settings.uses_openai and (writer is None or analyst is None):
        writer = writer or llm_writer(settings)
        analyst = analyst or llm_analyst(settings)
    writer = writer or offline_writer
    analyst = analyst or offline_analyst
    telephony = telephony or _telephony(settings, clock)
    analysis = CallAnalysisService(store, analyst, offline_analyst)
    calls = CallService(
        store,
        telephony,
        analysis,
        clock,
        number_allowed=settings.number_allowed,
        redial_guard=timedelta(minutes=settings.redial_guard_minutes),
        provider_poll_s=settings.provider_poll_seconds,
    )
    rehearsal = _rehearsal_model(telephony)
    capabilities = Capabilities(
        backends=_describe(store, writer, telephony, rehearsal),
        telephony=telephony.name,
        dials_real_phones=telephony.dials_real_phones,
        max_minutes=telephony.max_minutes,
        sim_speed=settings.sim_speed,
        poll_seconds=settings.poll_seconds,
        rehearsal_model=rehearsal,
    )
    app = App(
        presenter=PresenterService(store, writer, calls, offline_writer=offline_writer),
        calls=calls,
        analysis=analysis,
        archive=ArchiveService(store),
        exports=ExportService(store),
        capabilities=capabilities,
        store=store,
    )
    log.info("salesbot ready: %s", capabilities.backends)
    return app


_shared: dict[Settings, App] = {}
_shared_lock = threading.Lock()


def shared_app(settings: Settings) -> App:
    """The App for these settings, built once per process: the pages and the REST API share its services (one
    poller per call, one redial guard, one store connection)."""
    with _shared_lock:
        if settings not in _shared:
            _shared[settings] = build_app(settings)
        return _shared[settings]


def _store(settings: Settings) -> CallStore:
    return _open_store(settings)


def build_demo_store(settings: Settings) -> HistoryImport:
    """The store the settings select, as the seed command uses it (to import demo history)."""
    configure_logging(settings.log_level)
    return _open_store(settings)


def _open_store(settings: Settings) -> SQLiteStore | SupabaseStore:
    if settings.uses_supabase:
        from salesbot.storage.supabase_store import SupabaseStore

        return SupabaseStore(settings.supabase_url, settings.supabase_key)
    from salesbot.storage.sqlite import SQLiteStore

    return SQLiteStore(settings.db_path)


def _telephony(settings: Settings, clock: Callable[[], datetime]) -> Telephony:
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
    rehearsal = _rehearsal(settings, clock, facts) if settings.uses_openai else None
    return SimulatedTelephony(
        speed=settings.sim_speed, clock=clock, persona=settings.sim_persona or None, facts=facts, rehearsal=rehearsal
    )


def _rehearsal(settings: Settings, clock: Callable[[], datetime], facts: OfferFacts) -> ModelRehearsal:
    """The language model that can play simulated calls on both sides, with a chat model of its own."""
    from salesbot.llm.model import build_chat_model
    from salesbot.telephony.rehearsal import ModelRehearsal

    agent = f"{settings.agent_name} from {settings.company}"
    offer = f"{settings.offer}. Facts the agent may quote: {facts.describe()}" if facts.facts else settings.offer
    return ModelRehearsal(
        build_chat_model(settings),
        settings.openai_model,
        agent,
        offer,
        clock=clock,
        token_field=settings.openai_token_field,
        facts=facts,
    )


def _rehearsal_model(telephony: Telephony) -> str | None:
    from salesbot.telephony.simulated import SimulatedTelephony

    if isinstance(telephony, SimulatedTelephony) and telephony.rehearsal is not None:
        return telephony.rehearsal.model_name
    return None


def build_analyst(settings: Settings, choice: str | None = None) -> CallAnalyst:
    """The analyser `python -m salesbot analyse` asked for: offline, llm, or (None) the one the settings select."""
    from salesbot.analysis.offline import OfflineCallAnalyst

    if choice == "offline" or (choice is None and not settings.uses_openai):
        return OfflineCallAnalyst()
    if not settings.uses_openai:
        raise ConfigError(
            "The LLM analyser needs OPENAI_API_KEY (and OPENAI_MODEL); set them or use --analyst offline."
        )
    return llm_analyst(settings)


def llm_writer(settings: Settings) -> ScriptWriter:
    """The LLM script writer, each script bounded by its length's token cap and OPENAI_MAX_SECONDS."""
    from salesbot.llm.model import build_chat_model
    from salesbot.scripts import LENGTHS
    from salesbot.scripts.llm_writer import LLMScriptWriter

    return LLMScriptWriter(
        build_chat_model(settings),
        settings.openai_model,
        settings.agent_name,
        settings.company,
        settings.offer,
        max_tokens={length: settings.script_max_tokens(length) for length in LENGTHS},
        max_seconds=settings.openai_max_seconds,
        token_field=settings.openai_token_field,
    )


def llm_analyst(settings: Settings) -> CallAnalyst:
    """The LLM analyser: each answer capped at OPENAI_ANALYSIS_MAX_TOKENS, the whole analysis at OPENAI_MAX_SECONDS."""
    from salesbot.analysis.llm import LLMCallAnalyst
    from salesbot.llm.model import build_chat_model

    model = build_chat_model(settings, streaming=False, max_tokens=settings.openai_analysis_max_tokens)
    return LLMCallAnalyst(
        model, settings.openai_model, settings.openai_base_url, max_seconds=settings.openai_max_seconds
    )
