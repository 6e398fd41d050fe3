"""Every store operation timed and counted (salesbot_store_seconds{store, operation, result}), whichever store."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from salesbot import metrics
from salesbot.errors import NotFound, StorageError


class MeasuredStore:
    """Wraps a store: each public method call is observed under its name; a StorageError (the store failing, not a
    missing row) counts as failed. Everything else passes through unchanged."""

    def __init__(self, inner: Any, kind: str) -> None:
        self._inner = inner
        self._kind = kind

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._inner, name)
        if name.startswith("_") or not callable(attr):
            return attr
        return self._measured(name, attr)

    def _measured(self, operation: str, method: Callable[..., Any]) -> Callable[..., Any]:
        def measured(*args: Any, **kwargs: Any) -> Any:
            began, result = time.perf_counter(), "ok"
            try:
                return method(*args, **kwargs)
            except NotFound:
                raise
            except StorageError:
                result = "failed"
                raise
            finally:
                metrics.STORE_SECONDS.labels(self._kind, operation, result).observe(time.perf_counter() - began)

        return measured
