"""Plays for the deal itself: pricing, contract and billing, compliance, security and single sign-on."""

from __future__ import annotations

from salesbot.playbook.say import CustomerAsk, Say, TopicPlay, rx

# fmt: off
PRICING = TopicPlay(
    "pricing",
    ("price", "pricing", "priced", "cost", "budget", "licen", "discount", "quote", "seat", "per user", "roi", "afford",
     "fee", "spend"),
    questions=(
        Say("When it comes to {topic}, what budget range are you working with this year?",
            "{topic} को लेकर इस साल आपका बजट लगभग कितना है?"),
        Say("What would a good return look like for you on {topic}?",
            "{topic} के मामले में आपके लिए अच्छा रिटर्न कैसा दिखेगा?"),
        Say("When you think about {topic}, do you budget per person or per team?",
            "{topic} के लिए आपका बजट प्रति व्यक्ति तय होता है या पूरी टीम का?"),
    ),
    values=(
        Say("Pricing is per seat, per month, with no minimum number of seats and no one-off fee.",
            "कीमत हर सीट के हिसाब से हर महीने लगती है, कम से कम सीटों की कोई शर्त नहीं और कोई सेटअप फ़ीस नहीं।"),
        Say("You pay per seat each month, with no minimum seat count, and most teams recover the cost within a quarter.",
            "आप हर महीने प्रति सीट भुगतान करते हैं, कम से कम सीटों की कोई शर्त नहीं, और ज़्यादातर टीमें एक तिमाही में खर्च वसूल कर लेती हैं।"),
        Say("One clear price per seat, no minimum number of seats, and you can add or remove seats any month.",
            "हर सीट की एक साफ़ कीमत है, कम से कम सीटों की कोई शर्त नहीं, और आप किसी भी महीने सीटें बढ़ा या घटा सकते हैं।"),
    ),
    answers=(
        Say("We have some budget set aside, as long as it pays for itself.",
            "हमने कुछ बजट अलग रखा है, बस यह अपना खर्च निकाल ले।"),
        Say("Finance wants to see payback within a year.", "फ़ाइनेंस चाहता है कि एक साल के अंदर पैसा वसूल हो जाए।"),
        Say("We'd expect to pay per user, with a clear return.", "हम प्रति यूज़र भुगतान की उम्मीद करते हैं, और साफ़ रिटर्न चाहिए।"),
    ),
    asks=(
        CustomerAsk(Say("What would this cost us per seat?", "प्रति सीट इसकी कीमत क्या होगी?"),
                    Say("the price per seat", "प्रति सीट कीमत"), rx(r"per seat", r"a seat", r"प्रति सीट", r"हर सीट")),
        CustomerAsk(Say("Is there a minimum number of seats?", "क्या कम से कम सीटों की कोई शर्त है?"),
                    Say("a minimum number of seats", "कम से कम सीटों की शर्त"),
                    rx(r"minimum", r"कम से कम", r"न्यूनतम")),
    ),
)

CONTRACT = TopicPlay(
    "contract",
    ("contract", "billing", "bill", "renewal", "renew", "terms", "annual", "monthly", "yearly", "notice",
     "cancel", "commitment", "lock-in", "lock in", "payment"),
    questions=(
        Say("When it comes to {topic}, would monthly or annual billing suit you better?",
            "{topic} को लेकर आपके लिए मासिक बिलिंग बेहतर रहेगी या सालाना?"),
        Say("What does your finance team usually expect on {topic}?",
            "{topic} पर आपकी फ़ाइनेंस टीम आम तौर पर क्या चाहती है?"),
        Say("What would make you comfortable committing on {topic}?",
            "{topic} पर फ़ैसला लेने के लिए आपको किस बात से भरोसा मिलेगा?"),
    ),
    values=(
        Say("You can pay monthly or annually; annual saves about fifteen percent, and you can cancel with thirty days' notice.",
            "आप हर महीने या सालाना भुगतान कर सकते हैं; सालाना में लगभग पंद्रह प्रतिशत बचत होती है, और तीस दिन के नोटिस पर रद्द कर सकते हैं।"),
        Say("Monthly billing has no lock-in, annual billing saves about fifteen percent, and cancelling takes one month's notice.",
            "मासिक बिलिंग में कोई लॉक-इन नहीं, सालाना बिलिंग पर छूट मिलती है, और रद्द करने के लिए एक महीने का नोटिस काफ़ी है।"),
        Say("You can start monthly and switch to annual when you're sure; either way you can cancel with a month's notice.",
            "आप मासिक से शुरू करके भरोसा होने पर सालाना पर जा सकते हैं; दोनों में एक महीने के नोटिस पर रद्द कर सकते हैं।"),
    ),
    answers=(
        Say("We'd rather start monthly and see how it goes.", "हम पहले मासिक शुरू करके देखना चाहेंगे।"),
        Say("Finance likes annual contracts if the terms are clear.", "शर्तें साफ़ हों तो फ़ाइनेंस को सालाना कॉन्ट्रैक्ट पसंद है।"),
        Say("We don't want to be locked in for years.", "हम सालों के लिए बंधना नहीं चाहते।"),
    ),
    asks=(
        CustomerAsk(Say("Can we pay monthly instead of yearly?", "क्या हम सालाना की जगह हर महीने भुगतान कर सकते हैं?"),
                    Say("monthly or annual billing", "मासिक या सालाना बिलिंग"),
                    rx(r"monthly", r"month-to-month", r"मासिक", r"हर महीने")),
        CustomerAsk(Say("What if we want to cancel?", "अगर हम बीच में बंद करना चाहें तो?"),
                    Say("cancelling", "कॉन्ट्रैक्ट रद्द करना"), rx(r"cancel", r"notice", r"रद्द", r"नोटिस")),
    ),
)

COMPLIANCE = TopicPlay(
    "compliance",
    ("complian", "gdpr", "dpdp", "soc 2", "soc2", "hipaa", "audit", "data residency", "residency", "regulat",
     "iso 27001", "data protection", "legal", "pci", "stored in", "storage in", "hosted in", "data location",
     "hosting"),
    questions=(
        Say("Which rules does your team have to meet when it comes to {topic}?",
            "{topic} को लेकर आपकी टीम को कौन-से नियम पूरे करने होते हैं?"),
        Say("Who reviews a new vendor for {topic} on your side?",
            "आपकी तरफ़ {topic} के लिए नए वेंडर की जाँच कौन करता है?"),
        Say("What would your auditors want to see about {topic}?",
            "{topic} के बारे में आपके ऑडिटर कौन-से दस्तावेज़ देखना चाहेंगे?"),
    ),
    values=(
        Say("You can review our SOC 2 audit, we follow GDPR and DPDP, and your data stays in your own country.",
            "हमारे पास एसओसी 2 ऑडिट रिपोर्ट हैं जो आप देख सकते हैं, हम जीडीपीआर और डीपीडीपी नियम मानते हैं, और आपका डेटा आपके अपने देश में रहता है।"),
        Say("Your data can stay in your own country, and our latest SOC 2 audit is yours to review.",
            "आपका डेटा आपके अपने देश में रह सकता है, और हमारी एसओसी 2 ऑडिट रिपोर्ट और जीडीपीआर व डीपीडीपी दस्तावेज़ आप देख सकते हैं।"),
        Say("Auditors get our SOC 2 audit on request, and data residency keeps your data in your own country.",
            "ऑडिटर को हमारी एसओसी 2 ऑडिट रिपोर्ट माँगने पर मिलती है, और आपका डेटा आपके अपने देश में ही रखा जाता है।"),
    ),
    answers=(
        Say("Our legal team checks every vendor against the data rules.", "हमारी लीगल टीम हर वेंडर को डेटा नियमों पर जाँचती है।"),
        Say("We had an external audit last year, so the bar is high.", "पिछले साल हमारा बाहरी ऑडिट हुआ था, इसलिए मानक ऊँचे हैं।"),
        Say("Customer records have to stay in the country.", "ग्राहकों का रिकॉर्ड देश में ही रहना चाहिए।"),
    ),
    asks=(
        CustomerAsk(Say("Do you have audit reports we can review?", "क्या आपके पास ऑडिट रिपोर्ट हैं जो हम देख सकें?"),
                    Say("audit reports", "ऑडिट रिपोर्ट"), rx(r"audit report", r"SOC 2", r"ऑडिट रिपोर्ट", r"एसओसी")),
        CustomerAsk(Say("Can our data stay in our own country?", "क्या हमारा डेटा हमारे ही देश में रह सकता है?"),
                    Say("where the data is kept", "डेटा कहाँ रखा जाता है"),
                    rx(r"in (India|your (own )?country|your region)", r"data residency", r"अपने देश", r"भारत में")),
    ),
)

SECURITY = TopicPlay(
    "security",
    ("secur", "sso", "single sign", "sign-on", "sign on", "okta", "saml", "2fa", "mfa", "two-factor", "two factor",
     "password", "encrypt", "privacy", "access control", "login", "azure ad", "entra"),
    questions=(
        Say("What does your IT team need to see before approving {topic}?",
            "{topic} को मंज़ूरी देने से पहले आपकी आईटी टीम क्या देखना चाहेगी?"),
        Say("When it comes to {topic}, which sign-in rules does your team follow today?",
            "{topic} को लेकर आज आपकी टीम लॉग-इन के कौन-से नियम मानती है?"),
        Say("How strict is your security review for something like {topic}?",
            "{topic} जैसी चीज़ के लिए आपकी सुरक्षा जाँच कितनी सख़्त है?"),
    ),
    values=(
        Say("Sign-in works through single sign-on with Okta or any SAML provider, and your data is stored encrypted in your own country.",
            "लॉग-इन सिंगल साइन-ऑन से होता है, किसी भी बड़े पहचान सिस्टम के साथ, और आपका डेटा आपके क्षेत्र में एन्क्रिप्ट होकर रखा जाता है।"),
        Say("Single sign-on over SAML, Okta included, comes standard with two-factor login, and data is stored encrypted in your own country.",
            "सिंगल साइन-ऑन और दो-चरण लॉग-इन पहले से शामिल हैं, और डेटा आपके क्षेत्र के डेटा सेंटर में एन्क्रिप्ट करके रखा जाता है।"),
        Say("Your team signs in with single sign-on, access is role-based, and data is stored encrypted in your own country.",
            "आपकी टीम सिंगल साइन-ऑन से लॉग-इन करती है, पहुँच भूमिका के हिसाब से तय होती है, और सारा डेटा आपके क्षेत्र के सर्वर पर रखा जाता है।"),
    ),
    answers=(
        Say("Our IT team is strict about who can log in and from where.",
            "हमारी आईटी टीम इस पर सख़्त है कि कौन और कहाँ से लॉग-इन करे।"),
        Say("Everything has to go through our company sign-in.", "सब कुछ हमारे कंपनी लॉग-इन से ही होना चाहिए।"),
        Say("We'd need to pass a security review first.", "पहले हमें सुरक्षा जाँच पास करनी होगी।"),
    ),
    asks=(
        CustomerAsk(Say("Does it work with Okta or our single sign-on?", "क्या यह हमारे सिंगल साइन-ऑन के साथ चलेगा?"),
                    Say("single sign-on", "सिंगल साइन-ऑन"),
                    rx(r"single sign-on", r"\bSSO\b", r"SAML", r"Okta", r"सिंगल साइन-ऑन")),
        CustomerAsk(Say("Where exactly would our data be stored?", "हमारा डेटा ठीक-ठीक कहाँ रखा जाएगा?"),
                    Say("where the data is stored", "डेटा कहाँ रखा जाएगा"),
                    rx(r"stored", r"hosted", r"data cent(er|re)", r"रखा जाता", r"सर्वर", r"डेटा सेंटर")),
    ),
)
# fmt: on
