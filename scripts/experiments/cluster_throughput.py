"""Throughput of `make cluster` (nginx, two Rasa servers, two action servers, PostgreSQL, Redis) against
Rasa's starter assistant, on this machine, with make bench's client and conversations (issue 11's
"throughput >= 3x" target, which allows 2 replicas behind the Redis lock store).

usage: .venv/bin/python scripts/experiments/cluster_throughput.py [--levels 1 8 50]

Not part of make bench: the cluster needs Debian's postgresql, redis-server and nginx, and
`scripts/cluster.sh up` installs them. Prints one line per assistant and level, and the ratios. Ours on one server, as make bench starts it, is measured in the same run.
"""
import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from scripts.bench import MESSAGES, environment, start_ours, start_starter  # noqa: E402
from scripts.bench_tools import run_load, timed, wait_until_it_answers  # noqa: E402

CLUSTER_URL = "http://127.0.0.1:5080/webhooks/rest/webhook"


def sweep(name: str, url: str, levels) -> dict:
    messages = MESSAGES["starter" if name == "starter" else "ours"]
    run_load(url, f"{name}-warmup", 4, 2, messages)
    rows = {}
    for concurrency in levels:
        result = run_load(url, f"{name}-c{concurrency}", max(40, 2 * concurrency), concurrency, messages)
        rows[concurrency] = result
        print(f"  {name}: {concurrency:>2} at a time: p50 {result['p50_ms']:.0f} ms, p95 {result['p95_ms']:.0f} ms, "
              f"{result['throughput_msg_s']:.1f} msg/s, {result['errors']} errors", flush=True)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--levels", type=int, nargs="+", default=[1, 8, 50])
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="triage-cluster-bench-"))
    servers: list = []
    results = {}
    try:
        (work / "starter").mkdir()
        print("Creating and training the starter (rasa init --no-prompt) ...", flush=True)
        timed([sys.executable, "-m", "rasa", "init", "--no-prompt", "--init-dir", "."], work / "starter",
              environment(), work / "starter-init.log")
        results["starter"] = sweep("starter", start_starter(work, servers)["url"], args.levels)
        for server in servers:
            server.stop()
        servers.clear()
        results["ours, one server"] = sweep("ours, one server", start_ours(work, servers)["url"], args.levels)
        for server in servers:
            server.stop()
        servers.clear()
        print("Starting the cluster (scripts/cluster.sh up) ...", flush=True)
        subprocess.run(["scripts/cluster.sh", "up"], cwd=REPO, check=True)
        wait_until_it_answers(CLUSTER_URL, [])
        results["cluster"] = sweep("cluster", CLUSTER_URL, args.levels)
    finally:
        for server in servers:
            server.stop()
        subprocess.run(["scripts/cluster.sh", "down"], cwd=REPO)
        shutil.rmtree(work, ignore_errors=True)
    for name in ("ours, one server", "cluster"):
        for concurrency in args.levels:
            ours, starter = results[name][concurrency], results["starter"][concurrency]
            print(f"{name}, {concurrency:>2} at a time, against the starter: throughput "
                  f"{ours['throughput_msg_s'] / starter['throughput_msg_s']:.2f}, p50 {ours['p50_ms'] / starter['p50_ms']:.2f}, "
                  f"p95 {ours['p95_ms'] / starter['p95_ms']:.2f}")
    print(json.dumps({name: {str(k): v for k, v in rows.items()} for name, rows in results.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
