"""Plays for what the product does: language, integration with a named system, reporting, automation.

"{system}" and "{language}" stand for the system or language the topic names (or a general phrase).
"""

from __future__ import annotations

from salesbot.playbook.say import CustomerAsk, Say, TopicPlay, rx

# fmt: off
LANGUAGE = TopicPlay(
    "language",
    ("hindi", "tamil", "telugu", "kannada", "malayalam", "marathi", "bengali", "bangla", "gujarati", "punjabi", "urdu",
     "odia", "assamese", "spanish", "french", "german", "arabic", "portuguese", "japanese", "chinese", "mandarin",
     "english", "bahasa", "indonesian", "language", "multilingual", "translat", "regional", "vernacular"),
    questions=(
        Say("Which parts of your work need {topic}, the screens, the calls, or both?",
            "{topic} आपके काम के किन हिस्सों में चाहिए, स्क्रीन में, कॉल में, या दोनों में?"),
        Say("How many of your team and customers would use {topic} day to day?",
            "आपकी टीम और ग्राहकों में से कितने लोग रोज़ {topic} इस्तेमाल करेंगे?"),
        Say("What has been missing with {topic} in the tools you've tried?",
            "अब तक आज़माए गए टूल में {topic} को लेकर क्या कमी रही?"),
    ),
    values=(
        Say("The whole product works in {language}, every screen, script and message, and the calls themselves can run in {language} too.",
            "पूरा प्रोडक्ट {language} में चलता है, हर स्क्रीन, स्क्रिप्ट और रिपोर्ट, और कॉल भी {language} में हो सकती हैं।"),
        Say("Calls, scripts and every screen run in {language}, so the whole product speaks your customers' language.",
            "कॉल, स्क्रिप्ट और हर स्क्रीन {language} में चलती है, यानी पूरा प्रोडक्ट आपके ग्राहकों की भाषा बोलता है।"),
        Say("Your team can use the whole product in {language}, and calls with customers can be held in {language} from day one.",
            "आपकी टीम पूरा प्रोडक्ट {language} में इस्तेमाल कर सकती है, और ग्राहकों से कॉल पहले दिन से {language} में हो सकती हैं।"),
    ),
    answers=(
        Say("Most of our customers prefer to talk in their own language.",
            "हमारे ज़्यादातर ग्राहक अपनी भाषा में बात करना पसंद करते हैं।"),
        Say("Half the team is more comfortable outside English.", "आधी टीम अंग्रेज़ी के बजाय अपनी भाषा में ज़्यादा सहज है।"),
        Say("Other tools only translated the menus, nothing else.", "दूसरे टूल ने सिर्फ़ मेन्यू का अनुवाद किया, और कुछ नहीं।"),
    ),
    asks=(
        CustomerAsk(Say("Does the whole product work in our language, not just the menus?",
                        "क्या पूरा प्रोडक्ट हमारी भाषा में चलता है, सिर्फ़ मेन्यू नहीं?"),
                    Say("the whole product in your language", "पूरा प्रोडक्ट आपकी भाषा में"),
                    rx(r"whole product", r"every screen", r"पूरा प्रोडक्ट", r"हर स्क्रीन")),
        CustomerAsk(Say("Can the calls themselves be in that language?", "क्या कॉल भी उसी भाषा में हो सकती हैं?"),
                    Say("calls in your language", "उसी भाषा में कॉल"), rx(r"\bcalls\b", r"कॉल")),
    ),
)

INTEGRATION = TopicPlay(
    "integration",
    ("integrat", "crm", "api", "salesforce", "hubspot", "zoho", "connect", "sync", "erp", "sap", "tally", "whatsapp",
     "slack", "webhook", "freshdesk", "freshsales", "zendesk", "pipedrive", "outlook", "gmail", "shopify", "netsuite"),
    questions=(
        Say("Which systems would {topic} need to work with on your side?",
            "{topic} को आपकी तरफ़ किन सिस्टम के साथ काम करना होगा?"),
        Say("When it comes to {topic}, which records should flow between the two systems?",
            "{topic} में कौन-से रिकॉर्ड दोनों सिस्टम के बीच आने-जाने चाहिए?"),
        Say("Who looks after {topic} on your side today?", "आज आपकी तरफ़ {topic} की ज़िम्मेदारी किसकी है?"),
        Say("What goes wrong today without {topic}?", "{topic} के बिना आज क्या दिक्कत आती है?"),
    ),
    values=(
        Say("We connect to {system} with a two-way sync, so records update both ways, and it's connected in under an hour.",
            "हम {system} से दोनों तरफ़ का सिंक जोड़ते हैं, यानी रिकॉर्ड दोनों तरफ़ अपडेट होते हैं, और सेटअप एक घंटे से कम में हो जाता है।"),
        Say("Our connector for {system} syncs contacts, deals and notes both ways, and most teams switch it on within minutes.",
            "{system} के लिए हमारा कनेक्टर कॉन्टैक्ट, डील और नोट्स दोनों तरफ़ सिंक करता है, और ज़्यादातर टीमें इसे कुछ मिनटों में चालू कर लेती हैं।"),
        Say("Two-way sync with {system} keeps both sides current, and our team sets it up with you within an hour.",
            "{system} के साथ दोनों तरफ़ का सिंक दोनों सिस्टम को ताज़ा रखता है, और हमारी टीम एक घंटे के अंदर इसे सेट कर देती है।"),
    ),
    answers=(
        Say("We run most things through our CRM, so it has to sync with that.",
            "हमारा ज़्यादातर काम सीआरएम में चलता है, तो उसके साथ सिंक ज़रूरी है।"),
        Say("Contacts and deal stages, mostly, updated both ways.", "ज़्यादातर कॉन्टैक्ट और डील की स्थिति, दोनों तरफ़ अपडेट हों।"),
        Say("Right now people copy data between systems by hand.", "अभी लोग डेटा हाथ से एक सिस्टम से दूसरे में कॉपी करते हैं।"),
    ),
    asks=(
        CustomerAsk(Say("Does it sync both ways?", "क्या यह दोनों तरफ़ सिंक होता है?"),
                    Say("two-way sync", "दोनों तरफ़ का सिंक"),
                    rx(r"two-way", r"both ways", r"both directions", r"दोनों तरफ़", r"दोनों दिशा")),
        CustomerAsk(Say("How long does it take to set up the connection?", "कनेक्शन सेट करने में कितना समय लगता है?"),
                    Say("how long the connection takes to set up", "कनेक्शन सेट करने का समय"),
                    rx(r"minutes", r"an hour", r"मिनट", r"घंटे")),
    ),
)

REPORTING = TopicPlay(
    "reporting",
    ("report", "analytic", "dashboard", "insight", "metric", "kpi", "forecast", "export", "excel", "visibility"),
    questions=(
        Say("Which numbers do you look at every week when it comes to {topic}?",
            "{topic} में आप हर हफ़्ते कौन-से आँकड़े देखते हैं?"),
        Say("How do you put together {topic} today, and how long does it take?",
            "आज आप {topic} कैसे तैयार करते हैं, और उसमें कितना समय लगता है?"),
        Say("Who on your side relies on {topic}, and what do they decide from it?",
            "आपकी तरफ़ {topic} कौन देखता है, और उससे क्या फ़ैसले होते हैं?"),
    ),
    values=(
        Say("Live dashboards show every call, you build the reports your managers already use, and any of them exports to Excel.",
            "लाइव डैशबोर्ड हर कॉल और नतीजा दिखाते हैं, मैनेजरों वाली रिपोर्ट आप ख़ुद बना सकते हैं, और हर रिपोर्ट एक्सेल में एक्सपोर्ट होती है।"),
        Say("Custom reports match what your managers ask for today, and any report exports to Excel or CSV in one click.",
            "कस्टम रिपोर्ट वैसी ही बनती हैं जैसी आपके मैनेजर आज माँगते हैं, और हर रिपोर्ट एक क्लिक में एक्सेल में एक्सपोर्ट होती है।"),
        Say("You build your own weekly reports from live data and export them to Excel for reviews, with no spreadsheets by hand.",
            "आप लाइव डेटा से अपनी साप्ताहिक रिपोर्ट ख़ुद बनाते हैं और समीक्षा के लिए एक्सेल में एक्सपोर्ट करते हैं।"),
    ),
    answers=(
        Say("Right now we build reports by hand in spreadsheets.", "अभी हम स्प्रेडशीट में हाथ से रिपोर्ट बनाते हैं।"),
        Say("Calls, meetings and deals closed, per person, every week.", "हर हफ़्ते, हर व्यक्ति की कॉल, मीटिंग और पूरी हुई डील।"),
        Say("My managers want a dashboard they can read in five minutes.",
            "मेरे मैनेजर ऐसा डैशबोर्ड चाहते हैं जो पाँच मिनट में पढ़ा जा सके।"),
    ),
    asks=(
        CustomerAsk(Say("Can I get the reports my managers already ask for?",
                        "क्या मुझे वही रिपोर्ट मिल सकती हैं जो मेरे मैनेजर पहले से माँगते हैं?"),
                    Say("your managers' own reports", "मैनेजरों की अपनी रिपोर्ट"),
                    rx(r"your own", r"custom", r"\bbuild", r"अपनी", r"कस्टम", r"ख़ुद बना")),
        CustomerAsk(Say("Can we export the reports to Excel?", "क्या हम रिपोर्ट एक्सेल में निकाल सकते हैं?"),
                    Say("exports to Excel", "एक्सेल में एक्सपोर्ट"), rx(r"export", r"excel", r"एक्सपोर्ट", r"एक्सेल")),
    ),
)

AUTOMATION = TopicPlay(
    "automation",
    ("automat", "ai", "workflow", "follow-up", "follow up", "productiv", "efficien", "reminder", "busywork",
     "manual", "sequence", "bot"),
    questions=(
        Say("Where does your team lose the most time today when it comes to {topic}?",
            "{topic} को लेकर आज आपकी टीम का सबसे ज़्यादा समय कहाँ जाता है?"),
        Say("Which step of {topic} would you hand over first?",
            "{topic} का कौन-सा काम आप सबसे पहले सिस्टम को सौंपना चाहेंगे?"),
        Say("What happens today when a follow-up slips, thinking of {topic}?",
            "{topic} के मामले में आज फ़ॉलो-अप छूट जाए तो क्या होता है?"),
    ),
    values=(
        Say("Follow-ups and call notes are drafted automatically, and your people review and edit each one before it goes out.",
            "फ़ॉलो-अप और कॉल नोट्स अपने-आप तैयार होते हैं, और आपके लोग भेजने से पहले हर एक को देखकर बदल सकते हैं।"),
        Say("Routine follow-ups run on their own, but nothing is sent until someone approves it, and anyone can edit it first.",
            "रोज़ के फ़ॉलो-अप अपने-आप चलते हैं, पर किसी की मंज़ूरी के बिना कुछ नहीं जाता, और भेजने से पहले कोई भी उसे बदल सकता है।"),
        Say("Your team stays in control, as automated follow-ups wait for a quick review and can be changed before they're sent.",
            "कंट्रोल आपकी टीम के हाथ में रहता है, ऑटो फ़ॉलो-अप एक नज़र देखने के बाद जाते हैं, और भेजने से पहले बदले जा सकते हैं।"),
    ),
    answers=(
        Say("My people spend half their day on follow-ups.", "मेरे लोगों का आधा दिन फ़ॉलो-अप में चला जाता है।"),
        Say("A lot of leads go cold because nobody calls back.", "कई लीड ठंडी पड़ जाती हैं क्योंकि कोई वापस फ़ोन नहीं करता।"),
        Say("Writing call notes takes ages.", "कॉल नोट्स लिखने में बहुत समय लगता है।"),
    ),
    asks=(
        CustomerAsk(Say("Will my team actually trust the automation?", "क्या मेरी टीम सच में ऑटोमेशन पर भरोसा करेगी?"),
                    Say("trust in the automation", "ऑटोमेशन पर भरोसा"),
                    rx(r"review", r"approv", r"in control", r"देखकर", r"मंज़ूरी", r"कंट्रोल", r"देखने")),
        CustomerAsk(Say("Can reps change a follow-up before it goes out?", "क्या टीम फ़ॉलो-अप भेजने से पहले उसे बदल सकती है?"),
                    Say("editing follow-ups", "फ़ॉलो-अप बदलना"), rx(r"\bedit", r"chang", r"बदल")),
    ),
)
# fmt: on
