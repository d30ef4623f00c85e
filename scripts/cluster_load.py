"""Load and fault test of the cluster (scripts/cluster.sh up): conversations through nginx to two Rasa
servers sharing PostgreSQL and Redis, with one Rasa server killed part-way, then a burst of requests at
the same moment, then every Rasa server restarted in the middle of a conversation's questions (issue 10). Checks that
every message is answered, that each conversation gets its own triage (no cross-talk), that the
tracker store holds each turn exactly once, that each conversation's triage outcome reached RabbitMQ (the
event broker, queue triage_events; issue 21), and that the requests caught by the kill were answered
within FAILOVER_LIMIT_SECONDS (the widget gives up at 20 s; issue 22). Prints the figures; exits 1 if a
check fails, 2 if the cluster is not fully up to begin with.

The cluster's ports come from var/cluster/cluster.env (written by `scripts/cluster.sh up`), else from
CLUSTER_PORT, CLUSTER_PG_PORT, CLUSTER_REDIS_PORT and CLUSTER_RASA_PORTS as cluster.sh reads them.

usage: python scripts/cluster_load.py [--conversations 200] [--concurrency 50] [--kill-after 0.3] [--burst 300]
"""
import argparse
import json
import os
import shlex
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import redis
import sqlalchemy

STATE = Path(os.environ.get("CLUSTER_STATE", "var/cluster"))
FAILOVER_LIMIT_SECONDS = 20.0  # the widget's REPLY_TIMEOUT_MS (web/chat.js)


def setting(name: str, default: str) -> str:
    """As cluster.sh: the environment, else what `cluster.sh up` recorded, else the default."""
    if os.environ.get(name):
        return os.environ[name]
    recorded = STATE / "cluster.env"
    if recorded.exists():
        for line in recorded.read_text().splitlines():
            key, _, value = line.partition("=")
            if key == name:
                return shlex.split(value)[0] if value.strip() else default
    return default


URL = f"http://127.0.0.1:{setting('CLUSTER_PORT', '5080')}/webhooks/rest/webhook"
DATABASE = (f"postgresql://rasa:{os.environ.get('DB_PASSWORD', 'triage-local')}@127.0.0.1:"
            f"{setting('CLUSTER_PG_PORT', '55432')}/rasa")
REDIS_PORT = int(setting("CLUSTER_REDIS_PORT", "56379"))
RABBITMQ = (f"amqp://triage:{os.environ.get('RABBITMQ_PASSWORD', 'triage-local')}@127.0.0.1:"
            f"{setting('CLUSTER_RABBITMQ_PORT', '55672')}/")
RASA_PORTS = [int(port) for port in setting("CLUSTER_RASA_PORTS", "5105 5106").split()]
# A report each, and the symptom its triage must name.
REPORTS = [
    ("there is pus coming out of it", "infected_discharge"),
    ("red streaks are going up my arm from the wart", "spreading_redness"),
    ("my finger is swollen and my ring is stuck", "tight_ring"),
    ("the spot keeps bleeding and won't stop", "bleeding"),
]
TURNS = ["hello", None, "thank you"]  # None: the conversation's report
LOG = []  # (started, ended, error) of every request of the conversations, for the failover figures


def conversation_id(sender: str) -> str:
    """The REST channel keeps a sender's conversation as "rest:<sender>" (channels/guarded_rest.py)."""
    return f"rest:{sender}"


def post(sender: str, text: str) -> tuple:
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(URL, body, {"Content-Type": "application/json"})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=90) as response:
            answer, error = json.loads(response.read() or b"[]"), None
    except urllib.error.HTTPError as failure:  # counted, not raised: the figures say how many
        answer, error = [], f"HTTP {failure.code} {failure.reason}"
    except Exception as failure:
        answer, error = [], repr(failure)[:120]
    return answer, started, time.monotonic(), error


def conversation(number: int, results: list, done: threading.Event) -> None:
    sender = f"load-{os.getpid()}-{number}"
    report, symptom = REPORTS[number % len(REPORTS)]
    replies, times, errors = [], [], []
    for turn in TURNS:
        answer, started, ended, error = post(sender, turn or report)
        LOG.append((started, ended, error))
        replies.append(answer)
        times.append(ended - started)
        errors += [error] if error else []
    results.append({"sender": sender, "symptom": symptom, "replies": replies, "times": times, "errors": errors})
    done.set()


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def listening_pid(port: int) -> int:
    """The pid of the cluster's Rasa server on ``port`` if that process is alive and listens there, else 0."""
    try:
        pid = int((STATE / f"rasa-{port}.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    listeners = subprocess.run(["ss", "-Hltnp", f"sport = :{port}"], capture_output=True, text=True).stdout
    return pid if alive(pid) and f"pid={pid}," in listeners else 0


def kill_one_rasa_server() -> tuple:
    """SIGKILL to the process group of the first Rasa server that runs; its port and the moment."""
    for port in RASA_PORTS:
        pid = listening_pid(port)
        if pid:
            try:
                os.killpg(pid, signal.SIGKILL)  # cluster.sh starts each server in a group of its own
            except ProcessLookupError:
                continue
            return f"rasa-{port}", time.monotonic()
    raise RuntimeError("no Rasa server of the cluster is running")


def locks_now() -> dict:
    """The conversation locks in Redis and the longest time one of their tickets has left."""
    store = redis.Redis(port=REDIS_PORT, db=1, socket_timeout=5)
    left, now = [], time.time()
    for key in store.scan_iter("lock:*"):
        value = store.get(key)
        if value:
            left += [json.loads(ticket)["expires"] - now for ticket in json.loads(value).get("tickets", [])]
    return {"locks_at_kill": len(left), "lock_seconds_left_max": round(max(left, default=0), 1)}


def burst(size: int) -> dict:
    """``size`` requests at the same moment, each a new conversation's report."""
    gate = threading.Barrier(size)

    def one(number: int):
        gate.wait()
        return post(f"burst-{os.getpid()}-{number}", REPORTS[number % len(REPORTS)][0])

    with ThreadPoolExecutor(size) as pool:
        answers = list(pool.map(one, range(size)))
    failed = [error or "no answer" for answer, _, _, error in answers if error or not answer]
    if failed:
        print("burst errors:", sorted(set(failed))[:3], file=sys.stderr)
    return {"burst_requests": size, "burst_unanswered": len(failed),
            "burst_max_seconds": round(max(ended - started for _, started, ended, _ in answers), 2)}


def restart_mid_questions() -> dict:
    """A report that raises a question; every Rasa server killed and restarted; the answer must be
    triaged with the report (the conversation lives in PostgreSQL)."""
    sender = f"restart-{os.getpid()}"
    asked, _, _, asked_error = post(sender, "there is liquid oozing from the spot they froze")
    restarted = subprocess.run(["scripts/cluster.sh", "restart-rasa"], capture_output=True, text=True)
    if restarted.returncode:
        print("restart-rasa failed:", restarted.stdout[-500:], restarted.stderr[-1500:], file=sys.stderr)
    answer, started, ended, answer_error = post(sender, "clear and watery")
    for error in (asked_error, answer_error):
        if error:
            print("restart check:", error, file=sys.stderr)
    payloads = [m["custom"]["triage"] for m in answer if isinstance(m.get("custom"), dict) and "triage" in m["custom"]]
    kept = bool(asked) and any("oozing" in p["symptoms"] for p in payloads)
    return {"restarts_survived_mid_questions": int(kept), "restart_checks": 1,
            "after_restart_seconds": round(ended - started, 2)}


def outcomes_published(prefix: str, quiet_seconds: float = 3) -> dict:
    """The triage_outcome records of our conversations that reached RabbitMQ: symptoms per conversation id.
    Reads the queue empty (published in the background, after the replies: read until nothing new comes)."""
    import asyncio

    import aio_pika

    async def drain() -> dict:
        found, quiet_since = {}, time.monotonic()
        connection = await aio_pika.connect(RABBITMQ)
        async with connection:
            queue = await (await connection.channel()).declare_queue("triage_events", durable=True)
            while time.monotonic() - quiet_since < quiet_seconds:
                message = await queue.get(no_ack=True, fail=False)
                if message is None:
                    await asyncio.sleep(0.2)
                    continue
                quiet_since = time.monotonic()
                record = json.loads(message.body)
                if record.get("event") == "triage_outcome" and str(record.get("sender_id")).startswith(prefix):
                    found.setdefault(record["sender_id"], set()).update(record.get("symptoms") or [])
        return found

    return asyncio.run(drain())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--kill-after", type=float, default=0.3, help="share of conversations done; 0: no kill")
    parser.add_argument("--burst", type=int, default=300, help="then this many requests at the same moment")
    args = parser.parse_args()
    # Every Rasa server must be ours and up: a port held by something else would pass for one.
    down = [port for port in RASA_PORTS if not listening_pid(port)]
    if len(RASA_PORTS) < 2 or down:
        print(f"the cluster is not up: no Rasa server of var/cluster listens on {down or RASA_PORTS} "
              f"(scripts/cluster.sh status)", file=sys.stderr)
        return 2
    results, killed, killed_at, locks, finished = [], None, None, {}, threading.Event()
    started = time.monotonic()
    with ThreadPoolExecutor(args.concurrency) as pool:
        for number in range(args.conversations):
            pool.submit(conversation, number, results, finished)
        while args.kill_after and killed is None and len(results) < args.conversations:
            finished.wait(1)
            finished.clear()
            if len(results) >= args.kill_after * args.conversations:
                killed, killed_at = kill_one_rasa_server()
                locks = locks_now()
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
            "GROUP BY sender_id"), {"prefix": conversation_id(f"load-{os.getpid()}-%")}).fetchall())
    published = outcomes_published(conversation_id(f"load-{os.getpid()}-"))
    not_published = [r["sender"] for r in results if r["symptom"] not in published.get(conversation_id(r["sender"]), ())]
    lost = sum(max(0, len(TURNS) - stored.get(conversation_id(r["sender"]), 0)) for r in results)
    duplicated = sum(max(0, stored.get(conversation_id(r["sender"]), 0) - len(TURNS)) for r in results)
    times = sorted(t for r in results for t in r["times"])
    errors = [e for r in results for e in r["errors"]]
    # The requests the kill caught: sent before it, answered after it (nginx retried them on the other).
    caught = [ended - began for began, ended, _ in LOG if killed_at and began <= killed_at <= ended]
    figures = {
        "conversations": len(results), "messages_sent": len(times), "concurrency": args.concurrency,
        "rasa_servers": len(RASA_PORTS), "killed": killed, "seconds": round(elapsed, 1),
        "p50_seconds": round(statistics.median(times), 2), "p95_seconds": round(times[int(len(times) * 0.95) - 1], 2),
        "max_seconds": round(times[-1], 2),
        "in_flight_at_kill": len(caught), "in_flight_max_seconds": round(max(caught, default=0), 2),
        **locks,
        "unanswered_conversations": len(unanswered), "request_errors": len(errors),
        "conversations_without_their_triage": len(untriaged), "cross_talk": len(set(crossed)),
        "turns_lost": lost, "turns_duplicated": duplicated,
        "outcomes_not_in_rabbitmq": len(not_published),
    }
    figures.update(burst(args.burst))
    figures.update(restart_mid_questions())
    print(json.dumps(figures, indent=2))
    if errors:
        print("first errors:", errors[:3], file=sys.stderr)
    slow_failover = figures["in_flight_max_seconds"] > FAILOVER_LIMIT_SECONDS
    if slow_failover:
        print(f"a request caught by the kill took {figures['in_flight_max_seconds']} s, "
              f"over the widget's {FAILOVER_LIMIT_SECONDS:.0f} s", file=sys.stderr)
    failed = (unanswered or untriaged or crossed or lost or duplicated or errors or slow_failover or not_published
              or figures["burst_unanswered"] or not figures["restarts_survived_mid_questions"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
