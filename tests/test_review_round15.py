"""Round 15's readings, from the development halves of emergency_u, nearmiss_p, mixed_j and mixed_k: signs found
unread reach their level, and words that only looked like a sign stay below it. Then the safety reviews of round 15:
every story a reviewer found the first version to under-triage, through the real actions, at the level it must reach
(tests/triage_cases/safety_reviews/round15.yml)."""
from pathlib import Path

import pytest
import yaml

from tests.bot_messages import triage_payloads
from tests.form_driver import converse
from tests.reading_levels import level_of
from triage import Level

SELF_CARE, SEE_DOCTOR, URGENT, EMERGENCY = Level.SELF_CARE, Level.SEE_DOCTOR, Level.URGENT, Level.EMERGENCY


@pytest.mark.parametrize("messages, level", [
    # a feverish child, limp and hardly drinking (eu-016); "a couple of sips" too
    (("my son is 3, he has 38.8 and only had a couple of sips all day",), EMERGENCY),
    (("my 8 year old had a wart on his knee frozen a week ago", "he's been hot all day, 38.9",
      "only had a mouthful to drink since breakfast and he's gone all heavy and limp when I lift him"), EMERGENCY),
    # hives with a narrow throat and a changed voice (eu-033), a child's mouth come up (eu-044)
    (("now got itchy raised lumps all over my tummy and back",
      "and my throat feels sort of narrow and scratchy and my voice sounds funny, im sure its nothing"), EMERGENCY),
    (("she ate some cake that had nuts in i think",
      "her eyes and mouth have come right up and she keeps clearing her throat saying it feels small inside"), EMERGENCY),
    # a collapse told as "gone down", with no answer (eu-058)
    (("my mum is 81, had a wart frozen on the back of her hand on wednesday",
      "she's just gone down in the kitchen, she's breathing but she won't answer me properly, just looking through me"),
     EMERGENCY),
    # a finger past a stuck ring gone waxy and pale (eu-066)
    (("the one on my ring finger is very swollen, I can't get my ring off. The fingertip past the ring looks waxy and "
      "pale and I've lost the feeling in it",), EMERGENCY),
    # breathlessness in slang (eu-079)
    (("been a bit chesty since last night, asthma playing up",
      "cant even get to the end of a sentence without stopping for air lol, like sucking air thru a coffee stirrer"),
     EMERGENCY),
    # a rash that does not fade, the glass test told with no "I" (eu-071)
    (("been running a temp since tues, about 38.5", "now little purple blotches on my ankles", "did the glass test"),
     EMERGENCY),
    # a heel blister that stops walking (mj-033), a growth larger than the lesion (mj-075)
    (("verruca heel frozen sat, blister now under the whole heel", "cant put my foot down at all have to hop"),
     SEE_DOCTOR),
    (("Lesion on my shin, cryo 6 weeks ago.", "There is now a papule at the same site, larger than the original "
                                               "lesion, with a pearly surface."), SEE_DOCTOR),
    # a later normal reading does not cancel a felt fever: the reading may be stale, low or someone else's
    (("i feel a bit warm, should i worry", "had a verruca frozen yesterday", "took my temp yesterday, 37.2"), URGENT),
    # a near faint at home beside a bleeding that will not stop (ep-007: "everything went grey" is the sight)
    (("the blood blister on my sole burst", "I've pressed a towel on it for 15 minutes and it's still coming",
      "had to sit on the bathroom floor cos everything went grey and fuzzy and I nearly went"), EMERGENCY),
])
def test_a_sign_reaches_its_level(nlp, engine, messages, level):
    assert level_of(nlp, engine, *messages) >= level


@pytest.mark.parametrize("messages, highest", [
    # a faint at the visit, over, then a small bleed: no faint beside a bleeding (a rule tried in round 15 and taken
    # back: a sign told as over in its first message counting with later ones)
    (("I fainted at the clinic when they froze it but I was fine after", "today the scab came off and it bled a bit"),
     SEE_DOCTOR),
    # a stranger's swelling on television (np-091)
    (("watching 24 hours in a&e and some bloke's throat swelled up from a bee sting",
      "had a wart on my elbow frozen 2 days ago, its a bit blistery, totally fine"), SELF_CARE),
    # a bleed that a later message says stopped with pressure (mk-013, no-063)
    (("had a wart on my knuckle frozen this morning", "caught it on a drawer and it started bleeding quite a bit",
      "ok update, it stopped after i pressed on it for 10 min with a tissue"), SELF_CARE),
    (("small bleed", "on my leg spot", "scab caught on my tights",
      "held a tissue on it a couple of mins and it's stopped", "it's day 9"), SELF_CARE),
])
def test_words_that_only_looked_like_a_sign_stay_below_it(nlp, engine, messages, highest):
    assert (level_of(nlp, engine, *messages) or SELF_CARE) <= highest


@pytest.mark.parametrize("messages", [
    ("small bleed on my arm", "I'm on apixaban", "it's stopped"),  # a blood thinner: the doctor's to judge
    ("it won't stop bleeding", "it stopped for a bit then started again"),
    ("it's bleeding and the spot hurts", "it's stopped"),  # which of the two stopped?
    ("it's bleeding a lot, soaked the towel", "it's stopped"),  # heavy
])
def test_it_stopped_does_not_end_a_bleeding_it_may_not_be_about(nlp, engine, messages):
    assert level_of(nlp, engine, *messages) >= SEE_DOCTOR


def test_a_glass_test_told_with_no_i_is_a_report_not_a_question():
    chat = converse("been running a temp since tues, about 38.5", "report_pain")
    chat = converse("now little purple blotches on my ankles", "inform", conversation=chat)
    chat = converse("did the glass test", "inform", conversation=chat)
    assert [payload["level"] for payload in triage_payloads(chat.turns[-1])] == ["emergency"]


REVIEWED = yaml.safe_load((Path(__file__).parent / "triage_cases" / "safety_reviews" / "round15.yml").read_text())


@pytest.mark.parametrize("story", REVIEWED["stories"], ids=[story["id"] for story in REVIEWED["stories"]])
def test_the_safety_reviews_hazards_reach_their_level(story):
    """Each turn through action_triage (and the questions it asks, answered "I'm not sure" but for the last turn's
    answers); the story's level is the highest of its last turn's payloads, or the last level given."""
    chat, level = None, None
    for i, text in enumerate(story["turns"]):
        answers = (story.get("answers") or []) if i == len(story["turns"]) - 1 else []
        chat = converse(text, "report_pain", answers=answers, conversation=chat)
        given = [Level.from_label(payload["level"]) for payload in triage_payloads(chat.turns[-1]) if payload.get("level")]
        level = max(given) if given else level
    assert level is not None and level >= Level.from_label(story["min_safe"]), (story["turns"], level)


@pytest.mark.parametrize("messages", [
    ("blister on my eyelid from the freezing", "the blister has flattened"),  # a sensitive site: round 14's review
    ("the wart is bleeding", "I'm on warfarin", "the bleeding has stopped"),  # a blood thinner: round 10's review
    ("the wart is bleeding", "the bleeding has stopped but I feel awful"),
])
def test_a_sign_said_over_gives_no_reassurance_the_older_rules_withhold(messages):
    """The code review of round 15: only a bleeding that Story.stopped_by ends turns the story to healing well."""
    chat = None
    for text in messages:
        chat = converse(text, "report_pain", conversation=chat)
    assert "self_care" not in [payload["level"] for payload in triage_payloads(chat.turns[-1])]
