"""A helper's safety review of issue 18's change (about 310 phrasings, 2026-12-05) found these under-triages;
each must now reach at least its level through the real actions, over the messages as told. "check" means the
emergency check: "Call ... now if any of these is happening", asked first."""
import pytest

from tests.bot_messages import triage_payloads
from tests.form_driver import converse

RANK = {"none": 0, "self_care": 1, "see_doctor": 2, "urgent": 3, "emergency": 4}
REVIEWED = [
 ("1 bleed then shock", [("it's pouring with blood from where they froze it","report_pain"),("the bleeding has stopped now but I'm pale and shaky and sweaty","inform")], "emergency"),
 ("2 chest anxious", [("anxious, the chest pain is going down my left arm","report_emergency",["none of these"])], "emergency"),
 ("2b chest dunno", [("dunno if its related, crushing chest pain going into my arm","report_emergency",["none of these"])], "emergency"),
 ("3 treatment", [("after the cryo treatment chest pain started an hour ago","report_pain")], "emergency"),
 ("3b treatment tongue", [("had the treatment, tongue swelling up now","report_pain")], "emergency"),
 ("3c medication", [("on new medication, lips swelling and itchy rash everywhere","report_pain")], "emergency"),
 ("3d inhaler", [("took his inhaler but still can't breathe","report_pain")], "emergency"),
 ("4 antibiotics", [("throat swelling after the antibiotics for the wart","report_pain")], "emergency"),
 ("4b confused fever", [("he seems confused with a high fever","report_pain")], "emergency"),
 ("4c worried dad", [("I'm worried about my dad, he is confused and burning up after his cryo","report_pain")], "emergency"),
 ("5 lingering", [("the wart on my hand was frozen this morning, my lips are still swelling","report_pain")], "emergency"),
 ("6 anxious floppy", [("very anxious about my daughter who is floppy and hard to wake","report_pain")], "emergency"),
 ("6b afraid anaph", [("Im so afraid of anaphylaxis, my tongue feels huge and my throat is tight","report_pain")], "emergency"),
 ("6c worried him", [("really worried about him, he's struggling to breathe","report_pain")], "emergency"),
 ("6d worried as", [("worried as her lips are swelling again","report_pain")], "emergency"),
 ("6e idk", [("idk if this is an allergy, my lips and tongue are swelling and going numb","report_pain")], "emergency"),
 ("7 seizure sleep", [("he had a seizure during his sleep, seems fine now but burning up","report_pain")], "emergency"),
 ("7b chest clinic", [("chest pain at the clinic that hasn't gone, I was fine before the appointment","report_pain")], "emergency"),
 ("8 like when", [("she's having a seizure like when she was 2","report_pain")], "emergency"),
 ("9 floppy hot", [("my daughter had a wart frozen, she's floppy and hot","report_pain")], "emergency"),
 ("9b mottled", [("her skin is mottled and blue","report_pain")], "emergency"),
 ("10 not eating", [("hes not eating lips going blue","report_pain")], "emergency"),
 ("10b no cant", [("no can't breathe properly","report_pain")], "emergency"),
 ("11 other wart", [("my throat feels tight and I'm wheezing a bit","report_emergency"),("also the other wart they froze has a blister, is that normal?","report_blistering")], "emergency"),
 ("11b second wart", [("temp 38.3 since last night after my cryo","report_pain"),("also a second wart they froze has red lines spreading from it","report_pain")], "emergency"),
 ("13 sorry first", [("the wart they froze is leaking yellow pus and it smells","report_oozing"),("sorry, this is the first time I've had cryo so I don't know what's normal","inform")], "urgent"),
 ("14 last time pus", [("there's pus coming out of the wart on my hand","report_oozing"),("last time I had pus they gave me cream","inform")], "urgent"),
 ("14b like last time", [("I've got a fever 38.5 after the freeze","report_pain"),("red lines going up the leg like last time","report_pain")], "emergency"),
 ("15 no improvement", [("red streaks going up my arm from the wart","report_pain"),("sorry, no improvement in the streaks since this morning","inform")], "urgent"),
 ("15b paracetamol", [("I've got a fever","report_pain"),("wait no fever now, took paracetamol an hour ago","inform")], "urgent"),
 ("16 diabetic warfarin", [("I'm diabetic and the spot on my foot has pus","report_oozing"),("sorry also I'm on warfarin","inform")], "emergency"),
 ("16b eyelid", [("blister on my eyelid after cryo yesterday","report_blistering"),("sorry I should say they also froze one on my cheek","inform")], "urgent"),
 ("17 clear also", [("there's yellow gunk coming out of the spot","report_oozing"),("actually there's also some clear fluid","inform")], "urgent"),
 ("18 press", [("it stopped bleeding when I press but starts as soon as I let go","report_oozing")], "urgent"),
 ("19 stopped dizzy", [("bleeding really heavily and won't stop","report_oozing"),("the bleeding stopped but I feel really dizzy and faint","inform")], "emergency"),
 ("20 giulia", [("Hi it's Giulia, Matteo is not ok at all","report_emergency")], "check"),
 ("21 will not stop", [("my lips will not stop swelling","report_pain")], "emergency"),
 ("21b more and more", [("lips getting more and more swollen","report_pain")], "emergency"),
 ("21c ribs", [("his ribs are sucking in when he breathes","report_pain")], "emergency"),
 ("21d shutting", [("my throat feels like it's shutting","report_pain")], "emergency"),
 ("wc yes", [("got a blister where they froze the wart on my finger 3 days ago","report_blistering",["no","yes the first one"])], "urgent"),
 ("wc kinda", [("got a blister where they froze the wart on my finger 3 days ago","report_blistering",["no","kinda"])], "urgent"),
]


@pytest.mark.parametrize("name, steps, least", REVIEWED, ids=[case[0] for case in REVIEWED])
def test_a_reviewed_story_reaches_its_level(name, steps, least):
    conversation = None
    for text, intent, *answers in steps:
        conversation = converse(text, intent, answers[0] if answers else (), conversation=conversation)
    levels = [payload["level"] for payload in triage_payloads(conversation.turns[-1])]
    first = next((m["text"] for m in conversation.turns[-1] if m.get("text")), "")
    if least == "check":
        assert first.startswith("Call") and first.endswith("happening now?")
    else:
        assert levels and RANK[levels[-1]] >= RANK[least], (levels, first)
        assert least != "emergency" or first.startswith("Call")
