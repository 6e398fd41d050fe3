"""The offline script writer: composes a spoken sales script from the customer's own fields."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

from salesbot.countries import all_countries
from salesbot.models import Customer, ScriptOptions
from salesbot.playbook import GENERIC, OBJECTIONS, play_for

_OPENERS = {
    "friendly": "Hi {first}, this is {agent} from {company}. Thanks so much for taking my call!",
    "consultative": "Hello {first}, this is {agent} from {company}. Thank you for making time to talk today.",
    "formal": "Good day, {name}. My name is {agent}, and I am calling on behalf of {company}.",
}
_PURPOSE = {
    "friendly": "I'd love to spend ten minutes on {topics}, and see whether {offer} could make life easier for you.",
    "consultative": "I'd like to understand where you are with {topics}, and then share how {offer} might help.",
    "formal": "The purpose of this call is to discuss {topics}, and to outline how {offer} may support your goals.",
}
_CLOSES = {
    "friendly": "How about a thirty-minute walkthrough with our solutions team later this week? Would Thursday or Friday work better?",
    "consultative": "The best next step would be a thirty-minute walkthrough tailored to {topics}. Would Thursday or Friday suit you?",
    "formal": "I propose a thirty-minute demonstration with our solutions team. May I schedule it for Thursday or Friday?",
}
# Hindi lines for the parts of the call a Hindi speaker hears first and last; the topic lines stay in English
# (as many Indian sales calls mix both), since the offline writer has no translation model.
_HINDI = {
    "opener": "नमस्ते {first} जी, मैं {company} से {agent} बोल रही हूँ। आज समय निकालने के लिए धन्यवाद।",
    "purpose": "मैं {topics} के बारे में आपकी ज़रूरतें समझना चाहती हूँ, और बताना चाहती हूँ कि {offer} आपकी कैसे मदद कर सकता है।",
    "time": "क्या अभी बात करने का सही समय है?",
    "close": "अगला कदम: इस हफ़्ते हमारी टीम के साथ तीस मिनट का वॉकथ्रू। क्या गुरुवार या शुक्रवार आपके लिए ठीक रहेगा?",
    "thanks": "धन्यवाद {first} जी, आपका दिन शुभ हो!",
}
_KEY_WORDS = re.compile(
    r"\b(need|want|looking|interest|concern|worr|budget|price|cost|problem|issue|plan|goal|asked|demo|trial)",
    re.IGNORECASE,
)
_SWAPS = (
    (r"\bI am\b", "you are"),
    (r"\bI'm\b", "you're"),
    (r"\bI\b", "you"),
    (r"\bmy\b", "your"),
    (r"\bwe are\b", "your team is"),
    (r"\bwe're\b", "your team is"),
    (r"\bwe\b", "your team"),
    (r"\bour\b", "your"),
    (r"\bus\b", "your team"),
)
_SPEAKER = re.compile(r"^\s*(customer|client|user|them|they|agent|me|rep|sales|assistant|[A-Z][a-z]+)\s*:\s*", re.I)


def inline(topic: str) -> str:
    """A topic as it reads mid-sentence: "Pricing" becomes "pricing", "CRM rollout" stays."""
    return topic[0].lower() + topic[1:] if topic[:2].istitle() else topic


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def recap_points(history: str, limit: int = 3) -> list[str]:
    """The customer's own points from the history, rephrased to be said back to them."""
    sentences: list[tuple[int, int, str]] = []
    for line in history.splitlines():
        speaker = _SPEAKER.match(line)
        if speaker and speaker.group(1).lower() in {"agent", "me", "rep", "sales", "assistant"}:
            continue  # recap what the customer said, not what we said
        body = line[speaker.end() :] if speaker else line
        for sentence in re.split(r"(?<=[.!?])\s+", body):
            sentence = sentence.strip().rstrip(".!?").strip()
            if len(sentence.split()) >= 3:
                score = len(_KEY_WORDS.findall(sentence))
                sentences.append((-score, len(sentences), sentence))
    chosen = sorted(sorted(sentences)[:limit], key=lambda s: s[1])
    points = []
    for _, _, sentence in chosen:
        for pattern, replacement in _SWAPS:
            sentence = re.sub(pattern, replacement, sentence, flags=re.IGNORECASE)
        points.append(sentence[0].lower() + sentence[1:] if sentence[:2] != sentence[:2].upper() else sentence)
    return points


class OfflineScriptWriter:
    """Composes a full script (opener, recap, discovery, value, objections, close) with no network."""

    name = "offline"

    def __init__(self, agent_name: str, company: str, default_offer: str, chunk_delay_s: float = 0.01) -> None:
        self.agent_name = agent_name
        self.company = company
        self.default_offer = default_offer
        self.chunk_delay_s = chunk_delay_s

    def stream_script(self, customer: Customer, options: ScriptOptions) -> Iterator[str]:
        """Yield the script a line at a time, paced so the presenter sees it being written."""
        for line in self.compose(customer, options).splitlines(keepends=True):
            yield line
            if self.chunk_delay_s:
                time.sleep(self.chunk_delay_s)

    def compose(self, customer: Customer, options: ScriptOptions) -> str:
        tone = options.tone if options.tone in _OPENERS else "consultative"
        short = options.length == "short"
        offer = options.offer.strip() or self.default_offer
        first = customer.name.split()[0]
        topics = customer.topics
        fields = {
            "first": first,
            "name": customer.name,
            "agent": self.agent_name,
            "company": self.company,
            "offer": offer,
            "topics": _join([inline(t) for t in topics]),
        }
        hindi = options.language == "Hindi"
        if hindi:
            out = ["[Opener]", *(_HINDI[k].format(**fields) for k in ("opener", "purpose", "time"))]
        else:
            out = ["[Opener]", _OPENERS[tone].format(**fields), _PURPOSE[tone].format(**fields)]
            out.append("Is now still a good time?")

        out.append("")
        out.append("[Recap]")
        points = recap_points(customer.conversation_history, limit=2 if short else 3)
        if points:
            out.append(f"When we last spoke, you mentioned that {points[0]}.")
            out += [f"You also said that {p}." for p in points[1:]]
            out.append("Is that still where things stand?")
        else:
            country = all_countries().get(customer.country_code)
            where = f" in {country.name}" if country else ""
            out.append(f"This is our first conversation, so I'd love to hear how your team{where} works today.")

        out += ["", "[Discovery]"]
        plays = [play_for(t) for t in topics]
        for topic, play in zip(topics, plays, strict=True):
            out.append(f"On {inline(topic)}: " + play.question.format(topic=inline(topic)))
        if not short:
            out.append("Who else on your side would be part of a decision like this?")

        out += ["", "[Value]"]
        seen: set[str] = set()
        for topic, play in zip(topics, plays, strict=True):
            if play.kind in seen and play is not GENERIC:
                continue
            seen.add(play.kind)
            out.append(f"For {inline(topic)}: " + play.value.format(topic=inline(topic)))
        out.append(f"In short, {offer} gives your team more conversations with less busywork.")

        out += ["", "[Objections]"]
        kinds = {p.kind for p in plays}
        wanted = [o for o in OBJECTIONS if not short or o.kind in {"price", "authority"}]
        if "pricing" in kinds:  # the customer cares about price: answer that first
            wanted.sort(key=lambda o: o.kind != "price")
        for objection in wanted:
            out.append(f'If they say "{objection.customer_says}" answer: {objection.agent_answers}')

        out += ["", "[Close]"]
        out.append(_HINDI["close"] if hindi else _CLOSES[tone].format(**fields))
        if customer.email:
            out.append(f"I'll send the invitation and a short summary of today's call to {customer.email}.")
        else:
            out.append("What's the best email address for the invitation and a short summary of today's call?")
        out.append(
            _HINDI["thanks"].format(**fields) if hindi else f"Thank you, {first}. Have a great rest of your day!"
        )
        return "\n".join(out) + "\n"
