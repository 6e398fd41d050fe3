"""The customer form as the presenter typed it, and whether it still describes the saved customer."""

from __future__ import annotations

from dataclasses import astuple, dataclass

from salesbot.errors import InvalidInput
from salesbot.models.customer import Customer, CustomerInput, validate_customer
from salesbot.models.phone import DEFAULT_REGION


@dataclass(frozen=True)
class CustomerForm:
    """Raw form text; field names are the ones InvalidInput.field_errors uses."""

    name: str = ""
    country_code: str = DEFAULT_REGION
    phone_number: str = ""  # as typed
    email: str = ""
    conversation_history: str = ""
    topics: str = ""  # one per line

    def validate(self) -> CustomerInput:
        """The customer to store, or InvalidInput naming each bad field."""
        return validate_customer(
            {
                "name": self.name,
                "country_code": self.country_code,
                "phone_number": self.phone_number,
                "email": self.email,
                "conversation_history": self.conversation_history,
                "topics": self.topics,
            }
        )

    @classmethod
    def of(cls, customer: Customer) -> CustomerForm:
        """The form filled in with a stored customer's details."""
        return cls(
            name=customer.name,
            country_code=customer.country_code,
            phone_number=customer.phone_number,
            email=customer.email or "",
            conversation_history=customer.conversation_history,
            topics="\n".join(customer.topics),
        )

    def equivalent(self, other: CustomerForm) -> bool:
        """True when both forms would store the same customer (spacing, case of the email, number format aside)."""
        if astuple(self) == astuple(other):  # by value: the class may have been reloaded while the app runs
            return True
        try:
            return self.validate().model_dump() == other.validate().model_dump()
        except InvalidInput:
            return False
