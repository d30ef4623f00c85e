"""The widget's own web server (scripts/serve_web.py) on a free loopback port, for the browser tests,
with the same clinic settings as the assistant's servers (RunningAssistant)."""
import os
import subprocess
import sys

from tests.integration.servers import CLINIC_ENVIRONMENT, HOST, REPO, free_port, wait_for

CLINIC_ID = "riverside-42"


def serve_widget(rasa_url: str, endpoints=None, staff_token=None):
    """``endpoints`` and ``staff_token``: the staff worklist's source and password (off without them)."""
    port = free_port()
    staff = ["--endpoints", str(endpoints)] if endpoints else []
    env = {key: value for key, value in os.environ.items() if key != "STAFF_TOKEN"}
    process = subprocess.Popen([sys.executable, str(REPO / "scripts" / "serve_web.py"), "--host", HOST,
                                "--port", str(port), "--rasa-url", rasa_url, "--clinic-id", CLINIC_ID, *staff],
                               env={**env, **CLINIC_ENVIRONMENT, **({"STAFF_TOKEN": staff_token} if staff_token else {})})
    wait_for(f"http://{HOST}:{port}/", process, seconds=30)
    return process, f"http://{HOST}:{port}/"
