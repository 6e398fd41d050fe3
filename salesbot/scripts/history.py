"""A conversation history read as notes: who said each sentence, when, and what it says in the second person."""

from __future__ import annotations

import re
from dataclasses import dataclass

from salesbot.playbook.glossary import MONTHS
from salesbot.playbook.words import is_name
from salesbot.scripts.person import person_named, to_second_person

_MON = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MON})(?:,?\s+\d{{4}})?"
    rf"|(?P<m2>{_MON})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?"
    r"|\d{4}-(?P<m3>\d{1,2})-(?P<d3>\d{1,2})"
    r"|(?<![\w/])(?!24/7\b)(?P<d4>\d{1,2})/(?P<m4>\d{1,2})(?:/\d{2,4})?(?![\w/]))",
    re.IGNORECASE,
)
_LEAD = re.compile(
    rf"^\s*[\[(]?\s*(?:(?:we\s+)?(?:spoke|talked|called|met|call|meeting|chat|chatted|emailed|demo|visit)\w*"
    rf"(?:\s+with\s+\w+)?\s+)?(?:on\s+)?(?P<date>{DATE.pattern})\s*[\])]?\s*(?:[:\-–—,|.]\s*|\s+(?=[A-Z]))",
    re.IGNORECASE,
)
_TAG = re.compile(r"^\s*(?P<tag>[A-Za-z][\w .'-]{0,24}?)\s*:\s+(?P<body>.+)$")
_OURS = {"me", "agent", "rep", "sales", "us", "we", "i", "assistant", "our rep", "sdr", "ae", "bdr", "salesbot", "ours"}
_THEIRS = {"customer", "client", "prospect", "lead", "them", "they", "buyer", "she", "he", "cust"}
_LABELS = {"note", "notes", "next step", "next steps", "summary", "update", "action", "status", "todo", "context",
           "background", "remark", "remarks", "comment", "comments", "follow-up", "follow up", "outcome", "call notes",
           "call", "meeting", "demo", "last call", "history", "info", "details", "fyi", "n.b", "nb"}  # fmt: skip
_TODO = re.compile(r"^(?:next steps?|to ?do|action(?: items?)?|follow-?up)\s*:", re.I)  # our own plans: not retold
_SENTENCE = re.compile(r"(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bvs\.)(?<!\betc\.)(?<=[.!?])\s+|\s*;\s+|\s+[-–—]\s+(?=[A-Z])")
_CONTACT_ONLY = re.compile(r"^(?:I |we )?(?:spoke|talked|called|met|emailed|rang|chatted)(?: to| with)? \S+$", re.I)
# A short lead-in without a verb before the point: "intro call, Nikhil is CTO ..." -> "Nikhil is CTO ..."
_LEAD_IN = re.compile(
    r"^(?:(?:intro|first|discovery|follow-up|followup|quick|short|second|demo)\s+)?"
    r"(?:call|meeting|chat|demo|visit|catch-up)\s*[,;:]\s*",
    re.I,
)
_USEFUL = re.compile(
    r"\b(need|want|looking|interest|concern|worr|budget|pric|cost|problem|issue|plan|goal|asked|demo|trial|lik|lov"
    r"|call (?:us |you )?back|runs?|manag|team of|decid|decision|approv|deadline|renew|contract|prefer|using|uses"
    r"|switch|compar|pilot|review|quote|proposal|wait|after|before)",
    re.IGNORECASE,
)
_NOISE = re.compile(r"\b(voicemail|no answer|left (a )?message|not reachable|busy tone|wrong number)\b", re.I)


@dataclass(frozen=True)
class Note:
    """One sentence of the history, retold in the second person to the customer."""

    said: str  # the retold clause, no final stop ("you run a support team of 40 at Kochi Logistics")
    day: int | None  # the date of the conversation it comes from, when the history says
    month: int | None
    side: str  # "customer" (their words), "ours" (our rep's words), "notes" (our notes about them)
    score: float
    order: int
    in_hindi: bool = False  # written in Devanagari: retold in a Hindi recap only


def spoken_date(day: int, month: int) -> str:
    return f"{day} {MONTHS[month - 1]}"


def parse_date(match: re.Match[str]) -> tuple[int, int] | None:
    """(day, month) from a DATE match, or None if it is not a real date."""
    g = match.groupdict()
    day = g["d1"] or g["d2"] or g["d3"] or g["d4"]
    mon = g["m1"] or g["m2"]
    month = _month(mon) if mon else int(g["m3"] or g["m4"] or 0)
    if not day or not 1 <= month <= 12 or not 1 <= int(day) <= 31:
        return None
    return int(day), month


def _lead_date(lead: re.Match[str]) -> tuple[int, int] | None:
    found = DATE.search(lead.group("date"))
    return parse_date(found) if found else None


def _month(name: str) -> int:
    key = name.lower()[:3]
    return next((i + 1 for i, m in enumerate(MONTHS) if m.lower().startswith(key)), 0)


def _respell_dates(text: str) -> str:
    def spell(m: re.Match[str]) -> str:
        date = parse_date(m)
        return spoken_date(*date) if date else m.group(0)

    return DATE.sub(spell, text)


def read_notes(history: str, customer_name: str, agent_name: str = "") -> list[Note]:
    """Every retellable sentence of a history, scored by how useful it is to say back."""
    notes: list[Note] = []
    date: tuple[int, int] | None = None
    other: str | None = None  # the last person named who is not the customer: "He joins the next call" is them
    for raw in history.splitlines():
        line = raw.strip(" \t-*•")
        lead = _LEAD.match(line)
        if lead:
            date = _lead_date(lead) or date
            line = line[lead.end() :]
        side, line = _side(line, customer_name, agent_name)
        if side is None:
            continue
        for sentence in _SENTENCE.split(line):
            inner = _LEAD.match(sentence)
            if inner:  # "12 Nov. She liked..." split at the abbreviation's stop
                date = _lead_date(inner) or date
                sentence = sentence[inner.end() :]
            sentence = sentence.strip(" \"'“”")
            question = sentence.endswith("?")
            sentence = _LEAD_IN.sub("", sentence.rstrip(".!?;").strip())
            if other and side != "customer" and re.match(r"^(He|She|His|Her)\b", sentence):
                head = sentence.split()[0]
                sentence = (f"{other}'s" if head in {"His", "Her"} else other) + sentence[len(head) :]
            other = person_named(sentence, customer_name) or (other if not _CONTACT_ONLY.match(sentence) else None)
            if _CONTACT_ONLY.match(sentence) or _TODO.match(sentence):
                continue
            only_date = DATE.fullmatch(sentence.strip(" :-–—,.()[]"))
            if only_date:
                date = parse_date(only_date) or date
                continue
            said = to_second_person(_respell_dates(sentence), customer_name, speaker=side)
            hindi_only = bool(re.search(r"[\u0900-\u097F]", sentence))  # worth retelling in a Hindi recap only
            if said is None or len(said.split()) < 3:
                continue
            score = len(_USEFUL.findall(said)) - (1 if side == "ours" else 0) - (2 if len(said.split()) > 24 else 0)
            score -= 3 if _NOISE.search(said) else 0
            score -= 3 if question else 0
            day, month = date if date else (None, None)
            notes.append(Note(said, day, month, side, score, len(notes), hindi_only))
    return notes


def _side(line: str, customer_name: str, agent_name: str) -> tuple[str | None, str]:
    """Who a line is from ("customer", "ours", "notes"), without its speaker tag; None for someone else's line."""
    tag = _TAG.match(line)
    if not tag or DATE.fullmatch(tag.group("tag").strip()):
        return "notes", line
    name, body = tag.group("tag").strip().lower(), tag.group("body")
    customer = {customer_name.lower(), customer_name.split()[0].lower()} if customer_name.strip() else set()
    if name in _OURS or (agent_name and name in {agent_name.lower(), agent_name.split()[0].lower()}):
        return "ours", body
    if name in _THEIRS or name in customer:
        return "customer", body
    if name in _LABELS or not is_name(tag.group("tag").split()[0]):
        return "notes", body
    return None, body  # a colleague's words, said in their own voice: not ours to retell as the customer's
