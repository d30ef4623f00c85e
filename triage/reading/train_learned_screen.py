"""Trains the learned emergency screen (learned_screen.py) on the development cases, never on a held-out half.

A case is one text, its messages joined; it is positive when its expected level is emergency. The classifier's
training examples (data/nlu.yml) and the short English chat of the language test add short messages: without
them "I had cryo last week" scored 0.71. So do the messages of chats with no emergency, one by one: "had a wart
frozen on my foot earlier" scored 0.63. The threshold was chosen by five-fold cross-validation on these cases
(docs/evaluation.md): at 0.6 the screen heard 95% of the emergencies (703/741), 8.5% of the near misses (26/305)
and 0.7% of the other messages (13/1906).

usage: python -m triage.reading.train_learned_screen [--out build/learned_screen.json]
"""
import argparse
import json
import random
from pathlib import Path
from typing import Dict, List, Tuple

import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline, make_union

from triage.reading.learned_screen import DEFAULT_SCREEN

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "triage_cases"
DEVELOPMENT_CASES = ("blind_probes/*_development.yml", "blind_probes/*_round2.yml", "corpus/development.yml",
                     "written_probes/development.yml", "own_cases.yml", "emergency_cases.yml")
NLU_EXAMPLES = ROOT / "data" / "nlu.yml"
SHORT_CHAT = CASES / "language" / "short_chat.yml"
TREATMENT_ONLY = Path(__file__).with_name("learned_screen_negatives.yml")
TREATMENT_ONLY_COUNT, SEED = 400, 18
EMERGENCY_INTENT = "report_emergency"  # triage/turn.py's too: the reading may not import the turn (test_layout.py)
# A near miss told over several messages may open with one that alone is an emergency ("cant breathe 😭😭", then
# "not literally"): its messages are not taken one by one.
NEAR_MISSES = "nearmiss_"
THRESHOLD = 0.6
LONGEST_WORD_NGRAM = 2
CHAR_NGRAM_RANGE = (3, 5)


def development_files() -> List[Path]:
    files = sorted({path for pattern in DEVELOPMENT_CASES for path in CASES.glob(pattern)})
    assert not [path for path in files if "heldout" in path.name], "a held-out half must never train the screen"
    return files


def labelled_texts(files: List[Path]) -> Tuple[List[str], List[int]]:
    texts, labels = [], []
    for path in files:
        for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
            texts.append(" \n ".join(case["turns"]))
            labels.append(int(case["expect"] == "emergency"))
            if case["expect"] != "emergency" and not path.name.startswith(NEAR_MISSES) and len(case["turns"]) > 1:
                texts += case["turns"]  # each message of a chat with no emergency is none either
                labels += [0] * len(case["turns"])
    for intent, examples in nlu_examples().items():
        texts += examples
        labels += [int(intent == EMERGENCY_INTENT)] * len(examples)
    chat = yaml.safe_load(SHORT_CHAT.read_text(encoding="utf-8"))["english"] + treatment_only_messages()
    return texts + chat, labels + [0] * len(chat)


def treatment_only_messages() -> List[str]:
    """TREATMENT_ONLY's templates filled with a fixed seed: the same messages on every build."""
    spec = yaml.safe_load(TREATMENT_ONLY.read_text(encoding="utf-8"))
    lists = {name: spec[name + "s"] for name in ("opener", "lesion", "verb", "site", "time")}
    chooser = random.Random(SEED)
    messages = {" ".join(chooser.choice(spec["templates"]).format(
        **{name: chooser.choice(words) for name, words in lists.items()}).split()) for _ in range(TREATMENT_ONLY_COUNT)}
    return sorted(messages)


def nlu_examples() -> Dict[str, List[str]]:
    """The classifier's examples by intent (data/nlu.yml annotates no entities)."""
    examples = {}
    for block in yaml.safe_load(NLU_EXAMPLES.read_text(encoding="utf-8"))["nlu"]:
        if "intent" in block:
            lines = [line.strip()[2:] for line in block["examples"].splitlines() if line.strip().startswith("- ")]
            examples[block["intent"]] = lines
    return examples


def screen_model():
    features = make_union(
        TfidfVectorizer(analyzer="word", ngram_range=(1, LONGEST_WORD_NGRAM), min_df=2, sublinear_tf=True),
        TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_NGRAM_RANGE, min_df=2, sublinear_tf=True))
    return make_pipeline(features, LogisticRegression(C=10, max_iter=2000, class_weight="balanced"))


def weights_of(vectorizer, coefficients) -> dict:
    return {gram: [round(float(vectorizer.idf_[index]), 6), round(float(coefficients[index]), 6)]
            for gram, index in vectorizer.vocabulary_.items()}


def exported(model) -> dict:
    """A fitted screen_model() as learned_screen.json: each n-gram's idf and coefficient."""
    union, regression = model.steps[0][1], model.steps[1][1]
    (_, words), (_, chars) = union.transformer_list
    coefficients = regression.coef_[0]
    return {"words": weights_of(words, coefficients[:len(words.vocabulary_)]),
            "chars": weights_of(chars, coefficients[len(words.vocabulary_):]),
            "longest_word_ngram": LONGEST_WORD_NGRAM, "char_ngram_range": list(CHAR_NGRAM_RANGE),
            "intercept": float(regression.intercept_[0]), "threshold": THRESHOLD}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(DEFAULT_SCREEN))
    args = parser.parse_args()
    files = development_files()
    texts, labels = labelled_texts(files)
    saved = exported(screen_model().fit(texts, labels))
    saved["trained_on"] = [str(path.relative_to(ROOT)) for path in files]
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
    print(f"trained the learned screen on {len(texts)} cases ({sum(labels)} emergencies) from {len(files)} files: {out}")


if __name__ == "__main__":
    main()
