"""Sentences about or by the customer turned round to be said to them: "she liked the demo" -> "you liked the demo"."""

from __future__ import annotations

import re

from salesbot.playbook.speech import is_name

_WORD = re.compile(r"\w[\w'’/-]*|\S")
_POSSESSIVE = re.compile(r"['’]s$")
_NOT_BEFORE_PERSON = {"at", "in", "from", "with", "for", "of", "to", "by", "on", "the", "a", "an", "our", "your", "via"}
_ADVERBS = {"also", "still", "really", "now", "already", "only", "just", "mainly", "usually", "often", "always",
            "never", "currently", "definitely", "probably", "then", "apparently", "clearly", "actually", "too"}  # fmt: skip
_AGREE = {"is": "are", "was": "were", "has": "have", "does": "do", "doesn't": "don't", "isn't": "aren't",
          "wasn't": "weren't", "hasn't": "haven't", "'s": "'re", "says": "say"}  # fmt: skip
# After "her", these words mean "her" was the object ("showed her the demo"), not a possessive ("her budget").
_AFTER_OBJECT = {"the", "a", "an", "some", "any", "our", "back", "up", "down", "out", "over", "again", "later",
                 "today", "tomorrow", "next", "last", "on", "in", "at", "by", "for", "with", "about", "to", "from",
                 "and", "or", "but", "that", "this", "these", "those", "because", "if", "when", "as", "once", "how",
                 "what", "why", "through", "around", "before", "after", "until", "yet", "too", "know", "directly",
                 "first", "soon", "twice", "earlier", "yesterday", "personally", "separately", "",}  # fmt: skip
_FRAGMENT_VERBS = re.compile(
    r"^(wants|needs|asked|liked|loved|prefers|uses|using|runs|manages|said|mentioned|plans|expects|agreed|requested"
    r"|has|had|will|would|can|could|seems|felt|thinks|thought|looking|interested|keen|happy|open|concerned|worried"
    r"|busy|based|unhappy|unsure|hesitant|travelling|traveling|waiting|evaluating|comparing|considering)\b",
    re.IGNORECASE,
)
_OUR_FRAGMENT = re.compile(
    r"^(called|sent|showed|emailed|shared|demoed|met|left|walked|gave|promised|followed|offered|proposed|suggested"
    r"|explained|booked|scheduled|quoted)\b",
    re.IGNORECASE,
)
# A customer's request in their own words ("send me something in writing") is something they asked us to do.
_REQUEST = re.compile(r"^(send|call|email|share|give|show|let|tell|ring|mail|forward|book|schedule)\b", re.I)
_FILLER = re.compile(
    r"^(?:(?:honestly|well|so|ok|okay|yeah|yes|look|actually|frankly|basically|um|uh|hmm)\b,?\s*)+", re.I
)
_TIME_WORDS = {"week", "month", "year", "time", "monday", "tuesday", "wednesday", "thursday", "friday", "quarter"}
_ADJECTIVES = {"looking", "interested", "keen", "happy", "open", "concerned", "worried", "busy", "based", "unhappy",
               "unsure", "hesitant", "travelling", "traveling", "waiting", "evaluating", "comparing", "considering",
               "using"}  # fmt: skip
_THEIR_SIDE = {"i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "we": "you",
               "us": "you", "our": "your", "ours": "yours", "ourselves": "yourselves", "i'm": "you're",
               "i've": "you've", "i'd": "you'd", "i'll": "you'll", "we're": "you're", "we've": "you've",
               "we'd": "you'd", "we'll": "you'll", "am": "are"}  # fmt: skip
_THIRD = {"she": "you", "he": "you", "they": "you", "him": "you", "them": "you", "hers": "yours", "theirs": "yours",
          "herself": "yourself", "himself": "yourself", "themselves": "yourselves", "their": "your", "his": "your",
          "she's": "you're", "he's": "you're", "they're": "you're", "she'd": "you'd", "he'd": "you'd",
          "they'd": "you'd", "she'll": "you'll", "he'll": "you'll", "they'll": "you'll", "they've": "you've"}  # fmt: skip
_SUBJECTS = {"she", "he", "she's", "he's"}


def _base(verb: str) -> str:
    low = verb.lower()
    if low in _AGREE:
        return _AGREE[low]
    if not low.endswith("s") or low.endswith("ss") or len(low) < 4:
        return verb
    if low.endswith("ies"):
        return verb[:-3] + "y"
    if re.search(r"(ch|sh|x|z|o)es$", low):
        return verb[:-2]
    return verb[:-1]


def to_second_person(sentence: str, customer_name: str, speaker: str) -> str | None:
    """The sentence said to the customer: their own words ("customer") or our notes about them ("notes", "ours")."""
    if re.search(r"[\u0900-\u097F]", sentence):  # Hindi words: kept as said (a Hindi recap reports them)
        return sentence.strip()
    sentence = _FILLER.sub("", sentence)
    if speaker == "customer" and _REQUEST.match(sentence):
        sentence = "I asked you to " + sentence[0].lower() + sentence[1:]
    words = _WORD.findall(sentence)
    if not words:
        return None
    first_names = {p.lower() for p in customer_name.split()[:1]} | {customer_name.lower()}
    if speaker == "notes" and _FRAGMENT_VERBS.match(sentence):  # "Wants a pilot before Diwali." has no subject
        head = words[0].lower()
        words = ["She", head, *words[1:]] if head not in _ADJECTIVES else ["She", "is", head, *words[1:]]
    elif speaker in {"notes", "ours"} and _OUR_FRAGMENT.match(sentence):  # "Sent her the deck." was us
        words = ["I", words[0].lower(), *words[1:]]
    out: list[str] = []
    someone_else = False  # once another person is named, he/she/his refer to them
    agree_next = False
    i = 0
    while i < len(words):
        word, low = words[i], words[i].lower()
        nxt = words[i + 1].lower() if i + 1 < len(words) else ""
        if speaker == "customer":
            swapped = _THEIR_SIDE.get(low)
            if low == "you":
                swapped = (
                    "us"
                    if out
                    and out[-1].lower()
                    in _AFTER_OBJECT | {"call", "send", "tell", "ask", "asked", "told", "give", "show", "help", "let"}
                    else "we"
                )
            elif low == "your":
                swapped = "our"
            out.append(_like(word, swapped) if swapped else word)
            i += 1
            continue
        bare = _POSSESSIVE.sub("", low)
        pair = low + " " + _POSSESSIVE.sub("", nxt)
        is_customer = bare in first_names or (i + 1 < len(words) and pair in first_names)
        if is_customer and not someone_else:
            if i + 1 < len(words) and f"{low} {nxt}" in first_names:
                i += 1
                nxt = words[i + 1].lower() if i + 1 < len(words) else ""
            if nxt in {"'s", "’s"}:
                out.append("Your" if not out else "your")
                i += 2
                continue
            if word.endswith(("'s", "’s")):
                out.append("Your" if not out else "your")
            else:
                out.append("You" if not out else "you")
                agree_next = True
            i += 1
            continue
        if word[:1].isupper() and is_name(word) and bare not in first_names:
            someone_else = someone_else or _looks_like_person(words, i)
        if low in _THIRD and not someone_else and speaker in {"notes", "ours"}:
            swapped = _THIRD[low]
            out.append(_like(word, swapped))
            agree_next = low in _SUBJECTS
            i += 1
            continue
        if low == "her" and not someone_else and speaker in {"notes", "ours"}:
            after = words[i + 2].lower() if i + 2 < len(words) else ""
            gone = nxt in _AFTER_OBJECT or not nxt.isalpha() or nxt.endswith("ly")
            if nxt in {"last", "next", "first"}:  # "called her last week", but "her last vendor"
                gone = after in _TIME_WORDS
            out.append(_like(word, "you" if gone else "your"))
            i += 1
            continue
        if agree_next and low in _ADVERBS:
            out.append(word)
            i += 1
            continue
        if (agree_next and word.isalpha()) or (agree_next and low in _AGREE):
            out.append(_base(word))
        else:
            out.append(word)
        agree_next = False
        i += 1
    return _join(out)


def _looks_like_person(words: list[str], i: int) -> bool:
    """A capitalised word followed by a verb-like word or "from"/"(" reads as someone's name ("Ravi approves")."""
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if (i > 0 and words[i - 1].lower() in _NOT_BEFORE_PERSON) or nxt[:1].isupper() or words[i] == "I":
        return False
    verb_like = re.match(r"^(\w{2,}s|\w+ed|from|is|was|will|would|said|,|\()$", nxt.lower())
    return bool(verb_like) and not any(ch.isupper() for ch in words[i][1:])


def person_named(sentence: str, customer_name: str) -> str | None:
    """Someone other than the customer named as a person in the sentence ("Ravi approves budgets" -> "Ravi")."""
    words = _WORD.findall(sentence)
    mine = {customer_name.lower(), *(p.lower() for p in customer_name.split()[:1])}
    for i, word in enumerate(words):
        bare = re.sub(r"['’]s$", "", word)
        if word[:1].isupper() and is_name(word) and bare.lower() not in mine and _looks_like_person(words, i):
            return bare
    return None


def _like(original: str, replacement: str) -> str:
    """The replacement in the original's case: "She" -> "You", "she" -> "you"."""
    return replacement[0].upper() + replacement[1:] if original[:1].isupper() and original != "I" else replacement


def _join(words: list[str]) -> str:
    text = ""
    for word in words:
        if not text or re.match(r"^[.,!?;:)’']|^'", word) or text.endswith(("(", "/")):
            text += word
        else:
            text += " " + word
    text = re.sub(r"\b([Yy]ou) ('re|'ve|'d|'ll)", r"\1\2", text)
    return text.strip()
