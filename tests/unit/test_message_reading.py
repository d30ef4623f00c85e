from datetime import date

import pytest

from triage.reading.message import MAX_CHARS_READ, read_message


@pytest.mark.parametrize("text, symptoms", [
    ("there's a blister on my finger", ("blistering",)),
    ("BLISTERS everywhere!!", ("blistering",)),
    ("got a blistr", ("blistering",)),
    ("it keeps weeping and it's sore", ("oozing", "pain")),
    ("the skin went paler", ("lightened_skin",)),
    ("hair hasn't grown back there", ("hair_loss",)),
    ("it's numb and a bit itchy", ("numbness_irritation",)),
    ("red and swollen", ("redness_swelling",)),
    ("there's a scab", ("scab",)),
    ("I'm fine, thanks", ()),
    ("its stingin a bit", ("pain",)),
    ("the spot went white", ("lightened_skin",)),
    ("hair on my eyebrow hasnt grown back", ("hair_loss",)),
    ("blood wont stop", ("bleeding",)),
    ("hello, I have a fever", ("fever",)),
    ("there are red lines going up my arm", ("spreading_redness",)),
    ("greenish gunk and it stinks", ("infected_discharge", "oozing")),
    ("my finger is swollen and the ring is really tight", ("redness_swelling", "tight_ring")),
    ("cant get my wedding ring off", ("tight_ring",)),
    ("the ring I cannot take off", ("tight_ring",)),
    ("my ring isnt tight", ()),
    ("I can get my ring off fine", ()),
    ("the ringing in my ears", ()),
    # late marks and loose words, from the patients' corpus
    ("there's a dent where the verruca was", ("scar",)),
    ("it left a brownish mark on my cheek", ("darkened_skin",)),
    ("my toenail is coming off since they froze the wart", ("nail_change",)),
    ("the wart grew back", ("lesion_changes",)),
    ("the skin around it feels warm", ("inflamed_skin",)),
    ("a bit of wetness coming out and the skin round it is warmer", ("oozing", "inflamed_skin")),
    ("the skin around the wart is angry looking", ("infected_discharge",)),
    ("the weather is warm today", ()),
    ("the skin around the wart has been hot for a few hours", ("inflamed_skin",)),
    # a person hot is a fever, the weather hot no sign (safety review)
    ("Had a wart frozen yesterday and I've been hot and cold all night", ("fever",)),
    ("its been hot and cold and I feel rough, cryo 2 days back", ("fever",)),
    ("he's been really hot since the freezing", ("fever",)),
    ("my daughter had a wart frozen yesterday and she's been really hot and floppy", ("sepsis_signs",)),
    ("Wart frozen 5 days ago, it has been hot weather here, can I go swimming?", ()),
    ("it's been so hot outside", ()),
    ("my pinky is swollen and the ring on it is really tight", ("redness_swelling", "tight_ring")),
    ("the scab is still there on my leg", ("scab",)),
    ("the scab fell off but the wart is still there", ("scab", "scab_came_off", "lesion_persists")),
    ("the scab came off a month ago but it's still there", ("scab", "scab_came_off", "lesion_persists")),
    ("The swelling has gone down but it's still there after 5 weeks", ("redness_swelling", "lesion_persists")),
    ("Frozen 5 days ago and it's hot in the area around it", ("inflamed_skin",)),
    ("The skin on my hand is really hot today, it was frozen 6 days ago", ("inflamed_skin",)),
    ("the plaster is soaked with fluid every morning", ("oozing",)),
    ("the dressing gets soaked in fluid overnight", ("oozing",)),
    ("I was hot from the gym and the blister looks fine", ("blistering",)),
    ("she got hot running around and the blister looks fine", ("blistering",)),
    ("my son got very hot overnight, his verruca was frozen yesterday", ("fever",)),
    ("the plaster was soaked with smelly liquid", ("oozing", "infected_discharge")),
    ("It's hot lately around the scab and red, frozen a week ago", ("inflamed_skin", "scab", "redness_swelling")),
    ("no scab, still there 6 weeks later", ("lesion_persists",)),
    ("I'm worried it won't go, it's been 2 months", ("lesion_persists",)),
    ("he won't go to school", ()),
    ("my ring on the finger they froze yesterday is really tight", ("tight_ring",)),
    ("my ring is too small now, the finger has swollen since the freezing", ("tight_ring", "redness_swelling")),
    ("I took my ring off before, the plaster is tight", ()),
    ("my ring is snug and the finger is swollen after cryo", ("tight_ring", "redness_swelling")),
    ("blister burst, skin underneath is red raw, warm and oozing, day 4",
     ("blistering", "redness_swelling", "inflamed_skin", "oozing")),
    ("it started bleeding and wouldn't stop", ("bleeding",)),
    ("the spot is a bit pinkish and warm today", ("inflamed_skin",)),
    ("my wedding ring on that finger is getting really tight", ("tight_ring",)),
    ("it's been red and warm since this morning", ("inflamed_skin",)),
    ("it feels a bit warm", ("inflamed_skin",)),
    ("I soaked it in warm water", ()),
    ("my ring won't go over my knuckle", ("tight_ring",)),
    ("it keeps dripping blood", ("bleeding",)),
    # markup around a sign: only real tags go, and a colon ends a denial
    ("<<<I have a fever and the spot is red>>>", ("fever", "redness_swelling")),
    ("&lt;b&gt;it's oozing&lt;/b&gt;", ("oozing",)),
    ("<img src=x onerror=alert(1)> there is pus", ("infected_discharge",)),
    ("I know it's fine so don't worry me: there is pus", ("infected_discharge",)),
    # round 7's development half: pressure held on the wound is held on a bleeding, the room spinning is dizziness,
    # breathlessness at rest and breathing that feels strange are emergency signs
    ("it caught on my sock, been pressing a folded towel on it for 25 min and it's still soaking through", ("bleeding",)),
    ("pressing 20 min can't get it to stop", ("bleeding",)),
    ("it's gone through 3 pads and now the bathroom's spinning", ("fainting",)),
    ("I'm puffing like I've run up stairs just sitting here", ("breathing_difficulty",)),
    ("I feel like I will faint and breathing feel strange", ("breathing_difficulty", "fainting")),
    # ...and hay fever is no fever, nor "nothing coming out of it" an oozing (but the blister named after it counts)
    ("my hay fever is bad this year and there's a small blister", ("blistering",)),
    ("No redness around it, nothing coming out of it, he says it doesn't hurt.", ()),
    ("Nothing coming out of my blister but it's huge and tight and on my eyelid", ("blistering",)),
    # pins and needles are a numbness, hair that does not grow a hair loss, and a car that failed its MOT no failed
    # treatment
    ("fingertip still kinda numb where they froze my wart, like pins n needles when i press it", ("numbness_irritation",)),
    ("the hair is not growing there anymore, only a small round place without hair", ("hair_loss",)),
    ("my car failed its MOT so I walk a lot and the wart they froze is tender", ("pain",)),
    ("there's still a scab on it, flat and brownish. I burn really easily by the pool", ("scab", "darkened_skin")),
    ("the hard skin came off but theres still the lil black dots in it", ("scab_came_off", "lesion_persists")),
])
def test_symptoms_are_read_from_the_text(nlp, text, symptoms):
    assert read_message(text, nlp).symptoms == symptoms


@pytest.mark.parametrize("text, affirmed, negated", [
    ("no pus, just a small blister", ("blistering",), ("infected_discharge",)),
    ("my blister isn't leaking", ("blistering",), ("oozing",)),
    ("it's not oozing", (), ("oozing",)),
    ("dont have any pus but its red", ("redness_swelling",), ("infected_discharge",)),
    ("I have no fever, the blister is still there", ("blistering",), ("fever",)),
    ("I don't have a fever but it's oozing yellow stuff", ("oozing", "infected_discharge"), ("fever",)),
    ("it isn't cloudy or smelly", (), ("infected_discharge",)),
    ("no pain", (), ("pain",)),
])
def test_negated_symptoms_are_told_apart(nlp, text, affirmed, negated):
    reading = read_message(text, nlp)
    assert reading.symptoms == affirmed
    assert reading.negated_symptoms == negated


@pytest.mark.parametrize("text, sites", [
    ("blister on my eyelid", ("eye",)),
    ("a spot on the back of my hand", ("hand",)),
    ("my feet and my lower back", ("foot", "trunk")),
    ("the hair grew back", ()),
    # a site in a clause that only denies or clears is not where the spot is
    ("No fever, breathing is fine, lips and tongue aren't swollen, the blister on my hand is sore", ("hand",)),
    ("no swelling of my lips or face, just a blister on my finger", ("finger",)),
    # ...a clause that only clears, with no sign denied, keeps its site (errs upward)
    ("my eyes are fine, the scab on my foot itches", ("eye", "foot")),
    # ...but a clause that names a sign it does not deny keeps its sites
    ("lips not swollen just a blister on the top lip", ("lips_mouth",)),
    ("the blister on my lip is sore, no fever", ("lips_mouth",)),
    ("no fever but my eyelid has blistered", ("eye",)),
])
def test_body_sites_are_read(nlp, text, sites):
    assert read_message(text, nlp).body_sites == sites


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01\x02", "<b>bold</b> <script>x</script>", "😀" * 50])
def test_odd_input_reads_as_nothing(nlp, text):
    assert read_message(text, nlp).symptoms == ()


@pytest.mark.parametrize("bound", [MAX_CHARS_READ // 4])  # the rule holds for any bound; a quarter reads 4 x faster
def test_a_huge_message_is_read_only_up_to_the_limit(nlp, bound, monkeypatch):
    # its start and its end are read (a new sign comes last in a long story), not the middle
    monkeypatch.setattr("triage.reading.message.MAX_CHARS_READ", bound)
    reading = read_message("blister " + "x " * bound + " oozing " + "x " * bound + " pus", nlp)
    assert reading.symptoms == ("blistering", "infected_discharge")


def test_markup_does_not_hide_a_symptom(nlp):
    assert read_message("<p>it is <b>oozing</b></p>", nlp).symptoms == ("oozing",)


def test_the_patterns_and_the_rulebook_name_the_same_symptoms(rulebook):
    import yaml

    from triage.reading.build_pipeline import DEFAULT_PATTERNS
    from triage.followup import UNNAMED_WARNING_SIGN
    from triage.turn import EMERGENCY_UNNAMED, HEALING_WELL

    spec = yaml.safe_load(DEFAULT_PATTERNS.read_text())
    # the fallback is no reading's; an unnamed emergency is confirmed at the emergency check (triage/turn.py), an
    # unnamed warning sign at the warning check (triage/followup.py), healing well by the turn (triage/turn.py)
    assert set(spec["SYMPTOM"]) | set(spec["EMERGENCY"]) == set(rulebook.symptoms) - {
        rulebook.fallback_symptom, EMERGENCY_UNNAMED, UNNAMED_WARNING_SIGN, HEALING_WELL}
    for label, entities in spec.items():
        for entity_id, phrases in entities.items():
            keys = [str(phrase) for phrase in phrases]
            assert len(keys) == len(set(keys)), f"{label}/{entity_id} repeats a phrase"


@pytest.mark.parametrize("text, facts", [
    ("the pain got better at first but since yesterday it's much worse, day 4 now",
     {"days_since_treatment": 4, "trend": "worsening"}),
    ("they froze a spot 6 weeks ago and it's still there", {"days_since_treatment": 42}),
    ("it's not getting better after a couple of weeks", {"days_since_treatment": 14, "trend": "worsening"}),
    ("it is improving, frozen 3 days ago", {"days_since_treatment": 3, "trend": "improving"}),
    ("frozen this morning", {"days_since_treatment": 0}),
    ("huge blister and I can't walk", {"severity": ["large", "impairs_walking"]}),
    ("a blood blister on her sole and she won't put any weight on that foot", {"severity": ["impairs_walking"]}),
    ("she's hopping everywhere since the blister came up", {"severity": ["impairs_walking"]}),
    ("it's bleeding and won't stop", {"severity": ["not_stopping"]}),
    ("froze it 7 days ago, it's getting redder every day", {"trend": "worsening"}),  # round 13's review
    ("frozen 6 days ago, getting redder", {"trend": "worsening"}),
    ("been bleeding 45 min even pressing on it", {"severity": ["not_stopping"]}),  # round 13: wu-059
    ("still oozing blood despite pressure", {"severity": ["not_stopping"]}),
    ("it bled even though we've been pressing a tissue on it", {"severity": ["not_stopping"]}),
    ("blister on my foot and I'm diabetic", {"risk_factors": ["diabetes"], "body_sites": ["foot"]}),
    ("I failed my blood sugar test at the GP and the blister is on my foot", {"risk_factors": ["diabetes"]}),
    ("I'm not diabetic", {"risk_factors": []}),
    ("about the same really", {"trend": "stable"}),
    ("it's not getting any worse", {"trend": "stable"}),
    ("no its getting better now", {"trend": "improving"}),  # an answering "no" denies nothing after it
    ("no pus, the fluid is clear", {"fluid": "clear"}),
    ("it's oozing yellow stuff", {"fluid": "infected"}),
    ("a blister", {"body_sites": None, "severity": None, "risk_factors": None}),  # unsaid is unknown
])
def test_facts_are_read_from_the_text(nlp, text, facts):
    read = read_message(text, nlp).facts
    assert {name: read.get(name) for name in facts} == facts


@pytest.mark.parametrize("text, question, own", [
    ("does it hurt", True, False),
    ("should blisters be popped?", True, False),
    ("my blister isn't leaking, should I pop it?", True, True),
    ("the scab fell off and underneath its pink", False, False),
    ("I've got a scab", False, True),
])
def test_questions_and_own_reports_are_told_apart(nlp, text, question, own):
    reading = read_message(text, nlp)
    assert (reading.is_question, reading.reports_own_symptom) == (question, own)


@pytest.mark.parametrize("text, answer", [
    ("not sure", "not_sure"), ("I'm not sure", "not_sure"), ("dunno", "not_sure"), ("no idea tbh", "not_sure"),
    ("yes", "yes"), ("Yeah I am", "yes"), ("no", "no"), ("nope, it's small", "no"),
    ("2 days ago", None), ("I know it has no pus", None),
])
def test_short_answers_are_read(nlp, text, answer):
    assert read_message(text, nlp).answer == answer


@pytest.mark.parametrize("text, symptoms, asked_about", [
    ("if it starts oozing, do I need a doctor?", (), ("oozing",)),
    ("is there a risk of infection?", (), ("infected_discharge",)),
    ("how do I avoid scarring?", (), ("scar",)),
    ("could their entire foot become infected?", (), ("infected_discharge",)),
    ("will it get infected if I swim?", (), ("infected_discharge",)),
    # unsure about now is no hypothetical: it counts
    ("could it be infected?", ("infected_discharge",), ()),
    ("it's getting infected", ("infected_discharge",), ()),
    # unsure is not hypothetical, and an unsure warning sign counts
    ("not sure if there's pus", ("infected_discharge",), ()),
    ("I can't tell if it's infected", ("infected_discharge",), ()),
    ("there is pus, if that matters", ("infected_discharge",), ()),
    # foreseen, not there now: a future modal, or a clinician's modal after a reporting verb
    ("the doctor said it is going to spread to his mouth", (), ("spreading_redness",)),
    ("will frozen warts spread to other areas of the body?", (), ("lesion_changes",)),
    ("I'll be stuck with a scar", (), ("scar",)),
    ("it was going to be painful once the nerves thawed", (), ("pain",)),
    ("he mentioned I might have a couple of red blotches", (), ("redness_swelling",)),
    ("she told me it could blister", (), ("blistering",)),
    ("My sister keeps saying the swelling could spread down to my throat", ("redness_swelling",), ("spreading_redness",)),
    ("my mum reckons it could get infected", (), ("infected_discharge",)),
    ("my sister keeps saying the redness is spreading", ("spreading_redness",), ()),
    # ...but there now: a guess about now, a sign that has not stopped, one asked to go away, a feeling
    ("the nurse said it might be infected", ("infected_discharge",), ()),
    ("it will not stop bleeding", ("bleeding",), ()),
    ("will the pus go away?", ("infected_discharge",), ()),
    ("when will the redness fade?", ("redness_swelling",), ()),
    ("it's going red and hot", ("inflamed_skin",), ()),
    ("I feel like I'm going to pass out", ("fainting",), ()),
    ("bye, going to bed with a temperature", ("fever",), ()),
    ("she said I am going to bed with a temperature", ("fever",), ()),
    ("I will take paracetamol for the pain", ("pain",), ()),
    # "if the blister ..." presupposes the blister: what happens to it is the condition, not the sign itself;
    # a warning sign after "if the" is asked about as often as told, and stays hypothetical
    ("if the blood blister burst do i need to come in? its not burst yet", ("blistering",), ()),
    ("what if my blister gets infected", ("blistering",), ("infected_discharge",)),
    ("if the blister starts, what do I do?", (), ("blistering",)),
    ("what if the pus comes out when I shower?", (), ("infected_discharge",)),
    ("what happens if the bleeding doesn't stop?", (), ("bleeding",)),
    # a lasting mark feared in the future is asked about; a warning sign feared, a spot still there, or a fear
    # of now, counts
    ("im scared it will leave a white patch", (), ("lightened_skin",)),
    ("i'm worried it won't stop bleeding", ("bleeding",), ()),
    ("I'm worried the wart won't go away, it's been 6 weeks since they froze it", ("lesion_persists",), ()),
    ("i'm worried it's a scar", ("scar",), ()),
    ("worried because the wart is still there after 6 weeks", ("lesion_persists",), ()),
    # a condition the patient says holds ("cos mine is") is a report
    ("if the blister is hot to touch is that ok, cos mine is, 4 days after", ("blistering", "inflamed_skin"), ()),
    ("if the skin round it is warm is that bad? because mine is, day 5", ("inflamed_skin",), ()),
    # a condition about anyone at all reaches further; about me it stays close ("if I squeeze it, pus comes out")
    ("if a patient after cryo went on to develop a bad fever with redness spreading, is that 999?", (),
     ("fever", "redness_swelling", "spreading_redness")),
    ("if I squeeze it a bit of pus comes out", ("infected_discharge",), ()),
    # a forecast the patient says came true
    ("he said they might come back, and they did", ("lesion_changes",), ()),
    ("she said it could get infected and it did", ("infected_discharge",), ()),
    # how to tell whether it is infected asks what to look for; not knowing whether, or a sign described, counts
    ("How I know if it is infected? My skin tag froze 4 days ago, is only a small scab now.", ("scab",),
     ("infected_discharge",)),
    ("how can you tell if there's pus", ("infected_discharge",), ()),
    ("not sure if there's pus", ("infected_discharge",), ()),
    ("how do I know if it's infected, there's yellow pus coming out", ("infected_discharge",), ()),
])
def test_a_symptom_only_asked_about_is_told_apart_from_one_reported(nlp, text, symptoms, asked_about):
    reading = read_message(text, nlp)
    assert reading.symptoms == symptoms and reading.asked_about == asked_about


@pytest.mark.parametrize("text", [
    "the dermatologist diagnosed it as a viral infection",
    # a return visit, a saying, a time still ahead, sore as a noun
    "she told me to come back in a month", "I have to go back in 3 months", "it gets worse before it gets better",
    "the sore on my lower lip was frozen", "I'd look like I had a cold sore", "I put a creamy moisturiser on it",
])
def test_sign_words_that_mean_something_else_are_no_sign(nlp, text):
    assert read_message(text, nlp).symptoms == ()


@pytest.mark.parametrize("text, severity", [
    ("it's very painful, frozen 2 days ago", "very_painful"),
    ("excruciating, frozen yesterday", "very_painful"),
    ("the blister is so tight it feels like it's going to burst and it's agony", "tense"),
])
def test_a_severity_that_names_the_pain_reports_it(nlp, text, severity):
    reading = read_message(text, nlp)
    assert "pain" in reading.symptoms
    assert severity in reading.facts["severity"]


def test_a_wart_burned_off_is_the_treatment_not_a_pain(nlp):
    assert read_message("it had to be burned off with liquid nitrogen", nlp).symptoms == ()
    assert read_message("I had the wart burnt off yesterday and now it really burns", nlp).symptoms == ("pain",)
    assert read_message("it has been burning off and on since they froze it", nlp).symptoms == ("pain",)


def test_a_time_still_ahead_is_no_time_since_the_treatment(nlp):
    assert "days_since_treatment" not in read_message("the blister was frozen, I go back in 3 weeks", nlp).facts
    assert read_message("it was frozen 3 weeks ago", nlp).facts["days_since_treatment"] == 21


def test_a_treatment_to_no_avail_failed(nlp):
    assert read_message("we had them frozen and lasered, to no avail", nlp).facts["treatments"] == "failed"


def test_warts_that_spread_are_new_warts_to_check_not_an_infection(nlp):
    assert read_message("the warts have spread to my other fingers", nlp).symptoms == ("lesion_changes",)
    assert read_message("the largest one has spread halfway around the nail", nlp).symptoms == ("lesion_changes",)
    assert "spreading_redness" in read_message("the redness has spread around the nail", nlp).symptoms


def test_no_pattern_word_was_read_by_yaml_as_a_boolean():
    # YAML reads unquoted on, off, no and yes as booleans: a token pattern would then never match.
    import yaml

    from triage.reading.build_pipeline import DEFAULT_PATTERNS

    def booleans(node, path=()):
        if isinstance(node, bool):
            yield path
        elif isinstance(node, dict):
            for key, value in node.items():
                yield from booleans(value, path + (key,))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from booleans(value, path + (index,))

    for path in sorted(DEFAULT_PATTERNS.parent.glob("*.yml")):
        found = [p for p in booleans(yaml.safe_load(path.read_text())) if p[-1] not in ("IS_ALPHA", "LIKE_NUM", "IS_PUNCT")]
        assert not found, f"{path.name}: quote these words: {found}"


@pytest.mark.parametrize("text, symptoms", [
    # no denial, though the words look like one
    ("I've never seen red streaks like this", ("spreading_redness",)),
    ("without a doubt it's pus", ("infected_discharge",)),
    ("I didn't have a fever yesterday but today I do", ("fever",)),
    ("I've never seen lips swell like this", ("anaphylaxis",)),
    # a measure in angle brackets is no markup
    ("the blister is <1cm, now there is pus and a fever >38", ("blistering", "infected_discharge", "fever")),
    # a warning sign at the end of a long story
    ("it was a long day. " * 400 + "and now there is pus", ("infected_discharge",)),
])
def test_words_that_look_like_a_denial_or_markup_do_not_hide_a_sign(nlp, text, symptoms):
    assert read_message(text, nlp).symptoms == symptoms


def test_a_real_denial_still_counts(nlp):
    assert read_message("I've never had a fever", nlp).negated_symptoms == ("fever",)
    assert read_message("I don't have a fever but it's oozing", nlp).negated_symptoms == ("fever",)


@pytest.mark.parametrize("text, symptom", [
    # warning signs in words that looked like a denial, or in words the patterns missed
    ("no matter what I do it keeps oozing pus", "infected_discharge"),
    ("it's not bleeding much but it won't stop", "bleeding"),
    ("the redness is creeping up my leg", "spreading_redness"),
    ("the finger with the ring is really swollen", "tight_ring"),
    ("swollen finger and my ring is still on", "tight_ring"),
    ("got a fevr since last nite after the wart freez", "fever"),
    ("my rign is realy tight", "tight_ring"),
    ("froze a skin tag 2 days ago, it's gone black", "scab"),
    ("my nail has gone funny since they froze the wart next to it", "nail_change"),
    ("there's a nasty discharge from the frozen mole", "infected_discharge"),
])
def test_a_warning_sign_is_read_where_the_words_hid_it(nlp, text, symptom):
    assert symptom in read_message(text, nlp).symptoms


def test_a_bleeding_nothing_stops_and_a_worsening_by_degrees_are_read(nlp):
    assert read_message("nothing I do stops the bleeding", nlp).facts["severity"] == ["not_stopping"]
    assert read_message("increasingly painful since Tuesday", nlp).facts["trend"] == "worsening"


def test_a_ring_taken_off_is_no_tight_ring(nlp):
    assert "tight_ring" not in read_message("I took my ring off and the finger is a bit swollen", nlp).symptoms


def test_a_spot_gone_black_is_a_scab_after_freezing_and_a_change_to_check_without(nlp):
    assert read_message("froze a skin tag 2 days ago, it's gone black", nlp).symptoms == ("scab",)
    assert read_message("my mole is turning black", nlp).symptoms == ("lesion_changes",)


@pytest.mark.parametrize("text, symptoms", [
    # told of the distant past: not this spot now, and its time is not this treatment's
    ("last year I had pus after a freeze but this time it's just a small blister", ("blistering",)),
    ("when I was a kid I had a fever after a wart freeze, now I just have a blister", ("blistering",)),
    # ...but a past that goes on, or a recent one, still counts
    ("it has had pus for years", ("infected_discharge",)),
    ("the wart was frozen last year and it is still there", ("lesion_persists",)),
    ("there was pus when I changed the plaster an hour ago", ("infected_discharge",)),
    # ...and so does one told of now in the present tense
    ("there is a white scar where they froze my wart last year", ("scar",)),
    ("the mole they froze last year has come back", ("lesion_changes",)),
    # a time next to the freezing tells when it was done, not that the symptom is past
    ("the wart they froze last year came back", ("lesion_changes",)),
    ("in 2019 I had pus after a freeze but this time it's just a small blister", ("blistering",)),
    # ...but this year is no distant past
    (f"in {date.today().year} I had pus after a freeze", ("infected_discharge",)),
    # an age then is a distant past
    ("she had a febrile convulsion when she was 2, now her blister is fine", ("blistering",)),
    ("he had a fever when he was a baby, the spot has a scab", ("scab",)),
    # ...not an age told in days or weeks, nor a sign since then
    ("she had a fever when she was 2 weeks old", ("fever",)),
    ("he has had pus on and off since he was little", ("infected_discharge",)),
])
def test_a_symptom_told_of_the_distant_past_is_not_triaged(nlp, text, symptoms):
    reading = read_message(text, nlp)
    assert reading.symptoms == symptoms
    # the past's time ("last year") is no time since this treatment; a present one's is
    assert (reading.facts.get("days_since_treatment") == 365) == ("last year" in text and "I had" not in text)


@pytest.mark.parametrize("text, symptom", [
    # a past told in one clause does not set aside a sign told of this treatment in another (safety review)
    ("Last time it healed fine but this one went green and smelly", "infected_discharge"),
    ("Back in 2019 I had a skin tag frozen and had no problems, then on Monday I had another one frozen and it "
     "started oozing pus", "infected_discharge"),
    ("Previously I had my warts frozen without problems, but after this freeze on Friday I got the chills and red "
     "streaks", "spreading_redness"),
    ("A year ago I was diagnosed with diabetes, my verruca was frozen a week ago and it went green and smelly",
     "infected_discharge"),
    ("Years back I had one frozen, this time it's my eyelid and it blistered", "blistering"),
    ("It was the first time I had it frozen and the blister went yellow and oozed", "oozing"),
    ("a year ago I had it frozen and it came back", "lesion_changes"),
    # a time that opens a sentence does not frame the signs in its later clauses (safety review of round 7)
    ("Last time I wrote you said the redness was normal, its spreading up my arm and I feel feverish and shivery",
     "spreading_redness"),
    ("Last time I had cryo it bled a bit, it's bleeding again and I feel faint", "bleeding"),
])
def test_a_past_in_one_clause_leaves_a_sign_of_now_in_another(nlp, text, symptom):
    assert symptom in read_message(text, nlp).symptoms


@pytest.mark.parametrize("text, symptom, facts", [
    # words of the usual course, and of a course that turned, found by probing phrasings of our own
    ("the skin tag they froze on Monday has shrivelled", "scab", {}),
    ("there's a white ring around where the wart was frozen", "lightened_skin", {}),
    ("it's been 3 weeks and the wart looks exactly the same", "lesion_persists", {"days_since_treatment": 21}),
    ("it was fine but since yesterday the whole toe is red, hot and throbbing", "inflamed_skin",
     {"trend": "worsening"}),
    ("it's weeping a creamy stuff", "infected_discharge", {}),
    ("the blister is so big I can't put my shoe on", "blistering", {"severity": ["large", "impairs_walking"]}),
    # a spot that stayed, in more words
    ("my age spot was frozen 8 weeks ago and it still looks the same", "lesion_persists", {"days_since_treatment": 56}),
    ("there's still a bit of the wart left a month after freezing", "lesion_persists", {"days_since_treatment": 30}),
    ("it's been two months and nothing has happened to the wart", "lesion_persists", {"days_since_treatment": 60}),
    ("it did not fall off after freezing and it's been 4 weeks", "lesion_persists", {"days_since_treatment": 28}),
    ("the wart was frozen ages ago and it's still there", "lesion_persists", {"days_since_treatment": 60}),
    ("the area where they froze my wart is permanently white", "lightened_skin", {}),
    ("there's a white blotch where the age spot used to be", "lightened_skin", {}),
])
def test_more_patient_words_are_read(nlp, text, symptom, facts):
    reading = read_message(text, nlp)
    assert symptom in reading.symptoms
    assert {name: reading.facts.get(name) for name in facts} == facts


@pytest.mark.parametrize("text, symptoms", [
    # a bleeding its sentence says is over
    ("the bleeding from the scab stopped after I pressed on it", ("scab",)),
    ("it stopped bleeding", ()),
    ("it bled a bit, but that has stopped now", ()),
    ("the bleeding from the scab stopped after i pressed on it, its fine now, just a small scab again", ("scab",)),
    # ...or the next sentence, of a word pointing back to it, or of the same sign told again
    ("it bled when I combed my hair. I held a flannel on it for 10 mins and it's stopped.", ()),
    ("it was bleeding. it's stopped now", ()),
    ("it started bleeding but I pressed on it for 10 minutes and it stopped, hasn't started again", ()),
    ("the scab bled a bit. no more blood since, it stopped", ("scab",)),
    # ...but a sign of infection said to be over still counts: pus wiped away may still be an infection
    ("had a temperature last week with a cold but that's gone now, the spot has a small scab", ("fever", "scab")),
    ("there was a bit of pus but it has cleared up", ("infected_discharge",)),
    ("there was pus this morning, it's gone now but the skin is hot", ("infected_discharge", "inflamed_skin")),
    # ...not one denied over, come back, or only gone a colour
    ("the bleeding hasn't stopped", ("bleeding",)),
    ("it stopped bleeding, then started again", ("bleeding",)),
    ("it bled loads. i pressed on it and it stopped but now its pouring again", ("bleeding",)),
    ("its bleeding. i pressed for 20 mins and it still hasnt stopped", ("bleeding",)),
    ("it bled. i thought it had stopped", ("bleeding",)),
    ("it's bleeding. my phone has stopped working", ("bleeding",)),
    ("it's bleeding a lot. I've stopped my aspirin", ("bleeding",)),
    ("pus came out, it cleared up but came back", ("infected_discharge", "lesion_changes")),
    # ...nor one whose sentence ends something else, or only expected it to end
    ("there's pus coming out, so I stopped using the plaster", ("infected_discharge",)),
    ("I've got a fever and my appetite has gone.", ("fever",)),
    ("the red line has gone down my arm to my wrist", ("spreading_redness",)),
    ("it's oozing yellow stuff, I thought it had healed", ("oozing", "infected_discharge")),
    ("the bleeding stopped then kept going", ("bleeding",)),
    ("the bleeding stopped, it was fine, now it's pouring again", ("bleeding",)),
    ("it bled heavily and I fainted, I'm fine now", ("bleeding", "fainting")),
    ("the area has gone red and hot", ("inflamed_skin",)),
    # ...and only a warning sign: "the redness has gone down" still tells of a healing spot
    ("pus, but the redness has gone down", ("infected_discharge", "redness_swelling")),
])
def test_a_warning_sign_said_to_be_over_is_not_triaged(nlp, text, symptoms):
    assert read_message(text, nlp).symptoms == symptoms


@pytest.mark.parametrize("text, came_off", [
    ("frozen 10 days ago and it's still there, when will it fall off", False),
    ("thought it would drop off by now", False),
    ("waiting for the scab to come off", False),
    ("when it fell off, the wart was still there", True),
    ("the scab has come off", True),
])
def test_a_scab_still_waited_for_has_not_come_off(nlp, text, came_off):
    assert ("scab_came_off" in read_message(text, nlp).symptoms) == came_off


@pytest.mark.parametrize("text, large", [
    ("the blister is the size of a pea", False),
    ("a blister the size of a golf ball", True),
    ("blister the size of a grape on my heel", True),
])
def test_a_blister_the_size_of_a_large_thing_is_large(nlp, text, large):
    assert ("large" in (read_message(text, nlp).facts.get("severity") or [])) == large


@pytest.mark.parametrize("text, fainting_denied", [
    ("pressing doesn't help she fainted just now", False),
    ("he didn't faint", True),
    ("she has not fainted", True),
])
def test_a_denial_ends_where_a_new_subject_starts(nlp, text, fainting_denied):
    faints = [m for m in read_message(text, nlp).mentions if m.id == "fainting"]
    assert faints and all(m.negated is fainting_denied for m in faints)


# The round-9 safety review's messages: each sign is still read, or the spot's site still taken.
@pytest.mark.parametrize("text, symptom", [
    # a "stopped" in the next sentence that is about something else, or undone
    ("It's bleeding quite a lot from where they froze the wart. It has stopped me sleeping.", "bleeding"),
    ("It's bleeding. It's stopped hurting though.", "bleeding"),
    ("it's bleeding. it's stopped raining so i can drive to the clinic", "bleeding"),
    ("I am bleeding from the spot. I was on warfarin but they stopped it.", "bleeding"),
    ("there is blood coming through the plaster. it stopped once when i pressed. now theres more", "bleeding"),
    ("spot on my nose is bleeding again. it stopped after i pressed. it has started again, this is the third time",
     "bleeding"),
    ("it bled a lot, i pressed on it and it stopped but not for long its pouring again", "bleeding"),
    ("it bled, I pressed on it and it stopped but didnt stay stopped now its going again", "bleeding"),
    ("The bleeding stopped but no sooner had I sat down than it started again", "bleeding"),
    ("it bled loads and it stopped, i can't believe it's started again", "bleeding"),
    ("it bleeds every time i touch it. it has stopped now though", "bleeding"),
    # a question how to tell that presupposes the sign, describes it, or asks about something else
    ("How do I know if these red lines going up my arm are serious?", "spreading_redness"),
    ("how long to see if the pus settles?", "infected_discharge"),
    ("how can you tell if its infected its hot red and throbbing", "infected_discharge"),
    ("how do I know if it's bleeding too much, it's soaked 3 plasters", "bleeding"),
    # "when ... was small" of the blisters, a bracket that says now, a time that is no age
    ("the blisters filled with pus when they were small, now they're massive", "infected_discharge"),
    ("I had pus coming out the first time I changed the dressing (still there now)", "infected_discharge"),
    ("My son got a temperature when he was 4 (he's 4 now) after the wart freeze", "fever"),
    ("when we were 20 minutes into the walk he started shivering with a temperature", "fever"),
    ("it started bleeding when I was 2 stops from home on the bus", "bleeding"),
    # a faint at the visit whose all-clear is denied a few words before, or is about the wound
    ("She nearly fainted while the nurse was freezing her wart and she has not really been ok since", "fainting"),
    ("passed out while being treated. can't say I've been ok since to be honest", "fainting"),
    ("I fainted while the GP froze the wart. I've not felt right since. The wound looks ok after I cleaned it",
     "fainting"),
])
def test_the_round_nine_review_keeps_each_sign(nlp, text, symptom):
    assert symptom in read_message(text, nlp).symptoms


@pytest.mark.parametrize("text", [
    "my face went numb and my lips swelled while the doctor was freezing the spot, I have not really been okay afterwards",
    "he went grey and clammy while being treated and never felt ok after",
])
def test_the_round_nine_review_keeps_an_emergency_at_the_visit_that_is_not_over(nlp, text):
    assert read_message(text, nlp).emergency_signs


@pytest.mark.parametrize("text, site", [
    ("Yesterday my eyelid looked normal, today it has a big blister", "eye"),
    ("I can't open my eye properly, the blister is so swollen", "eye"),
    ("froze wart on inner lip no pain but blister", "lips_mouth"),
    ("My lip isn't swollen but there's a blister where they froze it", "lips_mouth"),
    ("cryo on my lip 2 days ago no swelling but theres a blood blister", "lips_mouth"),
])
def test_the_round_nine_review_keeps_the_only_site_named(nlp, text, site):
    assert site in read_message(text, nlp).body_sites



@pytest.mark.parametrize("text, fever", [
    # a thermometer below 38 °C overrides a felt fever (the reference's 38 °C)...
    ("felt kinda feverish so took my temp, 37.2 so nah", False),
    ("is 37.5 a fever", False),
    ("I feel hot in the body so I measure: 36.9", False),
    # ...not chills, nor a reading a medicine or the time may have lowered
    ("shivery and hot, temp 37.6", True),
    ("she was burning up all night, gave calpol and now it's 37.4", True),
    ("he was boiling, it was higher earlier, 37.8 now", True),
    ("burning up, 38.4", True),
])
def test_a_thermometer_below_38_overrides_a_felt_fever(nlp, text, fever):
    assert ("fever" in read_message(text, nlp).symptoms) == fever


@pytest.mark.parametrize("text, present, absent", [
    ("Denies fever, rigors, dyspnoea.", (), ("fever", "breathing_difficulty")),
    ("Denies fever, pus coming out of the blister", ("infected_discharge",), ("fever",)),
    ("Pt denies rigors, c/o fever since last night", ("fever",), ()),
])
def test_a_clinical_list_of_denials_denies_its_items_only(nlp, text, present, absent):
    symptoms = read_message(text, nlp).symptoms
    assert set(present) <= set(symptoms) and not set(absent) & set(symptoms)
