"""The one place that builds the app's parts from settings; tests pass their own parts instead."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, cast

from salesbot import logs, metrics
from salesbot.analysis import CallAnalyst
from salesbot.bootstrap.adapters import build_telephony, open_store
from salesbot.bootstrap.health_probes import build_health
from salesbot.bootstrap.llm_parts import build_analyst, llm_analyst, llm_writer
from salesbot.clock import utc_now
from salesbot.errors import register_secrets
from salesbot.exports.service import ExportService
from salesbot.scripts import ScriptWriter
from salesbot.services.analysis import CallAnalysisService
from salesbot.services.archive import ArchiveService
from salesbot.services.calls import CallService
from salesbot.services.health import HealthService
from salesbot.services.presenter import PresenterService
from salesbot.settings import Settings
from salesbot.storage import CallStore, HistoryImport
from salesbot.telephony import Telephony

if TYPE_CHECKING:  # heavy adapters load only when their backend is used
    from salesbot.analysis.offline import OfflineCallAnalyst
    from salesbot.scripts.offline import OfflineScriptWriter

log = logging.getLogger(__name__)
__all__ = [
    "App",
    "Capabilities",
    "build_analyst",
    "build_app",
    "build_demo_store",
    "llm_analyst",
    "llm_writer",
    "shared_app",
]


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
    health: HealthService


def configure_logging(level: str, log_format: str = "text") -> None:
    """The app's log lines to stderr, as text or one JSON object per line (salesbot.logs)."""
    logs.install()
    root = logging.getLogger("salesbot")
    root.setLevel(level)
    if not root.handlers:
        handler = logging.StreamHandler()
        root.addHandler(handler)
        root.propagate = False
    for each in root.handlers:
        each.setFormatter(logs.formatter(log_format))


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
    configure_logging(settings.log_level, settings.log_format)
    register_secrets(settings.openai_api_key, settings.bland_api_key, settings.supabase_key, settings.api_token,
                     settings.bland_webhook_secret, settings.metrics_token)  # fmt: skip
    store = store or measured(open_store(settings))
    writer, analyst, offline_writer, offline_analyst = _models(settings, writer, analyst)
    telephony = telephony or build_telephony(settings, clock)
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
    capabilities = _capabilities(settings, store, writer, telephony)
    app = App(
        presenter=PresenterService(store, writer, calls, offline_writer=offline_writer),
        calls=calls,
        analysis=analysis,
        archive=ArchiveService(store),
        exports=ExportService(store),
        capabilities=capabilities,
        store=store,
        health=build_health(settings, store, writer, analyst, telephony),
    )
    metrics.count_open_calls(lambda: len(store.unfinished_calls()))
    log.info("salesbot ready: %s", capabilities.backends)
    return app


def measured(store: CallStore) -> CallStore:
    """The store with each operation timed into the metrics (salesbot.storage.measured)."""
    from salesbot.storage.measured import MeasuredStore

    kind = "supabase" if store.description.lower().startswith("supabase") else "sqlite"
    return cast(CallStore, MeasuredStore(store, kind))


def _models(
    settings: Settings, writer: ScriptWriter | None, analyst: CallAnalyst | None
) -> tuple[ScriptWriter, CallAnalyst, OfflineScriptWriter, OfflineCallAnalyst]:
    """The script writer and analyst (a part passed in wins, then the LLM's when OpenAI is set, then the offline
    ones), and the offline pair the services fall back to."""
    from salesbot.analysis.offline import OfflineCallAnalyst
    from salesbot.scripts.offline import OfflineScriptWriter

    offline_writer = (
        writer
        if isinstance(writer, OfflineScriptWriter)
        else OfflineScriptWriter(settings.agent_name, settings.company, settings.offer, settings.script_line_seconds)
    )
    offline_analyst = analyst if isinstance(analyst, OfflineCallAnalyst) else OfflineCallAnalyst()
    if settings.uses_openai and (writer is None or analyst is None):
        writer = writer or llm_writer(settings)
        analyst = analyst or llm_analyst(settings)
    return writer or offline_writer, analyst or offline_analyst, offline_writer, offline_analyst


def _capabilities(settings: Settings, store: CallStore, writer: ScriptWriter, telephony: Telephony) -> Capabilities:
    rehearsal = _rehearsal_model(telephony)
    return Capabilities(
        backends=_describe(store, writer, telephony, rehearsal),
        telephony=telephony.name,
        dials_real_phones=telephony.dials_real_phones,
        max_minutes=telephony.max_minutes,
        sim_speed=settings.sim_speed,
        poll_seconds=settings.poll_seconds,
        rehearsal_model=rehearsal,
    )


_shared: dict[Settings, App] = {}
_shared_lock = threading.Lock()


def shared_app(settings: Settings) -> App:
    """The App for these settings, built once per process: the pages and the REST API share its services (one
    poller per call, one redial guard, one store connection)."""
    with _shared_lock:
        if settings not in _shared:
            _shared[settings] = build_app(settings)
        return _shared[settings]


def build_demo_store(settings: Settings) -> HistoryImport:
    """The store the settings select, as the seed command uses it (to import demo history)."""
    configure_logging(settings.log_level, settings.log_format)
    return open_store(settings)


def _rehearsal_model(telephony: Telephony) -> str | None:
    from salesbot.telephony.simulated import SimulatedTelephony

    if isinstance(telephony, SimulatedTelephony) and telephony.rehearsal is not None:
        return telephony.rehearsal.model_name
    return None
