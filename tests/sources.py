"""The clinical sources the rule book quotes, in ../shared beside the repository."""
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ARTICLE = REPO.parent / "shared" / "seed-article.txt"
CLINICAL_REFERENCE = REPO.parent / "shared" / "clinical-reference.md"
