"""Sentences about or by the customer turned round to be said to them: "she liked the demo" -> "you liked the demo"."""

from __future__ import annotations

import re

from salesbot.playbook.words import is_name

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
_BEFORE_US = _AFTER_OBJECT | {"call", "send", "tell", "ask", "asked", "told", "give", "show", "help", "let"}


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
    if speaker == "customer":
        return _join(_their_words(words))
    if speaker == "notes" and _FRAGMENT_VERBS.match(sentence):  # "Wants a pilot before Diwali." has no subject
        head = words[0].lower()
        words = ["She", head, *words[1:]] if head not in _ADJECTIVES else ["She", "is", head, *words[1:]]
    elif _OUR_FRAGMENT.match(sentence):  # "Sent her the deck." was us
        words = ["I", words[0].lower(), *words[1:]]
    return _join(_about_them(_joined_name(words, customer_name), customer_name))


def _their_words(words: list[str]) -> list[str]:
    """The customer's own words turned round: I/we -> you, you -> we/us (that was us they spoke to)."""
    out: list[str] = []
    for word in words:
        low = word.lower()
        swapped = _THEIR_SIDE.get(low)
        if low == "you":
            swapped = "us" if out and out[-1].lower() in _BEFORE_US else "we"
        elif low == "your":
            swapped = "our"
        out.append(_like(word, swapped) if swapped else word)
    return out


def _joined_name(words: list[str], customer_name: str) -> list[str]:
    """The customer's full name as one word ("Meera", "Nair's" -> "Meera Nair's"), so it is turned round once."""
    parts = customer_name.split()
    if len(parts) < 2:
        return words
    out: list[str] = []
    for word in words:
        if out and out[-1] == parts[0] and _POSSESSIVE.sub("", word) == parts[1]:
            out[-1] = f"{parts[0]} {word}"
        else:
            out.append(word)
    return out


def _about_them(words: list[str], customer_name: str) -> list[str]:
    """Our notes about the customer turned to them: she/her/Meera -> you/your, verbs agreeing; others left alone."""
    names = {customer_name.lower(), *(p.lower() for p in customer_name.split()[:1])}
    out: list[str] = []
    someone_else = False  # once another person is named, he/she/his refer to them
    agree = False  # the word just turned to "you" was a subject: its verb follows ("runs" -> "run")
    for i, word in enumerate(words):
        low, bare = word.lower(), _POSSESSIVE.sub("", word.lower())
        nxt = words[i + 1].lower() if i + 1 < len(words) else ""
        if bare in names and not someone_else:
            possessive = low != bare
            out.append(("Your" if possessive else "You") if not out else ("your" if possessive else "you"))
            agree = not possessive
            continue
        if word[:1].isupper() and is_name(word) and bare not in names:
            someone_else = someone_else or _looks_like_person(words, i)
        if low in _THIRD and not someone_else:
            out.append(_like(word, _THIRD[low]))
            agree = low in _SUBJECTS
            continue
        if low == "her" and not someone_else:
            after = words[i + 2].lower() if i + 2 < len(words) else ""
            gone = nxt in _AFTER_OBJECT or not nxt.isalpha() or nxt.endswith("ly")
            if nxt in {"last", "next", "first"}:  # "called her last week", but "her last vendor"
                gone = after in _TIME_WORDS
            out.append(_like(word, "you" if gone else "your"))
            continue
        if agree and low in _ADVERBS:  # "she also wants": the verb is one word further on
            out.append(word)
            continue
        out.append(_base(word) if agree and (word.isalpha() or low in _AGREE) else word)
        agree = False
    return out


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
