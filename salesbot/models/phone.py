"""Phone numbers: the countries the presenter can pick (dialling codes from the phonenumbers metadata) and the one
way a stored number is shown."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from phonenumbers import geocoder

DEFAULT_REGION = "IN"


@dataclass(frozen=True)
class Country:
    region: str  # ISO 3166-1 alpha-2, as phonenumbers names it
    name: str
    dialling_code: int

    @property
    def label(self) -> str:
        return f"{self.name} (+{self.dialling_code})"


@lru_cache(maxsize=1)
def all_countries() -> dict[str, Country]:
    """Every region phonenumbers supports, sorted by name."""
    found: list[Country] = []
    for region in phonenumbers.SUPPORTED_REGIONS:
        example = phonenumbers.example_number(region)
        name = geocoder.country_name_for_number(example, "en") if example else ""
        found.append(Country(region, name or region, phonenumbers.country_code_for_region(region)))
    found.sort(key=lambda c: c.name)
    return {c.region: c for c in found}


def country(region: str) -> Country:
    """The country for an ISO region code; unknown codes raise KeyError."""
    return all_countries()[region.upper()]


@lru_cache(maxsize=4096)  # a customer's calls go to one number; parsing is most of a row's cost
def readable_phone(phone_e164: str) -> str:
    """+919876543210 as "+91 98765 43210" (the international format), on pages and in exports;
    the stored text when it does not parse."""
    try:
        number = phonenumbers.parse(phone_e164, None)
    except phonenumbers.NumberParseException:
        return phone_e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
