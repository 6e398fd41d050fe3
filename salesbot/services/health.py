"""Is this process able to serve, and is each outside service it depends on reachable: for load balancers and people.

Each dependency has a probe (a callable that raises SalesbotError when the service is not usable) and how long its
answer is kept: the store is read on every check (it is the app's own), the language model and the call provider
are asked at most once per `cache_s` (a listing, never a completion: a probe costs no tokens and no call).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from salesbot import metrics
from salesbot.errors import SalesbotError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Probe:
    """How to check one dependency; `required`: the process cannot serve without it (503 when it fails)."""

    name: str
    kind: str  # what stands behind it, e.g. "sqlite", "openai:gpt-4o-mini", "offline", "bland"
    check: Callable[[], object] | None  # None: nothing outside to ask (an offline part), always up
    cache_s: float = 0.0
    required: bool = False


@dataclass(frozen=True)
class DependencyHealth:
    name: str
    kind: str
    up: bool
    latency_ms: float | None  # of the last real check; None for a part with nothing to ask
    detail: str  # "ok", "offline: nothing to reach", or what failed (a message safe to show)
    age_s: float  # how old this answer is (0 when checked now)
    required: bool


@dataclass(frozen=True)
class Health:
    dependencies: list[DependencyHealth]

    @property
    def serving(self) -> bool:
        """Every dependency the process cannot serve without is up."""
        return all(d.up for d in self.dependencies if d.required)

    @property
    def status(self) -> str:
        if not self.serving:
            return "down"
        return "ok" if all(d.up for d in self.dependencies) else "degraded"


class HealthService:
    """Runs the probes, keeping each answer for its probe's cache time (one check at a time per probe)."""

    def __init__(self, probes: list[Probe], clock: Callable[[], float] = time.monotonic) -> None:
        self.probes = probes
        self.clock = clock
        self._kept: dict[str, tuple[float, DependencyHealth]] = {}
        self._locks = {p.name: threading.Lock() for p in probes}

    def check(self) -> Health:
        health = Health([self._check(p) for p in self.probes])
        for d in health.dependencies:
            metrics.DEPENDENCY_UP.labels(d.name, d.kind, str(d.required).lower()).set(1 if d.up else 0)
        return health

    def _check(self, probe: Probe) -> DependencyHealth:
        if probe.check is None:
            return DependencyHealth(
                probe.name, probe.kind, True, None, "offline: nothing to reach", 0.0, probe.required
            )
        with self._locks[probe.name]:
            kept = self._kept.get(probe.name)
            now = self.clock()
            if kept is not None and now - kept[0] < probe.cache_s:
                return _aged(kept[1], now - kept[0])
            began = time.perf_counter()
            try:
                probe.check()
                up, detail = True, "ok"
            except SalesbotError as e:
                up, detail = False, e.user_message
                log.warning("health: %s is not usable: %s", probe.name, e.user_message)
            latency = round((time.perf_counter() - began) * 1000, 1)
            answer = DependencyHealth(probe.name, probe.kind, up, latency, detail, 0.0, probe.required)
            self._kept[probe.name] = (now, answer)
            return answer


def _aged(answer: DependencyHealth, age_s: float) -> DependencyHealth:
    return DependencyHealth(answer.name, answer.kind, answer.up, answer.latency_ms, answer.detail, round(age_s, 1),
                            answer.required)  # fmt: skip
