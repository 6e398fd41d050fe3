"""Evidence rules shared by both analysers: sentences, the lines said in earnest, what is never evidence (verify.py
checks the quotes)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from salesbot.analysis import lexicon as lx
from salesbot.models import Call, Speaker

_SENTENCE_END = re.compile(r"(?<=[.!?।])\s+")
_RECAP = re.compile(
    r"\b(last time|when we (last )?(spoke|talked|met)|when you spoke|you (had |have |also )?(mentioned|said|told|shared|noted"
    r"|raised|flagged|explained|asked)|you also said|as you said|previously|earlier you|(our|your) (last|previous|earlier)"
    r" (call|conversation|chat|meeting)|my colleague)\b|पिछली बार|आपने (बताया|कहा)|pichhli baar|pichli baar|aapne bataya",
    re.I,
)
_AGENDA = re.compile(
    r"\b(i'?d like to|i would like to|i want to|i wanted to|i'?d love to|today (i|we)|spend \w+ minutes on|(a few|\w+) minutes on|we'?ll|let me|i'?m calling|calling (about|to)"
    r"|talk (about|through)|cover|go over|walk you through|discuss|understand where you are|reaching out|the reason for)\b"
    r"|baare mein|batana chah|के बारे में|बताना चाह",
    re.I,
)
_ANNOUNCES = re.compile(
    r"\b((i|we) (wanted|want|would like|'d like) to (talk|chat|speak|tell you) about|today i'?d like|i'?m calling (about|to"
    r"|because)|reaching out)\b|baare mein batana|batana chah|के बारे में बता|बताना चाह",
    re.I,
)
_SUMMARY = re.compile(  # a closing summary wherever it falls, even before the customer's final yes
    r"\b(to recap|to sum up|in short|in summary|tailored to|focus the (session|demo|call|meeting|walkthrough) on)\b",
    re.I,
)
_CLOSE = re.compile(
    r"\b(summary|to recap|recap|to sum up|summari[sz]e|we (have |'ve )?(covered|discussed|talked about)|tailored to|focus the (session|demo|call|meeting|walkthrough) on"
    r"|(we|he|she|they)'?ll (also )?(show you|go through|cover|walk)"
    r"|i'?ll send|i will send|i'?ll email|i will email|i'?ll share|follow(ing)? up with|send (you|over)|in short)\b",
    re.I,
)
_SPACE = re.compile(r"\s+")


def sentences(text: str) -> list[str]:
    """The sentences of a line, each a verbatim piece of it."""
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip().strip("\"'“”‘’ ")


@dataclass(frozen=True)
class Line:
    """One non-system line of the transcript with its time in seconds."""

    index: int
    speaker: Speaker
    text: str
    at: float | None


def lines_of(call: Call) -> list[Line]:
    start = call.started_at
    return [
        Line(i, u.speaker, u.text, round((u.at - start).total_seconds(), 1) if start else None)
        for i, u in enumerate(call.utterances)
        if u.speaker is not Speaker.SYSTEM and u.text.strip()
    ]


def machine_lines(lines: list[Line]) -> set[int]:
    """Indexes of the lines an answering machine said: every run of customer lines (no agent line between) of which
    one is a voicemail greeting ("Hi, you've reached Priya." / "Leave a message after the beep."). They are not the
    customer: no evidence, no talk time, no sentiment."""
    machine: set[int] = set()
    run: list[Line] = []
    for line in [*lines, None]:
        if line is not None and line.speaker is Speaker.CUSTOMER:
            run.append(line)
            continue
        if any(lx.VOICEMAIL.search(ln.text) for ln in run):
            machine.update(ln.index for ln in run)
        run = []
    return machine


def first_engaged(lines: list[Line]) -> int:
    """Index (into lines) of the first customer line with more than a greeting; len(lines) if none."""
    for n, line in enumerate(lines):
        if line.speaker is Speaker.CUSTOMER and not is_greeting(line.text):
            return n
    return len(lines)


_GREETING = re.compile(
    r"^(\W*(hello|hi|hey|hallo|yes|yeah|yep|ya|haan|ji|han|speaking|this is \w+|who is (this|it|calling)|who'?s this"
    r"|ok(ay)?|sure|go ahead|hmm+|uh+|um+|sorry|pardon|what|huh|namaste|नमस्ते|हाँ|हां|जी|हेलो|बोलिए|boliye"
    r"|good (morning|afternoon|evening)|speaking|it'?s \w+|\w+ here|\w+ speaking|(is )?any ?(one|body) there|i can'?t hear (you|anything)|can you hear me"
    r"|who|sorry,? who|who'?s calling|you'?re breaking up|youre breaking up|bad line|i can'?t|हैलो|हलो"
    r"|कौन( बोल रहे हैं| है)?|कोई है|मैं [^\s,।.!?]+ (हूँ|हूं)|[^\s,।.!?]+ बोल (रहा|रही|रहे) (हूँ|हूं|हैं))\W*)+$",
    re.I,
)


_PLEASANTRY = re.compile(
    r"^(\W*(ok(ay)?|thanks?|thank you|cheers|bye|goodbye|lovely|great|perfect|cool|alright|sure|yes|yeah|yep|yup|madam|sir"
    r"|ji|take care|you too|see you|talk soon|have a good (day|one)|धन्यवाद|शुक्रिया|dhanyavaad|shukriya|theek hai"
    r"|नमस्ते|बाय|आपको भी|अलविदा|ठीक है)\W*)+$",
    re.I,
)


def is_greeting(text: str) -> bool:
    return bool(_GREETING.match(text.strip()))


def context_kind(sentence: str, mentions: int, *, opening: bool, closing: bool, early: bool = False) -> str | None:
    """Why an agent sentence is never evidence (recap, agenda, close), or None when it may be.

    `mentions` is how many of the call's topics the sentence names; `opening` is before the customer engaged and
    `closing` after the customer's last substantive line; `early` is one of the agent's first three turns.
    """
    if _RECAP.search(sentence):
        return "recap"
    if mentions >= 2 and not sentence.rstrip().endswith("?"):
        return "close" if closing else "agenda"
    if opening and (_AGENDA.search(sentence) or mentions >= 2):
        return "agenda"
    if early and _ANNOUNCES.search(sentence) and not sentence.rstrip().endswith("?"):
        return "agenda"
    if _SUMMARY.search(sentence) or (_CLOSE.search(sentence) and (closing or mentions >= 2)):
        return "close"
    return None


def takes_up(reply: str, topic: str, matchers: Mapping[str, Callable[[str], bool]], *, asked: bool) -> bool:
    """Does a customer's reply take up the topic the agent just spoke of (docs/analysis.md)? Not when it deflects,
    declines, asks not to be called, or changes the subject: a question back about something else, another topic,
    or a question after a statement."""
    if lx.DEFLECT.search(reply) or lx.FOLLOW_UP.search(reply) or lx.CUT_OFF.search(reply):  # put off, cut short
        return False
    if matchers[topic](reply):
        return True
    if lx.BRUSH_OFF.search(reply):  # "I'm driving. Just send me an email." takes nothing up
        return False
    said = sentences(reply)
    questions_back = all(x.rstrip().endswith("?") for x in said) or lx.ASIDE.search(reply)
    return not (
        questions_back
        or any(m(reply) for other, m in matchers.items() if other != topic)
        or (not asked and any(x.rstrip().endswith("?") for x in said))
        or lx.DO_NOT_CALL.search(reply)
        or lx.DECLINE.search(reply)
    )


class Transcript:
    """The call's lines, which of them a person said in earnest, and which agent sentences are never evidence."""

    def __init__(self, call: Call, topics: list[str]) -> None:
        self.lines = lines_of(call)
        self.matchers = {t: lx.topic_matcher(t) for t in topics}
        said = [ln for ln in self.lines if ln.speaker is Speaker.CUSTOMER]
        system = [u.text for u in call.utterances if u.speaker is Speaker.SYSTEM]
        self.voicemail = any(lx.VOICEMAIL.search(t) for t in [ln.text for ln in said] + system)
        self.machine = machine_lines(self.lines)
        self.earnest = {
            ln.index
            for ln in said
            if not is_greeting(ln.text) and not lx.VOICEMAIL.search(ln.text) and ln.index not in self.machine
        }
        self.heard = bool(said)
        engaged = first_engaged(self.lines)
        last = max(  # the close starts after the customer's last line that is more than a goodbye
            (n for n, ln in enumerate(self.lines) if ln.index in self.earnest and not _PLEASANTRY.match(ln.text)),
            default=len(self.lines),
        )
        self.context: set[str] = set()
        turns = 0
        for n, line in enumerate(self.lines):
            if line.speaker is not Speaker.AGENT:
                continue
            turns += 1
            recap = False  # a recap goes on, sentence after sentence, until the agent asks something
            for sentence in sentences(line.text):
                mentions = sum(1 for m in self.matchers.values() if m(sentence))
                where = {"opening": n < engaged, "closing": n > last, "early": turns <= 3}
                kind = context_kind(sentence, mentions, **where) if mentions else None
                recap = (recap or bool(_RECAP.search(sentence))) and not sentence.rstrip().endswith("?")
                if kind or (mentions and recap):
                    self.context.add(normal(sentence))

    def mentions(self, topic: str, text: str) -> bool:
        return self.matchers[topic](text)

    def next_line(self, n: int) -> Line | None:
        return self.lines[n + 1] if n + 1 < len(self.lines) else None
