"""`python -m salesbot analyse FILE`: the JSON it prints, and a one-line error with exit code 2 for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from salesbot.cli.main import main
from tests.conftest import ROOT

GOOD = {
    "topics": ["Pricing", "Data security"],
    "status": "completed",
    "utterances": [
        {"speaker": "agent", "text": "Hi Ravi, Maya from Acme. Is now a good time?", "at": 0.8},
        {"speaker": "customer", "text": "Yes, go ahead.", "at": 3.1},
        {"speaker": "agent", "text": "What would your IT team need to see on data security?", "at": 7.4},
        {"speaker": "customer", "text": "Where the data is stored, mainly. And it looks expensive.", "at": 12.5},
        {"speaker": "agent", "text": "Could we book a walkthrough on Friday at 11?", "at": 16.0},
        {"speaker": "customer", "text": "Friday at 11 works for me.", "at": 19.2},
        {"speaker": "system", "text": "Call ended.", "at": 21.0},
    ],
    "labels": {"outcome": "meeting_booked"},  # a labelled transcript's extra keys are ignored
}


def run(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, *args: str) -> tuple[int, str, str]:
    path = tmp_path / "call.json"
    path.write_text(content, encoding="utf-8")
    code = main(["analyse", str(path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_prints_the_analysis_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(tmp_path, capsys, json.dumps(GOOD), "--analyst", "offline")
    assert code == 0 and err == ""
    result: dict[str, Any] = json.loads(out)
    assert {"outcome", "sentiment", "summary", "topics", "objections", "next_step", "talk_ratio"} <= set(result)
    assert result["outcome"] == "meeting_booked" and result["analyst"] == "offline"
    security = result["topics"][1]
    assert security["topic"] == "Data security" and security["covered"] is True
    assert security["evidence"] == [
        {"speaker": "agent", "text": "What would your IT team need to see on data security?", "at": 7.4},
        {"speaker": "customer", "text": "Where the data is stored, mainly.", "at": 12.5},
    ]
    assert result["objections"] == [{"kind": "price", "quote": "And it looks expensive.", "at": 12.5}]
    assert result["next_step"]["when"] == "Friday at 11" and result["next_step_agreed"] is True
    assert set(result["talk_ratio"]) == {"agent_words", "customer_words", "agent_share", "agent_questions"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not JSON"),
        ("[]", "the file: Input should be a valid dictionary"),
        (json.dumps({**GOOD, "topics": None}), "topics: Input should be a valid list"),
        (json.dumps({k: v for k, v in GOOD.items() if k != "utterances"}), "utterances: missing"),
        (json.dumps({**GOOD, "status": "done"}), "status: Input should be"),
        (json.dumps({**GOOD, "utterances": [{"speaker": "bot", "text": "hi", "at": 1}]}),
         "utterances.0.speaker: must be agent, customer or system, not 'bot'"),
        (json.dumps({**GOOD, "utterances": [{"speaker": "agent", "at": 1}]}), "utterances.0.text: missing"),
        (json.dumps({**GOOD, "utterances": [{"speaker": "agent", "text": "hi", "at": -3}]}), "utterances.0.at"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_exit_code_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    code, out, err = run(tmp_path, capsys, content, "--analyst", "offline")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: ") and message in err


def test_a_missing_file_and_an_llm_without_a_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["analyse", str(tmp_path / "nope.json")]) == 2
    assert "cannot read the file" in capsys.readouterr().err
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.setattr("salesbot.settings.load_dotenv", lambda *a, **k: False, raising=False)
    code, out, err = run(tmp_path, capsys, json.dumps(GOOD), "--analyst", "llm")
    assert code == 2 and out == "" and "OPENAI_API_KEY" in err and err.count("\n") == 1


def test_the_command_line_itself(tmp_path: Path) -> None:
    path = tmp_path / "call.json"
    path.write_text(json.dumps(GOOD), encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "SALESBOT_DB_PATH": str(tmp_path / "x.db")}
    done = subprocess.run([sys.executable, "-m", "salesbot", "analyse", str(path)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0 and json.loads(done.stdout)["analyst"] == "offline"
    bad = subprocess.run([sys.executable, "-m", "salesbot", "analyse", str(path), "--analyst", "gpt"], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=60)  # fmt: skip
    assert bad.returncode == 2 and "invalid choice: 'gpt'" in bad.stderr
