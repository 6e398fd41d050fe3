"""Topic plays by kind, and how a topic is recognised as one of them."""

from __future__ import annotations

import re
from functools import lru_cache

from salesbot.playbook.objections import OBJECTIONS
from salesbot.playbook.plays_deal import COMPLIANCE, CONTRACT, PRICING, SECURITY
from salesbot.playbook.plays_product import AUTOMATION, INTEGRATION, LANGUAGE, REPORTING
from salesbot.playbook.plays_service import GENERIC, ONBOARDING, SCALE, SUPPORT
from salesbot.playbook.say import Objection, TopicPlay

# On a tie the earlier play wins: "Hindi language support" is a language, "GDPR and data security" compliance.
PLAYS: tuple[TopicPlay, ...] = (
    PRICING, CONTRACT, COMPLIANCE, SECURITY, LANGUAGE, INTEGRATION, SUPPORT, ONBOARDING, REPORTING, SCALE, AUTOMATION,
)  # fmt: skip

PRICE_TOPIC_WORDS = ("price", "pricing", "cost", "budget")

__all__ = ["GENERIC", "OBJECTIONS", "PLAYS", "PRICE_TOPIC_WORDS", "Objection", "TopicPlay", "play_for"]


def _keyword(word: str) -> re.Pattern[str]:
    # Short keywords are whole words ("ai" is not "aim", "sap" is not "sapphire"); longer ones are stems.
    return re.compile(rf"\b{re.escape(word)}s?\b" if len(word) <= 3 else rf"\b{re.escape(word)}", re.IGNORECASE)


_PATTERNS = {play.kind: tuple(_keyword(k) for k in play.keywords) for play in PLAYS}


@lru_cache(maxsize=1024)
def play_for(topic: str) -> TopicPlay:
    """The play whose keywords best match a topic, or the generic play."""
    best, best_hits = GENERIC, 0
    for play in PLAYS:
        hits = sum(1 for pattern in _PATTERNS[play.kind] if pattern.search(topic))
        if hits > best_hits:
            best, best_hits = play, hits
    return best
