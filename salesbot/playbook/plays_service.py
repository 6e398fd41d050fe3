"""Plays for living with the product: support and response times, onboarding, scale, and the generic play."""

from __future__ import annotations

from salesbot.playbook.say import CustomerAsk, Say, TopicPlay, rx

# fmt: off
SUPPORT = TopicPlay(
    "support",
    ("support", "service", "help", "sla", "uptime", "maintenance", "response time", "helpdesk", "help desk", "ticket",
     "outage", "downtime", "24/7", "escalat", "account manager"),
    questions=(
        Say("When something goes wrong, what do you expect from {topic}?",
            "कुछ गड़बड़ होने पर आप {topic} से क्या उम्मीद रखते हैं?"),
        Say("How have past vendors handled {topic} for you?",
            "पिछले वेंडरों के साथ {topic} को लेकर आपका अनुभव कैसा रहा?"),
        Say("Which hours matter most to your team when it comes to {topic}?",
            "{topic} के लिए आपकी टीम को किन घंटों में सबसे ज़्यादा ज़रूरत होती है?"),
    ),
    values=(
        Say("You'd have one named contact, replies within four hours, and weekend cover for anything urgent.",
            "आपका एक तय संपर्क व्यक्ति होगा, चार घंटे के अंदर जवाब मिलेगा, और ज़रूरी मामलों के लिए वीकेंड पर भी मदद मिलेगी।"),
        Say("A named contact knows your account, urgent issues are covered on weekends too, and our status page shows what's happening.",
            "एक तय संपर्क व्यक्ति आपका खाता जानता है, ज़रूरी दिक्कतों में वीकेंड पर भी मदद मिलती है, और स्टेटस पेज पर सब दिखता है।"),
        Say("Urgent issues are covered on weekends, tickets get a reply within four hours, and one named contact owns your account.",
            "ज़रूरी दिक्कतों के लिए वीकेंड पर भी सपोर्ट चलता है, हर टिकट का जवाब चार घंटे में मिलता है, और एक तय संपर्क व्यक्ति आपका खाता संभालता है।"),
    ),
    answers=(
        Say("Our last vendor took days to answer tickets.", "हमारे पिछले वेंडर टिकट का जवाब देने में कई दिन लगाते थे।"),
        Say("We need someone to pick up the phone when it matters.", "ज़रूरत के वक़्त कोई फ़ोन उठाए, बस यही चाहिए।"),
        Say("Our people work Saturdays, so weekend cover would help.",
            "हमारे लोग शनिवार को भी काम करते हैं, तो वीकेंड पर मदद काम आएगी।"),
    ),
    asks=(
        CustomerAsk(Say("Would we have one named contact?", "क्या हमारा एक तय संपर्क व्यक्ति होगा?"),
                    Say("a named contact", "तय संपर्क व्यक्ति"), rx(r"named contact", r"account manager", r"संपर्क")),
        CustomerAsk(Say("What happens if something breaks on a weekend?", "अगर वीकेंड पर कुछ ख़राब हो जाए तो क्या होगा?"),
                    Say("weekend cover", "वीकेंड पर मदद"),
                    rx(r"weekend", r"24/7", r"round the clock", r"वीकेंड", r"चौबीसों घंटे")),
    ),
)

ONBOARDING = TopicPlay(
    "onboarding",
    ("onboard", "training", "train", "setup", "set up", "implement", "rollout", "roll out", "adoption", "learn",
     "migrat", "go-live", "go live", "getting started"),
    questions=(
        Say("Who would own {topic}, and how soon should the team be up and running?",
            "आपकी तरफ़ {topic} की ज़िम्मेदारी कौन लेगा, और टीम कितनी जल्दी काम शुरू करे?"),
        Say("How many people would need training as part of {topic}?", "{topic} में कितने लोगों को ट्रेनिंग चाहिए होगी?"),
        Say("What made {topic} hard with tools you've rolled out before?", "पहले के टूल में {topic} मुश्किल क्यों रहा?"),
    ),
    values=(
        Say("An onboarding lead gets you live in about two weeks, with two hours of your team's time and live training sessions.",
            "एक ऑनबोर्डिंग लीड लगभग दो हफ़्ते में आपको चालू कर देता है, आपकी टीम के बस दो घंटे लगते हैं, और ट्रेनिंग लाइव होती है।"),
        Say("Setup takes about two weeks and a couple of hours from your team, with live training plus recordings for new joiners.",
            "सेटअप में लगभग दो हफ़्ते और आपकी टीम के कुछ घंटे लगते हैं, ट्रेनिंग लाइव होती है और नए लोगों के लिए रिकॉर्डिंग भी मिलती है।"),
        Say("Most teams are live within two weeks; training is live, and setup needs only a few hours of your people's time.",
            "ज़्यादातर टीमें दो हफ़्ते में चालू हो जाती हैं; ट्रेनिंग लाइव होती है और सेटअप में आपके लोगों के बस कुछ घंटे लगते हैं।"),
    ),
    answers=(
        Say("We'd want training for about twenty people.", "हमें लगभग बीस लोगों के लिए ट्रेनिंग चाहिए।"),
        Say("Ideally the team is up and running within a month.", "अच्छा हो कि टीम एक महीने के अंदर काम शुरू कर दे।"),
        Say("Our ops lead would own it, with a few people trying it first.",
            "हमारे ऑपरेशंस प्रमुख इसे संभालेंगे, पहले कुछ लोग आज़माएँगे।"),
    ),
    asks=(
        CustomerAsk(Say("How much of my team's time would the setup take?", "सेटअप में मेरी टीम का कितना समय लगेगा?"),
                    Say("the time setup takes", "सेटअप का समय"),
                    rx(r"two weeks", r"\bhours\b", r"दो हफ़्ते", r"घंटे")),
        CustomerAsk(Say("Is the training live or recorded?", "ट्रेनिंग लाइव होगी या रिकॉर्डेड?"),
                    Say("how the training is given", "ट्रेनिंग का तरीका"), rx(r"\blive\b", r"record", r"लाइव", r"रिकॉर्ड")),
    ),
)

SCALE = TopicPlay(
    "scale",
    ("scal", "growth", "grow", "volume", "performance", "expand", "expansion", "team size", "capacity", "regions",
     "new region", "branches", "more seats", "peak"),
    questions=(
        Say("How do you expect things to change around {topic} next year?",
            "{topic} को लेकर अगले एक साल में क्या बदलेगा, आपका क्या अनुमान है?"),
        Say("When it comes to {topic}, where do you expect the most growth?", "{topic} में सबसे ज़्यादा बढ़ोतरी आप कहाँ देखते हैं?"),
        Say("What held you back the last time you grew quickly, thinking of {topic}?",
            "पिछली बार तेज़ी से बढ़ते समय {topic} में क्या रुकावट आई?"),
    ),
    values=(
        Say("The platform grows with you to thousands of users, and adding seats or a region takes minutes, any time.",
            "प्लेटफ़ॉर्म हज़ारों यूज़र तक आपके साथ बढ़ता है, और नई सीटें या नया क्षेत्र साल में कभी भी कुछ मिनटों में जुड़ जाता है।"),
        Say("Teams grow from ten to thousands of users on the same platform, and a new region can be added any time.",
            "टीमें उसी सेटअप पर दस से हज़ारों यूज़र तक बढ़ती हैं, और नया क्षेत्र कभी भी जोड़ा जा सकता है, साल के बीच में भी।"),
        Say("You can add a region or a hundred seats any time, and it handles thousands of calls a day as you grow.",
            "आप कभी भी नया क्षेत्र या सौ सीटें जोड़ सकते हैं, और बढ़ने पर भी सिस्टम रोज़ हज़ारों कॉल संभालता है।"),
    ),
    answers=(
        Say("We're planning to double the team next year.", "हम अगले साल टीम दोगुनी करने की सोच रहे हैं।"),
        Say("Volumes spike a lot around the festive season.", "त्योहारों के मौसम में काम बहुत बढ़ जाता है।"),
        Say("Two new cities next year, maybe three.", "अगले साल दो नए शहर, शायद तीन।"),
    ),
    asks=(
        CustomerAsk(Say("Will it keep up when we grow?", "जब हम बढ़ेंगे तो क्या यह साथ चल पाएगा?"),
                    Say("growth", "बढ़ोतरी"), rx(r"\bgrow", r"thousands", r"बढ़", r"हज़ारों")),
        CustomerAsk(Say("What if we add a region in the middle of the year?", "अगर हम साल के बीच में नया क्षेत्र जोड़ें तो?"),
                    Say("adding a region", "नया क्षेत्र जोड़ना"), rx(r"region", r"any time", r"क्षेत्र", r"कभी भी")),
    ),
)

GENERIC = TopicPlay(
    "general",
    (),
    questions=(
        Say("What would make {topic} a success for you this quarter?", "इस तिमाही में {topic} को आप कब सफल मानेंगे?"),
        Say("Where do things stand with {topic} today?", "आज {topic} की स्थिति क्या है?"),
        Say("What prompted you to put {topic} on the list?", "{topic} को सूची में रखने की वजह क्या रही?"),
    ),
    values=(
        Say("We've helped teams like yours with {topic}, and it's ready to use, so there's nothing to build yourselves.",
            "हमने आप जैसी टीमों की {topic} में मदद की है, और यह तैयार है, इसलिए ख़ुद कुछ बनाने की ज़रूरत नहीं।"),
        Say("Teams like yours handle {topic} with us instead of building it in-house, and they're running within weeks.",
            "आप जैसी टीमें {topic} ख़ुद बनाने के बजाय हमारे साथ संभालती हैं, और कुछ हफ़्तों में काम शुरू हो जाता है।"),
        Say("Rather than building {topic} yourselves, you get what similar teams already use, with our team helping from day one.",
            "{topic} ख़ुद बनाने के बजाय आपको आप जैसी टीमों का आज़माया तरीका मिलता है, और हमारी टीम साथ रहती है।"),
    ),
    answers=(
        Say("That's something we've been talking about internally.", "इस पर हम अंदर ही अंदर बात कर रहे हैं।"),
        Say("It matters, but we haven't settled on an approach.", "यह ज़रूरी है, पर तरीका अभी तय नहीं हुआ।"),
        Say("It's on our list for this quarter.", "यह इस तिमाही की सूची में है।"),
    ),
    asks=(
        CustomerAsk(Say("How is this different from what we could do ourselves?", "यह उससे कैसे अलग है जो हम ख़ुद कर सकते हैं?"),
                    Say("how it differs from doing it yourselves", "ख़ुद करने से फ़र्क"),
                    rx(r"yourselves", r"in-house", r"\bbuild", r"ख़ुद")),
        CustomerAsk(Say("Have you done this for a team like ours?", "क्या आपने हमारे जैसी टीम के लिए यह किया है?"),
                    Say("teams like yours", "आप जैसी टीमें"),
                    rx(r"teams like yours", r"similar teams", r"other teams", r"आप जैसी")),
    ),
)
# fmt: on
