"""Triage outcomes on Rasa's own event broker, for the clinic (issue 21): every reply that carries a triage
payload (an assessment, a safety net sent while the action server is down, the other-language reply) is
published as one "triage_outcome" record with its level, rules, symptoms, whether it was assessed, the
language, the channel, the clinic id, the conversation id and the time.

The patient's own words are not published unless the clinic sets SHARE_MESSAGES_WITH_CLINIC=true: a user
event goes out without its text, its classification and its metadata, and slot events (the story) not at
all. Rasa's SQL broker stores what is published (endpoints.yml: event_broker, var/events.db); in the
cluster, Rasa's Pika broker sends it to RabbitMQ (scripts/cluster.sh).
"""
import os
from collections import OrderedDict
from typing import Any, Dict, List, Optional, Text

import rasa.shared.core.events  # noqa: F401  Rasa's Pika broker uses it without importing it
from rasa.core.brokers.pika import PikaEventBroker
from rasa.core.brokers.sql import SQLEventBroker

TRIAGE_OUTCOME = "triage_outcome"
SHARE_ENV = "SHARE_MESSAGES_WITH_CLINIC"
# The user event's keys that may carry the patient's words.
PATIENT_WORDS = ("text", "parse_data", "metadata")
# Events a clinic needs without the words: when conversations start, turns, replies and outcomes.
PUBLISHED_WITHOUT_SHARING = {"session_started", "user", "bot", TRIAGE_OUTCOME}
MAX_SENDERS_REMEMBERED = 10_000


def shares_messages(env=None) -> bool:
    return (env if env is not None else os.environ).get(SHARE_ENV, "").strip().lower() in {"true", "1", "yes"}


def triage_of(event: Dict[Text, Any]) -> Optional[Dict[Text, Any]]:
    custom = (event.get("data") or {}).get("custom") if event.get("event") == "bot" else None
    triage = custom.get("triage") if isinstance(custom, dict) else None
    return triage if isinstance(triage, dict) else None


class ClinicEvents:
    """What is published for each event Rasa sends its broker. Remembers each conversation's channel, which
    only its user events name."""

    def __init__(self, share_messages: bool) -> None:
        self.share_messages = share_messages
        self.channels: "OrderedDict[str, str]" = OrderedDict()

    def records(self, event: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        sender = str(event.get("sender_id") or "")
        if event.get("event") == "user":
            self._remember_channel(sender, event.get("input_channel"))
        published = [event] if self.share_messages else (
            [self._without_words(event)] if event.get("event") in PUBLISHED_WITHOUT_SHARING else [])
        triage = triage_of(event)
        if triage is not None:
            published.append(self.outcome(event, triage))
        return published

    def outcome(self, event: Dict[Text, Any], triage: Dict[Text, Any]) -> Dict[Text, Any]:
        sender = str(event.get("sender_id") or "")
        return {"event": TRIAGE_OUTCOME, "sender_id": sender, "timestamp": event.get("timestamp"),
                "level": triage.get("level"), "rules": list(triage.get("rules") or []),
                "symptoms": list(triage.get("symptoms") or []), "assessed": triage.get("assessed", True) is not False,
                "language": triage.get("language", "en"), "channel": self.channels.get(sender),
                "clinic_id": triage.get("clinic_id")}

    @staticmethod
    def _without_words(event: Dict[Text, Any]) -> Dict[Text, Any]:
        if event.get("event") != "user":
            return event
        return {key: value for key, value in event.items() if key not in PATIENT_WORDS}

    def _remember_channel(self, sender: str, channel: Any) -> None:
        if channel:
            self.channels[sender] = str(channel)
            self.channels.move_to_end(sender)
            while len(self.channels) > MAX_SENDERS_REMEMBERED:
                self.channels.popitem(last=False)


class PublishesClinicEvents:
    """Put before a Rasa event broker: it publishes what ClinicEvents keeps of each event, not the event."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.clinic_events = ClinicEvents(shares_messages())

    def publish(self, event: Dict[Text, Any], *args: Any, **kwargs: Any) -> None:
        for record in self.clinic_events.records(event):
            super().publish(record, *args, **kwargs)


class TriageSQLEventBroker(PublishesClinicEvents, SQLEventBroker):
    """Rasa's SQL event broker (the default: SQLite under var/)."""


class TriagePikaEventBroker(PublishesClinicEvents, PikaEventBroker):
    """Rasa's RabbitMQ event broker (the cluster). Rasa publishes in the background, so a server killed under
    load lost the outcomes of turns it had answered seconds before (26 of 100, scripts/cluster_load.py); the
    tracker store awaits publish_and_confirm instead (channels/rasa_patches.py), before it saves the turn."""

    async def publish_and_confirm(self, event: Dict[Text, Any]) -> None:
        for record in self.clinic_events.records(event):
            await self._publish(record)  # returns once RabbitMQ has confirmed it, or kept it to publish later
