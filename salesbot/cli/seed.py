"""Demo data: realistic customers, their script versions and finished simulated calls, the same for the same seed.

Calls fall in the 90 days before now (seed_times), placed by a handful of presenters; a customer's script version
is written before the calls that use it, and some customers get a second version part way through. A store that
holds calls already is topped up: the new calls follow on from those (other attempt keys, other customers)."""

from __future__ import annotations

import random
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from salesbot.cli.seed_calls import CallBody, call_body, more_objections, utterances
from salesbot.cli.seed_people import FACTS, HISTORIES, PRESENTERS, TOPICS, WRITER, Profile, Profiles
from salesbot.cli.seed_times import CallClock
from salesbot.clock import utc_now
from salesbot.models import CallFilter
from salesbot.storage import CallChanges, CustomerHistory, HistoricCall, HistoryImport
from salesbot.telephony.conversation import SimulatedCall, plan_call

__all__ = ["HISTORIES", "TOPICS", "WRITER", "SeededCustomer", "seed", "seeded_customers", "text_progress"]
_SECOND_VERSION = 0.3  # customers with two calls or more who get an edited script part way through


@dataclass(frozen=True)
class SeededCall:
    """One demo call as planned: its attempt key, when it was made, who placed it and the call with its truth."""

    attempt_key: str
    started_at: datetime
    created_by: str
    body: CallBody

    @property
    def simulated(self) -> SimulatedCall:
        return self.body.simulated


@dataclass(frozen=True)
class SeededVersion:
    """A script version, when and by whom it was written, and the calls made with it."""

    script: str
    created_at: datetime
    created_by: str
    calls: list[SeededCall] = field(default_factory=list)


@dataclass(frozen=True)
class SeededCustomer:
    profile: Profile
    phone_number: str
    versions: list[SeededVersion]

    @property
    def calls(self) -> list[SeededCall]:
        return [call for version in self.versions for call in version.calls]


class _Planner:
    """Customers one after another from one random stream: profile, number, call times, versions, calls."""

    def __init__(self, seed: int, start: int, now: datetime) -> None:
        self.rng = random.Random(seed if not start else f"{seed}:{start}")
        self.keys = f"seed-{seed}" + (f".{start}" if start else "")
        self.clock = CallClock(now)
        self.profiles = Profiles()

    def customer(self, n: int, calls: int) -> SeededCustomer:
        rng = self.rng
        profile, fresh = self.profiles.pick(rng, n)
        moments = self.clock.moments(rng, profile.region, calls)
        owner = rng.choices(PRESENTERS, weights=range(len(PRESENTERS), 0, -1))[0]
        split = rng.randint(1, calls - 1) if calls > 1 and rng.random() < _SECOND_VERSION else calls
        first = moments[0] - timedelta(minutes=rng.uniform(15, 3 * 24 * 60))
        versions = [SeededVersion(profile.script(0), first, owner)]
        if split < calls:
            edited = moments[split - 1] + (moments[split] - moments[split - 1]) * rng.uniform(0.1, 0.9)
            versions.append(SeededVersion(profile.script(1), edited, owner))
        for i, moment in enumerate(moments):
            version = 0 if i < split else 1
            key = f"{self.keys}-{n}-{i}"
            body = self._body(profile, version, key, fresh)
            who = owner if rng.random() < 0.85 else rng.choice(PRESENTERS)
            versions[version].calls.append(SeededCall(key, moment, who, body))
        return SeededCustomer(profile, profile.phone_number(rng), versions)

    def _body(self, profile: Profile, version: int, key: str, fresh: bool) -> CallBody:
        """A new call for a profile's first customer; a later customer gets one of its calls, once there are some."""
        bodies = profile.bodies[version]
        if not fresh and len(bodies) >= 3:
            return self.rng.choice(bodies)
        customer = profile.customer
        sim = more_objections(plan_call(customer, profile.script(version), key, facts=FACTS), self.rng)
        body = call_body(customer, sim, key)
        bodies.append(body)
        return body


def seeded_customers(
    calls: int, seed: int = 1, now: datetime | None = None, start: int = 0
) -> Iterator[SeededCustomer]:
    """The demo customers and their calls (about five each, `calls` in all), the same for the same seed, `now` and
    `start` (how many calls the store held before)."""
    planner = _Planner(seed, start, now or utc_now())
    n = made = 0
    while made < calls:
        n += 1
        customer = planner.customer(n, min(planner.rng.randint(1, 9), calls - made))
        made += len(customer.calls)
        yield customer


def histories(seeded: SeededCustomer) -> list[CustomerHistory]:
    """A seeded customer as histories to store: one per script version, with the calls made with it."""
    person = seeded.profile.customer_input(seeded.phone_number)
    found = []
    for version in seeded.versions:
        calls = []
        for planned in version.calls:
            body, started = planned.body, planned.started_at
            ended = started + timedelta(seconds=body.simulated.ends_at)
            changes = CallChanges(
                status=body.status, provider_call_id=f"sim-{planned.attempt_key}",
                utterances=utterances(body.simulated, body.note, started), started_at=started, ended_at=ended,
                duration_seconds=round((ended - started).total_seconds(), 1), analysis=body.analysis,
                error_message=body.simulated.failure,
            )  # fmt: skip
            calls.append(HistoricCall(planned.attempt_key, "simulated", started, changes, planned.created_by))
        found.append(CustomerHistory(person, version.script, "offline", calls, version.created_at, version.created_by))
    return found


def seed(
    store: HistoryImport,
    calls: int,
    seed: int = 1,
    batch_calls: int = 2000,
    progress: Callable[[int, int], None] | None = None,
    now: datetime | None = None,
) -> int:
    """Add `calls` finished calls to the store (after any it holds); returns how many were stored."""
    start = store.search_calls(CallFilter(), limit=1, offset=0, with_total=True).total or 0
    done = 0

    def batches() -> Iterator[list[CustomerHistory]]:
        nonlocal done
        batch: list[CustomerHistory] = []
        pending = 0
        for seeded in seeded_customers(calls, seed, now, start):
            batch += histories(seeded)
            pending += len(seeded.calls)
            if pending >= batch_calls or done + pending >= calls:
                yield batch  # stored when the store asks for the next one
                done, batch, pending = done + pending, [], 0
                if progress:
                    progress(done, calls)

    return store.bulk_import(batches())


def text_progress(done: int, total: int) -> None:
    width = 30
    filled = int(width * done / total) if total else width
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} calls")
    if done >= total:
        sys.stderr.write("\n")
    sys.stderr.flush()
