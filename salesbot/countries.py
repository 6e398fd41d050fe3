"""Countries the presenter can pick, with their dialling codes, from the phonenumbers metadata."""

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
