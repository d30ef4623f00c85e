"""Where our assistant's time goes under load (issue 11): starts ours as scripts/bench.py does, sends
conversations 8 at a time, and records the Rasa server and the action server with py-spy meanwhile.
Prints each process's CPU time over the window and the share of its samples in each part. A one-off
measurement: py-spy is not in requirements (`.venv/bin/pip install py-spy`).

usage: python scripts/bench_profile.py [--seconds 30] [--out build/bench]
Writes rasa.svg and actions.svg (flame graphs), rasa.txt and actions.txt (py-spy's raw stacks).
"""
import argparse
import shutil
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from scripts.bench import MESSAGES, start_ours  # noqa: E402
from scripts.bench_tools import run_load  # noqa: E402

PY_SPY = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
# Each sample's part, from the frames in its stack (py-spy writes "function (path:line)"). First match wins.
RASA_PARTS = [
    ("tracker store (SQLite via SQLAlchemy)", ["rasa/core/tracker_store.py"]),
    ("NLU: spaCy (SpacyNLP, tokenizer, entity extractor)", ["_parse_message_with_graph", "spacy"]),
    ("NLU: count-vector featurizers", ["_parse_message_with_graph", "rasa/nlu/featurizers/"]),
    ("NLU: DIET (TensorFlow)", ["_parse_message_with_graph", "diet_classifier"]),
    ("NLU: other (graph, fallback classifier)", ["_parse_message_with_graph"]),
    ("policies (RulePolicy; featurizing the tracker)", ["_predict_next_with_tracker"]),
    ("action-server hop: JSON-schema check of each response", ["_validate_action_result"]),
    ("action-server hop: HTTP request and reply", ["rasa/utils/endpoints.py"]),
    ("other message handling (events, forms, responses)", ["rasa/core/processor.py"]),
]
ACTION_PARTS = [
    ("spaCy pipeline (nlp(): spaCy and our screens)", ["spacy/"]),
    ("reading outside spaCy (triage/reading)", ["triage/reading/"]),
    ("triage engine and replies", ["triage/"]),
    ("our actions, other", ["actions/actions.py"]),
    ("our actions, other", ["actions/followup_form.py"]),
    ("our actions, other", ["actions/runtime.py"]),
]
JSON_FRAMES = ("(json/", "ujson", "orjson")


def part_of(frames: list, parts: list) -> str:
    for name, markers in parts:
        if all(any(marker in frame for frame in frames) for marker in markers):
            return name
    return "HTTP server (sanic, rasa_sdk), event loop, other"


def summarise(raw: Path, parts_list: list) -> tuple:
    """(samples per part, samples with a JSON frame anywhere, all samples) of py-spy's raw output."""
    parts, json_samples, total = Counter(), 0, 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        frames = stack.split(";")
        parts[part_of(frames, parts_list)] += int(count)
        json_samples += int(count) if any(marker in frame for frame in frames for marker in JSON_FRAMES) else 0
        total += int(count)
    return parts, json_samples, total


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid`` and its children that have exited, from /proc."""
    from scripts.bench_tools import _children
    total, pids = 0.0, [pid]
    while pids:
        current = pids.pop()
        fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / 100  # utime, stime in clock ticks (USER_HZ 100)
        pids += _children(current)
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--out", type=Path, default=REPO / "build" / "bench")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    work, servers = Path(tempfile.mkdtemp(prefix="triage-profile-")), []
    try:
        server = start_ours(work, servers)
        run_load(server["url"], "warmup", 4, 2, MESSAGES["ours"])
        stop = threading.Event()

        def load():
            round_ = 0
            while not stop.is_set():
                run_load(server["url"], f"profile-{round_}", 16, 8, MESSAGES["ours"])
                round_ += 1
        loader = threading.Thread(target=load, daemon=True)
        loader.start()
        for fmt, suffix in (("flamegraph", "svg"), ("raw", "txt")):
            before = {name: cpu_seconds(pid) for name, pid in server["pids"].items()}
            spies = [subprocess.Popen([PY_SPY, "record", "--subprocesses", "-d", str(args.seconds), "-f", fmt,
                                       "-o", str(args.out / f"{'actions' if name == 'action' else name}.{suffix}"),
                                       "--pid", str(pid)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                     for name, pid in server["pids"].items()]
            for spy in spies:
                spy.wait()
            used = {name: cpu_seconds(pid) - before[name] for name, pid in server["pids"].items()}
        stop.set()
        loader.join()
        total_cpu = sum(used.values())
        for name, raw, parts_list in (("rasa", args.out / "rasa.txt", RASA_PARTS),
                                      ("action", args.out / "actions.txt", ACTION_PARTS)):
            parts, json_samples, total = summarise(raw, parts_list)
            print(f"\n{name} server: {used[name]:.1f} CPU s in {args.seconds} s "
                  f"({100 * used[name] / total_cpu:.0f}% of both servers' CPU), {total} samples")
            for part, count in parts.most_common():
                print(f"  {100 * count / total:5.1f}%  {part}")
            print(f"  {100 * json_samples / total:5.1f}%  JSON (stdlib json or ujson anywhere in the stack; overlaps the parts above)")
        return 0
    finally:
        for server_process in servers:
            server_process.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
