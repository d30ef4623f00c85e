"""Every private Rasa name our channels, NLU component and purge rely on is checked at start-up and stops
it loudly, naming what moved, or is no longer used (issue 19). channels/rasa_patches.py's own checks are
tested in tests/unit/test_rasa_patches.py."""
import asyncio

import pytest
import rasa.core.run as rasa_run
import sqlalchemy
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from rasa.core.tracker_store import SQLTrackerStore
from rasa.nlu.extractors.spacy_entity_extractor import SpacyEntityExtractor
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from sanic import Sanic

from channels.rasa_patches import RasaInternalsMoved
from channels.webchat import RASA_CHANNEL_ATTRIBUTES, WebchatInput, WebchatOutput
from nlu_components.spacy_doc_entities import SpacyDocEntityExtractor
from scripts.purge_conversations import StoreMoved, purge

RASA_EVENTS = ("connect", "disconnect", "session_request", "user_uttered")  # user_uttered: credentials.yml


async def on_new_message(message):
    pass


def webchat_channel() -> WebchatInput:
    [channel] = [c for c in rasa_run.create_http_input_channels(None, "credentials.yml") if isinstance(c, WebchatInput)]
    return channel


def after_rasas_blueprint(monkeypatch, change):
    """Rasa's SocketIOInput.blueprint, then `change(channel)`: how a later Rasa might build it."""
    rasas = SocketIOInput.blueprint

    def blueprint(self, on_new_message):
        webhook = rasas(self, on_new_message)
        change(self)
        return webhook

    monkeypatch.setattr(SocketIOInput, "blueprint", blueprint)


def rename_event(event, to):
    def change(channel):
        handlers = channel.sio.handlers["/"]
        handlers[to] = handlers.pop(event)
    return change


# The widget's socket.io channel (channels/webchat.py)

def test_the_widgets_handlers_are_ours_and_its_origins_are_checked():
    channel = webchat_channel()
    channel.blueprint(on_new_message)
    handlers = channel.sio.handlers["/"]
    assert sorted(handlers) == sorted(RASA_EVENTS)
    ours = {event for event, handler in handlers.items() if handler.__qualname__.startswith("WebchatInput.")}
    assert ours == {"disconnect", "session_request", "user_uttered"}  # connect stays Rasa's: it opens nothing
    allowed = channel.sio.eio.cors_allowed_origins
    assert allowed("http://127.0.0.1:8080") and not allowed("https://stranger.example")


@pytest.mark.parametrize("event", RASA_EVENTS)
def test_a_rasa_that_renamed_a_socket_event_stops_the_server(monkeypatch, event):
    after_rasas_blueprint(monkeypatch, rename_event(event, f"{event}_v2"))
    with pytest.raises(RasaInternalsMoved, match=f"SocketIOInput.blueprint registers handlers for .*'{event}_v2'"):
        webchat_channel().blueprint(on_new_message)


def test_a_rasa_that_adds_a_catch_all_handler_stops_the_server(monkeypatch):
    after_rasas_blueprint(monkeypatch, lambda channel: channel.sio.on("*", handler=print, namespace=channel.namespace))
    with pytest.raises(RasaInternalsMoved, match=r"'\*'"):
        webchat_channel().blueprint(on_new_message)


@pytest.mark.parametrize("name", RASA_CHANNEL_ATTRIBUTES)
def test_a_rasa_channel_without_an_attribute_we_read_stops_the_server(monkeypatch, name):
    after_rasas_blueprint(monkeypatch, lambda channel: delattr(channel, name))
    with pytest.raises(RasaInternalsMoved, match=f"SocketIOInput no longer keeps {name}"):
        webchat_channel().blueprint(on_new_message)


def test_a_socketio_without_its_handler_table_stops_the_server(monkeypatch):
    def move_the_table(channel):
        channel.sio.event_handlers = vars(channel.sio).pop("handlers")
    after_rasas_blueprint(monkeypatch, move_the_table)
    with pytest.raises(RasaInternalsMoved, match=r"socketio.AsyncServer.handlers\['/'\] is gone"):
        webchat_channel().blueprint(on_new_message)


def test_a_socketio_whose_on_no_longer_replaces_a_handler_stops_the_server(monkeypatch):
    def on_that_keeps_the_first(channel):
        channel.sio.on = lambda event, handler=None, namespace=None: None
    after_rasas_blueprint(monkeypatch, on_that_keeps_the_first)
    with pytest.raises(RasaInternalsMoved, match="socketio.AsyncServer.on did not replace Rasa's handlers"):
        webchat_channel().blueprint(on_new_message)


def test_an_engineio_without_the_origin_setting_stops_the_server(monkeypatch):
    after_rasas_blueprint(monkeypatch, lambda channel: delattr(channel.sio.eio, "cors_allowed_origins"))
    with pytest.raises(RasaInternalsMoved, match="eio.cors_allowed_origins"):
        webchat_channel().blueprint(on_new_message)


def test_an_engineio_that_no_longer_reads_the_origin_setting_stops_the_server(monkeypatch):
    import engineio

    async def handle_request(self, *args, **kwargs):
        return None

    monkeypatch.setattr(engineio.AsyncServer, "handle_request", handle_request)
    with pytest.raises(RasaInternalsMoved, match="eio.cors_allowed_origins"):
        webchat_channel().blueprint(on_new_message)


def test_the_server_does_not_start_when_rasas_socket_events_moved(monkeypatch):
    monkeypatch.setattr(Sanic, "test_mode", True)  # several apps named "rasa_server" in one process
    channels = rasa_run.create_http_input_channels(None, "credentials.yml")  # as `rasa run` does
    app = rasa_run.configure_app(channels, enable_api=False, conversation_id="test", use_uvloop=False)
    assert any(route.path.startswith("webhooks/webchat") for route in app.router.routes)

    after_rasas_blueprint(monkeypatch, rename_event("session_request", "session_start"))
    channels = rasa_run.create_http_input_channels(None, "credentials.yml")
    with pytest.raises(RasaInternalsMoved, match="'session_start'"):
        rasa_run.configure_app(channels, enable_api=False, conversation_id="test", use_uvloop=False)


def test_the_triage_payload_needs_no_private_method_of_rasas_output(monkeypatch):
    class RecordingSocketServer:
        def __init__(self):
            self.emitted = []

        async def emit(self, event, data=None, room=None, **unexpected):
            assert not unexpected
            self.emitted.append((event, data, room))

    monkeypatch.delattr(SocketIOOutput, "_send_message")
    sio = RecordingSocketServer()
    asyncio.run(WebchatOutput(sio, "bot_uttered").send_custom_json("patient", {"triage": {"level": "urgent"}}))
    assert sio.emitted == [("bot_uttered", {"custom": {"triage": {"level": "urgent"}}}, "patient")]


# The entity extractor (nlu_components/spacy_doc_entities.py): Rasa's private names are no longer used

def test_the_entity_extractor_needs_no_private_name_of_rasas_extractor(monkeypatch, nlp):
    text = "the spot on my Cheek is red and sore, and there is PUS on the blister"
    model = SpacyModel(model=nlp, model_name="build/spacy_pipeline")
    rasas = SpacyNLP(model, SpacyNLP.get_default_config()).process([Message({TEXT: text})], model)
    SpacyEntityExtractor({"dimensions": ["BODY_SITE"]}).process(rasas, model)
    expected = [(e["entity"], e["value"], e["start"], e["end"]) for e in rasas[0].get(ENTITIES)]
    assert expected and {entity for entity, *_ in expected} == {"BODY_SITE"}

    monkeypatch.delattr(SpacyEntityExtractor, "_extract_entities")
    monkeypatch.setattr(SpacyEntityExtractor, "__init__", lambda self, config: None)  # no _config either
    extractor = SpacyDocEntityExtractor.create({**SpacyDocEntityExtractor.get_default_config(),
                                                "dimensions": ["BODY_SITE"]}, None, None, None)
    ours = SpacyNLP(model, SpacyNLP.get_default_config()).process([Message({TEXT: text})], model)
    extractor.process(ours, model)
    assert [(e["entity"], e["value"], e["start"], e["end"]) for e in ours[0].get(ENTITIES)] == expected

    every_dimension = SpacyDocEntityExtractor.create(SpacyDocEntityExtractor.get_default_config(), None, None, None)
    ours = SpacyNLP(model, SpacyNLP.get_default_config()).process([Message({TEXT: text})], model)
    every_dimension.process(ours, model)
    assert {e["entity"] for e in ours[0].get(ENTITIES)} > {"BODY_SITE"}


# The purge (scripts/purge_conversations.py); on a real tracker store: tests/integration/test_purge.py

def sqlite_store(tmp_path, *statements):
    url = f"sqlite:///{tmp_path / 'conversations.db'}"
    engine = sqlalchemy.create_engine(url)
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(sqlalchemy.text(statement))
    engine.dispose()
    return url


def test_a_store_with_rasas_table_renamed_fails_loudly(tmp_path):
    url = sqlite_store(tmp_path, "CREATE TABLE conversation_events (sender_id TEXT, timestamp REAL)",
                       "INSERT INTO conversation_events VALUES ('patient', 0)")
    with pytest.raises(StoreMoved, match="has no table 'events' .*conversation_events"):
        purge(url, 30)


def test_a_store_without_a_column_the_purge_reads_fails_loudly(tmp_path):
    url = sqlite_store(tmp_path, "CREATE TABLE events (sender_id TEXT, created_at REAL)")
    with pytest.raises(StoreMoved, match="has no column timestamp"):
        purge(url, 30)


def test_a_database_rasa_has_not_written_to_yet_has_nothing_to_purge(tmp_path):
    assert purge(sqlite_store(tmp_path), 30) == 0


class RenamedEvent:
    __table__ = sqlalchemy.Table("conversation_events", sqlalchemy.MetaData(), sqlalchemy.Column("sender_id"),
                                 sqlalchemy.Column("timestamp"))


class EventWithoutTimestamp:
    __table__ = sqlalchemy.Table("events", sqlalchemy.MetaData(), sqlalchemy.Column("sender_id"),
                                 sqlalchemy.Column("created_at"))


@pytest.mark.parametrize("moved", [None, RenamedEvent, EventWithoutTimestamp], ids=["gone", "table", "column"])
def test_a_rasa_that_stores_conversations_elsewhere_stops_the_purge(monkeypatch, tmp_path, moved):
    url = sqlite_store(tmp_path, "CREATE TABLE events (sender_id TEXT, timestamp REAL)")
    if moved is None:
        monkeypatch.delattr(SQLTrackerStore, "SQLEvent")
    else:
        monkeypatch.setattr(SQLTrackerStore, "SQLEvent", moved)
    with pytest.raises(StoreMoved, match="SQLTrackerStore.SQLEvent no longer stores conversations in table 'events'"):
        purge(url, 30)
