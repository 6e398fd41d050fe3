"""The fixed lines of an offline script, by tone, in English and Hindi: greeting, purpose, questions and close."""

from __future__ import annotations

from salesbot.playbook.say import Say

# fmt: off
GREETING = {
    "friendly": Say("Hi {first}, it's {agent} from {company}!", "नमस्ते {first} जी, मैं {agent}, {company} से!"),
    "consultative": Say("Hello {first}, this is {agent} from {company}.", "नमस्कार {first} जी, मैं {agent}, {company} से।"),
    "formal": Say("Good day, {name}, my name is {agent} and I am calling on behalf of {company}.",
                  "नमस्कार {name} जी, मेरा नाम {agent} है और यह कॉल {company} की ओर से है।"),
}
PURPOSE = {
    "friendly": Say("I'd love to spend a few minutes on {topics}, and how {offer} could make life easier for you.",
                    "आज {topics} के बारे में कुछ मिनट बात करनी है, और देखना है कि {offer} आपका काम कैसे आसान कर सकता है।"),
    "consultative": Say("I'd like to understand where you are with {topics}, and share how {offer} might help.",
                        "आज मक़सद है {topics} के बारे में आपकी स्थिति समझना, और बताना कि {offer} कैसे मदद कर सकता है।"),
    "formal": Say("The purpose of this call is to discuss {topics} and how {offer} may support your goals.",
                  "इस कॉल का उद्देश्य {topics} के बारे में चर्चा करना और यह बताना है कि {offer} आपके लक्ष्यों में कैसे सहायक हो सकता है।"),
}
GOOD_TIME = Say("Is now still a good time?", "क्या अभी बात करने का सही समय है?")
OTHER_POINTS = Say("a few other points", "कुछ और बातों")
FIRST_CONVERSATION = Say(
    "Since this is our first conversation, could you tell me a little about how your team{where} works today?",
    "यह हमारी पहली बातचीत है, तो बताइए, {where}आपकी टीम आज कैसे काम करती है?",
)
NO_TOPIC_QUESTION = Say("What is the biggest challenge for your team right now?",
                        "इस समय आपकी टीम के सामने सबसे बड़ी चुनौती क्या है?")
DECIDERS = Say("Who else on your side would be part of a decision like this?",
               "इस तरह के फ़ैसले में आपकी तरफ़ से और कौन शामिल होगा?")
CLOSE = {
    "friendly": Say("How about a thirty-minute walkthrough with our team later this week, say Thursday or Friday?",
                    "क्या इस हफ़्ते गुरुवार या शुक्रवार को हमारी टीम के साथ तीस मिनट का डेमो रख लें?"),
    "consultative": Say("Could we book a thirty-minute walkthrough tailored to your needs, on Thursday or Friday?",
                        "क्या गुरुवार या शुक्रवार को आपकी ज़रूरतों के हिसाब से तीस मिनट का डेमो रखें?"),
    "formal": Say("May I propose a thirty-minute demonstration with our solutions team on Thursday or Friday?",
                  "क्या गुरुवार या शुक्रवार को हमारी सॉल्यूशंस टीम के साथ तीस मिनट का डेमो तय किया जाए?"),
}
EMAIL_KNOWN = Say("I'll send the invite and a short summary to {email}.",
                  "न्योता और एक छोटा सारांश {email} पर भेज दिया जाएगा।")
EMAIL_ASK = Say("What's the best email address for the invite and a short summary?",
                "न्योता और सारांश भेजने के लिए कौन-सा ईमेल पता ठीक रहेगा?")
THANKS = {
    "friendly": Say("Thanks so much, {first}, and have a great rest of your day!", "बहुत-बहुत शुक्रिया {first} जी, आपका दिन शुभ हो!"),
    "consultative": Say("Thank you, {first}, and have a great rest of your day!", "धन्यवाद {first} जी, आपका दिन शुभ हो!"),
    "formal": Say("Thank you for your time, {name}, and have a good day.", "आपके समय के लिए धन्यवाद, {name} जी। आपका दिन शुभ हो।"),
}
# Where the customer is, as a Hindi speaker says it (other countries are left out of the Hindi line).
HINDI_COUNTRIES = {"IN": "भारत", "US": "अमेरिका", "GB": "ब्रिटेन", "AE": "यूएई", "SG": "सिंगापुर", "AU": "ऑस्ट्रेलिया",
                   "CA": "कनाडा", "NP": "नेपाल", "BD": "बांग्लादेश", "LK": "श्रीलंका", "SA": "सऊदी अरब", "DE": "जर्मनी"}
# fmt: on
