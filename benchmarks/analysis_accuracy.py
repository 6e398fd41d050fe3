"""Benchmark: how well a call analyser agrees with the hand-labelled transcripts (docs/analysis.md, "The labelled set").

Run: `.venv/bin/python benchmarks/analysis_accuracy.py [--analyst offline|llm] [--dir DIR] [--json] [--show-misses]`.
Every transcript under the directory goes through `python -m salesbot analyse FILE`, the command a user runs (two at
a time); the command ignores the "labels" key, which holds the expected answer. Figures are given per half (dev/ for
tuning the rules, holdout/ for checking them) and overall. A quote is valid evidence when it is inside one line of
the transcript (said by the same speaker, for topic evidence) and overlaps no recap, agenda or closing sentence that
the labels list as never evidence.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TRANSCRIPTS = ROOT / "tests" / "data" / "transcripts"
Json = dict[str, Any]
Case = tuple[str, Json, Json]  # file name, transcript with labels, the command's result ({} when it failed)


def analyse(path: Path, analyst: str) -> tuple[Json, str]:
    """The command's result, or {} and the reason it gave none."""
    cmd = [sys.executable, "-m", "salesbot", "analyse", str(path), "--analyst", analyst]
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    try:
        result = json.loads(run.stdout)
    except json.JSONDecodeError:
        result = None
    if run.returncode == 0 and isinstance(result, dict):
        return result, ""
    return {}, (run.stderr.strip().splitlines() or [f"exit code {run.returncode}, no JSON on stdout"])[-1]


def squash(text: str) -> str:
    return " ".join(text.split())


def quotes(result: Json) -> list[tuple[str | None, str]]:
    """(speaker or None when any speaker will do, text) for every quote the result gives."""
    found: list[tuple[str | None, str]] = []
    for topic in result.get("topics") or []:
        found += [(ev.get("speaker"), ev.get("text") or "") for ev in topic.get("evidence") or []]
    found += [(None, objection.get("quote") or "") for objection in result.get("objections") or []]
    next_step = result.get("next_step") or {}
    if next_step.get("quote"):
        found.append((None, next_step["quote"]))
    return found


def step_quotes(result: Json) -> list[tuple[str | None, str]]:
    """The next step's proposal and acceptance: checked as said by that speaker, not against never-evidence (the
    proposal of a next step is the close's own sentence, which the never-evidence list holds for topics)."""
    return [(ev.get("speaker"), ev.get("text") or "") for ev in (result.get("next_step") or {}).get("evidence") or []]


def said_by(speaker: str | None, text: str, transcript: Json) -> bool:
    text = text.strip()
    return bool(text) and any(
        text in line["text"] and speaker in (None, line["speaker"]) for line in transcript["utterances"]
    )


def valid_quote(speaker: str | None, text: str, transcript: Json) -> bool:
    text = text.strip()
    if not text:
        return False
    said = said_by(speaker, text, transcript)
    quote = squash(text)
    banned = (squash(s) for s in transcript["labels"]["not_evidence"])
    return said and not any(quote in sentence or sentence in quote for sentence in banned)


def ratio(hits: int, total: int) -> float | None:
    return round(hits / total, 3) if total else None


def score(cases: list[Case]) -> tuple[Json, list[str]]:
    """The figures for these cases, and one line per thing the analyser got wrong."""
    c: Counter[str] = Counter()
    kinds: defaultdict[str, Counter[str]] = defaultdict(Counter)
    wrong_outcomes: list[str] = []
    misses: list[str] = []
    for name, transcript, result in cases:
        labels = transcript["labels"]
        c["n"] += 1
        if result.get("outcome") != labels["outcome"]:
            wrong_outcomes.append(f"{name}: {labels['outcome']} → {result.get('outcome', 'error')}")
        for field, want in (("sentiment", labels["sentiment"]), ("next_step_agreed", labels["next_step_agreed"])):
            c[f"{field}_ok"] += result.get(field) == want
            if result.get(field) != want:
                misses.append(f"{name}: {field} {want} → {result.get(field)}")
        got_status = {t.get("topic"): t.get("status") for t in result.get("topics") or []}
        for topic, want in labels["topics"].items():
            got = got_status.get(topic, "missing")
            c["topics"] += 1
            c["status_ok"] += got == want
            c["covered_tp"] += want == got == "covered"
            c["covered_fp"] += got == "covered" != want
            c["covered_fn"] += want == "covered" != got
            if got != want:
                misses.append(f"{name}: topic {topic!r} {want} → {got}")
        want_kinds, got_kinds = set(labels["objections"]), {o.get("kind") for o in result.get("objections") or []}
        for kind in sorted(want_kinds | got_kinds, key=str):
            outcome = "tp" if kind in want_kinds and kind in got_kinds else "fn" if kind in want_kinds else "fp"
            kinds[str(kind)][outcome] += 1
            if outcome != "tp":
                misses.append(f"{name}: objection {kind} {'missed' if outcome == 'fn' else 'not in the labels'}")
        for speaker, text in quotes(result):
            c["quotes"] += 1
            if valid_quote(speaker, text, transcript):
                c["valid_quotes"] += 1
            else:
                misses.append(f"{name}: invalid evidence ({speaker or 'any'}) {text!r}")
        for speaker, text in step_quotes(result):
            c["quotes"] += 1
            if said_by(speaker, text, transcript):
                c["valid_quotes"] += 1
            else:
                misses.append(f"{name}: invalid next-step evidence ({speaker}) {text!r}")
    tp, fp, fn = (sum(k[x] for k in kinds.values()) for x in ("tp", "fp", "fn"))
    figures: Json = {
        "n": c["n"],
        "outcome_accuracy": ratio(c["n"] - len(wrong_outcomes), c["n"]),
        "wrong_outcomes": wrong_outcomes,
        "coverage_precision": ratio(c["covered_tp"], c["covered_tp"] + c["covered_fp"]),
        "coverage_recall": ratio(c["covered_tp"], c["covered_tp"] + c["covered_fn"]),
        "coverage_status_accuracy": ratio(c["status_ok"], c["topics"]),
        "topics": c["topics"],
        "objection_recall": ratio(tp, tp + fn),
        "objection_precision": ratio(tp, tp + fp),
        "objections_by_kind": {k: {x: kinds[k][x] for x in ("tp", "fp", "fn")} for k in sorted(kinds)},
        "next_step_agreed_accuracy": ratio(c["next_step_agreed_ok"], c["n"]),
        "sentiment_accuracy": ratio(c["sentiment_ok"], c["n"]),
        "evidence_validity": ratio(c["valid_quotes"], c["quotes"]),
        "quotes": c["quotes"],
    }
    return figures, misses


def show(label: str, figures: Json, errors: list[str], misses: list[str] | None) -> None:
    def pct(key: str) -> str:
        return "  n/a" if figures[key] is None else f"{figures[key]:.3f}"

    print(f"{label}: {figures['n']} transcripts, {len(errors)} without a result")
    for error in errors if label != "overall" else []:
        print(f"    {error}")
    print(f"  outcome accuracy            {pct('outcome_accuracy')}")
    for line in figures["wrong_outcomes"]:
        print(f"    {line}")
    print(f"  topic coverage precision    {pct('coverage_precision')}   recall {pct('coverage_recall')}")
    print(f"  coverage status accuracy    {pct('coverage_status_accuracy')}   (3-way, {figures['topics']} topics)")
    print(f"  objection recall            {pct('objection_recall')}   precision {pct('objection_precision')}")
    for kind, counts in figures["objections_by_kind"].items():
        print(f"    {kind:<12} tp {counts['tp']:>3}   fp {counts['fp']:>3}   fn {counts['fn']:>3}")
    print(f"  next step agreed accuracy   {pct('next_step_agreed_accuracy')}")
    print(f"  sentiment accuracy          {pct('sentiment_accuracy')}")
    print(f"  evidence validity           {pct('evidence_validity')}   ({figures['quotes']} quotes)")
    for line in misses or []:
        print(f"    miss  {line}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--analyst", choices=["offline", "llm"], default="offline")
    parser.add_argument("--dir", type=Path, default=TRANSCRIPTS, help="labelled transcripts, searched recursively")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--show-misses", action="store_true", help="list every disagreement with the labels")
    args = parser.parse_args()

    base = args.dir.resolve()
    paths = sorted(base.rglob("*.json"))
    if not paths:
        parser.error(f"no .json transcripts under {base}")
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(analyse, paths, repeat(args.analyst)))

    groups: defaultdict[str, list[Case]] = defaultdict(list)
    errors: defaultdict[str, list[str]] = defaultdict(list)
    for path, (result, error) in zip(paths, results, strict=True):
        relative = path.relative_to(base)
        group = relative.parts[0] if len(relative.parts) > 1 else base.name
        groups[group].append((relative.as_posix(), json.loads(path.read_text(encoding="utf-8")), result))
        if error:
            errors[group].append(f"{relative.as_posix()}: {error}")
    sections = {name: groups[name] for name in sorted(groups)}
    if len(sections) > 1:
        sections["overall"] = [case for cases in groups.values() for case in cases]
        errors["overall"] = [e for name in sorted(groups) for e in errors[name]]

    report: Json = {"analyst": args.analyst}
    for name, cases in sections.items():
        figures, misses = score(cases)
        report[name] = {**figures, "errors": errors[name], **({"misses": misses} if args.show_misses else {})}
        if not args.json:
            show(name, figures, errors[name], misses if args.show_misses and name != "overall" else None)
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
