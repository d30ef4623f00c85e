"""Starts the real action server and Rasa server on free loopback ports, for integration tests."""
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Optional

from tests.bot_messages import asks_question, triage_payloads

REPO = Path(__file__).resolve().parents[2]
MODEL = REPO / "models" / "triage.tar.gz"
HOST = "127.0.0.1"
# A clinic's settings, as a deployment would give them: the replies must use them.
CLINIC_ENVIRONMENT = {"CLINIC_NAME": "Riverside Skin Clinic", "CLINIC_PHONE": "0100 200 300",
                      "CLINIC_OUT_OF_HOURS_PHONE": "0100 999 000", "EMERGENCY_NUMBER": "112"}


RUN_EVAL = REPO.parent / "shared" / "eval" / "run_eval.py"
LEVELS = ["self_care", "see_doctor", "urgent", "emergency"]


def load_run_eval():
    """The shared eval's own module (../shared/eval/run_eval.py): its conversation driver and scoring."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("run_eval", RUN_EVAL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def conversed_cases(paths):
    """Each case of the files (the shared eval's format) through one freshly started assistant, with the shared
    eval's own driver: (path, case, the conversation's highest level or "none", transcript, replies). The
    servers are stopped when the cases are done."""
    import yaml

    run_eval = load_run_eval()
    assistant = RunningAssistant(action_timeout_seconds=10)
    try:
        url = f"http://{HOST}:{assistant.rasa_port}/webhooks/rest/webhook"
        for path in paths:
            for case in yaml.safe_load(Path(path).read_text(encoding="utf-8"))["cases"]:
                transcript, replies = run_eval.run_case(url, case)
                levels = [level for level in run_eval.triage_levels(replies) if level in LEVELS]
                yield path, case, (max(levels, key=LEVELS.index) if levels else "none"), transcript, replies
    finally:
        assistant.stop()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: float = 240) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before {url} answered")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {seconds} s")


def say(url: str, sender: str, text: str, timeout: float = 60, metadata: Optional[dict] = None) -> list:
    """One message over a REST channel; the bot's replies."""
    body = json.dumps({"sender": sender, "message": text, **({"metadata": metadata} if metadata else {})}).encode()
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read() or b"[]")


class RunningAssistant:
    def __init__(self, action_timeout_seconds: Optional[float] = 3, extra_env: Optional[dict] = None,
                 credentials: Optional[str] = None, event_broker: Optional[str] = None):
        """``extra_env``: more environment for both servers (a channel's settings); ``credentials``: the
        text of the credentials file to use instead of the repository's (e.g. with a channel switched on);
        ``event_broker``: the endpoints' event_broker section instead of the SQL broker's."""
        self.action_port, self.rasa_port = free_port(), free_port()
        self.workdir = Path(tempfile.mkdtemp(prefix="triage-it-"))
        self.env = {**os.environ, "SANIC_HOST": HOST, "ACTION_TIMEOUT_SECONDS": str(action_timeout_seconds),
                    "TF_CPP_MIN_LOG_LEVEL": "3", "RASA_TELEMETRY_ENABLED": "false", **CLINIC_ENVIRONMENT,
                    **(extra_env or {})}
        self.credentials = REPO / "credentials.yml"
        if credentials is not None:
            self.credentials = self.workdir / "credentials.yml"
            self.credentials.write_text(credentials)
        self.tracker_db = self.workdir / "conversations.db"
        self.events_db = self.workdir / "events.db"
        if action_timeout_seconds is None:  # the deployed default (channels/rasa_patches.py)
            del self.env["ACTION_TIMEOUT_SECONDS"]
        # As endpoints.yml, with this run's own action server and its own SQLite conversations.
        self.endpoints = self.workdir / "endpoints.yml"
        self.endpoints.write_text(
            f"action_endpoint:\n  url: http://{HOST}:{self.action_port}/webhook\n"
            f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {self.tracker_db}\n"
            "nlg:\n  type: channels.clinic_responses.ClinicResponses\n"
            + (event_broker or f"event_broker:\n  type: channels.triage_events.TriageSQLEventBroker\n"
                               f"  dialect: sqlite\n  db: {self.events_db}\n"))
        self.action_server = self._start_action_server()
        self.rasa_server = self._start_rasa_server()
        wait_for(f"http://{HOST}:{self.action_port}/health", self.action_server)
        wait_for(f"http://{HOST}:{self.rasa_port}/", self.rasa_server)

    def _start_rasa_server(self):
        return self._start("rasa", [
            "run", "--interface", HOST, "--port", str(self.rasa_port), "--model", str(MODEL),
            "--endpoints", str(self.endpoints), "--credentials", str(self.credentials),
        ])

    def restart_rasa_server(self):
        """Stops the Rasa server and starts a new one on the same port and stores."""
        self.rasa_server.terminate()
        self.rasa_server.wait(timeout=60)
        self.rasa_server = self._start_rasa_server()
        wait_for(f"http://{HOST}:{self.rasa_port}/", self.rasa_server)

    def _start_action_server(self):
        return self._start("actions", ["--port", str(self.action_port)], program=["-m", "actions"])

    def _start(self, name, args, program=(str(REPO / "run_rasa.py"),)):
        log = open(self.workdir / f"{name}.log", "wb")
        return subprocess.Popen([sys.executable, *program, *args],
                                cwd=REPO, env=self.env, stdout=log, stderr=subprocess.STDOUT)

    def say(self, text, sender="patient", timeout=60, metadata=None):
        return say(f"http://{HOST}:{self.rasa_port}/webhooks/rest/webhook", sender, text, timeout, metadata)

    def consult(self, text, sender, answers=(), max_questions=5):
        """Says ``text`` and answers the bot's questions (from ``answers``, then "not sure") until
        a triage comes, as a patient would. Returns every reply, and the questions' replies."""
        answers, replies, questions = list(answers), self.say(text, sender), []
        while not triage_payloads(replies) and asks_question(replies[-1:]) and len(questions) < max_questions:
            questions.append(replies[-1])
            replies += self.say(answers.pop(0) if answers else "not sure", sender)
        return replies, questions

    def stop_action_server(self):
        self.action_server.terminate()
        self.action_server.wait(timeout=30)

    def start_action_server(self):
        self.action_server = self._start_action_server()
        wait_for(f"http://{HOST}:{self.action_port}/health", self.action_server)

    def stored_events(self, query: str, parameters: tuple = ()) -> list:
        """The rows of a query on Rasa's tracker store (its SQLite events table); none before the table exists."""
        import sqlite3

        if not self.tracker_db.exists():
            return []
        with sqlite3.connect(self.tracker_db) as db:
            if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'events'").fetchone():
                return []
            return db.execute(query, parameters).fetchall()

    def stored_senders(self) -> set:
        """The conversation ids Rasa's tracker store holds."""
        return {row[0] for row in self.stored_events("SELECT DISTINCT sender_id FROM events")}

    def user_texts(self, conversation: str, at_least: int = 0, seconds: float = 15) -> list:
        """What Rasa read for each of the patient's messages, from its tracker store. A channel that answers
        while it works (Slack) has sent its replies before the tracker is saved, so this waits, up to
        ``seconds``, for ``at_least`` messages."""
        deadline = time.monotonic() + seconds
        while True:
            texts = [json.loads(data)["text"] for (data,) in self.stored_events(
                "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id", (conversation,))]
            if len(texts) >= at_least or time.monotonic() > deadline:
                return texts
            time.sleep(0.1)

    def broker_records(self) -> list:
        """What the event broker published, oldest first (its SQLite events table)."""
        import sqlite3

        if not self.events_db.exists():
            return []
        with sqlite3.connect(self.events_db) as db:
            return [json.loads(row[0]) for row in db.execute("SELECT data FROM events ORDER BY id")]

    def logs(self, tail: Optional[int] = 3000) -> str:
        """The servers' output, the last ``tail`` characters of each (all of it for None)."""
        return "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-tail if tail else 0:]}"
                         for p in self.workdir.glob("*.log"))

    def stop(self):
        for process in (self.action_server, self.rasa_server):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()


class HangingServer:
    """Accepts connections on a port and never answers: an action server that hung."""

    def __init__(self, port: int):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind((HOST, port))
        self.listener.listen(16)

    def close(self):
        self.listener.close()
