"""Points of an English history retold in Hindi: known patterns get Hindi sentences, names and numbers kept."""

from __future__ import annotations

import re
from collections.abc import Callable

from salesbot.playbook.speech import hindi_phrase, names_in

_ORG = r"(?P<org>[A-Z][\w&.-]*(?: [A-Z][\w&.-]*)*)"


def _phrase(text: str | None) -> str | None:
    if not text:
        return None
    return hindi_phrase(re.sub(r"^(the|a|an|our|your|their|some)\s+", "", text.strip(" ,."), flags=re.I))


def _team(m: re.Match[str]) -> str | None:
    what = _phrase(m.group("what")) if m.group("what") else ""
    if what is None:
        what = ""
    team = f"{m.group('n')} लोगों की {what + ' ' if what else ''}टीम"
    return f"{m.group('org')} में आपकी {team} है" if m.group("org") else f"आपकी {team} है"


def _people(m: re.Match[str]) -> str | None:
    return f"आपकी टीम में {m.group('n')} लोग हैं"


def _demo(m: re.Match[str]) -> str | None:
    what = _phrase(m.group("what"))
    return f"आपको {what} डेमो पसंद आया था" if what else "आपको हमारा डेमो पसंद आया था"


def _call_back(m: re.Match[str]) -> str | None:
    when = _phrase(m.group("when"))
    link = {"after": "के बाद", "once": "के बाद", "before": "से पहले", "in": "बाद"}.get((m.group("link") or "").lower())
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
    return f"आपको {what} चाहिए था" if what else None


def _worry(m: re.Match[str]) -> str | None:
    what = _phrase(m.group("what"))
    return f"आपको {what} को लेकर चिंता थी" if what else "आपकी कुछ चिंताएँ थीं"


def _uses(m: re.Match[str]) -> str | None:
    what = _phrase(m.group("what"))
    return f"आपकी टीम अभी {what} इस्तेमाल करती है" if what else None


def _budget(m: re.Match[str]) -> str | None:
    return "बजट पर भी बात हुई थी"


_UNTIL = r"(?=,| and | but | so |$)"
_PATTERNS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str | None]], ...] = (
    (re.compile(rf"\byou (?:run|manage|lead|head|have) (?:a |an |the )?(?P<what>[\w -]*?)\s*team of (?P<n>\d+)"
                rf"(?: people| \w+)?(?: (?:at|in) {_ORG})?"), _team),
    (re.compile(r"\b(?P<n>\d+) (?:people|reps|agents|staff|users|employees|members|seats)\b"), _people),
    (re.compile(r"\b(?:liked|loved|enjoyed|was impressed by|were impressed by) (?:the |our )?(?P<what>[^,]+?) demo\b"),
     _demo),
    (re.compile(r"\basked (?:us|me) to (?:call|ring|phone|follow up)(?: (?:you|back|again))*"
                rf"(?: (?P<link>after|once|before|in) (?P<when>.+?){_UNTIL})?"), _call_back),
    (re.compile(rf"\b(?P<who>I|we) (?:showed|demoed|walked) you(?: through)? (?P<what>.+?){_UNTIL}", re.I), _showed),
    (re.compile(rf"\b(?:I|we) sent you (?P<what>.+?){_UNTIL}", re.I), _sent),
    (re.compile(rf"\byou(?:'re| are| were) (?:interested in|keen on|looking (?:at|for)) (?P<what>.+?){_UNTIL}"),
     _interest),
    (re.compile(rf"\byou (?:want|need|wanted|needed|asked for|would like) (?P<what>.+?){_UNTIL}"), _want),
    (re.compile(rf"\byou(?:'re| are| were) (?:worried|concerned) (?:about|over) (?P<what>.+?){_UNTIL}"), _worry),
    (re.compile(rf"\byou (?:use|are using|currently use|run on|work in) (?P<what>.+?){_UNTIL}"), _uses),
    (re.compile(r"\bbudget\b", re.I), _budget),
)


def hindi_points(said: str) -> list[str]:
    """What a retold English point says, as Hindi sentences without a final stop; a safe general line otherwise."""
    points: list[str] = []
    for pattern, render in _PATTERNS:
        for match in pattern.finditer(said):
            point = render(match)
            if point and point not in points and not (render is _budget and points):
                points.append(point)
            if render is _team:
                break
    if render_people_twice(points):
        points = [p for p in points if not p.startswith("आपकी टीम में")]
    if points:
        return points
    names = names_in(said)
    if names:
        return [f"हमने {' और '.join(names[:2])} के बारे में बात की थी"]
    return ["हमने आपकी टीम की ज़रूरतों पर बात की थी"]


def render_people_twice(points: list[str]) -> bool:
    """A team already described with its size makes "your team has N people" redundant."""
    return any("लोगों की" in p for p in points) and any(p.startswith("आपकी टीम में") for p in points)
