import pytest

from actions.message_reading import MAX_CHARS_READ, read_message


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
])
def test_symptoms_are_read_from_the_text(nlp, text, symptoms):
    assert read_message(text, nlp).symptoms == symptoms


@pytest.mark.parametrize("text, affirmed, negated", [
    ("no pus, just a small blister", ("blistering",), ("oozing",)),
    ("my blister isn't leaking", ("blistering",), ("oozing",)),
    ("it's not oozing", (), ("oozing",)),
    ("dont have any pus but its red", ("redness_swelling",), ("oozing",)),
    ("I have no fever, the blister is still there", ("blistering",), ()),
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
])
def test_body_sites_are_read(nlp, text, sites):
    assert read_message(text, nlp).body_sites == sites


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01\x02", "<b>bold</b> <script>x</script>", "😀" * 50])
def test_odd_input_reads_as_nothing(nlp, text):
    assert read_message(text, nlp).symptoms == ()


def test_a_huge_message_is_read_only_up_to_the_limit(nlp):
    reading = read_message("blister " + "x " * MAX_CHARS_READ + " oozing", nlp)
    assert reading.symptoms == ("blistering",)


def test_markup_does_not_hide_a_symptom(nlp):
    assert read_message("<p>it is <b>oozing</b></p>", nlp).symptoms == ("oozing",)


def test_the_patterns_and_the_rulebook_name_the_same_symptoms(rulebook):
    import yaml

    from nlp.build_pipeline import DEFAULT_PATTERNS

    spec = yaml.safe_load(DEFAULT_PATTERNS.read_text())
    assert set(spec["SYMPTOM"]) == set(rulebook.symptoms) - {rulebook.fallback_symptom}
    for label, entities in spec.items():
        for entity_id, phrases in entities.items():
            assert len(phrases) == len(set(phrases)), f"{label}/{entity_id} repeats a phrase"
