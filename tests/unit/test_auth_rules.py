"""Who may enter with sign-in on: SALESBOT_ALLOWED_EMAILS parsed and matched, and the [auth] section checked."""

from __future__ import annotations

import pytest

from salesbot.auth import auth_problem, email_allowed, email_verified, parse_allowed_emails, signed_in_address
from salesbot.errors import ConfigError
from salesbot.models import CallFilter
from salesbot.settings import load_settings

AUTH = {
    "redirect_uri": "https://salesbot.example.com/oauth2callback",
    "cookie_secret": "s",
    "client_id": "c",
    "client_secret": "x",
    "server_metadata_url": "https://id.example.com/.well-known/openid-configuration",
}


def test_addresses_and_domains_are_read_lower_case() -> None:
    assert parse_allowed_emails(" Ana@Team.example , @Partner.example;bo@x.example,, ") == (
        "ana@team.example",
        "@partner.example",
        "bo@x.example",
    )
    assert parse_allowed_emails("") == ()


@pytest.mark.parametrize("entry", ["ana", "team.example", "@", "ana@", "a b@x.example", "@localhost", "ana@@x.example"])
def test_an_entry_that_is_neither_an_address_nor_a_domain_is_a_config_error(entry: str) -> None:
    with pytest.raises(ConfigError, match="SALESBOT_ALLOWED_EMAILS"):
        parse_allowed_emails(f"ok@x.example,{entry}")
    with pytest.raises(ConfigError, match=entry.strip()):
        load_settings(env={"SALESBOT_ALLOWED_EMAILS": entry})


def test_an_address_or_its_exact_domain_is_let_in() -> None:
    allowed = parse_allowed_emails("ana@team.example,@partner.example")
    assert email_allowed(allowed, "ana@team.example") and email_allowed(allowed, "ANA@Team.Example")
    assert email_allowed(allowed, "zoe@partner.example")
    assert not email_allowed(allowed, "bo@team.example")  # the address, not its domain
    assert not email_allowed(allowed, "zoe@eu.partner.example")  # that domain exactly, not its subdomains
    assert not email_allowed(allowed, "zoe@partner.example.evil.example")
    assert not email_allowed(allowed, "partner.example@evil.example")
    assert not email_allowed(allowed, "")


def test_an_empty_list_lets_every_signed_in_user_with_an_address_in() -> None:
    assert email_allowed((), "anyone@anywhere.example")
    assert not email_allowed((), "")  # no address: nobody to record, not let in


def test_a_complete_auth_section_passes_and_a_missing_key_is_named() -> None:
    assert auth_problem(AUTH) is None
    assert auth_problem({k: v for k, v in AUTH.items() if k != "cookie_secret"}) == (
        "Sign-in is configured but [auth] in secrets.toml lacks cookie_secret."
    )
    problem = auth_problem({"redirect_uri": AUTH["redirect_uri"]})
    assert problem is not None and "cookie_secret, client_id, client_secret, server_metadata_url" in problem


def test_the_provider_may_be_named_default() -> None:
    nested = {"redirect_uri": AUTH["redirect_uri"], "cookie_secret": "s", "default": {
        k: AUTH[k] for k in ("client_id", "client_secret", "server_metadata_url")}}  # fmt: skip
    assert auth_problem(nested) is None


def test_the_redirect_uri_must_be_the_callback() -> None:
    problem = auth_problem({**AUTH, "redirect_uri": "https://salesbot.example.com/"})
    assert problem is not None and "/oauth2callback" in problem


def test_an_address_copied_from_the_page_matches() -> None:
    shown = "ana\u2060@team.example"  # as pages before issue 22 drew it (with a word joiner); still matches
    assert parse_allowed_emails(f"{shown}, \u200b@partner.example") == ("ana@team.example", "@partner.example")
    # a signed-in address with it is another matter: the provider's claim reads as an address it is not (issue 25)
    assert not email_allowed(("ana@team.example",), shown)
    assert CallFilter(created_by=f" {shown.upper()} ").placed_by() == "ana@team.example"


def test_require_sign_in_is_a_yes_or_no() -> None:
    assert load_settings(env={"SALESBOT_REQUIRE_SIGN_IN": "true"}).require_sign_in
    assert not load_settings(env={"SALESBOT_REQUIRE_SIGN_IN": "0"}).require_sign_in
    with pytest.raises(ConfigError, match="SALESBOT_REQUIRE_SIGN_IN"):
        load_settings(env={"SALESBOT_REQUIRE_SIGN_IN": "sometimes"})


@pytest.mark.parametrize("claim", [True, None])
def test_only_a_boolean_true_or_no_claim_verifies_an_address(claim: object) -> None:
    assert email_verified(claim) and email_allowed((), "ana@team.example", verified=claim)


@pytest.mark.parametrize("claim", [False, "false", "true", "False", 0, 1, "", [], {}], ids=repr)
def test_any_other_email_verified_claim_keeps_the_address_out(claim: object) -> None:
    assert not email_verified(claim)
    assert not email_allowed(parse_allowed_emails("ana@team.example"), "ana@team.example", verified=claim)
    assert not email_allowed((), "ana@team.example", verified=claim)


@pytest.mark.parametrize(
    "email",
    ["ana\u200b@team.example", "\u200bana@team.example", "ana@team.example\u2060", "ana@\u202eelpmaxe.maet",
     "ana\u2066@team.example", "ana\u200e@team.example", "ana\ufeff@team.example", "ana\x00@team.example",
     "ana\ue000@team.example", "ana\u2028@team.example"],
    ids=["zwsp", "leading-zwsp", "word-joiner", "rlo", "lri", "lrm", "bom", "nul", "private-use", "line-sep"],
)  # fmt: skip
def test_an_address_with_invisible_or_bidi_characters_is_refused(email: str) -> None:
    assert not email_allowed(parse_allowed_emails("ana@team.example,@team.example"), email)
    assert not email_allowed((), email)


def test_one_form_of_an_address_for_the_list_created_by_and_the_placed_by_filter() -> None:
    assert signed_in_address("  Ana@Team.Example ") == "ana@team.example"
    assert email_allowed(parse_allowed_emails("ana@team.example"), " ANA@team.example ")
    assert CallFilter(created_by=signed_in_address(" Ana@Team.Example")).created_by == "ana@team.example"
