"""One poller per call, whatever the number of open tabs: share the latest result briefly, back off when the
provider asks us to slow down."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")
MAX_BACKOFF_S = 30.0
KEPT = 256


class PollGate(Generic[T]):
    """Runs a refresh for a key at most once per `share_s` (tabs in between get the same result), never two at
    once for the same key, and not at all before a back-off set by `back_off` has passed."""

    def __init__(self, share_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.share_s = share_s
        self.clock = clock
        self._locks: dict[int, threading.Lock] = {}
        self._latest: dict[int, tuple[float, T]] = {}
        self._quiet: dict[int, tuple[float, float]] = {}  # key -> (until, current back-off)
        self._guard = threading.Lock()

    def run(self, key: int, refresh: Callable[[], T]) -> T:
        """The latest result for the key, refreshing it when it is older than share_s."""
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:  # a second tab waits for the first tab's request instead of sending its own
            latest = self._latest.get(key)
            if latest is not None and self.clock() - latest[0] < self.share_s:
                return latest[1]
            result = refresh()
            self._remember(key, result)
            return result

    def run_now(self, key: int, refresh: Callable[[], T]) -> T:
        """Refresh now whatever the shared result's age (news pushed by the provider), never beside another
        refresh of the key; tabs then share this result."""
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            result = refresh()
            self._remember(key, result)
            return result

    def quiet_for(self, key: int) -> float:
        """Seconds left before the provider may be asked about this key again (0 when it may)."""
        until, _ = self._quiet.get(key, (0.0, 0.0))
        return max(0.0, until - self.clock())

    def back_off(self, key: int, at_least_s: float) -> float:
        """Ask nothing about this key for a while, doubling each time in a row (up to 30 s); returns the wait."""
        _, previous = self._quiet.get(key, (0.0, 0.0))
        wait = min(MAX_BACKOFF_S, max(at_least_s, previous * 2))
        self._quiet[key] = (self.clock() + wait, wait)
        return wait

    def calm(self, key: int) -> None:
        """A request went through: the next back-off starts small again."""
        self._quiet.pop(key, None)

    def forget(self, key: int) -> None:
        """Drop the shared result (the call changed here, e.g. it was stopped)."""
        self._latest.pop(key, None)

    def _remember(self, key: int, result: T) -> None:
        if len(self._latest) >= KEPT:
            self._latest.pop(next(iter(self._latest)))
        self._latest[key] = (self.clock(), result)
