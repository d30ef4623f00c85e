"""The level one message, or the messages of one story in order, reach through the reading and the engine, for the
review suites."""
from triage.reading.message import read_message
from triage.story import Story


def level_of(nlp, engine, *texts):
    story = Story()
    for text in texts:
        story = story.tell(read_message(text, nlp)).story
    observation = story.observation()
    return None if observation is None else engine.assess(observation).level
