"""The offline script writer: composes a spoken sales script from the customer's own fields."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence

from salesbot.models import Customer, ScriptOptions, all_countries
from salesbot.playbook import OBJECTIONS, Say, TopicPlay, pick, play_for, spoken_topic
from salesbot.playbook.script_format import objection_line
from salesbot.playbook.speech import join_spoken, named_language, named_system
from salesbot.playbook.words import names_in
from salesbot.scripts import lines as L
from salesbot.scripts.retell import recap_lines

_SHORT_OBJECTIONS = ("price", "authority")


def _fresh(options: Sequence[Say], used: set[Say], *key: str) -> Say:
    """The customer's pick among options, or another one if this script already says it."""
    chosen = pick(options, *key)
    unused = [o for o in options if o not in used]
    if chosen in used and unused:
        chosen = pick(unused, *key)
    used.add(chosen)
    return chosen


def inline(topic: str) -> str:
    """A topic as it reads mid-sentence in English ("Pricing" -> "pricing", "Integration: Zoho CRM" -> "the Zoho CRM
    integration")."""
    return spoken_topic(topic, "English")


def _capital(line: str, lang: str) -> str:
    """A spoken line never starts in lower case; one led by a name such as "iPhone" gets a lead-in instead."""
    if not line[:1].islower():
        return line
    if any(ch.isupper() for ch in line.split()[0]):
        return f"तो, {line}" if lang == "Hindi" else f"So, {line}"
    return line[0].upper() + line[1:]


def _as_object(spoken: str, play: TopicPlay, lang: str) -> str:
    """A topic of no known kind said as the customer's own ("your mobile app"), so it reads as a noun phrase."""
    if lang == "Hindi" or play.kind != "general" or re.match(r"^(your|the|a|an|our|my)\b", spoken, re.I):
        return spoken
    return f"your {spoken}"


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
        """The whole script; the same customer and options always give the same words."""
        lang = "Hindi" if options.language == "Hindi" else "English"
        tone = options.tone if options.tone in L.GREETING else "consultative"
        short = options.length == "short"
        topics = [t.strip() for t in customer.topics if t.strip()]
        plays = [play_for(t) for t in topics]
        said = [_as_object(spoken_topic(t, lang), p, lang) for t, p in zip(topics, plays, strict=True)]
        fields = {
            "first": customer.name.split()[0] if customer.name.split() else customer.name,
            "name": customer.name,
            "agent": self.agent_name,
            "company": self.company,
            "offer": _offer_as_said(options.offer.strip() or self.default_offer, lang),
            "email": customer.email or "",
            "topics": self._topics(said, lang),
        }
        out = ["[Opener]"]
        out += [L.GREETING[tone].in_language(lang).format(**fields), L.PURPOSE[tone].in_language(lang).format(**fields)]
        out.append(L.GOOD_TIME.in_language(lang))

        out += ["", "[Recap]"]
        recap = recap_lines(customer.conversation_history, customer.name, lang, short, self.agent_name)
        out += [_capital(line, lang) for line in recap] or [self._first_conversation(customer, lang)]

        out += ["", "[Discovery]"]
        asked: set[Say] = set()
        for topic, play, spoken in zip(topics, plays, said, strict=True):
            question = _fresh(play.questions, asked, customer.name, topic, "question").in_language(lang)
            out.append(_capital(question.format(topic=spoken), lang))
        if not topics:
            out.append(L.NO_TOPIC_QUESTION.in_language(lang))
        if not short:
            out.append(L.DECIDERS.in_language(lang))

        out += ["", "[Value]"]
        out += self._values(customer, topics, plays, said, lang)

        out += ["", "[Objections]"]
        kinds = [o.kind for o in OBJECTIONS if not short or o.kind in _SHORT_OBJECTIONS]
        if "pricing" in {p.kind for p in plays}:  # the customer cares about price: answer that first
            kinds.sort(key=lambda k: k != "price")
        for objection in sorted(OBJECTIONS, key=lambda o: kinds.index(o.kind) if o.kind in kinds else 99):
            if objection.kind in kinds:
                answer = pick(objection.answers, customer.name, objection.kind, "answer").in_language(lang)
                out.append(objection_line(objection.says[0].in_language(lang), answer, lang))

        out += ["", "[Close]", L.CLOSE[tone].in_language(lang)]
        out.append((L.EMAIL_KNOWN if customer.email else L.EMAIL_ASK).in_language(lang).format(**fields))
        out.append(L.THANKS[tone].in_language(lang).format(**fields))
        return "\n".join(out) + "\n"

    @staticmethod
    def _topics(said: list[str], lang: str) -> str:
        if not said:
            return "your team's goals" if lang == "English" else "आपकी टीम के लक्ष्यों"
        if len(said) > 2:  # name one; the discovery questions bring up the rest
            return join_spoken([said[0], L.OTHER_POINTS.in_language(lang)], lang)
        return join_spoken(said, lang)

    @staticmethod
    def _first_conversation(customer: Customer, lang: str) -> str:
        if lang == "Hindi":
            country_hi = L.HINDI_COUNTRIES.get(customer.country_code)
            return L.FIRST_CONVERSATION.hi.format(where=f"{country_hi} में " if country_hi else "")
        country = all_countries().get(customer.country_code)
        return L.FIRST_CONVERSATION.en.format(where=f" in {country.name}" if country else "")

    @staticmethod
    def _values(customer: Customer, topics: list[str], plays: list[TopicPlay], said: list[str], lang: str) -> list[str]:
        """One value line per kind of topic (a topic naming another system or language gets its own)."""
        lines: list[str] = []
        seen: set[tuple[str, ...]] = set()
        said_already: set[Say] = set()
        for topic, play, spoken in zip(topics, plays, said, strict=True):
            key: tuple[str, ...] = (play.kind,)
            if play.kind == "general":
                key = (play.kind, topic.lower())
            elif play.kind == "integration":
                key = (play.kind, *names_in(topic))
            elif play.kind == "language":
                key = (play.kind, named_language(topic, "English"))
            if key in seen:
                continue
            seen.add(key)
            value = _fresh(play.values, said_already, customer.name, topic, "value").in_language(lang)
            system, language = named_system(topic, lang), named_language(topic, lang)
            lines.append(_capital(value.format(topic=spoken, system=system, language=language), lang))
        return lines


def _offer_as_said(offer: str, language: str) -> str:
    """The offer as the script says it: in a Hindi script an offer written in English is named, not described
    ("Salesbot, an AI assistant that…" is said "Salesbot"), so no English sentence lands in a Hindi line."""
    if language != "Hindi" or not re.search(r"[A-Za-z]", offer):
        return offer
    return re.split(r"\s*[,;:(–—]\s*|\s+-\s+", offer, maxsplit=1)[0].strip() or offer
