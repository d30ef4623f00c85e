"""The clinic report (clinic/report.py, scripts/report.py) on events made by sending 200 scripted
conversations through a real server: every plot is there with its table, and the numbers are those of the
conversations sent (issue 21)."""
import re
import subprocess
import sys

import pytest

from tests.bot_messages import triage_payloads
from tests.integration.servers import REPO, RunningAssistant

# A message and the answers to the questions it raises; cycled to CONVERSATIONS conversations.
SCRIPTS = [
    ("my throat is swelling up and I can't breathe", []),
    ("there is pus coming out of it and I have a fever", ["no"]),
    ("there is liquid oozing from it", ["clear"]),
    ("ow, the frozen bit is really stinging this evening", ["it's easing off", "none of these"]),
    ("a fat blister has come up on my ankle", ["yesterday", "no", "no", "none of these"]),
    ("the skin has gone lighter where the freeze was", ["3 weeks ago"]),
    ("¿Qué debo hacer con la ampolla? Me duele mucho", []),
    ("the redness is spreading up my arm and I feel shivery", ["no"]),
]
CONVERSATIONS = 200


@pytest.fixture(scope="module")
def sent():
    assistant = RunningAssistant(action_timeout_seconds=8)
    try:
        outcomes = []
        for number in range(CONVERSATIONS):
            message, answers = SCRIPTS[number % len(SCRIPTS)]
            replies, _ = assistant.consult(message, f"report-{number}", answers=answers)
            outcomes += triage_payloads(replies)
        out = REPO / "build" / "clinic-report-test.html"  # kept to look at after the run
        result = subprocess.run([sys.executable, str(REPO / "scripts" / "report.py"), "--endpoints",
                                 str(assistant.endpoints), "--out", str(out)], cwd=REPO, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        yield outcomes, out.read_text(encoding="utf-8")
    finally:
        assistant.stop()


def table_after(page, title):
    part = page[page.index(title):]
    part = part[:part.index("</table>")]
    return [re.findall(r"<td>(.*?)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", part)[1:]]


def test_every_plot_is_an_embedded_png_beside_its_table(sent):
    _, page = sent
    assert page.count('src="data:image/png;base64,') == 7 and page.count("<table>") == 7
    assert "http://" not in page and "https://" not in page  # self-contained


def test_the_outcomes_per_level_are_those_sent(sent):
    outcomes, page = sent
    assert len(outcomes) >= CONVERSATIONS
    [[_, *per_level]] = table_after(page, "Outcomes per level per day")  # one day
    levels = ["self_care", "see_doctor", "urgent", "emergency"]
    assert [int(n) for n in per_level] == [sum(o["level"] == level for o in outcomes) for level in levels]
    assert f"{len(outcomes)} outcomes in {CONVERSATIONS} conversations" in page


def test_the_unassessed_share_names_why_and_the_channel_is_rest(sent):
    outcomes, page = sent
    unassessed = [o for o in outcomes if o.get("assessed") is False]
    assert f"Not assessed: {len(unassessed)} of {len(outcomes)} outcomes" in page
    assert ["safety_net.not_english", str(len(unassessed))] in table_after(page, "Not assessed")
    assert table_after(page, "Channels") == [["rest", str(len(outcomes))]]


def test_questions_and_turns_are_counted(sent):
    _, page = sent
    rows = dict(tuple(row) for row in table_after(page, "Questions asked and answered"))
    assert int(rows["questions asked"]) > 0 and int(rows["answered"]) <= int(rows["questions asked"])
    assert float(rows["median turns to a first outcome"]) >= 1
