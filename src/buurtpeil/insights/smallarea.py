"""Model-based figures for buurten whose own figure is hidden (pure: no Django).

Per indicator, a Fay-Herriot model (``analysis.fay_herriot``) is fitted over the buurten whose
direct figure is shown (reliable or indicative), with the sampling variance SE² and the buurten's
population structure as auxiliary data (``buurt_covariates``). A buurt whose figure is suppressed,
or that has no respondents, gets the model's *synthetic* estimate x'β: a function of the shown
figures and the population register only, never of its own respondents, so it reveals nothing
of them. It is stored as ``{"s": "model", "e", "l", "h", "se"}`` (``se`` the root MSE, the
interval ±1.96 root MSE clipped to the indicator's scale) and never with a number of
respondents. Shown and indicative buurten keep their direct figure (docs/statistics.md).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from buurtpeil.analysis import AnalysisError, fay_herriot
from buurtpeil.insights.weighting import BuurtPopulation

COVARIATES = ("intercept", "log inhabitants", "share 0-15", "share 15-25", "share 65+", "share women")
MIN_DEGREES_OF_FREEDOM = 10  # buurten with a direct figure beyond the model's coefficients
Z = 1.959964  # 95% interval


def buurt_covariates(population: Mapping[str, BuurtPopulation]) -> dict[str, tuple[float, ...]]:
    """``COVARIATES`` per buurt from the population register; a buurt without inhabitants (a
    park, a business estate) has none and gets no model-based figure."""
    rows = {}
    for code, buurt in population.items():
        inhabitants = sum(buurt.age_group.values())
        sexes = sum(buurt.sex.values())
        if inhabitants <= 0 or sexes <= 0:
            continue
        ages = [buurt.age_group.get(group, 0) / inhabitants for group in ("0_15", "15_25", "65_plus")]
        rows[code] = (1.0, math.log(inhabitants), *ages, buurt.sex.get("female", 0) / sexes)
    return rows


def model_figures(
    figures: Mapping[str, Mapping[str, Any]],
    auxiliary: Mapping[str, Sequence[float]],
    bounds: tuple[float, float],
) -> dict[str, dict[str, Any]]:
    """{buurt: model-based figure} for the buurten of ``figures`` (one indicator's stored
    figures per buurt) whose figure is suppressed and that have ``auxiliary`` data. Empty when
    too few buurten have a direct figure or the model cannot be fitted."""
    codes = [code for code in figures if code in auxiliary]
    hidden = [i for i, code in enumerate(codes) if figures[code].get("s") == "suppressed"]
    direct = np.full(len(codes), np.nan)
    se = np.full(len(codes), np.nan)
    for i, code in enumerate(codes):
        figure = figures[code]
        if figure.get("s") in ("shown", "indicative") and (figure.get("se") or 0) > 0:
            direct[i], se[i] = figure["e"], figure["se"]
    x = np.array([auxiliary[code] for code in codes], dtype=np.float64).reshape(len(codes), -1)
    if not hidden or np.count_nonzero(~np.isnan(direct)) < x.shape[1] + MIN_DEGREES_OF_FREEDOM:
        return {}
    try:
        fit = fay_herriot(direct, se**2, x)
    except (AnalysisError, np.linalg.LinAlgError):
        return {}
    low, high = bounds
    result = {}
    for i in hidden:
        estimate = min(max(float(fit.synthetic[i]), low), high)
        rmse = float(fit.rmse[i])
        result[codes[i]] = {
            "s": "model",
            "e": round(estimate, 4),
            "l": round(max(estimate - Z * rmse, low), 4),
            "h": round(min(estimate + Z * rmse, high), 4),
            "se": round(rmse, 6),
        }
    return result
