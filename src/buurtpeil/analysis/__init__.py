"""Survey statistics for Buurtpeil: weights, estimates, change, small areas, Tafel van 12.

Pure NumPy/SciPy: nothing here imports Django or another Buurtpeil app, so the same functions
run in the web application, in reports and on any table at the command line
(``buurtpeil stats FILE.csv``).

The public names are loaded on first use (``_EXPORTS`` says where each lives), so that the
command line starts without importing SciPy's modules it does not need and can load the rest
while it reads the file. To add a public name: add it to ``_EXPORTS``, to the
``TYPE_CHECKING`` imports (for type checkers) and to ``__all__``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from buurtpeil.analysis.errors import AnalysisError, ConvergenceError, MarginError

if TYPE_CHECKING:
    from buurtpeil.analysis._design import Design, survey_design
    from buurtpeil.analysis._estimate import STATISTICS, Estimates, estimate
    from buurtpeil.analysis._groups import Categorical, factorize
    from buurtpeil.analysis._intervals import (
        PROPORTION_METHODS,
        korn_graubard_interval,
        logit_interval,
        proportion_interval,
        wald_interval,
    )
    from buurtpeil.analysis._raking import Margin, Weighting, WeightingReport, kish, margin, rake

_EXPORTS: dict[str, str] = {
    "Design": "_design",
    "survey_design": "_design",
    "STATISTICS": "_estimate",
    "Estimates": "_estimate",
    "estimate": "_estimate",
    "Categorical": "_groups",
    "factorize": "_groups",
    "PROPORTION_METHODS": "_intervals",
    "korn_graubard_interval": "_intervals",
    "logit_interval": "_intervals",
    "proportion_interval": "_intervals",
    "wald_interval": "_intervals",
    "Margin": "_raking",
    "Weighting": "_raking",
    "WeightingReport": "_raking",
    "kish": "_raking",
    "margin": "_raking",
    "rake": "_raking",
}


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "PROPORTION_METHODS",
    "STATISTICS",
    "AnalysisError",
    "Categorical",
    "ConvergenceError",
    "Design",
    "Estimates",
    "Margin",
    "MarginError",
    "Weighting",
    "WeightingReport",
    "estimate",
    "factorize",
    "kish",
    "korn_graubard_interval",
    "logit_interval",
    "margin",
    "proportion_interval",
    "rake",
    "survey_design",
    "wald_interval",
]
