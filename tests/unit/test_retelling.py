"""The history retold to the customer: second person, dates kept, others left as they are, Hindi from patterns."""

from __future__ import annotations

import re

import pytest

from salesbot.scripts.retell import recap_lines

MEERA = (
    "Spoke on 12 Nov: Meera runs a support team of 40 at Kochi Logistics. She liked the Zoho CRM sync demo and "
    "asked us to call back after her budget review."
)


def retell(history: str, name: str = "Meera Nair", language: str = "English", short: bool = False) -> list[str]:
    return recap_lines(history, name, language, short, agent_name="Maya")


def test_meera_is_told_what_she_said_in_the_second_person_with_the_date() -> None:
    # every sentence is heard as a recap ("when we spoke", "you also said"), which the analyser never takes as evidence
    assert retell(MEERA) == [
        "When we spoke on 12 November, you told me you run a support team of 40 at Kochi Logistics.",
        "You also said you liked the Zoho CRM sync demo and asked us to call back after your budget review.",
        "Is that still where things stand?",
    ]


@pytest.mark.parametrize(
    ("history", "name", "wanted"),
    [
        ("2026-11-12 - Arjun wants WhatsApp reminders for his field agents.", "Arjun Iyer", "When we spoke on 12 November, you told me you want WhatsApp reminders for your field agents."),
        ("On 3 Oct we showed her the dashboard.", "Ananya Das", "When we spoke on 3 October, we showed you the dashboard."),
        ("12/11: Mia liked the demo.", "Mia Tan", "When we spoke on 12 November, you liked the demo."),
        ("Nov 28: Neha asked for a pilot with 10 seats.", "Neha Gupta", "When we spoke on 28 November, you asked for a pilot with 10 seats."),
        ("Called 5 Dec — Sara manages inside sales for a Dubai property firm.", "Sara Khan", "When we spoke on 5 December, you told me you manage inside sales for a Dubai property firm."),
        ("(12 Nov) He has 25 reps in Pune.", "Karan Mehta", "When we spoke on 12 November, you told me you have 25 reps in Pune."),
        ("- 4 Nov: intro call, Nikhil is CTO at a 200-person edtech.", "Nikhil Jain", "When we spoke on 4 November, you told me you are CTO at a 200-person edtech."),
    ],
)  # fmt: skip
def test_dated_notes_keep_their_date_and_turn_to_you(history: str, name: str, wanted: str) -> None:
    assert retell(history, name)[0] == wanted


def test_a_second_date_is_said_with_its_point() -> None:
    lines = retell(
        "12/11: Mia liked the demo. 19/11: Mia asked us to call back once her new manager starts.", "Mia Tan"
    )
    assert lines[1] == "When we spoke again on 19 November, you asked us to call back once your new manager starts."


def test_third_person_pronouns_about_the_customer_become_you_and_verbs_agree() -> None:
    lines = retell("Meera runs three depots. She also wants Hindi for her agents. Meera's team uses Freshdesk.")
    text = " ".join(lines)
    assert "you run three depots" in text
    assert "you also want Hindi for your agents" in text or "You also want Hindi for your agents" in text
    assert not re.search(r"\b(she|her|Meera|runs)\b", text)


def test_notes_about_someone_else_stay_about_them() -> None:
    text = " ".join(
        retell(
            "Sneha said DPDP compliance is top of mind. Her CTO Manish wants audit logs. He joins the next call.",
            "Sneha Kulkarni",
        )
    )
    assert "your CTO Manish wants audit logs" in text
    assert "Manish joins the next call" in text and "you join" not in text  # "He" was Manish, not Sneha


def test_their_own_words_are_turned_round_and_our_words_stay_ours() -> None:
    history = "Customer: We are moving to SAP S/4HANA next year.\nMe: I said we can sync invoices both ways.\nCustomer: Our finance team needs GST invoices."
    text = " ".join(retell(history, "Priya Sharma"))
    assert "you are moving to SAP S/4HANA next year" in text
    assert "your finance team needs GST invoices" in text
    assert "you can sync invoices" not in text  # our rep's words are never put in her mouth


def test_our_reps_first_person_notes_are_said_by_the_agent() -> None:
    assert (
        retell("I showed her the demo. Sent her the pricing deck.", "Ananya Das")[0]
        == "When we last spoke, I showed you the demo."
    )


def test_a_long_history_is_at_most_two_sentences_of_its_most_useful_points() -> None:
    history = (
        "Vikram is evaluating three vendors. He uses Freshdesk today and his team of 60 hates copying tickets. "
        "We sent him the pricing deck on 2 Dec. He said he would decide by the end of the quarter. "
        "His CFO Anita needs to sign off on anything above 5 lakh. Left a voicemail on 9 Dec. Weather was nice."
    )
    lines = retell(history, "Vikram Singh")
    assert len(lines) == 3 and lines[-1] == "Is that still where things stand?"
    assert "voicemail" not in " ".join(lines) and "Weather" not in " ".join(lines)
    assert all(len(line.split()) <= 30 for line in lines)


@pytest.mark.parametrize("history", ["", "   \n", "Left a voicemail. No answer."])
def test_nothing_to_retell_gives_no_recap(history: str) -> None:
    assert retell(history) == []


def test_never_a_fragment_after_you_mentioned_that() -> None:
    for history in (MEERA, "spoke on 3 oct: budget approved", "Customer: need it fast"):
        assert not any("mentioned that" in line for line in retell(history))


def test_hindi_recap_retells_known_patterns_in_devanagari_keeping_names_and_dates() -> None:
    lines = retell(MEERA, language="Hindi")
    assert lines == [
        "पिछली बार, 12 नवंबर को हमारी बात में आपने बताया था कि Kochi Logistics में आपकी 40 लोगों की सपोर्ट टीम है।",
        "और पिछली बार आपको Zoho CRM सिंक डेमो पसंद आया था और आपने कहा था कि बजट रिव्यू के बाद हम आपको फिर फ़ोन करें।",
        "क्या अब भी स्थिति यही है?",
    ]


def test_hindi_recap_has_a_safe_general_line_for_what_it_cannot_retell() -> None:
    lines = retell("Deepak said their reps spend two hours a day on data entry.", "Deepak Yadav", language="Hindi")
    assert lines[0] == "पिछली बार हमारी बात में हमने आपकी टीम की ज़रूरतों पर बात की थी।"
    assert not re.search(r"[A-Za-z]", " ".join(lines))


def test_fillers_requests_and_our_plans_are_retold_as_a_person_would() -> None:
    history = "James: honestly we're happy with our current tool.\nMe: Offered a side-by-side trial.\nJames: send me something in writing.\nNext step: send pricing."
    lines = retell(history, "James Smith")
    assert lines[:2] == [
        "When we last spoke, you told me you're happy with your current tool.",
        "Last time, I offered a side-by-side trial, and you asked us to send you something in writing.",
    ]


def test_her_before_a_time_is_you_and_before_a_thing_is_your() -> None:
    text = " ".join(retell("Called her last week. Pooja was unhappy with her last vendor's support.", "Pooja Verma"))
    assert "unhappy with your last vendor's support" in text
    assert (
        retell("I called her last week about the demo.", "Pooja Verma")[0]
        == "When we last spoke, I called you last week about the demo."
    )


def test_a_note_written_in_hindi_is_reported_in_a_hindi_recap_and_left_out_of_an_english_one() -> None:
    history = "Customer: हमें हिंदी में स्क्रिप्ट चाहिए।\nMe: Sent the Hindi demo video."
    assert (
        retell(history, "Fatima Ali", language="Hindi")[0]
        == "पिछली बार हमारी बात में आपने बताया था कि हमें हिंदी में स्क्रिप्ट चाहिए।"
    )
    english = retell(history, "Fatima Ali")
    assert english[0] == "When we last spoke, I sent the Hindi demo video." and not re.search(
        "[\u0900-\u097f]", " ".join(english)
    )


def test_hindi_recap_of_where_we_met_and_what_their_team_uses() -> None:
    history = "Met at the Bengaluru SaaS meetup on 14 Sep. Aisha's team of 12 uses Pipedrive."
    assert retell(history, "Aisha Reddy", language="Hindi")[:2] == [
        "पिछली बार हमारी बात में हम Bengaluru SaaS मीटअप में मिले थे।",
        "और पिछली बार आपने बताया था कि आपकी टीम अभी Pipedrive इस्तेमाल करती है।",
    ]
