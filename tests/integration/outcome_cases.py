"""One conversation for each kind of outcome, shared by the event brokers' tests (SQL and RabbitMQ)."""

OUTCOMES = [
    # sender, message, answers, level, assessed, language
    ("ev-emergency", "my throat is swelling up and I can't breathe properly", [], "emergency", True, "en"),
    ("ev-urgent", "there is pus coming out of it and I have a fever", ["no"], "urgent", True, "en"),
    ("ev-see-doctor", "there is liquid oozing from it", ["clear"], "see_doctor", True, "en"),
    ("ev-self-care", "ow, the frozen bit is really stinging this evening", ["it's easing off", "none of these"],
     "self_care", True, "en"),
    ("ev-spanish", "¿Qué debo hacer con la ampolla? Me duele mucho", [], "urgent", False, "es"),
]
PATIENT_WORDS = ["stinging this evening", "throat is swelling", "Me duele mucho", "oozing from it"]
