"""Words the offline parts know: common business words in Hindi, months, languages, and how brands are spelt."""

from __future__ import annotations

# Everyday business English as a Hindi speaker says it: Hindi words where they are used, loanwords in Devanagari.
# Also the list of common words: a capitalised word found here is an ordinary word, not a name.
# fmt: off
HINDI_WORDS: dict[str, str] = {
    "access": "एक्सेस", "account": "अकाउंट", "accounts": "अकाउंट", "adoption": "अपनाना", "agent": "एजेंट",
    "agents": "एजेंट", "alerts": "अलर्ट", "analytics": "एनालिटिक्स", "annual": "सालाना", "annually": "सालाना",
    "app": "ऐप", "apps": "ऐप", "approval": "मंज़ूरी", "approvals": "मंज़ूरी", "audit": "ऑडिट", "audits": "ऑडिट",
    "automated": "ऑटोमेटेड", "automation": "ऑटोमेशन", "backup": "बैकअप", "backups": "बैकअप", "bill": "बिल",
    "billing": "बिलिंग", "bills": "बिल", "branch": "शाखा", "branches": "शाखाएँ", "budget": "बजट", "calendar": "कैलेंडर",
    "call": "कॉल", "calls": "कॉल", "cancellation": "रद्द करना", "capacity": "क्षमता", "centre": "सेंटर",
    "center": "सेंटर", "chat": "चैट", "cities": "शहर", "city": "शहर", "cloud": "क्लाउड", "compliance": "कंप्लायंस",
    "connector": "कनेक्टर", "contract": "कॉन्ट्रैक्ट", "contracts": "कॉन्ट्रैक्ट", "cost": "लागत", "costs": "लागत",
    "coverage": "कवरेज", "custom": "कस्टम", "customer": "ग्राहक", "customers": "ग्राहक", "dashboard": "डैशबोर्ड",
    "dashboards": "डैशबोर्ड", "data": "डेटा", "deal": "डील", "deals": "डील", "delivery": "डिलीवरी", "demo": "डेमो",
    "desk": "डेस्क", "discount": "छूट", "discounts": "छूट", "downtime": "डाउनटाइम", "email": "ईमेल",
    "emails": "ईमेल", "encryption": "एन्क्रिप्शन", "expansion": "विस्तार", "export": "एक्सपोर्ट",
    "exports": "एक्सपोर्ट", "field": "फ़ील्ड", "fees": "फ़ीस", "fee": "फ़ीस", "finance": "फ़ाइनेंस",
    "follow-up": "फ़ॉलो-अप", "follow-ups": "फ़ॉलो-अप", "followups": "फ़ॉलो-अप", "forecast": "अनुमान",
    "forecasting": "अनुमान", "growth": "बढ़ोतरी", "help": "मदद", "hours": "घंटे", "hour": "घंटा",
    "integration": "इंटीग्रेशन", "integrations": "इंटीग्रेशन", "invoice": "इनवॉइस", "invoices": "इनवॉइस",
    "invoicing": "इनवॉइसिंग", "language": "भाषा", "languages": "भाषाएँ", "lead": "लीड", "leads": "लीड",
    "licence": "लाइसेंस", "licences": "लाइसेंस", "license": "लाइसेंस", "licenses": "लाइसेंस", "live": "लाइव",
    "local": "स्थानीय", "login": "लॉग-इन", "logins": "लॉग-इन", "logistics": "लॉजिस्टिक्स", "management": "मैनेजमेंट",
    "manager": "मैनेजर", "managers": "मैनेजर", "meeting": "मीटिंग", "meetings": "मीटिंग", "messages": "मैसेज",
    "messaging": "मैसेजिंग", "migration": "माइग्रेशन", "minimum": "न्यूनतम", "mobile": "मोबाइल", "monthly": "मासिक",
    "new": "नए", "notes": "नोट्स", "notice": "नोटिस", "office": "ऑफ़िस", "onboarding": "ऑनबोर्डिंग",
    "options": "विकल्प", "orders": "ऑर्डर", "party": "पार्टी", "payment": "भुगतान", "payments": "भुगतान",
    "performance": "परफ़ॉर्मेंस", "phone": "फ़ोन", "pilot": "पायलट", "plan": "प्लान", "plans": "प्लान",
    "platform": "प्लेटफ़ॉर्म", "price": "कीमत", "prices": "कीमत", "pricing": "कीमत", "privacy": "प्राइवेसी",
    "product": "प्रोडक्ट", "quote": "कोटेशन", "region": "क्षेत्र", "regions": "क्षेत्र", "regional": "क्षेत्रीय",
    "reminders": "रिमाइंडर", "renewal": "रिन्यूअल", "renewals": "रिन्यूअल", "report": "रिपोर्ट",
    "reporting": "रिपोर्टिंग", "reports": "रिपोर्ट", "residency": "रेज़िडेंसी", "response": "जवाब का", "rep": "प्रतिनिधि", "reps": "प्रतिनिधि",
    "review": "रिव्यू", "rollout": "रोलआउट", "sales": "सेल्स", "scaling": "विस्तार", "scale": "विस्तार",
    "security": "सुरक्षा", "seat": "सीट", "seats": "सीट", "service": "सर्विस", "setup": "सेटअप",
    "sign-on": "साइन-ऑन", "sign-in": "साइन-इन", "single": "सिंगल", "software": "सॉफ़्टवेयर", "speed": "रफ़्तार",
    "staff": "स्टाफ़", "storage": "स्टोरेज", "support": "सपोर्ट", "sync": "सिंक", "syncing": "सिंक",
    "system": "सिस्टम", "systems": "सिस्टम", "team": "टीम", "teams": "टीमें", "terms": "शर्तें", "ticket": "टिकट",
    "tickets": "टिकट", "time": "समय", "times": "समय", "tool": "टूल", "tools": "टूल", "training": "ट्रेनिंग",
    "trial": "ट्रायल", "two-way": "दोनों तरफ़ का", "uptime": "अपटाइम", "user": "यूज़र", "users": "यूज़र",
    "volume": "वॉल्यूम", "volumes": "वॉल्यूम", "warehouse": "वेयरहाउस", "weekend": "वीकेंड", "weekly": "साप्ताहिक",
    "workflow": "वर्कफ़्लो", "workflows": "वर्कफ़्लो", "yearly": "सालाना", "hiring": "भर्ती", "sso": "एसएसओ",
    "versus": "बनाम", "and": "और", "or": "या", "monthly-billing": "मासिक बिलिंग", "multi-currency": "मल्टी-करेंसी",
    "currency": "करेंसी", "offline": "ऑफ़लाइन", "mode": "मोड", "voice": "वॉइस", "ai": "एआई", "api": "एपीआई",
    "agreement": "अनुबंध", "legal": "लीगल", "review-cycle": "रिव्यू", "lock-in": "लॉक-इन", "peak": "पीक",
    "season": "सीज़न", "festive": "त्योहारी", "spanish": "स्पेनिश", "status": "स्थिति", "page": "पेज",
    "sla": "एसएलए", "2fa": "टू-फ़ैक्टर", "factor": "फ़ैक्टर", "authentication": "ऑथेंटिकेशन", "roles": "रोल",
    "permissions": "अनुमति", "insights": "जानकारी", "kpis": "केपीआई", "kpi": "केपीआई", "metrics": "आँकड़े",
    "numbers": "आँकड़े", "conversion": "कन्वर्ज़न", "whatsapp-based": "व्हाट्सऐप", "video": "वीडियो",
    "videos": "वीडियो", "script": "स्क्रिप्ट", "scripts": "स्क्रिप्ट", "quality": "क्वालिटी", "entry": "एंट्री",
    "dispatch": "डिस्पैच", "log": "लॉग", "logs": "लॉग", "recording": "रिकॉर्डिंग", "recordings": "रिकॉर्डिंग",
    "references": "रेफ़रेंस", "reference": "रेफ़रेंस", "comparison": "तुलना", "current": "मौजूदा", "every": "हर",
    "webhooks": "वेबहुक", "docs": "दस्तावेज़", "marketing": "मार्केटिंग", "ops": "ऑपरेशंस",
    "director": "डायरेक्टर", "directors": "डायरेक्टर", "calling": "कॉलिंग", "deck": "डेक", "proposal": "प्रस्ताव",
    "module": "मॉड्यूल", "sample": "सैंपल", "approved": "मंज़ूर", "other": "दूसरे", "pipeline": "पाइपलाइन",
    "flat": "फ़्लैट", "meetup": "मीटअप", "ticketing": "टिकटिंग", "simple": "आसान", "faster": "तेज़",
}

# Words that join parts of a topic, and how Hindi puts the second part first ("SSO via Okta": "Okta के ज़रिए SSO").
HINDI_LINKS: dict[str, str] = {
    "via": "के ज़रिए", "through": "के ज़रिए", "for": "के लिए", "with": "के साथ", "in": "में", "on": "पर",
    "across": "में", "at": "में", "from": "से", "to": "पर", "into": "में", "by": "के हिसाब से", "of": "",
    "over": "पर", "per": "प्रति", "during": "के दौरान", "before": "से पहले", "after": "के बाद", "until": "तक",
}

# Small words dropped when a topic is said in Hindi.
HINDI_DROPPED = {"the", "a", "an", "our", "your", "their", "my", "its"}

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
HINDI_MONTHS = ("जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर",
                "दिसंबर")

# Languages a customer may need the product in, as they are named in Hindi.
LANGUAGE_NAMES: dict[str, str] = {
    "hindi": "हिंदी", "tamil": "तमिल", "telugu": "तेलुगु", "kannada": "कन्नड़", "malayalam": "मलयालम",
    "marathi": "मराठी", "bengali": "बांग्ला", "bangla": "बांग्ला", "gujarati": "गुजराती", "punjabi": "पंजाबी",
    "urdu": "उर्दू", "odia": "ओड़िया", "assamese": "असमिया", "spanish": "स्पेनिश", "french": "फ़्रेंच",
    "german": "जर्मन", "arabic": "अरबी", "portuguese": "पुर्तगाली", "japanese": "जापानी", "chinese": "चीनी",
    "mandarin": "मंदारिन", "english": "अंग्रेज़ी", "bahasa": "बहासा", "indonesian": "इंडोनेशियाई",
}

# How brands, systems and acronyms are spelt, whatever case they were typed in.
BRANDS: dict[str, str] = {b.lower(): b for b in (
    "Zoho", "CRM", "HubSpot", "Salesforce", "SAP", "S/4HANA", "Tally", "TallyPrime", "WhatsApp", "Slack", "Okta",
    "SAML", "SSO", "2FA", "MFA", "GDPR", "DPDP", "SOC", "HIPAA", "ISO", "SLA", "API", "ERP", "iPhone", "iOS",
    "Android", "Excel", "Google", "Gmail", "Outlook", "Microsoft", "Azure", "AWS", "Freshdesk", "Freshsales",
    "Freshworks", "Zendesk", "Pipedrive", "Shopify", "NetSuite", "Oracle", "Workday", "LinkedIn", "Zoom", "Jira",
    "QuickBooks", "Xero", "Razorpay", "Paytm", "UPI", "GST", "PDF", "CSV", "KPI", "KPIs", "AI", "HR", "B2B",
    "SaaS", "SMS", "IVR", "PCI", "DSS", "Kochi", "Mumbai", "Delhi", "Bengaluru", "Chennai",
    "Pune", "Hyderabad", "Dubai", "Singapore", "London", "India", "Indian", "Diwali",
)}
# fmt: on
