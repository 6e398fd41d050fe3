"""Benchmark: the analyser on the simulator's own calls, scored against what each persona actually did.

Run: `.venv/bin/python benchmarks/simulated_accuracy.py [--calls 200] [--seed 1] [--analyst offline|llm]`.
Customers and scripts are made as the seed command makes them; each call is planned by the simulator
(`plan_call`), written as a transcript file with the persona's truth as its labels (the persona itself is not in the
file the analyser reads: `labels` is ignored by the command), and scored by `analysis_accuracy.py`. The opener,
recap and close sentences of the script are listed as never evidence.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from salesbot.analysis.evidence import sentences  # noqa: E402
from salesbot.cli.seed import HISTORIES, TOPICS, WRITER  # noqa: E402
from salesbot.models import Customer, ScriptOptions  # noqa: E402
from salesbot.playbook.facts import OfferFacts  # noqa: E402
from salesbot.playbook.script_format import parse_sections  # noqa: E402
from salesbot.settings import Settings  # noqa: E402
from salesbot.telephony.conversation import plan_call  # noqa: E402

FACTS = OfferFacts.parse(Settings().offer_facts)


def transcript(n: int, rng: random.Random) -> dict[str, object]:
    """One simulated call as the analyse command reads it, labelled with the persona's truth."""
    customer = Customer(id=n, name="Asha Rao", country_code="IN", phone_number="9876543210",
                        phone_e164="+919876543210", email="asha@example.com",
                        conversation_history=rng.choice(HISTORIES), topics=rng.sample(TOPICS, rng.randint(1, 3)),
                        created_at=datetime(2026, 11, 24, tzinfo=UTC))  # fmt: skip
    script = WRITER.compose(customer, ScriptOptions(tone=rng.choice(["friendly", "consultative", "formal"])))
    call = plan_call(customer, script, seed=f"bench-{n}", facts=FACTS)
    utterances = [{"speaker": line.speaker.value, "text": line.text, "at": line.ends_at} for line in call.lines]
    note = call.failure or call.end_note
    if note:
        utterances.append({"speaker": "system", "text": note, "at": call.ends_at})
    sections = parse_sections(script)
    never = [s for part in ("Opener", "Recap", "Close") for line in sections[part] for s in sentences(line)]
    truth = call.truth
    return {
        "topics": customer.topics,
        "status": "failed" if call.failure else "completed",
        "utterances": utterances,
        "labels": {
            "outcome": truth.outcome.value,
            # the simulator has no sentiment of its own (not scored here), but nobody engaged gives none at all
            "sentiment": "neutral" if truth.outcome.connected else "not_given",
            "topics": {topic: status.value for topic, status in truth.topics.items()},
            "objections": [kind.value for kind in truth.objections],
            "next_step_agreed": truth.next_step_agreed,
            "not_evidence": never,
            "language": "en",
            "notes": f"simulated, persona {truth.persona}",
        },
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--analyst", choices=["offline", "llm"], default="offline")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "simulated"
        folder.mkdir()
        for n in range(1, args.calls + 1):
            (folder / f"sim-{n:04d}.json").write_text(json.dumps(transcript(n, rng)), encoding="utf-8")
        command = [sys.executable, str(ROOT / "benchmarks" / "analysis_accuracy.py"), "--dir", str(folder),
                   "--analyst", args.analyst, *(["--show-misses"] if args.show_misses else [])]  # fmt: skip
        return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
