"""Objections a customer raises, and the agent's answers, in English and Hindi."""

from __future__ import annotations

from salesbot.playbook.say import Objection, Say

# fmt: off
OBJECTIONS: tuple[Objection, ...] = (
    Objection(
        "price",
        (Say("Honestly, it sounds expensive for us right now.", "सच कहूँ तो अभी यह हमारे लिए महंगा लगता है।"),
         Say("That's more than we'd planned to spend.", "यह हमारी योजना से ज़्यादा खर्च है।")),
        (Say("I understand. Most teams start with a small pilot, so you only pay for the seats that prove their value.",
             "बिल्कुल समझ में आता है। ज़्यादातर टीमें छोटे पायलट से शुरू करती हैं, ताकि आप सिर्फ़ काम की साबित हुई सीटों का भुगतान करें।"),
         Say("Fair point. Starting with a few seats keeps the cost small until you see the return.",
             "सही बात है। कुछ सीटों से शुरू करने पर खर्च कम रहता है, जब तक आपको फ़ायदा न दिखे।"),
         Say("That's fair. We can size a pilot to your budget and grow only when the numbers prove it.",
             "ठीक बात है। हम आपके बजट के हिसाब से पायलट तय कर सकते हैं और नतीजे दिखने पर ही आगे बढ़ेंगे।")),
    ),
    Objection(
        "timing",
        (Say("The timing isn't great, we're in the middle of our busy season.",
             "अभी समय ठीक नहीं है, हमारा व्यस्त सीज़न चल रहा है।"),),
        (Say("That makes sense. We can plan the setup around your calendar and start with a short, low-effort pilot.",
             "यह बात समझ में आती है। हम सेटअप आपके कैलेंडर के हिसाब से रख सकते हैं और एक छोटे, आसान पायलट से शुरू कर सकते हैं।"),
         Say("Understood. We can set a start date after your busy season, with nothing needed from you before then.",
             "समझ गए। हम आपके व्यस्त सीज़न के बाद की तारीख़ रख सकते हैं, तब तक आपसे कुछ नहीं चाहिए।"),
         Say("Of course. A short walkthrough now means you're ready to start the moment things calm down.",
             "बिल्कुल। अभी एक छोटा डेमो हो जाए तो काम हल्का होते ही आप शुरू कर सकते हैं।")),
    ),
    Objection(
        "competitor",
        (Say("We already use another tool for some of this.",
             "इसमें से कुछ काम के लिए हम पहले से दूसरा टूल इस्तेमाल करते हैं।"),),
        (Say("Many of our customers did too. We can run side by side for a month so you can compare on your own numbers.",
             "हमारे कई ग्राहकों के साथ भी ऐसा था। हम एक महीने साथ-साथ चला सकते हैं ताकि आप अपने आँकड़ों पर तुलना कर सकें।"),
         Say("That's common. Most teams keep their tool during a trial and compare results before deciding.",
             "ऐसा अक्सर होता है। ज़्यादातर टीमें ट्रायल के दौरान अपना टूल रखती हैं और फ़ैसले से पहले नतीजों की तुलना करती हैं।"),
         Say("Good to know. We can import what you have, so trying us side by side takes very little effort.",
             "यह जानकर अच्छा लगा। हम आपका मौजूदा डेटा ले आते हैं, इसलिए साथ-साथ आज़माने में बहुत कम मेहनत लगती है।")),
    ),
    Objection(
        "authority",
        (Say("I'd need to check with my manager before committing to anything.",
             "किसी भी फ़ैसले से पहले मुझे अपने मैनेजर से पूछना होगा।"),),
        (Say("Of course. I can send a one-page summary you can share, and we can include your manager in the next call.",
             "बिल्कुल। हम एक पन्ने का सारांश भेज देंगे जिसे आप आगे भेज सकें, और अगली कॉल में आपके मैनेजर को भी शामिल कर सकते हैं।"),
         Say("That makes sense. Your manager is welcome on the walkthrough, so their questions get answered first-hand.",
             "यह ठीक है। आपके मैनेजर डेमो में शामिल हो सकते हैं, ताकि उनके सवालों के जवाब सीधे मिलें।"),
         Say("Sure. We'll send a short summary with prices and next steps that you can forward to your manager.",
             "ज़रूर। हम कीमत और अगले कदम के साथ एक छोटा सारांश भेज देंगे जो आप अपने मैनेजर को भेज सकें।")),
    ),
    Objection(
        "no_need",
        (Say("I'm not sure we really need this.", "मुझे पक्का नहीं कि हमें इसकी सच में ज़रूरत है।"),),
        (Say("That's fair. Many teams felt the same until they saw how much time it gave back each week.",
             "यह ठीक बात है। कई टीमों को भी ऐसा ही लगा था, जब तक उन्होंने नहीं देखा कि हर हफ़्ते कितना समय बचता है।"),
         Say("Understood. A short walkthrough on your own numbers is the quickest way to find out either way.",
             "समझ गए। आपके अपने आँकड़ों पर एक छोटा डेमो यह जानने का सबसे तेज़ तरीका है।"),
         Say("Fair enough. Most teams only notice the hours lost to follow-ups once they get them back.",
             "ठीक है। ज़्यादातर टीमों को फ़ॉलो-अप में जाने वाले घंटों का पता तब चलता है जब वे वापस मिलते हैं।")),
    ),
)
# fmt: on
