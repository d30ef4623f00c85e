"""Builds the project's spaCy pipeline: blank English, a sentencizer (sentences bounded in length), a lookup lemmatizer, an EntityRuler
fed from triage/reading/patterns/entities.yml, negspacy's negex with triage/reading/patterns/negation.yml, and the emergency
screen with triage/reading/patterns/emergency_context.yml, the word-sense screen with word_senses.yml and the
hypothetical screen with hypothetical_context.yml. Rasa's SpacyNLP loads it by path. Every pattern file is checked
against its schema first (pattern_schema.py): an unknown or missing key fails the build, naming the file and the key.

usage: python triage/reading/build_pipeline.py [--patterns FILE] [--negation-terms FILE] [--emergency-context FILE] [--out DIR]
"""
import argparse
from collections import defaultdict
from pathlib import Path
from typing import Dict, Iterable, List, Set

import spacy
import srsly
from spacy_lookups_data import en as english_lookups

from triage.reading import hypothetical_screen  # noqa: F401  registers the "hypothetical_screen" factory
from triage.reading import sentence_bound  # noqa: F401  registers the "sentence_bound" factory
from triage.reading import negation_repairs  # noqa: F401  registers the "negation_repairs" factory
from triage.reading import historical_screen  # noqa: F401  registers the "historical_screen" factory
from triage.reading import word_sense_screen  # noqa: F401  registers the "word_sense_screen" factory
from triage.reading.emergency_screen import LABEL  # importing it registers the "emergency_screen" factory
from triage.reading.pattern_schema import (PATTERNS, EmergencyContext, EntityPatterns, HistoricalContext,
                                           HypotheticalContext, NegationTerms, OverAtTheVisitPhrases, StoryCuePatterns,
                                           ThresholdWords, TreatmentTimingPatterns, WordSenses, load_patterns)

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PATTERNS = PATTERNS / EntityPatterns.FILE
DEFAULT_NEGATION_TERMS = PATTERNS / NegationTerms.FILE
DEFAULT_EMERGENCY_CONTEXT = PATTERNS / EmergencyContext.FILE
DEFAULT_HYPOTHETICAL_CONTEXT = PATTERNS / HypotheticalContext.FILE
DEFAULT_OUT = ROOT / "build" / "spacy_pipeline"
# Emergency signs are not among them: negex's scope is a whole sentence, too wide for a sign that must
# not be missed. The emergency screen reads their denials instead.
NEGATED_LABELS = ["SYMPTOM", "TREND", "SEVERITY", "RISK", "FLUID"]


def inflections_by_lemma() -> Dict[str, Set[str]]:
    """lemma -> every lower-case form that the lookup lemmatizer's table maps to it."""
    forms = defaultdict(set)
    table_path = f'{english_lookups["lemma_lookup"]}.gz'  # the package names its files without .gz
    for form, lemma in srsly.read_gzip_json(table_path).items():
        forms[lemma.lower()].add(form.lower())
    return forms


def typed_variants(word: str, forms: Dict[str, Set[str]]) -> Set[str]:
    """A word, its inflections, those with the final g dropped ("stingin"), typed without the
    apostrophe ("nt") or with a phone's curly one ("n’t")."""
    variants = {word} | forms.get(word, set())
    variants |= {v[:-1] for v in variants if v.endswith("ing") and len(v) > 5}
    variants |= {v.replace("n't", "nt") for v in variants if v == "n't"}  # "cant" is split "ca" + "nt"
    return variants | {v.replace("'", "’") for v in variants if "'" in v}


CONTRACTIONS = ("n't", "'s", "'m", "'re", "'ve", "'ll", "'d")


def contractions_joined(words: List[str]) -> List[str]:
    """["ca", "n't", "breathe"] -> ["can't", "breathe"]: the tokenizer keeps "CAN'T" whole, so the
    pattern needs that spelling too."""
    joined: List[str] = []
    for word in words:
        if word in CONTRACTIONS and joined:
            joined[-1] += word
        else:
            joined.append(word)
    return joined


def phrase_to_patterns(nlp, phrase, forms: Dict[str, Set[str]]) -> List[List[dict]]:
    if isinstance(phrase, list):  # already a spaCy token pattern
        return [phrase]
    words = [token.text.lower() for token in nlp.make_doc(phrase)]
    joined = contractions_joined(words)
    spellings = [words] + ([joined] if joined != words else [])
    return [[{"LOWER": {"IN": sorted(typed_variants(word, forms))}} for word in spelling] for spelling in spellings]


def entity_ruler_patterns(nlp, spec: Dict[str, Dict[str, Iterable[str]]]) -> List[dict]:
    forms = inflections_by_lemma()
    return [
        {"label": label, "id": entity_id, "pattern": pattern}
        for label, entities in spec.items()
        for entity_id, phrases in entities.items()
        for phrase in phrases
        for pattern in phrase_to_patterns(nlp, phrase, forms)
    ]


def negated_endings(terms: NegationTerms) -> List[List[str]]:
    """("wasn't", "coming down"): each negation before each ending (negation.yml's sign_goes_on)."""
    return [[negation, ending] for negation in terms.sign_goes_on.negations for ending in terms.sign_goes_on.endings]


def negation_termset(terms: NegationTerms) -> dict:
    from negspacy.termsets import termset

    negspacy_terms = termset(terms.termset)
    additions = terms.add.dict(exclude_unset=True)
    additions["pseudo_negations"] += [" ".join(pair) for pair in negated_endings(terms)]  # negation_repairs.py
    negspacy_terms.add_patterns(additions)
    return negspacy_terms.get_patterns()


def build(patterns_path: Path = DEFAULT_PATTERNS, negation_terms_path: Path = DEFAULT_NEGATION_TERMS,
          emergency_context_path: Path = DEFAULT_EMERGENCY_CONTEXT,
          hypothetical_context_path: Path = DEFAULT_HYPOTHETICAL_CONTEXT):
    # Every pattern file is checked against its schema as it is read (pattern_schema.py), and the screens' files
    # again when the pipeline is loaded: an unknown or missing key fails, naming the file and the key.
    entities = load_patterns(EntityPatterns, patterns_path).dict()
    negation_terms = load_patterns(NegationTerms, negation_terms_path)
    emergency_context = load_patterns(EmergencyContext, emergency_context_path).dict()
    over_at_the_visit = load_patterns(OverAtTheVisitPhrases).dict()
    word_senses = load_patterns(WordSenses).dict(exclude_unset=True)  # a sense's defaults stay left out
    hypothetical_context = load_patterns(HypotheticalContext, hypothetical_context_path).dict()
    historical_context = load_patterns(HistoricalContext).dict()
    for read_at_run_time in (StoryCuePatterns, TreatmentTimingPatterns, ThresholdWords):  # fail here rather than then
        load_patterns(read_at_run_time)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")  # negex scopes negation within a sentence
    nlp.add_pipe("sentence_bound")  # and the screens look at a sign's sentence: bounded
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    # Emergency signs are read first and screened before anything else is read, so that a sign set
    # aside ("the wart on my chest hurts") leaves its words to the other patterns (chest, pain).
    emergency_ruler = nlp.add_pipe("entity_ruler", name="emergency_ruler", config={"validate": True})
    nlp.add_pipe("emergency_screen", config={"context": emergency_context, "over_at_the_visit": over_at_the_visit})
    ruler = nlp.add_pipe("entity_ruler", config={"validate": True})  # keeps the signs: overwrite_ents is off
    nlp.add_pipe("word_sense_screen", config={"context": word_senses})
    nlp.add_pipe("negex", config={"ent_types": NEGATED_LABELS, "neg_termset": negation_termset(negation_terms)})
    nlp.add_pipe("negation_repairs", config={"endings": negated_endings(negation_terms),
                                             "perfect": negation_terms.perfect_denials.dict(),
                                             "in_clause": negation_terms.denied_in_clause.dict(),
                                             "labels": NEGATED_LABELS})
    nlp.add_pipe("hypothetical_screen", config={"context": hypothetical_context})
    nlp.add_pipe("historical_screen", config={"context": historical_context, "over_at_the_visit": over_at_the_visit})
    nlp.initialize()  # loads the lemma tables; it would also empty the rulers, so patterns come after
    emergency_ruler.add_patterns(entity_ruler_patterns(nlp, {LABEL: entities.pop(LABEL)}))  # type: ignore[attr-defined]  # an EntityRuler
    ruler.add_patterns(entity_ruler_patterns(nlp, entities))  # type: ignore[attr-defined]  # an EntityRuler
    return nlp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patterns", type=Path, default=DEFAULT_PATTERNS)
    parser.add_argument("--negation-terms", type=Path, default=DEFAULT_NEGATION_TERMS)
    parser.add_argument("--emergency-context", type=Path, default=DEFAULT_EMERGENCY_CONTEXT)
    parser.add_argument("--hypothetical-context", type=Path, default=DEFAULT_HYPOTHETICAL_CONTEXT)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    import negspacy.negation  # noqa: F401  registers the "negex" factory for this build

    nlp = build(args.patterns, args.negation_terms, args.emergency_context, args.hypothetical_context)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(args.out)
    patterns = len(nlp.get_pipe("emergency_ruler")) + len(nlp.get_pipe("entity_ruler"))
    print(f"built {args.out} with {patterns} patterns: {nlp.pipe_names}")


if __name__ == "__main__":
    main()
