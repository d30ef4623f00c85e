"""Every case of the bad-input corpus (tests/bad_inputs/corpus.jsonl, from scripts/make_bad_inputs.py)
through a real Rasa server's REST channel: no 5xx, no empty reply, a JSON error for a bad request,
nothing around a warning sign lowers its level, and the server's memory stays bounded (issue 10)."""
import base64
import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.bot_messages import asks_question, triage_payloads
from tests.integration.servers import HOST, RunningAssistant

CORPUS = Path(__file__).resolve().parents[1] / "bad_inputs" / "corpus.jsonl"
LEVELS = ["self_care", "see_doctor", "urgent", "emergency"]
# The Rasa server's peak resident memory over the whole corpus. Measured at 1,344 MB on
# 2026-11-25 (TensorFlow and the model loaded); before the channel's limit, one 100 kB message
# took it to 22.9 GB.
MAX_PEAK_MEMORY_MB = 2500


def body_of(case: dict, sender: str) -> bytes:
    if "body_base64" in case:
        return base64.b64decode(case["body_base64"]).replace(b"{sender}", sender.encode())
    if "repeat" in case:
        text, times = case["repeat"]
        message = case.get("head", "") + " " + text * times + " " + case.get("tail", "")
        return json.dumps({"sender": sender, "message": message}).encode()
    return case["body"].replace("{sender}", sender).encode("utf-8", "surrogatepass")


def post(port: int, body: bytes):
    request = urllib.request.Request(f"http://{HOST}:{port}/webhooks/rest/webhook", body,
                                     {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def peak_memory_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):  # the process's peak resident set
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM")


def send(port: int, case: dict):
    """The case, then "I'm not sure" to each question the assistant asks before its triage (as
    ../shared/eval/run_eval.py does): the status and every reply."""
    sender = f"bad-{case['id']}"
    status, raw = post(port, body_of(case, sender))
    if status != 200:
        return status, raw
    replies = json.loads(raw)
    for _ in range(4):
        if triage_payloads(replies) or not asks_question(replies[-1:]):
            break
        status, raw = post(port, json.dumps({"sender": sender, "message": "I'm not sure"}).encode())
        replies += json.loads(raw) if status == 200 else []
    return 200, json.dumps(replies).encode()


@pytest.fixture(scope="module")
def results():
    cases = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    assistant = RunningAssistant(action_timeout_seconds=8)
    try:
        answered = [(case, *send(assistant.rasa_port, case)) for case in cases]
        yield answered, peak_memory_mb(assistant.rasa_server.pid)
    finally:
        assistant.stop()


def test_the_corpus_has_at_least_a_thousand_cases_of_every_kind():
    cases = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    kinds = {case["kind"] for case in cases}
    assert len(cases) >= 1000
    assert kinds >= {"empty", "long", "shape", "surrogate", "bytes", "unicode", "markup", "slash", "injection", "language"}


def test_no_case_gets_a_server_error(results):
    answered, _ = results
    assert [case["id"] for case, status, _ in answered if status >= 500] == []


def test_every_accepted_case_gets_a_reply_and_every_refused_one_a_json_error(results):
    answered, _ = results
    silent, unexplained = [], []
    for case, status, raw in answered:
        if status == 200 and not json.loads(raw):
            silent.append(case["id"])
        elif status != 200 and "error" not in json.loads(raw):
            unexplained.append(case["id"])
    assert (silent, unexplained) == ([], [])


def test_nothing_around_a_warning_sign_lowers_its_level(results):
    answered, _ = results
    lowered = []
    for case, status, raw in answered:
        if "min_level" not in case:
            continue
        levels = [p["level"] for p in triage_payloads(json.loads(raw))] if status == 200 else []
        got = max((LEVELS.index(level) for level in levels), default=-1)
        if got < LEVELS.index(case["min_level"]):
            lowered.append((case["id"], case["min_level"], levels))
    assert lowered == []


def test_the_server_memory_stays_bounded(results):
    _, peak = results
    print(f"Rasa server peak memory over the bad-input corpus: {peak:.0f} MB")
    assert peak < MAX_PEAK_MEMORY_MB
