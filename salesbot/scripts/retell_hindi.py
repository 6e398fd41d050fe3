"""Points of an English history retold in Hindi: known patterns get Hindi sentences, names and numbers kept."""

from __future__ import annotations

import re
from collections.abc import Callable

from salesbot.playbook.hindi_topics import hindi_phrase
from salesbot.playbook.words import names_in

TOLD = "आपने बताया था कि "  # a fact the customer told us: Hindi reported speech
GENERAL = "हमने आपकी टीम की ज़रूरतों पर बात की थी"
_DEVANAGARI = re.compile(r"[\u0900-\u097F]")
_ORG = r"(?P<org>[A-Z][\w&.-]*(?: [A-Z][\w&.-]*)*)"
_UNTIL = r"(?=,| and (?:you|we|I|asked|said|wants?|needs?|liked|uses?|prefers?|do|does)\b| but | so |$)"


def _phrase(text: str | None) -> str | None:
    if not text:
        return None
    return hindi_phrase(re.sub(r"^(the|a|an|our|your|their|some)\s+", "", text.strip(" ,."), flags=re.I))


def _team(m: re.Match[str]) -> str | None:
    what = _phrase(m.group("what")) or ""
    team = f"{m.group('n')} लोगों की {what + ' ' if what else ''}टीम"
    return f"{TOLD}{m.group('org')} में आपकी {team} है" if m.group("org") else f"{TOLD}आपकी {team} है"


def _people(m: re.Match[str]) -> str | None:
    return f"{TOLD}आपकी टीम में {m.group('n')} लोग हैं"


def _demo(m: re.Match[str]) -> str | None:
    what = _phrase(m.group("what"))
    return f"आपको {what} डेमो पसंद आया था" if what else "आपको हमारा डेमो पसंद आया था"


def _call_back(m: re.Match[str]) -> str | None:
    when = _phrase(m.group("when"))
    link = {"after": "के बाद", "once": "के बाद", "before": "से पहले"}.get((m.group("link") or "").lower())
    if when and link:
        return f"आपने कहा था कि {when} {link} हम आपको फिर फ़ोन करें"
    return "आपने कहा था कि हम कुछ समय बाद आपको फिर फ़ोन करें"


def _showed(m: re.Match[str]) -> str | None:
    what = _phrase(m.group("what"))
    who = "मैंने" if m.group("who").lower() == "i" else "हमने"
    return f"{who} आपको {what} दिखाया था" if what else f"{who} आपको डेमो दिखाया था"


def _sent(m: re.Match[str]) -> str | None:
    what = _phrase(m.group("what"))
    return f"हमने आपको {what} भेजा था" if what else None


def _interest(m: re.Match[str]) -> str | None:
    what = _phrase(m.group("what"))
    return f"आपको {what} में दिलचस्पी थी" if what else None


def _want(m: re.Match[str]) -> str | None:
    what = _phrase(m.group("what"))
    return f"आपको {what} की ज़रूरत थी" if what else None


def _not_want(m: re.Match[str]) -> str | None:
    what = _phrase(m.group("what"))
    return f"{TOLD}आपको {what} नहीं चाहिए" if what else None


def _prefer(m: re.Match[str]) -> str | None:
    what = _phrase(m.group("what"))
    return f"{TOLD}आपकी पसंद {what} है" if what else None


def _worry(m: re.Match[str]) -> str | None:
    what = _phrase(m.group("what"))
    return f"आपको {what} को लेकर चिंता थी" if what else "आपकी कुछ चिंताएँ थीं"


def _uses(m: re.Match[str]) -> str | None:
    what = _phrase(m.group("what"))
    return f"{TOLD}आपकी टीम अभी {what} इस्तेमाल करती है" if what else None


def _met(m: re.Match[str]) -> str | None:
    where = _phrase(m.group("where"))
    return f"हम {where} में मिले थे" if where else None


def _budget(m: re.Match[str]) -> str | None:
    return "बजट पर भी बात हुई थी"


# fmt: off
_PATTERNS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str | None]], ...] = (
    (re.compile(rf"\byou (?:run|manage|lead|head|have) (?:a |an |the )?(?P<what>[\w -]*?)\s*team of (?P<n>\d+)"
                rf"(?: people)?(?: (?:at|in) {_ORG})?"), _team),
    (re.compile(r"\b(?P<n>\d+) (?:people|reps|agents|staff|employees|members)\b"), _people),
    (re.compile(r"\b(?:liked|loved|enjoyed|was impressed by|were impressed by) (?:the |our )?(?P<what>[^,]+?) demo\b"),
     _demo),
    (re.compile(r"\basked (?:us|me) to (?:call|ring|phone|follow up)(?: (?:you|back|again))*"
                rf"(?: (?P<link>after|once|before) (?P<when>.+?){_UNTIL})?"), _call_back),
    (re.compile(rf"\b(?P<who>I|we) (?:showed|demoed|walked) you(?: through)? (?P<what>.+?){_UNTIL}", re.I), _showed),
    (re.compile(rf"\b(?:I|we) sent (?:you )?(?P<what>.+?){_UNTIL}", re.I), _sent),
    (re.compile(rf"\byou(?:'re| are| were) (?:interested in|keen on|looking (?:at|for)) (?P<what>.+?){_UNTIL}"),
     _interest),
    (re.compile(rf"\byou (?:want|need|wanted|needed|asked for|would like) (?P<what>.+?){_UNTIL}"), _want),
    (re.compile(rf"\byou (?:do not|don't) want (?:a |an |the )?(?P<what>.+?){_UNTIL}"), _not_want),
    (re.compile(rf"\byou prefer (?P<what>.+?){_UNTIL}"), _prefer),
    (re.compile(rf"\byou(?:'re| are| were) (?:worried|concerned) (?:about|over) (?P<what>.+?){_UNTIL}"), _worry),
    (re.compile(rf"\byou (?:use|are using|currently use|run on|work in) (?P<what>.+?){_UNTIL}"), _uses),
    (re.compile(rf"\byour team(?: of \d+)? (?:uses|is using|works in|runs on) (?P<what>.+?){_UNTIL}"), _uses),
    (re.compile(rf"\b(?:we|I) met (?:you )?at (?:the )?(?P<where>.+?)(?: on \d{{1,2}} [A-Z][a-z]+)?{_UNTIL}", re.I), _met),
    (re.compile(r"\bbudget\b", re.I), _budget),
)
# fmt: on


def hindi_points(said: str) -> list[str]:
    """What a retold English point says, as Hindi sentences without a final stop; a safe general line otherwise."""
    if _DEVANAGARI.search(said):  # already Hindi: reported speech keeps the speaker's own words
        return [TOLD + said.strip(" ।.")]
    said = re.sub(r"^(You|Your)\b", lambda m: m.group(1).lower(), said)
    points: list[str] = []
    for pattern, render in _PATTERNS:
        for match in pattern.finditer(said):
            point = render(match)
            if point and point not in points and not (render is _budget and points):
                points.append(point)
    if any("लोगों की" in p for p in points):  # the team's size is said once
        points = [p for p in points if not p.startswith(f"{TOLD}आपकी टीम में")]
    if points:
        return points
    names = names_in(said)
    return [f"हमने {' और '.join(names[:2])} के बारे में बात की थी"] if names else [GENERAL]
