"""The one place that builds the app's parts from settings; tests pass their own parts instead."""

from __future__ import annotations

import logging

from salesbot.service import SalesDesk
from salesbot.settings import Settings

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
    from salesbot.scripts.offline import OfflineScriptWriter
    from salesbot.storage.sqlite import SQLiteStore
    from salesbot.telephony.simulated import SimulatedTelephony

    store = SQLiteStore(settings.db_path)
    writer = OfflineScriptWriter(settings.agent_name, settings.company, settings.offer)
    telephony = SimulatedTelephony(speed=settings.sim_speed)
    desk = SalesDesk(store, writer, telephony)
    log.info("salesbot ready: %s", desk.backends)
    return desk
