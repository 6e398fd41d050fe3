"""The words the offline analyser listens for, in English, Hindi and Hinglish: topics, decisions, objections, times."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from salesbot.models import ObjectionKind
from salesbot.playbook import play_for


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(parts), re.I)


# Devanagari's vowel signs are not \w, so \b splits Hindi words ("निकलना" holds "कल"): Hindi words are bounded so.
_HI = "\u0900-\u0963\u0966-\u097f"  # letters, signs and digits; not the danda (।)


def _hi(*words: str) -> str:
    """Hindi words or phrases, matched only as whole words."""
    return rf"(?<![{_HI}])(?:{'|'.join(words)})(?![{_HI}])"


# "How much" in Hindi is pricing; "how much time / how many people" is not.
_KITNA = r"कितन[ाेी]?(?! (समय|टाइम|दिन|लोग|हफ़्ते|हफ्ते|महीने|देर|साल|बार))"

# How people speak of each kind of topic, paraphrases included ("what would this set us back" is pricing).
TOPIC_CUES: dict[str, re.Pattern[str]] = {
    "pricing": _rx(r"\bpric", r"\bcost", r"\bbudget", r"\bafford", r"\bexpensive", r"\bcheap", r"\bper (seat|user|licen|rep|head|agent|month)", r"\b(dollars|pounds|euros)\b", r"\$\d",
                   r"\bsubscription", r"\bdiscount", r"\b(charges|charging|what (do|would) you charge)\b", r"\bquote\b", r"\bfees?\b", r"\bset (us|me) back", r"\bhow much\b",
                   r"₹", r"\brupees\b", r"\blakh", r"\blicen[cs]", r"कीमत", r"दाम", _KITNA, r"खर्च", r"बजट", r"महंग",
                   r"सस्त", r"\bkee?mat", r"\bdaam\b", r"\bkitn[ae]\b(?! (time|samay|din|log|logon|hafte|mahine|der|saal|baar))", r"\bkharch", r"\bmeh?nga"),
    "integration": _rx(r"\bintegrat", r"\bcrm", r"\bapi\b", r"salesforce", r"hubspot", r"\bzoho", r"pipedrive",
                       r"freshsales", r"\bhook (it )?(in|up)", r"\bplug (it )?in", r"\bconnect", r"\bsync", r"\berp\b",
                       r"\btally\b", r"\bsap\b", r"talk to (our|the|my) (crm|system|software)", r"जोड़", r"\bjod"),
    "security": _rx(r"\bsecur", r"\bprivacy", r"\bgdpr", r"\bcomplian", r"data protection", r"\bsoc ?2", r"\biso\b",
                    r"\bencrypt", r"\bhack", r"\bbreach", r"\baudit", r"where.{0,40}data.{0,25}(kept|stored|live|go|sit|host)",
                    r"data.{0,25}(safe|secure|stored|kept|leave|host|server)", r"\bit (team|department)\b", r"सुरक्ष",
                    r"\bsuraksh"),
    "onboarding": _rx(r"\bonboard", r"\btrain", r"\bset ?up\b", r"\bimplement", r"\broll ?out", r"\bgo live",
                      r"\bget started", r"\bgett?ing (\w+ ){0,3}started\b", r"\badoption", r"\blearn", r"\bramp", r"up and running", r"\bmigrat",
                      r"ट्रेनिंग", r"सेटअप", r"सिखा", r"\bsikha"),
    "support": _rx(r"\bsupport", r"help ?desk", r"\bsla\b", r"\buptime", r"\bdowntime", r"\boutage",
                   r"something (goes wrong|breaks)", r"\btickets?\b", r"pick up the phone", r"24/7", r"\bweekends?\b",
                   r"response time", r"\bmaintenance", r"सपोर्ट", r"मदद", r"\bmadad"),
    "reporting": _rx(r"\breport", r"\banalytic", r"\bdashboard", r"\binsight", r"\bmetric", r"\bkpi", r"\bforecast",
                     r"\bspreadsheet", r"\bexcel\b", r"\bconversion", r"रिपोर्ट", r"डैशबोर्ड"),
    "scale": _rx(r"\bscal", r"\bgrowth", r"\bgrow", r"\bvolume", r"\bexpan(d|sion)", r"\bopening (in|up)\b", r"\b(just )?opened (in|a|an|up)\b", r"\bnew (market|country|depot|branch|office|city)\b", r"\b(several|multiple|new) markets\b", r"new (regions|markets|cities|offices|states)",
                 r"more (seats|users|reps|people)", r"\bdouble", r"\bcapacity", r"\bregions?\b", r"\bbranches\b", r"बढ़(?!िया)"),
    "automation": _rx(r"\bautomat", r"\bworkflow", r"follow-?ups\b", r"\bfollow-up\b", r"\bfollow(-| )?up with (your |the |our )?(customers|leads|prospects|clients|buyers)\b", r"\bproductiv", r"\befficien", r"\breminders?\b",
                      r"\bmanual", r"\bbusywork", r"leads? go(es)? cold", r"\bsequences?\b", r"ऑटोमेशन", r"\bautomation"),
}  # fmt: skip

# Words of a topic's name too common to mean the topic on their own ("Onboarding for the sales team").
_COMMON = {"the", "and", "for", "with", "our", "your", "sales", "team", "teams", "new", "hours", "weekly", "data",
           "time", "call", "calls", "customer", "customers", "plan", "plans", "follow", "ups", "based", "language",
           "app", "tool", "tools", "system", "process", "options", "option"}  # fmt: skip
_SUFFIX = re.compile(r"(ations?|ing|ions?|ity|ies|es|ed|s)$")


# Cues of a topic's own words, for topics no kind of play describes ("Contract length", "Hindi language support").
WORD_CUES: dict[str, re.Pattern[str]] = {
    "contract": _rx(r"\bcontract", r"\block-?in", r"\bannual", r"\byearly", r"\bcommitment", r"\bmonth-to-month",
                    r"\bnotice period", r"\bcancel", r"\bterm\b"),
    "hindi": _rx(r"\bhindi\b", r"हिंदी", r"हिन्दी", r"भाषा", r"\blanguages?\b", r"\bbhasha\b"),
    "whatsapp": _rx(r"\bwhats ?app\b", r"व्हाट्सएप", r"व्हाट्सऐप", r"वॉट्सऐप", r"वाट्सएप", r"वॉट्सएप"),
    "gst": _rx(r"\bgst\b", r"जीएसटी", r"\binvoic", r"इनवॉइस", r"\bbills?\b", r"बिल"),
    "mobile": _rx(r"(?<!my )(?<!your )(?<!this )(?<!our )\bmobile\b(?! (number|no\b))", r"\bphone app\b", r"\bios\b", r"\bandroid\b", r"\bon (my|their|the) phones?\b"),
}  # fmt: skip


@lru_cache(maxsize=512)
def topic_matcher(topic: str) -> Callable[[str], bool]:
    """Does a sentence speak of this topic: one of its distinctive words, or a cue of its kind of topic.

    A topic named by its own subject ("Hindi language support", "WhatsApp integration") is that subject only: its
    other words ("support", "integration") would make any talk of support or of a CRM cover it."""
    parts = []
    words = re.findall(r"\w+", topic.lower())
    subject = [w for w in words if w in WORD_CUES]
    for word in [] if subject else words:  # a subject's own cue names it (and knows "my mobile" is a number)
        if len(word) < 3 or word in _COMMON:
            continue
        stem = _SUFFIX.sub("", word) if len(word) > 5 else word
        parts.append(rf"\b{re.escape(stem)}" if len(stem) >= 4 else rf"\b{re.escape(word)}s?\b")
    # A topic named by its own subject ("WhatsApp integration") is that subject, not its whole kind (any CRM).
    cues = [WORD_CUES[w] for w in subject]
    cues = cues or [TOPIC_CUES[k] for k in [play_for(topic).kind] if k in TOPIC_CUES]
    own = re.compile("|".join(parts), re.I) if parts else None
    return lambda text: bool((own and own.search(text)) or any(cue.search(text) for cue in cues))


# The customer cutting the call short: what the agent just raised is left there, not discussed.
CUT_OFF = _rx(
    r"\bi (really )?(need|have|'ve got|got) to (go|run|hang up|stop)\b", r"\bstop you there\b",
    r"\b(another|other) call (is )?coming in\b", r"\bcall coming in\b", r"यहीं रोकना", r"अब निकलना",
    r"दूसरी कॉल आ रही",
)  # fmt: skip
DO_NOT_CALL = _rx(
    r"(don'?t|do not|never|stop) (ever )?(call|calling|ring|ringing|phone|contact)(ing)? (me|us|this number|here)",
    r"\bstop calling\b", r"(take|remove|delete) (me|us|my number|this number) (off|from)", r"do not call (list|register)",
    r"\bdnd\b", r"never (ring|call) (me|us|here) again", r"lose (my|this) number",
    r"दोबारा (फ़ोन|फोन|कॉल) (मत|न)", r"(फ़ोन|फोन|कॉल) मत (करना|करें|करिए|कीजिए)", r"dobara (call|phone|fone) (mat|na)",
    r"(call|phone) mat kar", r"(लिस्ट|सूची) से (हटा|निकाल)(इए|िए| दीजिए| दो| दें| देना)",
    r"(फ़ोन|फोन|कॉल) (करना )?बंद (करो|कीजिए|करिए|करें|कर दीजिए|कर दो)",
)  # fmt: skip
MEETING_WORDS = _rx(r"\b(come|came|drop|stop) by\b", r"\bvisit\b", r"\bscreen ?share\b", r"\bshow you\b",r"\b(minute|comparison|intro|introductory|discovery|video|zoom|teams) call\b", r"\bzoom\b",r"\bwalk-?through", r"\bdemo\b", r"\bmeeting", r"\bsession", r"\bpresentation", r"\binvite",
                    r"\bcalendar", r"\bbook", r"\bschedule", r"\bslot", r"\bmeet\b", r"मीटिंग", r"डेमो", r"\bmilte",
                    r"वॉकथ्रू", r"वॉक-थ्रू", r"प्रेज़ेंटेशन", r"इनवाइट", r"कैलेंडर", rf"(?<![{_HI}])बुक", r"स्लॉट", r"शेड्यूल")  # fmt: skip
MEETING_NOUN = _rx(r"\bwalk-?through\b", r"\bdemo\b", r"\bmeeting\b", r"\bsession\b", r"\bpresentation\b", r"\bcall\b",
                   _hi("वॉकथ्रू", "वॉक-थ्रू", "डेमो", "मीटिंग", "सेशन", "प्रेज़ेंटेशन", "कॉल"))  # fmt: skip
# The English name of a meeting named in Hindi: the next step's action reads in the team's recommendation sentence.
_HINDI_MEETING = {"वॉकथ्रू": "walkthrough", "वॉक-थ्रू": "walkthrough", "डेमो": "demo", "मीटिंग": "meeting", "सेशन": "session",
                  "प्रेज़ेंटेशन": "presentation", "कॉल": "call"}  # fmt: skip


def meeting_action(text: str) -> str | None:
    """The kind of meeting a line names ("walkthrough", "demo", ...), in English; None when it names none."""
    found = MEETING_NOUN.search(text)
    return _HINDI_MEETING.get(found.group(0), found.group(0).lower()) if found else None


ACCEPT = _rx(
    r"\b(works for (me|us)|that works|sounds good|sounds great|let'?s do (it|that)|book (it|me|us|that)|lock (it|that) in"
    r"|send (me |us |over )?(the|an|a calendar) invite|put (me|us|it) down|pencil (me|us|it) in|see you (then|on|at)"
    r"|count me in|i'?ll be there|we'?ll be there|confirmed|that'?s fine|go ahead and book|yes,? (please|let'?s)"
    r"|perfect|great,? (thursday|friday|monday|tuesday|wednesday|tomorrow))\b",
    r"ठीक है", r"चलेगा", r"हाँ,? (कर|बुक)", r"\b(theek|thik) hai\b", r"\bchalega\b", r"\bkar (do|dijiye)\b",
    r"ठीक रहेगा", r"पक्का (कर|है|रहा)", r"रख (लीजिए|लेते|लो|दीजिए|लें)", r"बुक कर (दीजिए|दो|दें|लीजिए|लो)", r"इनवाइट भेज",
)  # fmt: skip
FOLLOW_UP = _rx(
    r"\b(call|ring|phone|try|reach|contact) (me|us|back|again)( back| again)?,? ?(later|next|tomorrow|after|in (a|two|\d)"
    r"|around|at|on|when|once|this|sometime|monday|tuesday|wednesday|thursday|friday)",
    r"\bcheck back\b", r"\bget back to (me|us)\b", r"\bcircle back\b", r"\btouch base\b", r"\bcall (me )?back\b",
    r"\b(try|call) (again )?(next|after)\b", r"\bfollow up with (me|us) (next|in|after|later)\b",
    r"\breach out (again )?(next|in|after|later)\b", r"\b(call|ring|ping|try|reach|contact|phone) (me|us)\b.{0,40}"
    r"(later|next|tomorrow|after|week|month|quarter|year|monday|tuesday|wednesday|thursday|friday|morning|afternoon)",
    r"\bping me\b", r"\b(call|phone|fone) (karna|karo|karein|kariye|kijiye|kar lena)\b",
    r"बाद में (फ़ोन|फोन|कॉल|बात)", r"(अगले|अगली) (हफ्ते|हफ़्ते|महीने|बार) (फ़ोन|फोन|कॉल|बात)", r"\bbaad mein (call|phone|baat)",
    r"\b(agle|agli) (hafte|mahine|baar) (call|phone|baat)",
    r"(फ़ोन|फोन|कॉल) (कर )?(लीजिए|कीजिए|करिए|लेना|दीजिए)", r"(फ़ोन|फोन|कॉल) कर (सकते|लेंगे)( हैं)?\s*\?",
    r"(फिर से|फिर|दोबारा) (ट्राई|बात|फ़ोन|फोन|कॉल) (कर|कीजिए|करिए|करें|करेंगे|करते)",
)  # fmt: skip
DECLINE = _rx(
    r"\bnot interested\b", r"\bno,? thank(s| you)\b", r"\bnot for (us|me)\b", r"\b(we'?ll|well|i'?ll|we will|i will|have to|gonna) pass\b", r"नहीं नहीं",
    r"\bnot looking\b", r"\bnot (going to|gonna) (go ahead|buy|move forward|switch|proceed)", r"\bwe'?re (all )?set\b",
    r"\b(not|no) (something|anything) we need\b", r"\bdon'?t (think|see) (it|this|that) (fits|working|is for)\b",
    r"\bnot worth\b", r"\bno,? (we|i) (don'?t|won'?t)\b", r"\bnot (right|a fit|a good fit) for\b", r"\bi'?ll have to say no\b",
    r"\bwe don'?t need (it|this|that|anything|another)\b", r"\b(we'?re|i'?m) (quite |very |really )?happy with what (we|i) (use|have)\b",
    r"(हम|मैं) (अपने )?(मौजूदा|अभी वाले) (सिस्टम|टूल|सॉफ़्टवेयर|सॉफ्टवेयर) से (ख़ुश|खुश) (हैं|हूँ|हूं)", r"(ज़रूरत|जरूरत) नहीं", r"(रुचि|दिलचस्पी|इंटरेस्ट) नहीं", r"नहीं चाहिए", r"\binterest(ed)? nahi", r"\bnahi chahiye\b", r"\bzaroorat nahi\b",
    r"(हमारे|मेरे) (लिए|काम का|काम की) नहीं", r"हम (तो )?रहने (ही )?(देते|देंगे)", r"मना करना (पड़|होगा)",
    r"(^|[।.!?,]\s*)(तो |जी )?नहीं( जी)?,? (धन्यवाद|शुक्रिया)", r"(यह|ये|इसे) नहीं (लेंगे|ले रहे|लेना)",
)  # fmt: skip
POSITIVE = _rx(
    r"\b(great|good|love|perfect|interest(ed|ing)|excit|useful|helpful|makes sense|impressive|nice|brilliant|awesome"
    r"|like (that|this|the sound)|sounds (good|great|promising|useful)|keen|happy(?! with what)|definitely|absolutely|wonderful)\b",
    r"अच्छा", r"बढ़िया", r"\b(accha|achha|badhiya|badiya)\b",
    r"दिलचस्प", r"काम की चीज़", r"काम का लग", r"शानदार", r"बेहतरीन", r"पसंद (आया|आई|आ रहा|आ रही)",
)  # fmt: skip
NEGATIVE = _rx(
    r"\b(expensive|annoy|waste|frustrat|angry|not interested|unhappy|worried|concern|problem|terrible|bad|stop|rude"
    r"|tired of|sick of|spam|ridiculous|no thanks|don'?t need|skeptic|sceptic|doubt|hate)\b",
    r"परेशान", r"बेकार", r"\b(pareshan|bekaar|bekar)\b", r"(दिलचस्पी|रुचि|इंटरेस्ट) नहीं",
    r"(^|[।.!?,]\s*)(तो |जी )?नहीं( जी)?,? (धन्यवाद|शुक्रिया)",
)  # fmt: skip
SEND_INFO = _rx(r"\bsend (me|us|over|it|that|the|some|an?) ?\w*", r"\bemail (me|us|it)\b", r"\bshare (the|some|a)\b",
                r"भेज", r"\bbhej")  # fmt: skip
DEFLECT = _rx(
    r"\blet'?s (not|skip|leave)\b", r"\b(i'?d|i would) rather not\b", r"\bdon'?t want to (talk|get|go|discuss)",
    r"\bnot (going to|gonna) (discuss|talk|get into)", r"\bskip (that|it|this)\b", r"\bno comment\b",
    r"\b(doesn'?t|does not|don'?t) (matter|care)\b", r"\bnot relevant\b", r"\bcan we (talk|move|get) (about|on|to)\b",
    r"\b(never ?mind|whatever|moving on|anyway,)\b", r"\bnot (now|today),? (please|sorry)?\b", r"\bnot the point\b",
    r"\bnot (really )?(important|a priority|a concern) (right now|for us|now)\b", r"\bhaven'?t (thought|looked) (about|into)",
    r"\bno idea\b(?! (what|how|which|who|where|whether|if|why))", r"\bpark (that|it|this)\b", r"\bdon'?t (want|wanna)( to)? (talk|get|go|discuss)",
    r"\bmat (poo?chh?o|puchh?o)\b", r"\bbaad mein (karenge|dekhenge|baat)", r"बाद में (करेंगे|बात)", r"मत पूछ", r"\bpass on that\b", r"\b(i|we) don'?t know\b", r"छोड़िए", r"रहने दीजिए", r"बाद में देखेंगे",
    r"\b(chhodiye|chodiye|rehne dijiye|rehne do)\b",
    r"(उसमें|इसमें|उस पर|इस पर) (अभी |आज )?नहीं जाते", r"न करें तो (बेहतर|अच्छा)",
    r"(उस|इस) (बारे में|पर|विषय पर) (अभी |आज )?बात नहीं", r"(वो|वह|यह|ये|इसे|उसे)( वाला| वाली| सवाल| बात)? छोड़ (दें|देते|दीजिए|दो)",
)  # fmt: skip
# A reply that puts the agent off without taking anything up: "I'm driving. Just send me an email."
BRUSH_OFF = _rx(
    r"\b(i'?m|i am) (driving|on the road|in a meeting|with a (customer|client)|about to (board|go in))\b",
    r"\b(he|she)'?s?( is)? not (in|here|available|around)\b", r"^\W*(\w+\W+){0,3}bye\W*$", r"^\W*(\S+\s+){0,3}(बाय|अलविदा)\W*$",
    r"^\W*(just )?(send|email|mail) (me|it|us)\b", r"\bjust (send|email|mail) (me|it|us)\b", r"\bput it in an email\b",
    r"गाड़ी चला (रहा|रही) (हूँ|हूं)", r"(वो|वह|सर|मैडम) (अभी )?(ऑफ़िस में |यहाँ )?नहीं (हैं|है)", r"मीटिंग में (हूँ|हूं)", r"बस (ईमेल|मेल) (कर|भेज) (दीजिए|दो|दें)",
    r"\b(drive kar (raha|rahi)|meeting mein hoon|bas (email|mail) (kar|bhej) (do|dijiye))\b",
)  # fmt: skip
VOICEMAIL = _rx(
    r"leave (me |us )?(a |your )?(message|msg|voicemail)", r"after the (tone|beep)", r"\bvoice ?mail", r"\bmailbox",
    r"(can'?t|cannot|unable to) (take|answer|come to) (your|the) (call|phone)", r"record your message",
    r"(is|are) not available (right now|at the moment|to take)", r"\bbeep\b", r"संदेश छोड़", r"\bmessage chhod",
    r"मैसेज छोड़", r"(टोन|बीप) के बाद", r"वॉइसमेल", r"वॉयसमेल",
)  # fmt: skip

OBJECTIONS: dict[ObjectionKind, re.Pattern[str]] = {
    ObjectionKind.PRICE: _rx(
        r"\b(too |really |very |quite |bit )?(expensive|pricey|costly|steep)\b", r"\bcan'?t afford\b", r"\bafford",
        r"\b(out of|over|beyond) (our|my|the) budget\b", r"\bbudget('?s| is| was)? (is )?(tight|limited|small|gone|frozen|"
        r"exhausted|cut|spent|done|an issue|a problem)", r"\bno budget\b", r"\b(don'?t|do not) have (the )?budget\b",
        r"\bcheaper\b", r"\btoo much\b", r"\bcosts? (too|a lot|more than)", r"\b(lot|bit) of money\b",
        r"\bprice is (high|an issue|a problem|too)", r"\bmore than (we|i) (pay|spend|budget)", r"\bmore than (we|i)('d| would| had)? ?(planned|expected|hoped|wanted) to", r"\bjustify(ing)?\b",
        r"\bover what (we|i)('d| would)? (spend|pay)", r"\bbudget.{0,15}(frozen|tight|cut|limited|gone)", r"महंग", r"बजट (नहीं|कम|टाइट)", r"\bmeh?nga\b", r"\bbudget (nahi|kam|tight)",
        r"बजट (छोटा|तंग)", r"बजट से (ज़्यादा|ज्यादा|बाहर|ऊपर)", r"(खर्च|ख़र्च) (नहीं )?उठा (पा|सक)",
        r"(बहुत|काफ़ी|काफी|ज़्यादा|ज्यादा) पैसा", r"(जितना|जितने) (सोचा|प्लान किया|तय किया|रखा) था.{0,20}(ज़्यादा|ज्यादा)",
    ),
    ObjectionKind.TIMING: _rx(
        r"\b(not|isn'?t|wrong|bad) (the |a )?(right |good |great )?time (for|to|right now)\b", r"\btiming\b",
        r"\bbusy season\b", r"\b(until|till|wait|after|maybe|probably) (for |until |till )?(the )?(next|new) (quarter|year|financial year|fiscal)\b", r"\btoo busy\b", r"\b(really|very|so|quite) busy\b", r"\bnot a good time\b",
        r"\bin the middle of\b", r"\bafter (diwali|the festive|year-?end|the holidays|our launch|the audit)",
        r"\bmaybe later\b", r"\bnot (right )?now\b", r"\bnot this (month|quarter|year)\b", r"\bbandwidth\b",
        r"\babhi nahi\b", r"\b(time|samay) nahi\b", r"अभी नहीं", r"अभी (समय|टाइम) नहीं", r"\babhi (time|samay) nahi",
        r"टाइमिंग", r"(सही|अच्छा|ठीक) (समय|टाइम) नहीं", r"(बिज़ी|बिजी|व्यस्त) सीज़न",
        r"(बहुत|काफ़ी|काफी|इतने|इतना|ज़्यादा|ज्यादा) (बिज़ी|बिजी|व्यस्त)", r"(काम )?के बीच में (हूँ|हूं|हैं)",
    ),
    ObjectionKind.COMPETITOR: _rx(
        r"\balready (use|using|have|work with|working with|signed|pay for|on|send|run|do)\b", r"\bjust (moved|switched) to\b", r"\b(another|other|different) "
        r"(tool|vendor|provider|product|platform|solution|company|system)", r"\bcurrent (vendor|provider|tool|system|solution)",
        r"\bcompetitor", r"\bhappy with (our|what we|the one|the current)", r"\b(locked into|signed (up )?with)\b", r"\bneed another (one|tool)\b", r"\bwe use \w+'s own\b",
        r"\bswitch(ing)? (from|away|over)\b", r"\bpehle se\b", r"पहले से",
        r"(दूसरे|दूसरी|दूसरा|किसी और) (टूल|वेंडर|कंपनी|प्रोवाइडर|सॉफ़्टवेयर|सॉफ्टवेयर|सिस्टम|प्लेटफ़ॉर्म)",
        r"(मौजूदा|अभी वाला|अभी का) (सिस्टम|टूल|सॉफ़्टवेयर|सॉफ्टवेयर|वेंडर)", r"\bgong\b", r"\boutreach\b", r"\bapollo\b",
    ),
    ObjectionKind.AUTHORITY: _rx(
        r"\b(check|speak|talk|run (it|this) by|discuss|consult) (it )?(with|past) (my |our |the )?(manager|boss|team|director|"
        r"ceo|cfo|cto|founder|partner|colleague|head|md|owner|finance|procurement|it|management|committee|board)",
        r"\bnot (my|up to me|really my) (decision|call)\b", r"\b(my|our) (manager|boss|director|ceo|cfo|founder|head|partner)'?s? (will|would|is going to|'ll) (want|need|have) to (see|look|review|check|approve)",
        r"(मैनेजर|बॉस|डायरेक्टर) (को )?(भी )?(देखना|दिखाना) (चाहेंगे|होगा|पड़ेगा)", r"\bnot up to me\b", r"\b(need|needs|have to|has to) "
        r"(approve|sign off|get approval|get sign-?off)", r"\bapproval\b", r"\bdecision ?maker\b", r"\bpay grade\b",
        r"\b(my|our) (boss|manager|director|ceo|founder|cfo|head|partner) (decides|will decide|makes|handles|signs)",
        r"\b(manager|boss|sir|madam) se (puch|baat|pooch)", r"\bnot the one who (signs|decides|approves|makes)",
        r"\bwithout (her|him|my boss|them|my manager)('s)? (signing|sign-off|approval|okay|ok)", r"\bsign(ing|s)? off\b",
        r"\b(would|will|has to|needs to|must) (never )?approve\b", r"\bprocurement\b", r"\brun (it|this|that) (by|past) (our|my|the)\b", r"(मैनेजर|बॉस|सर) से (पूछ|बात)",
        r"(मैडम|डायरेक्टर|हेड|पार्टनर|मालिक|टीम) से (पूछ|बात|चर्चा|सलाह)", r"मेरा (अकेले का )?(फ़ैसला|फैसला|निर्णय) नहीं",
        r"मंज़ूरी", r"मंजूरी", r"अप्रूवल", r"(आख़िरी|आखिरी|फ़ाइनल|फाइनल) (फ़ैसला|फैसला|निर्णय)",
    ),
    ObjectionKind.NO_NEED: _rx(
        r"\b(don'?t|do not|doesn'?t) (really )?need\b", r"\bno need\b", r"\bnot needed\b", r"\bnot necessary\b",
        r"\bwe'?re (fine|good|ok|okay|managing)( with| as| without)?\b", r"\b(works|working) (fine|well|ok) (for us|as it is)",
        r"\b(do|handle|manage) (it|that|this|everything|all of (it|this|that)) (manually|ourselves|in-house|by hand)\b",
        r"\bby hand and it works\b", r"\bdon'?t (really )?see the (need|point)\b", r"\btoo small (for|to)\b",
        r"\bnot a (priority|problem|pain)( for us)?\b", r"\bdoesn'?t (apply|fit)\b", r"\bno use for\b",
        r"\b(zaroorat|jarurat|zarurat) nahi", r"(ज़रूरत|जरूरत) नहीं", r"कोई मतलब नहीं", r"\bkoi matlab nahi",
        r"(ज़रूरत|जरूरत) (महसूस|समझ) नहीं", r"(काम|सिस्टम|तरीका|तरीक़ा) (ऐसे ही |अभी |भी )?(ठीक|अच्छे से|ठीक-ठाक|बढ़िया) चल रहा", r"(प्राथमिकता|प्रायोरिटी) नहीं",
        r"(मैन्युअली|हाथ से|ख़ुद ही|खुद ही) (ही )?(कर लेते|करते|संभाल लेते)",
    ),
}  # fmt: skip
# An objection said the other way round is none: "price isn't an issue", "budget is not a problem".
NOT_AN_OBJECTION = _rx(r"\b(isn'?t|is not|not) (an? )?(issue|problem|concern)\b", r"\bno problem\b", r"\bnot too\b")

_HI_HOURS = r"\d{1,2}|एक|दो|तीन|चार|पाँच|पांच|छह|सात|आठ|नौ|दस|ग्यारह|बारह|साढ़े [^\s,।]+|सवा [^\s,।]+"
TIME_WORDS = _rx(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today|tonight|this (morning|afternoon|evening"
    r"|week)|next (week|month|quarter|year|monday|tuesday|wednesday|thursday|friday)|end of (the )?(week|month|day)"
    r"|in (a|two|three|\d+) (days?|weeks?|months?)|after the \d+(st|nd|rd|th)?|the \d+(st|nd|rd|th)"
    r"|(at |by |around )?\d{1,2}(:\d{2})? ?(am|pm|a\.m\.|p\.m\.|o'?clock)|(at|by|around) \d{1,2}(:\d{2})?|(at )?noon|(in the )?(mornings?|afternoons?|evenings?)|after lunch"
    r"|\d{1,2} (baje|बजे))\b",
    r"\b(after|before|by|in|early|mid|end of) (diwali|holi|eid|christmas|pongal|the holidays|the new year|january|february"
    r"|march|april|june|july|august|september|october|november|december)\b",
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) ?(o'? ?clock|am|pm|thirty|fifteen|forty-five)\b",
    r"\b(kal|parso|somvaar|mangalvaar|budhvaar|guruvaar|shukravaar|agle hafte|agle mahine)\b",
    _hi(r"((अगले|अगली|इस|इसी) )?(सोमवार|मंगलवार|बुधवार|गुरुवार|शुक्रवार|शनिवार|रविवार)", r"(अगले|इस|इसी) (हफ़्ते|हफ्ते)",
        r"अगले (महीने|साल)", r"आज( रात)?", "कल", "परसों", r"(सुबह|दोपहर|शाम)( में)?", r"लंच के बाद",
        rf"({_HI_HOURS})( बजे)( के (आसपास|बाद|पहले)| तक)?", r"\d{1,2} (तारीख़|तारीख)( के बाद| को| से पहले| तक)?",
        r"(\d+|एक|दो|तीन|चार|एक-दो) (दिन|हफ़्ते|हफ्ते|महीने) (बाद|में)", r"(दिवाली|होली|ईद) (के बाद|से पहले)"),
)  # fmt: skip


def when_words(text: str) -> str:
    """The date and time words of a line as said, e.g. "Thursday at 3 pm"; empty when there are none."""
    found = list(TIME_WORDS.finditer(text))
    if not found:
        return ""
    start, end = found[0].start(), found[0].end()
    for match in found[1:]:
        if match.start() - end > 12:  # a later, separate mention is not part of the same time
            break
        end = match.end()
    return text[start:end].strip(" ,.")


PROPOSAL = _rx(r"\b(how about|would you|could we|can we|shall we|let'?s|propose|next step|suit you|work for you"
               r"|are you free|do you have time)\b", r"अगला (कदम|क़दम)", r"कैसा रहेगा", r"क्यों न")  # fmt: skip
# A reply that turns the talk elsewhere before answering: "Sorry, before that, where is your company based?"
ASIDE = _rx(r"^\W*(sorry,? )?(before that|by the way|actually,? (can|could|what|where|who|how)|wait,)")
# A meeting not yet agreed: "I'll look at the site first and reach out if we want one".
NOT_YET = _rx(r"\bfirst\b(?! thing)", r"\bif (we|i) (want|need|decide|like)", r"\bi'?ll (reach out|get back|let you know)",
              r"\blet me think\b", r"\bnot yet\b", r"पहले (मुझे|हमें|एक बार|थोड़ा)", r"अभी (कुछ )?(बुक|तय|फ़िक्स) नहीं",
              r"(सोचकर|सोच कर) बता")  # fmt: skip
# The agent confirming what the customer just agreed: "I'll send the invite for Wednesday at 2:30".
CONFIRMS_MEETING = _rx(r"\b(i'?ll|i will|i'?ve|i have) (send|sent|book|booked|put|set up) (you |it )?(an?|the|your)? ?"
                       r"(calendar )?(invite|invitation|meeting|demo|walkthrough|slot)", r"\bsee you (on|then)\b",
                       r"इनवाइट (भेज|मिल)", r"(डेमो|मीटिंग|वॉकथ्रू) (पक्का|पक्की|बुक)")  # fmt: skip

# A proposal of a time or an action, by either side: "Shall I call you next Tuesday at 11?", "I'll ring you Friday
# morning", "Can you call me back Thursday at 3?", "क्या मैं अगले मंगलवार ग्यारह बजे फ़ोन करूँ?".
OFFER = _rx(
    r"\b(shall|should|can|could|may|might) (i|we)\b", r"\b(i'?ll|i will|let me|we'?ll|we will) (give you a )?(call|ring|"
    r"phone|try|send|email|book|put|set|come|drop|follow)", r"\b(how about|what about|would|does|is) .{0,30}\b(work|suit|good|ok(ay)?)\b",
    r"\bhow about\b", r"\b(can|could) you (do|make|call|ring|manage)\b",
    r"(फ़ोन|फोन|कॉल) (करूँ|करूं|कर लूँ|कर लूं|करें|कर लें|करूँगा|करूंगा|करूँगी|करूंगी|कर दूँ|कर दूं)",
    r"(चलेगा|ठीक रहेगा|कैसा रहेगा)\s*\?", r"\b(call|phone) (karun|karoon|kar lun|kar loon|karenge|karunga)\b",
)  # fmt: skip
# A reply that takes a proposal up: "Sure, Tuesday at 11 works.", "Okay.", "ठीक है, मंगलवार ग्यारह बजे चलेगा।"
AGREES = _rx(
    r"^\W*(sure|yes|yeah|yep|yup|ok(ay)?|fine|alright|all right|of course|absolutely|definitely|please do|go ahead|why not"
    r"|done|great|perfect|lovely|sounds (good|great|fine)|that'?s fine)\b", r"\bworks( for (me|us)| fine| well)?\b",
    r"\b(it is|it'?s a date|see you then|talk (to you )?then|speak then)\b",
    r"^\W*(haan|han|ji haan|ji|theek hai|thik hai|bilkul|zaroor|chalega)\b",
    r"^\W*(हाँ|हां|जी हाँ|जी हां|जी|ठीक है|बिल्कुल|ज़रूर|जरूर|चलेगा)", r"(चलेगा|ठीक रहेगा|ठीक है)",
)  # fmt: skip
# A reply that turns a proposal down or moves it: "No, I'm away then.", "Tuesday doesn't work", "नहीं, उस दिन नहीं".
REFUSES = _rx(
    r"^\W*(no|nope|nah|not|sorry)\b", r"\b(doesn'?t|does not|won'?t|wouldn'?t|can'?t|cannot|isn'?t) (work|do|make|suit|be)",
    r"\bnot (then|that day|on|at|this|next|tuesday|monday|wednesday|thursday|friday)\b", r"\b(i'?m|we'?re) (away|out|off|busy)",
    r"\binstead\b", r"\brather\b", r"\bbetter\b", r"\?\s*$",
    r"^\W*(नहीं|ना)\b", r"(नहीं|ना) (हो पाएगा|चलेगा|हो सकेगा)", r"मुश्किल", r"(बिज़ी|बिजी|व्यस्त) (हूँ|हूं|रहूँगा|रहूंगा|रहूँगी|रहूंगी|हैं)",
    r"\b(nahi|nahin|mushkil)\b",
)  # fmt: skip
CALL_WORDS = _rx(r"\b(call|ring|phone|speak|talk|catch up|check in)\b", r"(फ़ोन|फोन|कॉल|बात)", r"\b(baat|phone)\b")
