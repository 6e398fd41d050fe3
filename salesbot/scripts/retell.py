"""The recap: the history's most useful points said back to the customer, in English or Hindi."""

from __future__ import annotations

import re

from salesbot.playbook.glossary import HINDI_MONTHS, MONTHS
from salesbot.playbook.words import is_name
from salesbot.scripts.history import Note, read_notes, spoken_date
from salesbot.scripts.retell_hindi import GENERAL, hindi_points

CHECK = {"English": "Is that still where things stand?", "Hindi": "क्या अब भी स्थिति यही है?"}
_PAST = re.compile(
    r"^((?!need$|feed$|seed$|speed$|proceed$|exceed$|succeed$)\w+ed|was|were|had|did|said|told|saw|went|came|got|made|took|gave|felt|thought|found|spoke|met|showed|sent"
    r"|could|would|might|left|brought|bought|heard|knew|meant|paid|ran|wrote|chose|began|kept|lost|sat|won|sold)$",
    re.IGNORECASE,
)
_DATED = re.compile(rf"\b\d{{1,2}} (?:{'|'.join(MONTHS)})\b")
_PRONOUN_START = re.compile(r"^(You|Your|We|Our|They|Their)\b")


def choose(notes: list[Note], limit: int, language: str = "English") -> list[Note]:
    """The most useful notes (the later one on a tie), in the order they were written."""
    hindi = language == "Hindi"
    useful = [n for n in notes if n.score > -3 and (n.side != "ours" or n.score >= 0) and (hindi or not n.in_hindi)]
    best = sorted(useful, key=lambda n: (-n.score - (hindi and n.in_hindi), -n.order))[:limit]
    return sorted(best, key=lambda n: n.order)


def recap_lines(history: str, customer_name: str, language: str, short: bool, agent_name: str = "") -> list[str]:
    """At most two retold sentences and a check question; [] when there is nothing to retell."""
    notes = choose(read_notes(history, customer_name, agent_name), limit=2 if short else 3, language=language)
    if not notes:
        return []
    if language == "Hindi":
        return [*_hindi(notes), CHECK["Hindi"]]
    return [*_english(notes), CHECK["English"]]


def _told(said: str) -> str:
    """A present-tense point about the customer becomes what they told us ("you told me you run ...")."""
    words = said.split()
    subject = words[0].lower()
    if subject in {"i", "we"} or len(words) < 2:
        return said
    verb = words[1] if not re.match(r"^you['’](re|ve|ll|d)$", subject) else "is"
    if subject.startswith("you") and _PAST.match(verb):
        return said
    if not subject.startswith("you") and _PAST.match(verb):
        return said
    return "you told me " + _lower_first(said)


def _also(said: str) -> str:
    """A further point, said so that it is heard as a recap: "You also said …" (or "Last time, I …" for ours)."""
    if said.split()[0].lower() in {"i", "we"}:
        return f"Last time, {said}"
    if re.match(r"^you said\b", said, re.IGNORECASE):
        return "you also " + said[4:]  # "You said you would decide" -> "You also said you would decide"
    if re.match(r"^you (told|mentioned|asked|explained)\b", said, re.IGNORECASE):
        return "last time you also " + said[4:]
    return "you also said " + _lower_first(said)


def _and(sentence: str, point: str) -> str:
    """Two points in one sentence: "…, and that …" after something they told us, else "…, and …"."""
    told = _told(point)
    if re.match(r"^(you|You) (also )?(told me|said) ", sentence) and told.startswith("you told me "):
        return f"{sentence}, and that {told[len('you told me ') :]}"
    return f"{sentence}, and {_lower_first(told)}"


def _lower_first(text: str) -> str:
    """Mid-sentence, a pronoun or an ordinary word is in lower case; a name ("Ravi", "iPhone") or "I" is kept."""
    first = text.split()[0] if text.split() else ""
    if _PRONOUN_START.match(text) or (first[:1].isupper() and first != "I" and not is_name(first)):
        return text[0].lower() + text[1:]
    return text


def _sentence(text: str) -> str:
    """A spoken sentence: a capital first letter (a name such as iPhone is led in instead), one full stop."""
    if text[:1].islower():
        first = text.split()[0]
        text = f"Also, {text}" if any(ch.isupper() for ch in first) else text[0].upper() + text[1:]
    return text.rstrip(".") + "."


def _english(notes: list[Note]) -> list[str]:
    first, rest = notes[0], notes[1:]
    when = "When we last spoke"
    if first.day and first.month:
        when = f"When we spoke on {spoken_date(first.day, first.month)}"
    elif _DATED.search(first.said):  # the point carries its own date: "we sent you the deck on 2 December"
        when = "Last time"
    lines = [_sentence(f"{when}, {_lower_first(_told(first.said))}")]
    if not rest:
        return lines
    second = rest[0]
    new_date = second.day and second.month and (second.day, second.month) != (first.day, first.month)
    if new_date and second.day and second.month:
        text = f"When we spoke again on {spoken_date(second.day, second.month)}, {_lower_first(_told(second.said))}"
    else:
        text = _also(second.said)
    if len(rest) > 1 and len(text.split()) + len(rest[1].said.split()) <= 20:
        text = _and(text, rest[1].said)
    lines.append(_sentence(text))
    return lines


def _hindi(notes: list[Note]) -> list[str]:
    first = notes[0]
    when = f"पिछली बार, {first.day} {HINDI_MONTHS[first.month - 1]} को" if first.day and first.month else "पिछली बार"
    points: list[str] = []
    for note in notes:
        for point in hindi_points(note.said):
            if point not in points:
                points.append(point)
    if len(points) > 1 and GENERAL in points:
        points.remove(GENERAL)
    lines = [f"{when} हमारी बात में {points[0]}।"]
    if len(points) > 1:
        lines.append("और पिछली बार " + " और ".join(points[1:3]) + "।")
    return lines
