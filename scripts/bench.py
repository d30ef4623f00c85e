"""Benchmark of our assistant against Rasa's stock starter (`rasa init --no-prompt`), on this machine,
with the same client, in one run (issue 11). `make bench` runs it in full.

For each assistant: the time of `rasa train --force`, the start-up time until the REST channel answers
a message, the p50/p95 latency of scripted conversations sent one message at a time, the throughput
with 8 conversations at a time and the p95 with 50, the peak resident memory of the Rasa server (and
of our action server) while the load runs, and the latency of the first turns of a long conversation
against its last turns. It prints both rows and the ratios ours/starter, and writes JSON (and, with
--concurrency-sweep, a plot of p50/p95 against concurrency).

Ours is started as `make run` starts it (`python -m actions`, then `rasa run` with our credentials
and endpoints, the action timeout at its default), on free loopback ports, with its conversations in a
temporary SQLite file: var/conversations.db is never touched. Every server started is stopped at
the end, also on failure, Ctrl-C or SIGTERM.

usage: python scripts/bench.py [--smoke] [--concurrency-sweep] [--out build/bench]
  --smoke  tiny counts and 1-epoch training: checks that the benchmark runs, measures nothing
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from scripts.bench_tools import (RssSampler, ServerProcess, high_water_mb, long_conversation,  # noqa: E402
                                 run_load, timed, wait_until_it_answers)
from tests.integration.servers import HOST, MODEL, free_port, wait_for  # noqa: E402

PYTHON = sys.executable
MESSAGES = {
    "ours": ["hi", "I had a wart frozen 3 days ago and there is a blister", "it is getting better", "thanks"],
    "starter": ["hi", "I am sad", "yes", "bye"],
}
SWEEP = (1, 2, 4, 8, 16, 32, 50)
FULL = {"sequential_conversations": 40, "saturation": 8, "many": 50, "long_turns": 50, "long_repeats": 3,
        "long_window": 4}
SMOKE = {"sequential_conversations": 2, "saturation": 2, "many": 2, "long_turns": 5, "long_repeats": 1,
         "long_window": 1}
# (key, label, unit) of each figure, in the table's order.
FIGURES = [
    ("train_s", "rasa train --force", "s"),
    ("startup_s", "start-up until a reply", "s"),
    ("sequential_p50_ms", "p50, one message at a time", "ms"),
    ("sequential_p95_ms", "p95, one message at a time", "ms"),
    ("saturation_msg_s", "throughput, {saturation} at a time", "msg/s"),
    ("many_p95_ms", "p95, {many} at a time", "ms"),
    ("rasa_peak_rss_mb", "Rasa server peak RSS", "MB"),
    ("action_peak_rss_mb", "action server peak RSS", "MB"),
    ("long_first_ms", "long conversation, turns 1-{long_window}", "ms"),
    ("long_last_ms", "long conversation, last {long_window} of {long_turns}", "ms"),
]


def environment() -> dict:
    return {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "RASA_TELEMETRY_ENABLED": "false",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1", "PYTHONWARNINGS": "ignore::DeprecationWarning"}


def one_epoch_config(source: Path, target: Path) -> Path:
    """``source`` with every trained component and policy at 1 epoch (for --smoke)."""
    config = yaml.safe_load(source.read_text())
    for part in config.get("pipeline") or [], config.get("policies") or []:
        for item in part:
            if "epochs" in item:
                item["epochs"] = 1
    target.write_text(yaml.safe_dump(config, sort_keys=False))
    return target


def train_ours(work: Path, smoke: bool) -> float:
    command = [PYTHON, "run_rasa.py", "train", "--force", "--out", str(work / "ours-models"),
               "--fixed-model-name", "bench"]
    if smoke:
        command += ["--config", str(one_epoch_config(REPO / "config.yml", work / "ours-config.yml"))]
    return timed(command, REPO, environment(), work / "ours-train.log")


def make_starter(work: Path, smoke: bool) -> dict:
    """The starter project in ``work``/starter: `rasa init --no-prompt` (which trains once; --smoke
    writes the same files without training), then the timed `rasa train --force`."""
    starter = work / "starter"
    starter.mkdir()
    times = {}
    if smoke:
        timed([PYTHON, "-c", "from rasa.cli.scaffold import create_initial_project; create_initial_project('.')"],
              starter, environment(), work / "starter-init.log")
        import rasa.engine.recipes
        default = Path(rasa.engine.recipes.__file__).parent / "config_files" / "default_config.yml"
        one_epoch_config(default, starter / "config.yml")
    else:
        times["init_s"] = timed([PYTHON, "-m", "rasa", "init", "--no-prompt", "--init-dir", "."],
                                starter, environment(), work / "starter-init.log")
    times["train_s"] = timed([PYTHON, "-m", "rasa", "train", "--force"], starter, environment(),
                             work / "starter-train.log")
    return times


def start_ours(work: Path, servers: list) -> dict:
    """As `make run`: the action server, then the Rasa server with our credentials, and endpoints.yml
    with this run's action server port and a temporary SQLite tracker store."""
    action_port, rasa_port = free_port(), free_port()
    endpoints = work / "ours-endpoints.yml"
    endpoints.write_text(f"action_endpoint:\n  url: http://{HOST}:{action_port}/webhook\n"
                         f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {work / 'ours-conversations.db'}\n"
                         "nlg:\n  type: channels.clinic_responses.ClinicResponses\n")
    env = {**environment(), "SANIC_HOST": HOST}
    env.pop("ACTION_TIMEOUT_SECONDS", None)  # the deployed default
    started = time.perf_counter()
    actions = ServerProcess([PYTHON, "-m", "actions", "--port", str(action_port)],
                            REPO, env, work / "ours-actions.log")
    servers.append(actions)
    rasa = ServerProcess([PYTHON, "run_rasa.py", "run", "--interface", HOST, "--port", str(rasa_port),
                          "--model", str(MODEL), "--endpoints", str(endpoints),
                          "--credentials", str(REPO / "credentials.yml")], REPO, env, work / "ours-rasa.log")
    servers.append(rasa)
    url = f"http://{HOST}:{rasa_port}/webhooks/rest/webhook"
    wait_for(f"http://{HOST}:{action_port}/health", actions.process)
    wait_until_it_answers(url, [rasa.process, actions.process])
    return {"url": url, "startup_s": time.perf_counter() - started, "pids": {"rasa": rasa.pid, "action": actions.pid}}


def start_starter(work: Path, servers: list) -> dict:
    port = free_port()
    started = time.perf_counter()
    rasa = ServerProcess([PYTHON, "-m", "rasa", "run", "--interface", HOST, "--port", str(port),
                          "--model", "models", "--credentials", "credentials.yml"],
                         work / "starter", environment(), work / "starter-rasa.log")
    servers.append(rasa)
    url = f"http://{HOST}:{port}/webhooks/rest/webhook"
    wait_until_it_answers(url, [rasa.process])
    return {"url": url, "startup_s": time.perf_counter() - started, "pids": {"rasa": rasa.pid}}


def measure(name: str, server: dict, counts: dict, levels) -> dict:
    """Every figure but the training time, against a started assistant."""
    url, messages = server["url"], MESSAGES[name]
    run_load(url, f"{name}-warmup", 2, 1, messages)
    row = {"startup_s": server["startup_s"], "sweep": []}
    with RssSampler(server["pids"]) as sampler:
        for concurrency in levels:
            conversations = max(counts["sequential_conversations"], 2 * concurrency)
            result = run_load(url, f"{name}-c{concurrency}", conversations, concurrency, messages)
            print(f"  {name}: {concurrency:>2} at a time: {result['messages']} messages, p50 {result['p50_ms']:.0f} ms, "
                  f"p95 {result['p95_ms']:.0f} ms, {result['throughput_msg_s']:.1f} msg/s, {result['errors']} errors",
                  flush=True)
            row["sweep"].append(result)
        long = long_conversation(url, name, counts["long_turns"], counts["long_repeats"], messages,
                                 counts["long_window"])
    by_level = {result["concurrency"]: result for result in row["sweep"]}
    row.update({
        "sequential_p50_ms": by_level[1]["p50_ms"], "sequential_p95_ms": by_level[1]["p95_ms"],
        "saturation_msg_s": by_level[counts["saturation"]]["throughput_msg_s"],
        "many_p95_ms": by_level[counts["many"]]["p95_ms"],
        "rasa_peak_rss_mb": sampler.peak_mb["rasa"], "action_peak_rss_mb": sampler.peak_mb.get("action"),
        "long_first_ms": long["first_ms"], "long_last_ms": long["last_ms"], "long_conversation": long,
        "errors": sum(result["errors"] for result in row["sweep"]),
        "high_water_mb": {part: high_water_mb(pid) for part, pid in server["pids"].items()},
    })
    return row


def ratios(ours: dict, starter: dict) -> dict:
    return {key: ours[key] / starter[key] for key, _, _ in FIGURES
            if isinstance(ours.get(key), (int, float)) and isinstance(starter.get(key), (int, float)) and starter[key]}


def table(results: dict) -> str:
    counts, rows = results["counts"], results["assistants"]
    lines = ["| figure | ours | starter | ours/starter |", "|---|---:|---:|---:|"]
    for key, label, unit in FIGURES:
        cells = [f"{rows[name][key]:.1f}" if rows[name].get(key) is not None else "none" for name in ("ours", "starter")]
        ratio = results["ratios"].get(key)
        lines.append(f"| {label.format(**counts)} ({unit}) | {cells[0]} | {cells[1]} | "
                     f"{f'{ratio:.2f}' if ratio is not None else '-'} |")
    if "init_s" in rows["starter"]:
        lines.append(f"\n`rasa init --no-prompt` (project + first training) took {rows['starter']['init_s']:.1f} s.")
    return "\n".join(lines)


def plot(results: dict, path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(7, 4.5))
    for name, colour in (("ours", "tab:red"), ("starter", "tab:blue")):
        sweep = results["assistants"][name]["sweep"]
        levels = [point["concurrency"] for point in sweep]
        axes.plot(levels, [p["p50_ms"] for p in sweep], "o-", color=colour, label=f"{name} p50")
        axes.plot(levels, [p["p95_ms"] for p in sweep], "s--", color=colour, label=f"{name} p95")
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xticks(SWEEP)
    axes.set_xticklabels([str(level) for level in SWEEP])
    axes.set_xlabel("conversations at a time")
    axes.set_ylabel("latency per message (ms)")
    axes.set_title(f"REST latency against concurrency ({results['date']}, {results['machine']['cpus']} cores)")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=120)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="tiny counts: checks that it runs")
    parser.add_argument("--concurrency-sweep", action="store_true", help=f"also measure at {SWEEP} and plot")
    parser.add_argument("--out", type=Path, default=REPO / "build" / "bench")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (logs, models)")
    args = parser.parse_args()
    counts = SMOKE if args.smoke else FULL
    levels = sorted({1, counts["saturation"], counts["many"], *(SWEEP if args.concurrency_sweep else ())})
    # SIGTERM (e.g. a CI timeout) runs the clean-up below, as Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    work = Path(tempfile.mkdtemp(prefix="triage-bench-"))
    servers: list = []
    started = time.perf_counter()
    results = {"date": datetime.date.today().isoformat(), "mode": "smoke" if args.smoke else "full",
               "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()},
               "counts": counts, "messages": MESSAGES, "assistants": {}}
    try:
        print(f"Training ours (rasa train --force), logs in {work} ...", flush=True)
        ours = {"train_s": train_ours(work, args.smoke)}
        print(f"  {ours['train_s']:.1f} s\nCreating and training the starter ...", flush=True)
        starter = make_starter(work, args.smoke)
        print(f"  {starter['train_s']:.1f} s\nMeasuring ours ...", flush=True)
        ours.update(measure("ours", start_ours(work, servers), counts, levels))
        for server in servers:
            server.stop()
        servers.clear()
        print("Measuring the starter ...", flush=True)
        starter.update(measure("starter", start_starter(work, servers), counts, levels))
        results["assistants"] = {"ours": ours, "starter": starter}
        results["ratios"] = ratios(ours, starter)
        results["wall_s"] = time.perf_counter() - started
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "results.json").write_text(json.dumps(results, indent=2))
        if args.concurrency_sweep:
            plot(results, args.out / "latency-vs-concurrency.png")
        print("\n" + table(results) + f"\n\nWrote {args.out / 'results.json'} ({results['wall_s']:.0f} s in all)")
        return 0
    except BaseException:
        print(f"The benchmark failed; the servers' logs are in {work}", file=sys.stderr)
        args.keep = True
        raise
    finally:
        for server in servers:
            server.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
