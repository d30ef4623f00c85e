"""A RabbitMQ node of our own on loopback (scripts/rabbitmq.sh), and what Rasa's Pika broker put in a queue."""
import asyncio
import json
import subprocess
import tempfile
from pathlib import Path

from tests.integration.servers import REPO, free_port

SCRIPT = REPO / "scripts" / "rabbitmq.sh"
QUEUE = "triage_events"


class RunningRabbitMQ:
    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="triage-rabbitmq-"))
        self.port = self._ports_free_for_the_node()
        started = subprocess.run([str(SCRIPT), "start", str(self.dir), str(self.port)], capture_output=True, text=True)
        assert started.returncode == 0, started.stderr
        self.received = []

    @staticmethod
    def _ports_free_for_the_node() -> int:
        # the node also takes port + 1 and port + 2 (scripts/rabbitmq.sh)
        while True:
            port = free_port()
            if port + 2 < 65536 and all(_free(port + offset) for offset in (1, 2)):
                return port

    def event_broker(self) -> str:
        """The endpoints' section for Rasa's Pika broker publishing what the clinic may see."""
        return (f"event_broker:\n  type: channels.triage_events.TriagePikaEventBroker\n  url: 127.0.0.1\n"
                f"  port: {self.port}\n  username: triage\n  password: triage-local\n  queues:\n  - {QUEUE}\n")

    def records(self) -> list:
        """Every record the queue has held so far, oldest first (read off the queue and kept here)."""
        self.received += asyncio.run(self._drain())
        return list(self.received)

    async def _drain(self) -> list:
        import aio_pika

        connection = await aio_pika.connect(f"amqp://triage:triage-local@127.0.0.1:{self.port}/")
        async with connection:
            channel = await connection.channel()
            queue = await channel.declare_queue(QUEUE, durable=True)
            drained = []
            while (message := await queue.get(no_ack=True, fail=False)) is not None:
                drained.append(json.loads(message.body))
            return drained

    def stop(self):
        subprocess.run([str(SCRIPT), "stop", str(self.dir)], capture_output=True)


def _free(port: int) -> bool:
    import socket

    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False
