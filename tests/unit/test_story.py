"""The story: facts that accumulate over messages, corrections, signs said to be over, a new story
(triage/story.py), and the findings given standing (triage/turn.py's Assistant.assess)."""
import pytest

from triage.reading.message import read_message
from triage.story import Story
from triage.turn import Assistant, change_said
from triage import Level


def told(nlp, *messages, story=None):
    """The story after the messages, and what the last one changed."""
    story = story or Story()
    result = None
    for text in messages:
        result = story.tell(read_message(text, nlp))
        story = result.story
    return result


@pytest.fixture(scope="module")
def assistant(engine, rulebook):
    return Assistant(engine, rulebook)


def level(assistant, story):
    return assistant.assess(story).level


def test_facts_told_apart_meet_bleeding_a_blood_thinner_and_faintness(nlp, assistant):
    first = told(nlp, "the spot they froze won't stop bleeding")
    assert level(assistant, first.story) == Level.URGENT
    second = told(nlp, "I'm on rivaroxaban, been pressing for half an hour, the towel is soaked through",
                  story=first.story)
    assert second.adds and second.story.facts["risk_factors"] == ["blood_thinner"]
    third = told(nlp, "I feel lightheaded when I stand", story=second.story)
    assert third.story.symptoms == ("bleeding", "fainting")
    assert level(assistant, third.story) == Level.EMERGENCY


def test_spreading_redness_then_a_fever_of_38_7_is_an_emergency(nlp, assistant):
    story = told(nlp, "the redness is spreading up my arm from the wart", "now I've got a temperature of 38.7").story
    assert level(assistant, story) == Level.EMERGENCY


def test_a_swollen_finger_with_a_tight_ring_then_numbness_stays_urgent(nlp, assistant):
    story = told(nlp, "my ring won't come off, the finger they froze is swollen", "it's going numb at the tip").story
    assert {"tight_ring", "numbness_irritation"} <= set(story.symptoms)
    assert level(assistant, story) == Level.URGENT


def test_a_correction_replaces_what_it_corrects(nlp, assistant):
    before = told(nlp, "the blister is leaking yellow stuff")
    assert level(assistant, before.story) == Level.URGENT
    after = told(nlp, "actually it's clear, not yellow", story=before.story)
    assert after.corrected == ("infected_discharge",)
    assert "infected_discharge" not in after.story.symptoms and after.story.facts["fluid"] == "clear"
    assert level(assistant, after.story) == Level.SEE_DOCTOR


def test_no_that_was_last_year_takes_back_what_the_last_message_added(nlp):
    after = told(nlp, "I had a blister", "there was pus", "no sorry, that was last year")
    assert after.corrected == ("infected_discharge",) and after.story.symptoms == ("blistering",)


def test_a_plain_denial_is_no_correction(nlp):
    # "no pus" after "yellow crust" may answer something else: the sign stays (err upward)
    story = told(nlp, "there's a yellow crust oozing", "no pus though").story
    assert "infected_discharge" in story.symptoms


def test_a_corrected_date_replaces_the_date_and_the_findings_given_fall(nlp):
    first = told(nlp, "the pain is getting worse, they froze it 5 days ago").story
    given = first.giving([("pain", "pain.worsening_after_day_2")])
    corrected = told(nlp, "sorry, I meant they froze it yesterday", story=given)
    assert corrected.story.facts["days_since_treatment"] == 1
    assert corrected.corrected == ("facts",) and corrected.story.given == ()


def test_a_bleeding_said_to_be_over_leaves_the_story_and_its_findings(nlp, assistant):
    first = told(nlp, "it won't stop bleeding").story.giving([("bleeding", "bleeding.not_stopping")])
    assert level(assistant, first) == Level.URGENT
    over = told(nlp, "the bleeding has stopped now", story=first)
    assert over.resolved == ("bleeding",) and over.story.symptoms == () and over.story.given == ()


def test_the_findings_given_stand_when_a_later_fact_would_lower_them(nlp, assistant):
    worse = told(nlp, "my pain is getting worse").story.skipping("days_since_treatment")
    assert level(assistant, worse) == Level.URGENT  # worse, date unknown: worse after day 2
    given = worse.giving([("pain", "pain.worsening_after_day_2")])
    dated = told(nlp, "they froze it yesterday", story=given).story
    assert level(assistant, dated) == Level.URGENT  # the finding given stands
    assert level(assistant, Story(dated.symptoms, facts=dated.facts)) < Level.URGENT  # the rules alone: lower


def test_an_emergency_sign_is_never_taken_back(nlp, assistant):
    story = told(nlp, "my lips are swelling up", "actually no, my lips are not swollen").story
    assert "anaphylaxis" in story.symptoms and level(assistant, story) == Level.EMERGENCY


def test_an_emergency_sign_the_next_message_plainly_denies_is_taken_back_and_said(nlp, assistant, rulebook):
    corrected = told(nlp, "my chest is sore",
                     "sorry i mean the spot on my chest where they froze a skin tag is sore, no pain inside my chest")
    assert corrected.retracted == ("chest_pain",)
    assert "chest_pain" not in corrected.story.symptoms + corrected.story.emergencies
    assert level(assistant, corrected.story) < Level.EMERGENCY
    assert "you say it is not happening now (chest pain)" in change_said(corrected, rulebook)
    # a denial that tells of a change in time is a resolution: the sign may come back, and still counts
    assert told(nlp, "my chest hurts", "no chest pain now").story.emergencies == ("chest_pain",)
    # a denial beside another sign, or of a sign told before the last message, takes nothing back
    assert told(nlp, "my chest hurts", "no chest pain but my lips are swelling").story.emergencies == (
        "chest_pain", "anaphylaxis")
    assert "chest_pain" in told(nlp, "my chest hurts", "the spot is red", "no chest pain").story.emergencies


def test_a_worsening_once_told_counts(nlp):
    story = told(nlp, "it was getting worse", "now it's a bit better").story
    assert story.facts["trend"] == "worsening"


def test_another_spot_starts_afresh_keeping_the_persons_risk_factors(nlp):
    first = told(nlp, "I'm diabetic and the wart they froze on my foot has pus").story
    other = told(nlp, "the other spot on my hand has a small blister", story=first)
    assert other.new_story == "spot"
    assert other.story.symptoms == ("blistering",) and other.story.facts["risk_factors"] == ["diabetes"]
    person = told(nlp, "a different person now: my other son's verruca has a blister", story=first)
    assert person.new_story == "person" and "risk_factors" not in person.story.facts
    # "now about my daughter" may be the same child: the story goes on (a story kept errs upward)
    assert told(nlp, "now about my daughter, her verruca has a blister", story=first).new_story is None


def test_who_is_ill_and_their_age_are_facts_of_the_story(nlp):
    story = told(nlp, "my 4 year old son had a wart frozen", "he has a blister").story
    assert story.facts["person"] == "child" and story.facts["age_years"] == 4


def test_the_story_survives_the_slot(nlp):
    story = told(nlp, "my blister on the eyelid is leaking", "I'm on warfarin").story
    story = story.giving([("blistering", "blistering.sensitive_site")]).asking("fluid").skipping("fluid")
    assert Story.from_slot(story.to_slot()) == story
    assert Story.from_slot(None) == Story()


# The safety reviews: a sign happening now stays, whatever the next message says of a joke or of the past. Round 12
# tried taking a sign back on words of a joke ("lmao not literally", "omg sorry wrong chat"); two reviews found 207
# hazards in it, and it was taken back whole: their cases are here too.
@pytest.mark.parametrize("messages", [
    ("my lips are blue and I'm struggling to breathe", "Joking aside, what do I do?"),
    ("my throat is closing up", "jk. not jk. please help"),
    ("my lips are blue", "Kidding? No. They are blue. What do I do"),
    ("my baby is floppy and wont wake up", "jokes on me for not calling earlier, what do I do"),
    ("he's fitting and won't stop", "joking no, is serious, help"),
    ("my lips r blue", "jk"),
    ("my lips r blue", "jk lol. feel fine. but they are still blue"),
    ("my son is having a seizure", "sorry I mean he was diagnosed with epilepsy back in March, what do I do"),
    ("my lips are swelling and my throat feels tight", "actually the freeze was months ago, could it be related?"),
    ("my son had a seizure", "Back in March I mean. But this morning he had another one"),
    ("my son had a seizure", "back in march i mean, he's having one now"),
    ("she collapsed and is having a fit", "months ago I mean? she is fitting"),
    ("my chest hurts", "years ago I mean, and today it's crushing"),
    # round 12: a hedge or a benign explanation
    ("my throat feels tight", "prob nothing lol, probably the scarf"),
    ("my lips are swelling", "lol"),
    ("he's really floppy", "sorry I'm probably overreacting, he's ok I think"),
    # a bare "jk", or one that insists
    ("my throat is closing up", "not joking, I really can't swallow"),
    ("my lips are blue", "this is not a joke, what do i do"),
    ("he had a fit", "not even kidding he was shaking all over"),
    ("her lips are blue", "kidding you not, please help me"),
    # a joke beside the sign told again, or of now
    ("my chest hurts", "lol not literally, but it does feel tight now"),
    ("i cant breathe", "from laughing at first but now i really cant catch my breath"),
    # a joke two messages later
    ("my lips are blue", "the wart is on my hand", "lol jk, it's the slushie"),
    # round 12's first review of a taking back on such words (taken back whole): joke words in another sense
    ("my throat is closing up", "are you kidding me?? what do I do"),
    ("my throat feels tight and i'm struggling to swallow", "i wish i was joking, what should i do"),
    ("my son can't breathe properly", "my wife thinks I'm joking, she won't call an ambulance"),
    ("my chest is tight and I can't breathe properly", "I was kidding myself that it would pass"),
    ("my chest is so tight", "who am I kidding, I need an ambulance"),
    ("my son is floppy", "JK is 3 years old and has a fever"),
    ("she fell and had a fit", "just kidding about the fall, she didn't fall, she's still shaking"),
    ("she is fitting", "sorry if this is the wrong chat, who do I call"),
    ("my child is having a seizure", "sorry wrong thread, should I post this somewhere else?"),
    ("i can't breathe", "sorry wrong chat i meant to message my mum, help"),
    ("she's having a fit on the floor", "I dialled the wrong number, what is the ambulance number here"),
    ("he's turning blue", "it started with a coughing fit at dinner"),
    ("he's having a fit", "it started as a laughing fit, his eyes rolled back and he's jerking"),
    ("my chest is tight and I'm wheezing", "it started from laughing at a video and my inhaler isn't helping"),
    ("i have chest pain", "from laughing or not, it really hurts and it's spreading to my jaw"),
    ("my lips have swollen right up", "my brother is dying from laughing at me, I look like a fish"),
    ("his lips are blue", "well not literally, kind of a dusky purple colour"),
    ("my throat is closing", "not literally closed, just very tight and hard to get air in"),
    ("she is blue around the mouth", "not literally blue, more grey"),
    ("my tongue is swelling", "lol not literally a balloon, it's maybe twice normal size"),
    ("my daughter's lips are swelling", "sorry that sounds scarier than it is, she's totally fine in herself, just her lips"),
    ("my lips and tongue are swelling", "lol my sister is crying with laughter saying I look like a duck"),
    # its second review
    ("my daughter is floppy and won't wake up", "wrong person, it's my son not my daughter"),
    ("my son has crushing chest pain", "sorry wrong person, I meant my dad"),
    ("i can't breathe", "jk it's my daughter, she's 2"),
    ("my baby is floppy and grey", "omg sorry wrong chat, meant for his dad so he comes home"),
    ("her lips are blue", "wrong number, I was trying to call my husband"),
    ("my baby is floppy", "oops wrong chat, meant for 111"),
    ("my chest is crushing", "wrong number, I wanted the emergency line"),
    ("my son can't breathe", "joking, that's what his dad thinks I'm doing"),
    ("my chest hurts so bad", "lol jk, for real it's killing me"),
    ("my baby lips is blue", "joking, is true, what I do"),
    ("his lips are blue", "not literally, more of a purple tinge"),
    ("my throat is closing", "not literally, it's almost closed"),
    ("i can't breathe", "not literally, I can only get little sips of air"),
    ("she's unconscious", "not literally, she keeps drifting off and I can barely rouse her"),
    ("my chest hurts", "not literally, it's more like an elephant sitting on it"),
    ("my throat is closing up", "lol kidding, it's just tight, like someone's squeezing it"),
    ("my lips are swelling", "jk lol the whole of my face is puffing up"),
    ("my lips are swelling and i'm gonna kill the nurse", "jk, about killing her obviously"),
    ("my lips are swelling", "kidding, i ate a prawn after the freeze to test it"),
    ("she's fitting", "joking, that's her epilepsy, it's been 6 minutes"),
])
def test_a_sign_happening_now_is_not_taken_back_by_a_joke_or_a_date(nlp, assistant, messages):
    after = told(nlp, *messages)
    assert not after.retracted and level(assistant, after.story) == Level.EMERGENCY


@pytest.mark.parametrize("text, expected", [
    # round 8's nh-059: told as slow, the blood through the plasters is not heavy (urgent on a blood thinner)
    ("I'm on rivaroxaban. it's been slowly seeping blood through 2 plasters now, about an hour, even though I've "
     "pressed on it. not dizzy or faint", Level.URGENT),
    ("on warfarin, it's been bleeding through 3 pads and won't stop", Level.EMERGENCY),
    ("on warfarin, slowly seeping blood through 3 pads and now I feel faint", Level.EMERGENCY),
])
def test_a_bleeding_told_as_slow_is_not_heavy(nlp, assistant, text, expected):
    assert level(assistant, told(nlp, text).story) == expected


def test_a_slip_of_the_keyboard_takes_back_what_the_last_message_added_and_says_so(nlp, assistant, rulebook):
    slip = told(nlp, "my son is really floppy", "SLOPPY sorry autocorrect. he's really sloppy about keeping the "
                "plaster on his verruca")
    assert slip.retracted == ("sepsis_signs",) and not slip.story.emergencies
    assert "If it is, call {emergency_number} now" in change_said(slip, rulebook)


@pytest.mark.parametrize("messages", [
    # the slip's message names a sign word, or a sign: it may be telling it again
    ("she's floppy", "sorry autocorrect I meant she's really sleepy and won't wake"),
    ("my throat is tight", "*chest autocorrect"),
    ("he's fitting", "*fitting autocorrect, he's shaking all over"),
    ("my lips are swelling", "autocorrect, my lips are swelling!!"),
    ("my lips are swelling", "ignore the autocorrect, please help"),
    # a slip blamed on an earlier message, not the last one
    ("my lips are swelling", "the spot is red", "sorry autocorrect"),
    # a slip that retypes another word, or a sign's own word (safety review, round 9)
    ("my 3 year old has gone really floppy and wont wake up properly, verruca frozen on tuesday", "*thursday"),
    ("my lips are swelling up and my throat feels tight since the wart on my hamd was frozen", "*hand"),
    ("he is wheezing and cant catch his breth since the verucca was frozen", "*verruca stupid autocorrect"),
    ("red streaks spreading up my arm from the wart and pus, i have a fever of 38.6", "*38.9 sorry"),
    ("cant breathe", "*cant believe lmaooo autocorrect"),
    ("my wart was frozen 3 days ago", "now i've got pus and red lines going up my leg and i feel shivery, 38.5",
     "*lines not likes"),
])
def test_a_slip_of_the_keyboard_that_names_a_sign_takes_nothing_back(nlp, assistant, messages):
    after = told(nlp, *messages)
    assert not after.retracted and level(assistant, after.story) == Level.EMERGENCY


def test_a_correction_that_says_the_sign_again_keeps_it(nlp, assistant):
    moved = told(nlp, "the redness is spreading up my arm from the wart, it's day 4",
                 "my bad, it isn't spreading up my arm, it's spreading down to my wrist")
    assert "spreading_redness" in moved.story.symptoms and level(assistant, moved.story) == Level.URGENT
    still = told(nlp, "im on warfarin and the wart keeps bleeding, pressed for 20 min and it wont stop",
                 "actually its not the wart bleeding, its the scab beside it, still wont stop")
    assert "bleeding" in still.story.symptoms and level(assistant, still.story) >= Level.URGENT


@pytest.mark.parametrize("text", ["it stopped, hasn't started again", "it has not started again"])
def test_a_present_perfect_denies_a_return(nlp, text):
    assert read_message(text, nlp).facts.get("trend") == "stable"


@pytest.mark.parametrize("text", ["it hadn't started again until today", "the swelling hasn't got worse, the pain has",
                                  "it hasn't started again but now it's pouring"])
def test_a_worsening_told_beside_a_denied_one_stays(nlp, text):
    """Round 15's safety review: only a return right after a present perfect is denied."""
    assert read_message(text, nlp).facts.get("trend") == "worsening"


def test_it_stopped_then_actually_its_not_brings_the_bleeding_back(nlp, assistant):
    stopped = told(nlp, "the wart is bleeding", "held a tissue on it and it's stopped")
    assert stopped.resolved == ("bleeding",) and "bleeding" not in stopped.story.symptoms
    back = told(nlp, "actually it's not", story=stopped.story)
    assert "bleeding" in back.story.symptoms and level(assistant, back.story) >= Level.SEE_DOCTOR
    assert Story.from_slot(stopped.story.to_slot()).just_over == ("bleeding",)


@pytest.mark.parametrize("second", ["it stopped, is that normal?", "held it for twenty minutes and it's stopped",
                                    "it's stopped after 1 hour", "I don't think it's stopped", "it stopped. nvm it's bleeding"])
def test_a_stop_told_with_doubt_or_after_long_pressing_ends_no_bleeding(nlp, second):
    story = told(nlp, "the wart is bleeding").story
    assert story.stopped_by(read_message(second, nlp)) == frozenset()
    assert story.stopped_by(read_message("held a tissue on it and it's stopped", nlp)) == frozenset({"bleeding"})


def test_it_stopped_ends_no_bleeding_beside_a_swelling_it_may_be_about(nlp):
    story = told(nlp, "the wart is bleeding and swollen").story
    assert story.stopped_by(read_message("held a tissue on it and it's stopped", nlp)) == frozenset()
