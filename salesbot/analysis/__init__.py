"""Post-call analysis: the CallAnalysis model and the CallAnalyst interface."""

from __future__ import annotations

from typing import Protocol

from salesbot.models import Call, CallAnalysis, Customer, Outcome, Sentiment, TopicCoverage

__all__ = ["CallAnalysis", "CallAnalyst", "Outcome", "Sentiment", "TopicCoverage"]


class CallAnalyst(Protocol):
    name: str

    def analyse(self, call: Call, customer: Customer) -> CallAnalysis: ...
