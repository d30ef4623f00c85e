"""Experiment only: the project pipeline with medspaCy ConText in place of negex and the hypothetical screen.
usage: python build_variant.py OUT_DIR (present|historical_absent); see README.md here."""
import sys

import spacy
import context_adapter  # noqa: F401  registers "context_adapter"
historical = sys.argv[2] == "historical_absent"
nlp = spacy.load("build/spacy_pipeline")  # run from the repository root
nlp.remove_pipe("negex")
nlp.remove_pipe("hypothetical_screen")
nlp.add_pipe("medspacy_context", config={"rules": "default", "span_attrs": "default",
             "allowed_types": ["SYMPTOM", "TREND", "SEVERITY", "RISK", "FLUID"]})
nlp.add_pipe("context_adapter", config={"historical_is_absent": historical})
nlp.to_disk(sys.argv[1])
print(nlp.pipe_names)
