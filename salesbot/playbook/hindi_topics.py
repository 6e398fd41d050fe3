"""Topics said in Hindi: the glossary's words, names kept as typed, English word order turned round."""

from __future__ import annotations

from salesbot.playbook.glossary import BRANDS, HINDI_DROPPED, HINDI_LINKS, HINDI_WORDS, LANGUAGE_NAMES
from salesbot.playbook.plays import play_for
from salesbot.playbook.words import HINDI_MONTH, bare, is_name, names_in, normalise, split_label

_KIND_HINDI = {
    "pricing": "कीमत", "contract": "कॉन्ट्रैक्ट और बिलिंग", "compliance": "कंप्लायंस", "security": "सुरक्षा",
    "language": "भाषा सपोर्ट", "integration": "इंटीग्रेशन", "support": "सपोर्ट", "onboarding": "ऑनबोर्डिंग",
    "reporting": "रिपोर्टिंग", "scale": "विस्तार", "automation": "ऑटोमेशन", "general": "आपकी बताई ज़रूरत",
}  # fmt: skip


def _hindi_words(words: list[str]) -> list[str] | None:
    out: list[str] = []
    for word in words:
        core = bare(word)
        low = core.lower()
        if not core or low in HINDI_DROPPED:
            continue
        if low in LANGUAGE_NAMES:
            out.append(LANGUAGE_NAMES[low])
        elif low in HINDI_MONTH:
            out.append(HINDI_MONTH[low])
        elif is_name(core):
            out.append(BRANDS.get(low, core) if core == low else core)
        elif low in HINDI_WORDS:
            out.append(HINDI_WORDS[low])
        else:
            return None
    return out


def hindi_phrase(text: str) -> str | None:
    """English words said in Hindi, names kept ("SSO via Okta" is "Okta के ज़रिए SSO"); None for an unknown word."""
    words = normalise(text).split()
    for i, word in enumerate(words[1:-1], start=1):
        link = HINDI_LINKS.get(word.lower())
        if link:
            left, right = hindi_phrase(" ".join(words[:i])), hindi_phrase(" ".join(words[i + 1 :]))
            return " ".join(p for p in (right, link, left) if p) if left and right else None
    said = _hindi_words(words)
    return " ".join(said) if said else None


def hindi_topic(topic: str) -> str:
    label, detail = split_label(normalise(topic))
    kind = play_for(topic).kind
    if label is not None and play_for(label).kind == "integration":
        said = hindi_phrase(detail)
        return f"{said} इंटीग्रेशन" if said and "इंटीग्रेशन" not in said else said or _KIND_HINDI[kind]
    if label is not None:
        head, tail = hindi_phrase(label), hindi_phrase(detail)
        if head and tail:
            return f"{head} — {tail}"
    said = hindi_phrase(topic if label is None else f"{label} {detail}")
    if said:
        return said
    names = " ".join(names_in(topic))
    if kind == "general":
        return f"{names} से जुड़ी ज़रूरत" if names else _KIND_HINDI["general"]
    return f"{names} {_KIND_HINDI[kind]}".strip()
