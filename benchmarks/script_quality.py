"""Benchmark: what a listener would hear wrong in the offline writer's scripts, over a set of awkward customers.

Run: `.venv/bin/python benchmarks/script_quality.py [--customers tests/data/customers/awkward.json] [--show N]`.
Every customer's script is written in every tone and length (in the customer's own language) and checked with
`salesbot.scripts.checks.script_defects`: lower-cased brand or name, label read aloud, broken retelling, sentence
starting in lower case, English in a Hindi script. Prints the share of scripts with any defect (target 0), the
defects found, the topics per kind, and how long the agent's lines of a script take to say at 2.6 words a second.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from salesbot.models import Customer, ScriptOptions  # noqa: E402
from salesbot.playbook import play_for  # noqa: E402
from salesbot.playbook.script_format import parse_sections  # noqa: E402
from salesbot.scripts import LENGTHS, TONES  # noqa: E402
from salesbot.scripts.checks import script_defects  # noqa: E402
from salesbot.scripts.offline import OfflineScriptWriter  # noqa: E402

WRITER = OfflineScriptWriter("Maya", "Acme Cloud", "Salesbot", chunk_delay_s=0)
OWN_NAMES = ("Maya", "Acme Cloud", "Salesbot")
WORDS_PER_SECOND = 2.6


def load(path: Path) -> list[tuple[Customer, str]]:
    """The customers of a set, each with the language its script is written in."""
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [
        (Customer(id=i, name=r["name"], country_code=r["country_code"], phone_number=r["phone"],
                  phone_e164=f"+{r['phone']}", email=r["email"], conversation_history=r["conversation_history"],
                  topics=r["topics"], created_at=datetime(2026, 12, 7, tzinfo=UTC)), r["language"])
        for i, r in enumerate(rows, start=1)
    ]  # fmt: skip


def spoken_seconds(script: str) -> float:
    """How long the agent's own lines take to say: opener, recap, one question and one value line per topic, close."""
    s = parse_sections(script)
    lines = s["Opener"] + s["Recap"] + s["Discovery"] + s["Value"] + s["Close"]
    return sum(len(line.split()) for line in lines) / WORDS_PER_SECOND


def latin_share(script: str) -> float:
    """The share of a script's spoken letters that are Latin (names, brands and emails included), headers aside."""
    text = "\n".join(line for line in script.splitlines() if not line.startswith("["))
    text = OBJECTION_MARKUP.sub("", text)
    letters = re.findall(r"[A-Za-z\u0900-\u097F]", text)
    return sum(ch.isascii() for ch in letters) / max(len(letters), 1)


OBJECTION_MARKUP = re.compile(r'^If they say "|" answer:', re.MULTILINE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=Path, default=ROOT / "tests/data/customers/awkward.json")
    parser.add_argument("--show", type=int, default=20, help="how many distinct defects to list")
    args = parser.parse_args()
    customers = load(args.customers)
    found: Counter[str] = Counter()
    with_defects, seconds, latin = 0, [], []
    for customer, language in customers:
        for tone in TONES:
            for length in LENGTHS:
                options = ScriptOptions(tone=tone, length=length, language=language)
                script = WRITER.compose(customer, options)
                defects = script_defects(customer, options, script, own_names=OWN_NAMES)
                with_defects += bool(defects)
                found.update(d.split(":")[0] for d in defects)
                seconds.append(spoken_seconds(script))
                if language == "Hindi":
                    latin.append(latin_share(script))
                for d in defects[:1]:
                    found[f"  e.g. {customer.name} ({language}, {tone}, {length}): {d}"] += 1
    total = len(customers) * len(TONES) * len(LENGTHS)
    hindi = sum(1 for _, lang in customers if lang == "Hindi")
    print(f"customers {len(customers)} ({hindi} Hindi), scripts {total} (every tone x length)")
    print(f"scripts with any defect: {with_defects}/{total} = {with_defects / total:.1%}  (target 0)")
    for defect, n in found.most_common(args.show):
        print(f"  {n:4d}  {defect}")
    kinds = Counter(play_for(t).kind for c, _ in customers for t in c.topics)
    print("topics per kind: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1])))
    if latin:
        print(f"Hindi scripts, Latin share of letters (names, brands, emails): p50 {statistics.median(latin):.1%}, "
              f"max {max(latin):.1%}")  # fmt: skip
    print(f"agent lines, seconds at {WORDS_PER_SECOND} words/s: p50 {statistics.median(seconds):.0f}, "
          f"max {max(seconds):.0f}")  # fmt: skip


if __name__ == "__main__":
    main()
