"""Speed of the analysis core on a large installation, printed as figures.

Generates 1,000,000 responses over 2,000 buurten in 200 wijken with 30 indicators (12 Likert
1-5 items, 10 yes/no shares, 8 report marks 1-10; 2-15 % missing per item), with design
weights per buurt (letter samples: buurt population over its respondents) and a panel that
over-represents older residents. Weighting: raking to age group (6) x sex by wijk (2,400 cells)
and to the buurt populations (2,000 cells), the way a wave is weighted in Buurtpeil.

(a) in memory: raking, then the mean of every indicator for every buurt with SE (accounting
    for the raking) and 95 % CI;
(b) ``buurtpeil stats`` as a subprocess on the same data written as CSV (parsing included);
(c) the ``svy`` library (bench dependency group) on 300,000 rows by 2,000 buurten for one
    indicator, checked against this package, with both times and the ratio.

Run: .tools/bin/uv sync --frozen --group bench && .venv/bin/python bench/analysis.py
     (then .tools/bin/uv sync --frozen to return to the project's environment).
Options: --skip-svy, --svy-rows N.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl

from buurtpeil.analysis import Categorical, estimate, margin, rake, survey_design

N_ROWS = 1_000_000
N_BUURTEN = 2_000
BUURTEN_PER_WIJK = 10
AGE_GROUPS = ("15-24", "25-34", "35-44", "45-54", "55-64", "65+")
SEXES = ("m", "v")
N_LIKERT, N_SHARES, N_MARKS = 12, 10, 8


def generate(n_rows: int, seed: int = 2026) -> dict[str, object]:
    rng = np.random.default_rng(seed)
    n_cells = len(AGE_GROUPS) * len(SEXES)
    wijk_of_buurt = np.arange(N_BUURTEN) // BUURTEN_PER_WIJK
    population = rng.integers(800, 9000, N_BUURTEN).astype(float)
    # age x sex structure per wijk (population) and a panel that leans older
    share = rng.dirichlet(np.full(n_cells, 20.0), N_BUURTEN // BUURTEN_PER_WIJK)
    older = np.tile(np.linspace(0.6, 1.6, len(AGE_GROUPS)).repeat(len(SEXES)), (share.shape[0], 1))
    sample_share = share * older
    sample_share /= sample_share.sum(axis=1, keepdims=True)
    respondents = rng.multinomial(n_rows, population / population.sum())
    buurt = np.repeat(np.arange(N_BUURTEN), respondents)
    rng.shuffle(buurt)
    wijk = wijk_of_buurt[buurt]
    cumulative = np.cumsum(sample_share, axis=1)[wijk]
    cell = (rng.random(n_rows)[:, None] > cumulative).sum(axis=1).clip(0, n_cells - 1)
    design_weight = (population / np.maximum(respondents, 1))[buurt]

    # indicators: a buurt effect and an age effect, then missing values
    buurt_effect = rng.normal(0, 0.35, N_BUURTEN)[buurt]
    age_effect = (cell // len(SEXES) - 2.5) * 0.08
    columns: dict[str, np.ndarray] = {}
    for k in range(N_LIKERT + N_SHARES + N_MARKS):
        latent = buurt_effect + age_effect + rng.normal(0, 1, n_rows)
        if k < N_LIKERT:
            values = np.clip(np.round(3 + latent), 1, 5)
        elif k < N_LIKERT + N_SHARES:
            values = (latent > 0.8).astype(float)
        else:
            values = np.clip(np.round(7 + 1.2 * latent), 1, 10)
        values[rng.random(n_rows) < rng.uniform(0.02, 0.15)] = np.nan
        columns[f"q{k + 1:02d}"] = values

    wijk_cell = wijk * n_cells + cell
    cell_labels = np.array(
        [f"W{w:03d}/{a}/{s}" for w in range(share.shape[0]) for a in AGE_GROUPS for s in SEXES], dtype=object
    )
    buurt_labels = np.array([f"BU{b:04d}" for b in range(N_BUURTEN)], dtype=object)
    wijk_population = np.bincount(wijk_of_buurt, weights=population)
    cell_totals = (share * wijk_population[:, None]).ravel()
    return {
        "indicators": columns,
        "buurt": buurt,
        "wijk_cell": wijk_cell,
        "design_weight": design_weight,
        "cell_labels": cell_labels,
        "buurt_labels": buurt_labels,
        "cell_totals": cell_totals,
        "buurt_totals": population,
    }


def in_memory(data: dict, repeats: int = 3) -> tuple[float, float, object]:
    table = dict(data["indicators"])
    table["buurt"] = Categorical(codes=data["buurt"], labels=data["buurt_labels"])
    cells = Categorical(codes=data["wijk_cell"], labels=data["cell_labels"])
    best_rake = best_total = np.inf
    result = None
    for _ in range(repeats):
        start = time.perf_counter()
        design = survey_design(weights=data["design_weight"])
        margins = [
            margin("wijk_age_sex", cells, dict(zip(data["cell_labels"], data["cell_totals"], strict=True))),
            margin(
                "buurt", table["buurt"], dict(zip(data["buurt_labels"], data["buurt_totals"], strict=True))
            ),
        ]
        weighting = rake(design, margins)
        raked = time.perf_counter()
        result = estimate(table, values=list(data["indicators"]), by=["buurt"], design=weighting.design)
        done = time.perf_counter()
        best_rake = min(best_rake, raked - start)
        best_total = min(best_total, done - start)
    return best_rake, best_total, (result, weighting.report)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=N_ROWS)
    parser.add_argument("--skip-svy", action="store_true")
    parser.add_argument("--svy-rows", type=int, default=300_000)
    args = parser.parse_args()

    t0 = time.perf_counter()
    data = generate(args.rows)
    print(
        f"generated {args.rows:,} responses, {N_BUURTEN:,} buurten, 30 indicators in "
        f"{time.perf_counter() - t0:.1f} s"
    )

    rake_s, total_s, (result, report) = in_memory(data)
    print("\n(a) in memory (best of 3)")
    print(
        f"    raking to {len(data['cell_labels']):,} wijk x age x sex cells + {N_BUURTEN:,} buurten: "
        f"{rake_s * 1000:8.0f} ms  ({report.iterations} iterations, largest gap {report.largest_gap:.1e}, "
        f"n_eff {report.n_effective:,.0f}, deff {report.design_effect:.2f})"
    )
    print(
        f"    raking + 30 indicators x {N_BUURTEN:,} buurten with SE and CI: {total_s * 1000:8.0f} ms"
        f"  ({len(result):,} estimates)   goal < 1000 ms"
    )
    cli_s = command_line(data)
    print("\n(b) buurtpeil stats as a subprocess, CSV parsing, raking and 60,000 estimates included")
    print(f"    whole run: {cli_s * 1000:8.0f} ms   goal < 3000 ms")
    if not args.skip_svy:
        compare_svy(data, args.svy_rows)


def command_line(data: dict) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        frame = pl.DataFrame(
            {
                "buurt": data["buurt_labels"][data["buurt"]].astype(str),
                "wijk_age_sex": data["cell_labels"][data["wijk_cell"]].astype(str),
                "weight": data["design_weight"],
                **data["indicators"],
            }
        ).with_columns(pl.col(list(data["indicators"])).fill_nan(None))
        frame.write_csv(folder / "responses.csv")
        pl.DataFrame(
            {
                "variable": ["wijk_age_sex"] * len(data["cell_labels"]) + ["buurt"] * N_BUURTEN,
                "category": [*data["cell_labels"], *data["buurt_labels"]],
                "total": [*data["cell_totals"], *data["buurt_totals"]],
            }
        ).write_csv(folder / "margins.csv")
        command = [
            str(Path(sys.executable).parent / "buurtpeil"),
            "stats",
            str(folder / "responses.csv"),
            "--weight",
            "weight",
            "--by",
            "buurt",
            "--rake",
            str(folder / "margins.csv"),
        ]
        for name in data["indicators"]:
            command += ["--value", name]
        best = np.inf
        for _ in range(3):
            start = time.perf_counter()
            done = subprocess.run(command, capture_output=True, check=True)
            best = min(best, time.perf_counter() - start)
        lines = done.stdout.count(b"\n") - 1
        print(
            f"    ({lines:,} rows of output; CSV of {(folder / 'responses.csv').stat().st_size / 1e6:.0f} MB)"
        )
        return best


def compare_svy(data: dict, n_rows: int) -> None:
    rows = np.arange(n_rows)
    y = data["indicators"]["q13"][rows]  # a yes/no share
    keep = ~np.isnan(y)
    rows = rows[keep]
    y = y[keep]
    weights = data["design_weight"][rows]
    buurt = data["buurt"][rows]
    ours_s = np.inf
    for _ in range(5):
        start = time.perf_counter()
        ours = estimate(
            {"y": y, "buurt": Categorical(codes=buurt, labels=data["buurt_labels"])},
            values=["y"],
            by=["buurt"],
            design=survey_design(weights=weights),
        )
        ours_s = min(ours_s, time.perf_counter() - start)
    import svy

    frame = pl.DataFrame({"y": y, "w": weights, "buurt": data["buurt_labels"][buurt].astype(str)})
    start = time.perf_counter()
    peer = svy.Sample(frame, svy.Design(wgt="w")).estimation.mean("y", by="buurt").to_polars()
    peer_s = time.perf_counter() - start
    order = {label: i for i, label in enumerate(ours.groups["buurt"])}
    index = np.array([order[b] for b in peer["buurt"].to_list()])
    est_gap = np.max(np.abs(peer["est"].to_numpy() / ours.estimate[index] - 1))
    se_gap = np.max(np.abs(peer["se"].to_numpy() / ours.se[index] - 1))
    print(f"\n(c) svy on {len(rows):,} rows x {len(ours):,} buurten, one indicator (mean of a yes/no item)")
    print(f"    svy:       {peer_s * 1000:10.0f} ms")
    print(f"    buurtpeil: {ours_s * 1000:10.1f} ms (best of 5)")
    print(f"    ratio:     {peer_s / ours_s:10.0f} x   goal >= 1000 x")
    print(f"    agreement: largest relative difference estimate {est_gap:.1e}, SE {se_gap:.1e}")


if __name__ == "__main__":
    main()
