"""Our changes to Rasa (channels/rasa_patches.py), and that they fail loudly if Rasa moves."""
import pytest
import rasa.core.actions.action as rasa_action

from channels import rasa_patches


def test_importing_a_channel_bounds_the_action_wait_to_the_default():
    import channels.guarded_rest  # noqa: F401  what Rasa does when it loads credentials.yml

    assert rasa_action.DEFAULT_REQUEST_TIMEOUT == rasa_patches.action_timeout_seconds({}) == 2.0


def test_the_wait_comes_from_the_environment_and_must_be_positive():
    assert rasa_patches.action_timeout_seconds({"ACTION_TIMEOUT_SECONDS": "1.5"}) == 1.5
    with pytest.raises(ValueError):
        rasa_patches.action_timeout_seconds({"ACTION_TIMEOUT_SECONDS": "0"})


def test_a_rasa_that_no_longer_reads_the_constant_stops_the_server(monkeypatch):
    async def run_without_the_constant(self, *args, **kwargs):
        return []

    monkeypatch.setattr(rasa_action.RemoteAction, "run", run_without_the_constant)
    with pytest.raises(rasa_patches.RasaInternalsMoved):
        rasa_patches.bound_action_timeout(2)


def test_an_http_api_without_a_token_or_jwt_is_refused(monkeypatch):
    import rasa.core.run as rasa_run

    import channels.guarded_rest  # noqa: F401  what Rasa does when it loads credentials.yml

    with pytest.raises(rasa_patches.OpenHttpApi):
        rasa_run.configure_app([], enable_api=True)
    with pytest.raises(rasa_patches.OpenHttpApi):
        rasa_run.configure_app([], None, None, True)  # as serve_application passes them


def test_an_http_api_with_a_token_or_jwt_starts_with_its_routes(monkeypatch):
    import rasa.core.run as rasa_run
    from sanic import Sanic

    import channels.guarded_rest  # noqa: F401

    monkeypatch.setattr(Sanic, "test_mode", True)  # several apps named "rasa_server" in one process
    for arguments, has_api in (({"enable_api": True, "auth_token": "secret"}, True),
                               ({"enable_api": True, "jwt_secret": "key"}, True), ({"enable_api": False}, False)):
        app = rasa_run.configure_app([], **arguments, conversation_id="test", use_uvloop=False)
        paths = {route.path for route in app.router.routes}
        assert ("conversations/<conversation_id:path>/tracker" in paths) == has_api, arguments


def test_action_results_are_checked_against_rasas_schema_by_one_validator(monkeypatch):
    import jsonschema
    from rasa.core.actions.action import RemoteAction

    import channels.guarded_rest  # noqa: F401

    # jsonschema.validate checks the schema itself on every call: half the server's CPU under load.
    schema_checks = []
    validator_class = jsonschema.validators.validator_for(RemoteAction.action_response_format_spec())
    monkeypatch.setattr(validator_class, "check_schema", classmethod(lambda cls, schema, **kw: schema_checks.append(1)))
    action = RemoteAction("action_triage", None)
    assert action._validate_action_result({"events": [], "responses": [{"text": "hello"}]})
    assert schema_checks == []
    with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server response"):
        action._validate_action_result({"events": "not a list"})


def test_stored_events_are_rebuilt_with_their_classes_found_once(monkeypatch):
    import rasa.shared.utils.common
    from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered

    import channels.guarded_rest  # noqa: F401

    stored = [SlotSet("followup_trend", "worse").as_dict(), UserUttered("hi").as_dict(),
              ActionExecuted("action_listen").as_dict()]
    rebuilt = [Event.from_parameters(event) for event in stored]  # every class seen once
    walks = []
    walk = rasa.shared.utils.common.all_subclasses
    monkeypatch.setattr(rasa.shared.utils.common, "all_subclasses", lambda cls: walks.append(cls) or walk(cls))
    assert [Event.from_parameters(event) for event in stored] == rebuilt
    assert [type(event) for event in rebuilt] == [SlotSet, UserUttered, ActionExecuted]
    assert walks == []
    assert Event.resolve_by_type("no_such_event", default=SlotSet) is SlotSet  # a default is never kept
    assert walks and Event.resolve_by_type("slot") is SlotSet
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no_such_event")


def test_a_rasa_without_the_event_lookup_stops_the_server(monkeypatch):
    from rasa.shared.core.events import Event

    monkeypatch.setattr(Event, "resolve_by_type", classmethod(lambda cls, type_name, default=None: None))
    with pytest.raises(rasa_patches.RasaInternalsMoved):
        rasa_patches.resolve_event_classes_once()


def test_a_conversation_is_read_back_from_the_sql_store_event_for_event(tmp_path):
    import asyncio

    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    import channels.guarded_rest  # noqa: F401

    domain = Domain.load("domain.yml")
    store = SQLTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "conversations.db"))
    tracker = DialogueStateTracker("patient", domain.slots)
    for event in (ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen"),
                  UserUttered("there is a blister", {"name": "report_blistering", "confidence": 0.97}),
                  SlotSet("followup_trend", "worse"), ActionExecuted("action_triage"), BotUttered("Thank you.")):
        tracker.update(event)
    later = tracker.events[-1].timestamp + 1
    tracker.update(SessionStarted(timestamp=later))  # a new session: only its events come back from retrieve
    tracker.update(UserUttered("hello again", {"name": "greet", "confidence": 0.99}, timestamp=later + 1))
    asyncio.run(store.save(tracker))
    assert [event.as_dict() for event in asyncio.run(store.retrieve_full_tracker("patient")).events] == \
        [event.as_dict() for event in tracker.events]
    assert [type(event) for event in asyncio.run(store.retrieve("patient")).events] == [SessionStarted, UserUttered]
    assert asyncio.run(store.retrieve("nobody")) is None


def test_an_action_is_sent_the_events_since_the_latest_message_and_the_whole_state():
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    import channels.guarded_rest  # noqa: F401

    domain = Domain.load("domain.yml")
    tracker = DialogueStateTracker("patient", domain.slots)
    for event in (ActionExecuted("action_listen"), UserUttered("there is a blister", {"name": "report_blistering"}),
                  SlotSet("followup_trend", "worse"), ActionExecuted("action_triage"), ActionExecuted("action_listen"),
                  UserUttered("on my foot", {"name": "inform"}), SlotSet("followup_body_sites", "on my foot")):
        tracker.update(event)
    before = list(tracker.events)
    payload = RemoteAction("validate_followup_form", None)._action_call_format(tracker, domain)
    assert [event["event"] for event in payload["tracker"]["events"]] == ["user", "slot"]
    assert payload["tracker"]["events"][0]["text"] == "on my foot"
    assert payload["tracker"]["latest_message"]["text"] == "on my foot"
    assert payload["tracker"]["slots"]["followup_trend"] == "worse"  # set turns ago, still sent
    assert list(tracker.events) == before


def test_a_rasa_that_sends_actions_another_state_stops_the_server(monkeypatch):
    from rasa.core.actions.action import RemoteAction

    monkeypatch.setattr(RemoteAction, "_action_call_format", lambda self, tracker, domain: {})
    with pytest.raises(rasa_patches.RasaInternalsMoved):
        rasa_patches.send_actions_the_latest_turn_only()


def test_a_rasa_whose_session_start_moved_stops_the_server(monkeypatch):
    from rasa.core.actions.action import ActionSessionStart

    async def run_without_a_session(self, output_channel, nlg, tracker, domain):
        return []

    monkeypatch.setattr(ActionSessionStart, "run", run_without_a_session)
    with pytest.raises(rasa_patches.RasaInternalsMoved, match="ActionSessionStart"):
        rasa_patches.note_a_story_started_afresh()


def _a_dead_servers_ticket_and_a_store():
    from rasa.core.lock_store import InMemoryLockStore

    store = InMemoryLockStore()
    store.issue_ticket("patient", lock_lifetime=0.1)  # a killed server's: never cleaned up, expires
    return store


def test_rasas_own_wait_starves_when_its_ticket_expires_behind_a_dead_servers():
    import asyncio

    store = _a_dead_servers_ticket_and_a_store()
    ticket = store.issue_ticket("patient", lock_lifetime=0.15)

    async def wait_in_rasas_loop():
        await asyncio.wait_for(store._acquire_lock("patient", ticket, 0.3), timeout=1.5)

    with pytest.raises(asyncio.TimeoutError):
        asyncio.run(wait_in_rasas_loop())


def test_a_waiter_whose_ticket_expired_behind_a_dead_servers_takes_a_new_one_and_gets_the_lock():
    import asyncio

    store = _a_dead_servers_ticket_and_a_store()

    async def take_the_lock():
        async with store.lock("patient", lock_lifetime=0.15, wait_time_in_seconds=0.3):
            return True

    assert asyncio.run(asyncio.wait_for(take_the_lock(), timeout=1.5))
    assert store.get_lock("patient") is None  # released and cleaned up


def test_a_live_holder_still_keeps_a_waiter_out_until_it_releases():
    import asyncio

    from rasa.core.lock_store import InMemoryLockStore

    store = InMemoryLockStore()
    order = []

    async def hold(name, seconds):
        async with store.lock("patient", lock_lifetime=10, wait_time_in_seconds=0.05):
            order.append(f"{name} in")
            await asyncio.sleep(seconds)
            order.append(f"{name} out")

    async def both():
        first = asyncio.create_task(hold("first", 0.3))
        await asyncio.sleep(0.01)
        await asyncio.gather(first, hold("second", 0))

    asyncio.run(both())
    assert order == ["first in", "first out", "second in", "second out"]


def test_a_rasa_whose_lock_no_longer_waits_in_acquire_lock_stops_the_server(monkeypatch):
    from rasa.core.lock_store import LockStore

    async def lock_elsewhere(self, conversation_id, lock_lifetime=60, wait_time_in_seconds=1):
        yield None

    monkeypatch.setattr(LockStore, "lock", lock_elsewhere)
    with pytest.raises(rasa_patches.RasaInternalsMoved, match="LockStore"):
        rasa_patches.renew_a_ticket_that_expired_while_waiting()


class _BackgroundBroker:
    def __init__(self):
        self.confirmed, self.published = [], []

    def publish(self, event):
        self.published.append(event)


class _ConfirmingBroker(_BackgroundBroker):
    async def publish_and_confirm(self, event):
        self.confirmed.append(event)


def _save_a_turn(broker):
    import asyncio

    from rasa.core.tracker_store import InMemoryTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    store = InMemoryTrackerStore(Domain.empty(), event_broker=broker)
    tracker = DialogueStateTracker.from_events("patient", [UserUttered("hello"), BotUttered("hi")])
    asyncio.run(store.save(tracker))


def test_a_broker_that_confirms_is_awaited_for_each_new_event():
    broker = _ConfirmingBroker()
    _save_a_turn(broker)
    assert [(e["sender_id"], e["event"]) for e in broker.confirmed] == [("patient", "user"), ("patient", "bot")]
    assert broker.published == []


def test_any_other_broker_is_handed_the_events_as_rasa_does():
    broker = _BackgroundBroker()
    _save_a_turn(broker)
    assert [e["event"] for e in broker.published] == ["user", "bot"]


def test_a_rasa_whose_tracker_store_publishes_elsewhere_stops_the_server(monkeypatch):
    from rasa.core.tracker_store import TrackerStore

    async def stream_elsewhere(self, event_broker, new_events, sender_id):
        return None

    monkeypatch.setattr(TrackerStore, "_stream_new_events", stream_elsewhere)
    with pytest.raises(rasa_patches.RasaInternalsMoved, match="_stream_new_events"):
        rasa_patches.await_a_broker_that_confirms()
