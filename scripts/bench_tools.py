"""The pieces of scripts/bench.py: the load client (asyncio + aiohttp), a resident-memory sampler
reading /proc, and a plain server process for the starter assistant. No third-party load tool."""
import asyncio
import os
import signal
import statistics
import subprocess
import threading
import time
from pathlib import Path
from typing import Dict, List, Sequence

import aiohttp

from tests.integration.servers import say


def percentile(values: Sequence[float], share: float) -> float:
    """The ``share`` (0-1) percentile, interpolated between the two nearest ranks."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * share
    low, high = int(position), min(int(position) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def wait_until_it_answers(url: str, processes: Sequence[subprocess.Popen], seconds: float = 300) -> None:
    """Polls the REST channel with a message until it answers (200 with a JSON list, even an empty one:
    an undertrained --smoke model may say nothing to "hi")."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for process in processes:
            if process.poll() is not None:
                raise RuntimeError(f"a server exited with {process.returncode} before {url} answered")
        try:
            if isinstance(say(url, f"bench-startup-{os.getpid()}", "hi", timeout=30), list):
                return
        except (OSError, ValueError):  # not listening yet, or an error page
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer a message within {seconds} s")


# --- load ---------------------------------------------------------------------------------------------

async def _conversation(session, url, sender, messages, latencies) -> int:
    """Sends ``messages`` in order as ``sender``; appends each latency; returns how many failed."""
    errors = 0
    for text in messages:
        started = time.perf_counter()
        try:
            async with session.post(url, json={"sender": sender, "message": text}) as response:
                await response.read()
                ok = response.status == 200
        except (aiohttp.ClientError, asyncio.TimeoutError):
            ok = False
        latencies.append(time.perf_counter() - started)
        errors += 0 if ok else 1
    return errors


async def _load(url: str, tag: str, conversations: int, concurrency: int, messages: Sequence[str]) -> dict:
    latencies: List[float] = []
    errors = [0]
    queue: asyncio.Queue = asyncio.Queue()
    for number in range(conversations):
        queue.put_nowait(f"{tag}-{number}")

    async def worker(session):
        while not queue.empty():
            errors[0] += await _conversation(session, url, queue.get_nowait(), messages, latencies)

    timeout = aiohttp.ClientTimeout(total=120)
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        started = time.perf_counter()
        await asyncio.gather(*(worker(session) for _ in range(concurrency)))
        wall = time.perf_counter() - started
    return {"concurrency": concurrency, "conversations": conversations, "messages": len(latencies),
            "errors": errors[0], "wall_s": wall, "throughput_msg_s": len(latencies) / wall,
            "p50_ms": 1000 * percentile(latencies, 0.5), "p95_ms": 1000 * percentile(latencies, 0.95)}


def run_load(url: str, tag: str, conversations: int, concurrency: int, messages: Sequence[str]) -> dict:
    """``conversations`` conversations of ``messages``, each sent in order, ``concurrency`` at a time.
    Latency is per message (request to reply); throughput is messages over the run's wall time."""
    return asyncio.run(_load(url, tag, conversations, concurrency, messages))


def long_conversation(url: str, tag: str, turns: int, repeats: int, messages: Sequence[str], window: int) -> dict:
    """``repeats`` conversations of ``turns`` messages (``messages`` in a cycle), one message at a time.
    Compares the first ``window`` turns with the last ``window`` ones (medians over all repeats)."""
    per_turn: List[List[float]] = [[] for _ in range(turns)]
    for repeat in range(repeats):
        sender = f"{tag}-long-{repeat}"
        for turn in range(turns):
            started = time.perf_counter()
            say(url, sender, messages[turn % len(messages)], timeout=120)
            per_turn[turn].append(time.perf_counter() - started)
    first = [t for row in per_turn[:window] for t in row]
    last = [t for row in per_turn[-window:] for t in row]
    return {"turns": turns, "repeats": repeats, "window": window,
            "first_ms": 1000 * statistics.median(first), "last_ms": 1000 * statistics.median(last),
            "median_per_turn_ms": [1000 * statistics.median(row) for row in per_turn]}


# --- memory -------------------------------------------------------------------------------------------

def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _children(pid: int) -> List[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                # /proc/PID/stat: "pid (name) state ppid ..."; the name may hold spaces.
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return found


def tree_rss_mb(pid: int) -> float:
    """VmRSS of ``pid`` and all its descendants, in MB."""
    pids, total = [pid], 0
    while pids:
        current = pids.pop()
        total += _status_kb(current, "VmRSS")
        pids += _children(current)
    return total / 1024


class RssSampler:
    """Samples each named process tree's resident memory every ``interval`` seconds, keeping the peak."""

    def __init__(self, pids: Dict[str, int], interval: float = 0.2):
        self.pids, self.interval = pids, interval
        self.peak_mb = {name: 0.0 for name in pids}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            for name, pid in self.pids.items():
                self.peak_mb[name] = max(self.peak_mb[name], tree_rss_mb(pid))
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def high_water_mb(pid: int) -> float:
    """The kernel's own peak resident memory of one process (VmHWM), in MB."""
    return _status_kb(pid, "VmHWM") / 1024


# --- a server process ---------------------------------------------------------------------------------

class ServerProcess:
    """A command in its own process group, logging to a file; stop() ends the whole group."""

    def __init__(self, command: List[str], cwd: Path, env: dict, log: Path):
        self._log = open(log, "wb")
        self.process = subprocess.Popen(command, cwd=cwd, env=env, stdout=self._log, stderr=subprocess.STDOUT,
                                        start_new_session=True)

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self, grace: float = 30) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self._log.close()


def timed(command: List[str], cwd: Path, env: dict, log: Path, timeout: float = 3600) -> float:
    """Runs ``command`` to the end (its output to ``log``); its wall time in seconds. Fails if it fails."""
    started = time.perf_counter()
    with open(log, "wb") as out:
        subprocess.run(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=timeout, check=True)
    return time.perf_counter() - started
