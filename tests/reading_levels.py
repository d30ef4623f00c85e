"""The level a single message reaches through the reading and the engine, for the review suites."""
from triage.reading.message import read_message
from triage.story import Story


def level_of(nlp, engine, text):
    observation = Story().tell(read_message(text, nlp)).story.observation()
    return None if observation is None else engine.assess(observation).level
