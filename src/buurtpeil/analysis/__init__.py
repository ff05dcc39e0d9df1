"""Survey statistics for Buurtpeil: weights, estimates, change, small areas, Tafel van 12.

Pure NumPy/SciPy: nothing here imports Django or another Buurtpeil app, so the same functions
run in the web application, in reports and on any table at the command line
(``buurtpeil stats FILE.csv``).
"""

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
from buurtpeil.analysis.errors import AnalysisError, ConvergenceError, MarginError

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
