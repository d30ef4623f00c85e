"""Ten changes to Rasa 3.6, made wherever Rasa runs with our channels (credentials.yml imports them,
so plain `rasa run`, as in Rasa's official image, gets them too) and by run_rasa.py (`rasa shell`).

1. Rasa waits up to 5 minutes for the action server (a constant, not a setting). After
   ACTION_TIMEOUT_SECONDS (default 2) an action counts as failed and the rules send the safety net.
   A turn calls at most two actions, so a hung action server still gets the patient an answer
   within 5 seconds.
2. Rasa sends nothing at all when a form's validation action fails. Here it ends the form instead,
   so the rule for a failed advice after the questions sends the safety net (data/rules.yml).
3. Rasa's HTTP API (`--enable-api`) reads and rewrites any conversation. Enabled without
   `--auth-token` or `--jwt-secret`, it would be open to anyone who reaches the port, so the server
   refuses to start.
4. Rasa checks every action-server response against its fixed JSON schema with
   `jsonschema.validate`, which first checks the schema itself, every time: half of the Rasa server's
   CPU under load (docs/performance.md). Here one validator, built once, checks each response against
   the same schema; an invalid response still fails the same way, with Rasa's own message.
5. Rasa rebuilds the conversation from its stored events on every message, and finds each event's
   class by walking all subclasses of Event: a fifth of the Rasa server's CPU by turn 60 of a
   conversation (docs/performance.md). Here each type name's class is looked up once and kept.
6. Rasa's SQL tracker store reads a conversation's events as ORM objects, one per stored event, and
   then uses only their JSON. Here it reads the JSON column alone, with the same query and order.
7. Rasa sends the action server the whole conversation on every action call, and encodes it as JSON:
   an eighth of the Rasa server's CPU by turn 60. Our actions read the latest message, the slots and
   the events since that message (a form's slot candidates), so only those events are sent; the rest
   of the tracker's state (slots, latest message, active loop) is sent as before.

8. Rasa ends a session after an hour's silence and forgets its slots, the story with them. When the
   session before had a story, the new one starts with a note that the reply says: "I'm starting
   afresh" (triage/story.py, AFTER_A_PAUSE), so a patient never thinks the earlier facts still count.
9. Rasa's ticket lock starves a waiter whose ticket expired while it waited behind a dead server's:
   with no tickets left, the lock serves ticket 0 and the waiter waits for ever, logging nothing
   above debug. nginx retries a killed server's requests on the other at once, so in a cluster the
   two tickets expire within a poll of each other (issue 22: 1 retried request in 6 hung). Here a
   waiter whose ticket has gone takes a new one.
10. Rasa's tracker store hands each new event to the event broker, which publishes it in the background: a
   server killed under load loses the events of turns it had already answered. A broker with
   publish_and_confirm (channels/triage_events.py) is awaited instead, before the turn is saved and answered.

Each checks that the Rasa internals it changes are still there, and stops the server with an error
naming them if Rasa has moved them: a silent no-op would bring back the 5-minute wait.
"""
import inspect
import logging
import os

ACTION_TIMEOUT_ENV = "ACTION_TIMEOUT_SECONDS"
DEFAULT_ACTION_TIMEOUT_SECONDS = 2.0

logger = logging.getLogger(__name__)
_applied = False


class RasaInternalsMoved(RuntimeError):
    pass


def action_timeout_seconds(env=None) -> float:
    value = (env if env is not None else os.environ).get(ACTION_TIMEOUT_ENV, "").strip()
    seconds = float(value) if value else DEFAULT_ACTION_TIMEOUT_SECONDS
    if not seconds > 0:
        raise ValueError(f"{ACTION_TIMEOUT_ENV} must be a positive number of seconds, not {value!r}")
    return seconds


def bound_action_timeout(seconds: float) -> None:
    import rasa.core.actions.action as rasa_action

    if not hasattr(rasa_action, "DEFAULT_REQUEST_TIMEOUT") or \
            "DEFAULT_REQUEST_TIMEOUT" not in inspect.getsource(rasa_action.RemoteAction.run):
        raise RasaInternalsMoved("rasa.core.actions.action.RemoteAction.run no longer reads DEFAULT_REQUEST_TIMEOUT: "
                                 "the action-server timeout cannot be bounded (channels/rasa_patches.py)")
    rasa_action.DEFAULT_REQUEST_TIMEOUT = seconds


def end_form_when_its_validation_fails() -> None:
    from rasa.core.actions.action import ActionExecutionRejection
    from rasa.core.actions.forms import FormAction
    from rasa.shared.core.constants import REQUESTED_SLOT
    from rasa.shared.core.events import SlotSet

    if not inspect.iscoroutinefunction(getattr(FormAction, "validate_slots", None)):
        raise RasaInternalsMoved("rasa.core.actions.forms.FormAction.validate_slots is gone: a failed form "
                                 "validation would end in silence (channels/rasa_patches.py)")
    validate_slots = FormAction.validate_slots

    async def validate_or_end(self, *args, **kwargs):
        try:
            return await validate_slots(self, *args, **kwargs)
        except ActionExecutionRejection:
            raise
        except Exception:  # unreachable, failing or timed out: the form must not end in silence
            logger.exception("validation of form %s failed: ending the form", self.name())
            return [SlotSet(REQUESTED_SLOT, None)]

    FormAction.validate_slots = validate_or_end


class OpenHttpApi(RuntimeError):
    pass


def refuse_an_open_http_api() -> None:
    import rasa.core.run as rasa_run

    parameters = inspect.signature(rasa_run.configure_app).parameters
    if not {"enable_api", "auth_token", "jwt_secret"} <= set(parameters):
        raise RasaInternalsMoved("rasa.core.run.configure_app no longer takes enable_api, auth_token and jwt_secret: "
                                 "an open HTTP API cannot be refused (channels/rasa_patches.py)")
    configure_app = rasa_run.configure_app

    def configure_app_with_a_closed_api(*args, **kwargs):
        given = inspect.signature(configure_app).bind(*args, **kwargs)
        given.apply_defaults()
        if given.arguments["enable_api"] and not (given.arguments["auth_token"] or given.arguments["jwt_secret"]):
            raise OpenHttpApi("--enable-api needs --auth-token or --jwt-secret: the HTTP API reads and changes "
                              "every patient's conversation")
        return configure_app(*args, **kwargs)

    rasa_run.configure_app = configure_app_with_a_closed_api


def validate_action_results_with_one_validator() -> None:
    from jsonschema import ValidationError, validators
    from rasa.core.actions.action import RemoteAction

    if not all(hasattr(RemoteAction, name) for name in ("_validate_action_result", "action_response_format_spec")):
        raise RasaInternalsMoved("rasa.core.actions.action.RemoteAction no longer validates action results with "
                                 "_validate_action_result (channels/rasa_patches.py)")
    validate_with_rasa = RemoteAction._validate_action_result
    schema = RemoteAction.action_response_format_spec()
    validator = validators.validator_for(schema)(schema)

    def validate_action_result(self, result):
        try:
            validator.validate(result)
        except ValidationError:
            return validate_with_rasa(self, result)  # raises, with Rasa's message
        return True

    RemoteAction._validate_action_result = validate_action_result


def resolve_event_classes_once() -> None:
    from rasa.shared.core.events import Event

    if not isinstance(inspect.getattr_static(Event, "resolve_by_type", None), staticmethod):
        raise RasaInternalsMoved("rasa.shared.core.events.Event.resolve_by_type is no longer a static method "
                                 "(channels/rasa_patches.py)")
    resolve_by_walking_subclasses = Event.resolve_by_type
    resolved = {}

    def resolve_by_type(type_name, default=None):
        event_class = resolved.get(type_name)
        if event_class is None:
            event_class = resolve_by_walking_subclasses(type_name, default)
            if event_class is not None and event_class.type_name == type_name:  # never a default
                resolved[type_name] = event_class
        return event_class

    Event.resolve_by_type = staticmethod(resolve_by_type)


def read_stored_events_as_json_only() -> None:
    import json

    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.trackers import DialogueStateTracker

    if "json.loads(event.data)" not in inspect.getsource(SQLTrackerStore._retrieve):
        raise RasaInternalsMoved("rasa.core.tracker_store.SQLTrackerStore._retrieve no longer reads each event's "
                                 "JSON from its data column (channels/rasa_patches.py)")

    async def _retrieve(self, sender_id, fetch_events_from_all_sessions):
        with self.session_scope() as session:
            query = self._event_query(session, sender_id, fetch_events_from_all_sessions=fetch_events_from_all_sessions)
            events = [json.loads(data) for (data,) in query.with_entities(self.SQLEvent.data)]
        if self.domain and events:
            return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        return None

    SQLTrackerStore._retrieve = _retrieve


def send_actions_the_latest_turn_only() -> None:
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.events import UserUttered

    if "current_state(EventVerbosity.ALL)" not in inspect.getsource(RemoteAction._action_call_format):
        raise RasaInternalsMoved("rasa.core.actions.action.RemoteAction._action_call_format no longer sends the "
                                 "tracker's current_state (channels/rasa_patches.py)")
    format_with_every_event = RemoteAction._action_call_format

    def _action_call_format(self, tracker, domain):
        events = list(tracker.events)
        latest_message = next((i for i in range(len(events) - 1, -1, -1) if isinstance(events[i], UserUttered)), 0)
        original_events, tracker.events = tracker.events, events[latest_message:]
        try:
            payload = format_with_every_event(self, tracker, domain)
        finally:
            tracker.events = original_events
        return payload

    RemoteAction._action_call_format = _action_call_format


STORY_SLOT = "story"  # domain.yml; actions/runtime.py


def note_a_story_started_afresh() -> None:
    from rasa.core.actions.action import ActionSessionStart
    from rasa.shared.core.events import SessionStarted, SlotSet

    from triage.story import Story

    if "SessionStarted()" not in inspect.getsource(ActionSessionStart.run):
        raise RasaInternalsMoved("rasa.core.actions.action.ActionSessionStart.run no longer starts a session with "
                                 "SessionStarted (channels/rasa_patches.py)")
    start_session = ActionSessionStart.run

    async def run(self, output_channel, nlg, tracker, domain):
        events = await start_session(self, output_channel, nlg, tracker, domain)
        story = Story.after_a_pause(tracker.get_slot(STORY_SLOT))
        started = next((i for i, event in enumerate(events) if isinstance(event, SessionStarted)), None)
        if story is None or started is None:
            return events
        return events[:started + 1] + [SlotSet(STORY_SLOT, story.to_slot())] + events[started + 1:]

    ActionSessionStart.run = run


def renew_a_ticket_that_expired_while_waiting() -> None:
    import asyncio
    import contextlib

    from rasa.core.lock import TicketLock
    from rasa.core.lock_store import LOCK_LIFETIME, LockStore

    if "_acquire_lock" not in inspect.getsource(LockStore.lock) or \
            not hasattr(TicketLock, "_ticket_for_ticket_number"):
        raise RasaInternalsMoved("rasa.core.lock_store.LockStore.lock no longer waits in _acquire_lock over a "
                                 "TicketLock (channels/rasa_patches.py)")

    @contextlib.asynccontextmanager
    async def lock(self, conversation_id, lock_lifetime=LOCK_LIFETIME, wait_time_in_seconds=1):
        ticket = self.issue_ticket(conversation_id, lock_lifetime)
        try:
            while True:
                held = self.get_lock(conversation_id)
                if held is None or held._ticket_for_ticket_number(ticket) is None:
                    ticket = self.issue_ticket(conversation_id, lock_lifetime)
                    continue
                if not held.is_locked(ticket):
                    break
                await asyncio.sleep(wait_time_in_seconds)
                self.update_lock(conversation_id)
            yield held
        finally:
            self.cleanup(conversation_id, ticket)

    LockStore.lock = lock


def await_a_broker_that_confirms() -> None:
    from rasa.core.tracker_store import TrackerStore

    if "event_broker.publish(body)" not in inspect.getsource(TrackerStore._stream_new_events):
        raise RasaInternalsMoved("rasa.core.tracker_store.TrackerStore._stream_new_events no longer publishes each "
                                 "new event (channels/rasa_patches.py)")
    publish_in_the_background = TrackerStore._stream_new_events

    async def _stream_new_events(self, event_broker, new_events, sender_id):
        confirm = getattr(event_broker, "publish_and_confirm", None)
        if confirm is None:
            return await publish_in_the_background(self, event_broker, new_events, sender_id)
        for event in new_events:
            await confirm({"sender_id": sender_id, **event.as_dict()})

    TrackerStore._stream_new_events = _stream_new_events


def apply() -> None:
    global _applied
    if _applied:
        return
    bound_action_timeout(action_timeout_seconds())
    end_form_when_its_validation_fails()
    refuse_an_open_http_api()
    validate_action_results_with_one_validator()
    resolve_event_classes_once()
    read_stored_events_as_json_only()
    send_actions_the_latest_turn_only()
    note_a_story_started_afresh()
    renew_a_ticket_that_expired_while_waiting()
    await_a_broker_that_confirms()
    _applied = True


apply()
