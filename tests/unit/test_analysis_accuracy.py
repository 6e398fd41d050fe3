"""The offline analyser against the hand-labelled transcripts: the accuracy the issue asks for, kept from sliding.

The figures are computed by the benchmark's own scoring (benchmarks/analysis_accuracy.py), in this process.
"""

from __future__ import annotations

import importlib.util
import json
from types import ModuleType

from salesbot.analysis.offline import OfflineCallAnalyst
from salesbot.cli.transcript_file import TranscriptFile, analysis_json
from tests.conftest import ROOT


def benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("analysis_accuracy", ROOT / "benchmarks" / "analysis_accuracy.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_offline_analyser_meets_the_targets_on_the_labelled_set() -> None:
    cases = []
    for path in sorted((ROOT / "tests" / "data" / "transcripts").rglob("*.json")):
        labelled = json.loads(path.read_text(encoding="utf-8"))
        transcript = TranscriptFile.model_validate(labelled)
        result = analysis_json(OfflineCallAnalyst().analyse(transcript.call(), transcript.customer()))
        cases.append((path.name, labelled, result))
    figures, misses = benchmark().score(cases)
    assert figures["n"] >= 60
    assert figures["outcome_accuracy"] >= 0.9, figures["wrong_outcomes"]
    assert figures["coverage_precision"] >= 0.9 and figures["coverage_recall"] >= 0.9, misses
    assert figures["evidence_validity"] == 1.0, [m for m in misses if "invalid evidence" in m]
