"""Load and fault test of the cluster (scripts/cluster.sh up): conversations through nginx to two Rasa
servers sharing PostgreSQL and Redis, with one Rasa server killed part-way, then a burst of requests at
the same moment, then every Rasa server restarted in the middle of a conversation's questions (issue 10). Checks that
every message is answered, that each conversation gets its own triage (no cross-talk), and that the
tracker store holds each turn exactly once. Prints the figures; exits 1 if a check fails.

usage: python scripts/cluster_load.py [--conversations 200] [--concurrency 50] [--kill-after 0.3] [--burst 300]
"""
import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import sqlalchemy

STATE = Path(os.environ.get("CLUSTER_STATE", "var/cluster"))
URL = f"http://127.0.0.1:{os.environ.get('CLUSTER_PORT', '5080')}/webhooks/rest/webhook"
DATABASE = (f"postgresql://rasa:{os.environ.get('DB_PASSWORD', 'triage-local')}@127.0.0.1:"
            f"{os.environ.get('CLUSTER_PG_PORT', '55432')}/rasa")
# A report each, and the symptom its triage must name.
REPORTS = [
    ("there is pus coming out of it", "infected_discharge"),
    ("red streaks are going up my arm from the wart", "spreading_redness"),
    ("my finger is swollen and my ring is stuck", "tight_ring"),
    ("the spot keeps bleeding and won't stop", "bleeding"),
]
TURNS = ["hello", None, "thank you"]  # None: the conversation's report


def post(sender: str, text: str) -> tuple:
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(URL, body, {"Content-Type": "application/json"})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=90) as response:
            return json.loads(response.read() or b"[]"), time.monotonic() - started, None
    except Exception as error:  # counted, not raised: the figures say how many
        return [], time.monotonic() - started, repr(error)[:120]


def conversation(number: int, results: list, done: threading.Event) -> None:
    sender = f"load-{os.getpid()}-{number}"
    report, symptom = REPORTS[number % len(REPORTS)]
    replies, times, errors = [], [], []
    for turn in TURNS:
        answer, took, error = post(sender, turn or report)
        replies.append(answer)
        times.append(took)
        errors += [error] if error else []
    results.append({"sender": sender, "symptom": symptom, "replies": replies, "times": times, "errors": errors})
    done.set()


def kill_one_rasa_server() -> str:
    for pidfile in sorted(STATE.glob("rasa-*.pid")):
        try:
            os.kill(int(pidfile.read_text()), signal.SIGKILL)
            return pidfile.stem
        except ProcessLookupError:
            continue
    raise RuntimeError("no Rasa server of the cluster is running")


def burst(size: int) -> dict:
    """``size`` requests at the same moment, each a new conversation's report."""
    gate = threading.Barrier(size)

    def one(number: int):
        gate.wait()
        return post(f"burst-{os.getpid()}-{number}", REPORTS[number % len(REPORTS)][0])

    with ThreadPoolExecutor(size) as pool:
        answers = list(pool.map(one, range(size)))
    return {"burst_requests": size, "burst_unanswered": sum(1 for answer, _, error in answers if error or not answer)}


def restart_mid_questions() -> dict:
    """A report that raises a question; every Rasa server killed and restarted; the answer must be
    triaged with the report (the conversation lives in PostgreSQL)."""
    sender = f"restart-{os.getpid()}"
    asked, _, _ = post(sender, "there is liquid oozing from the spot they froze")
    subprocess.run(["scripts/cluster.sh", "restart-rasa"], check=True, capture_output=True)
    answer, _, _ = post(sender, "clear and watery")
    payloads = [m["custom"]["triage"] for m in answer if isinstance(m.get("custom"), dict) and "triage" in m["custom"]]
    kept = bool(asked) and any("oozing" in p["symptoms"] for p in payloads)
    return {"restarts_survived_mid_questions": int(kept), "restart_checks": 1}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--kill-after", type=float, default=0.3, help="share of conversations done; 0: no kill")
    parser.add_argument("--burst", type=int, default=300, help="then this many requests at the same moment")
    args = parser.parse_args()
    results, killed, finished = [], None, threading.Event()
    started = time.monotonic()
    with ThreadPoolExecutor(args.concurrency) as pool:
        for number in range(args.conversations):
            pool.submit(conversation, number, results, finished)
        while args.kill_after and killed is None and len(results) < args.conversations:
            finished.wait(1)
            finished.clear()
            if len(results) >= args.kill_after * args.conversations:
                killed = kill_one_rasa_server()
    elapsed = time.monotonic() - started

    unanswered = [r["sender"] for r in results if any(not answer for answer in r["replies"])]
    crossed, untriaged = [], []
    for r in results:
        payloads = [m["custom"]["triage"] for answer in r["replies"] for m in answer
                    if isinstance(m.get("custom"), dict) and "triage" in m["custom"]]
        if any(m.get("recipient_id") != r["sender"] for answer in r["replies"] for m in answer):
            crossed.append(r["sender"])
        if not any(r["symptom"] in p["symptoms"] for p in payloads):
            untriaged.append(r["sender"])
        other = {s for _, s in REPORTS} - {r["symptom"]}
        if any(set(p["symptoms"]) & other for p in payloads):
            crossed.append(r["sender"])
    engine = sqlalchemy.create_engine(DATABASE)
    with engine.connect() as db:
        stored = dict(db.execute(sqlalchemy.text(
            "SELECT sender_id, count(*) FROM events WHERE type_name = 'user' AND sender_id LIKE :prefix "
            "GROUP BY sender_id"), {"prefix": f"load-{os.getpid()}-%"}).fetchall())
    lost = sum(max(0, len(TURNS) - stored.get(r["sender"], 0)) for r in results)
    duplicated = sum(max(0, stored.get(r["sender"], 0) - len(TURNS)) for r in results)
    times = sorted(t for r in results for t in r["times"])
    errors = [e for r in results for e in r["errors"]]
    figures = {
        "conversations": len(results), "messages_sent": len(times), "concurrency": args.concurrency,
        "rasa_servers": 2, "killed": killed, "seconds": round(elapsed, 1),
        "p50_seconds": round(statistics.median(times), 2), "p95_seconds": round(times[int(len(times) * 0.95) - 1], 2),
        "unanswered_conversations": len(unanswered), "request_errors": len(errors),
        "conversations_without_their_triage": len(untriaged), "cross_talk": len(set(crossed)),
        "turns_lost": lost, "turns_duplicated": duplicated,
    }
    figures.update(burst(args.burst))
    figures.update(restart_mid_questions())
    print(json.dumps(figures, indent=2))
    if errors:
        print("first errors:", errors[:3], file=sys.stderr)
    failed = unanswered or untriaged or crossed or lost or duplicated or errors or figures["burst_unanswered"] or not figures["restarts_survived_mid_questions"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
