"""`scripts/bench.py --smoke` runs end to end: both assistants trained, started, loaded and stopped,
and its JSON holds both rows with positive figures. Checks that the benchmark works, not how fast
anything is: no timing is asserted."""
import json
import subprocess
import sys

from tests.integration.servers import REPO

FIGURES = ["train_s", "startup_s", "sequential_p50_ms", "sequential_p95_ms", "saturation_msg_s", "many_p95_ms",
           "rasa_peak_rss_mb", "long_first_ms", "long_last_ms"]


def test_the_benchmark_runs_and_reports_both_assistants(tmp_path):
    run = subprocess.run([sys.executable, str(REPO / "scripts" / "bench.py"), "--smoke", "--out", str(tmp_path)],
                         cwd=REPO, capture_output=True, text=True, timeout=1200)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    results = json.loads((tmp_path / "results.json").read_text())
    rows = results["assistants"]
    assert set(rows) == {"ours", "starter"}
    for name, row in rows.items():
        for figure in FIGURES:
            assert isinstance(row[figure], (int, float)) and row[figure] > 0, (name, figure, row[figure])
        assert row["errors"] == 0, name
    assert rows["ours"]["action_peak_rss_mb"] > 0
    assert set(FIGURES) <= set(results["ratios"])
