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
    from buurtpeil.analysis._change import (
        Comparison,
        DifferenceInDifferences,
        compare_change_with_reference,
        compare_with_reference,
        difference_in_differences,
        wave_change,
    )
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
    from buurtpeil.analysis._perceived import (
        BuurtFigures,
        BuurtSafety,
        PerceivedVersusRegistered,
        SafetyClass,
        crime_rate_interval,
        perceived_versus_registered,
    )
    from buurtpeil.analysis._raking import Margin, Weighting, WeightingReport, kish, margin, rake
    from buurtpeil.analysis._relations import (
        AdditiveRelations,
    )
    from buurtpeil.analysis._smallarea import (
        FayHerriotResult,
        SmallAreaSource,
        fay_herriot,
    )
    from buurtpeil.analysis._suppress import (
        CellStatus,
        SuppressionReason,
        SuppressionResult,
        SuppressionRules,
        complementary_suppression,
        determinable_cells,
        suppress_cells,
    )
    from buurtpeil.analysis._tafel import (
        FactorReason,
        FactorSuggestions,
        SuggestionRule,
        TafelProfile,
        suggest_factors,
        tafel_profile,
    )
    from buurtpeil.analysis._tafel_scores import (
        FactorImportance,
        FactorScores,
        ImportanceMethod,
        factor_importance,
        factor_scores,
    )

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
    "BuurtFigures": "_perceived",
    "BuurtSafety": "_perceived",
    "PerceivedVersusRegistered": "_perceived",
    "SafetyClass": "_perceived",
    "crime_rate_interval": "_perceived",
    "perceived_versus_registered": "_perceived",
    "Margin": "_raking",
    "Weighting": "_raking",
    "WeightingReport": "_raking",
    "kish": "_raking",
    "margin": "_raking",
    "rake": "_raking",
    "CellStatus": "_suppress",
    "SuppressionReason": "_suppress",
    "SuppressionRules": "_suppress",
    "SuppressionResult": "_suppress",
    "determinable_cells": "_suppress",
    "complementary_suppression": "_suppress",
    "suppress_cells": "_suppress",
    "AdditiveRelations": "_relations",
    "Comparison": "_change",
    "DifferenceInDifferences": "_change",
    "difference_in_differences": "_change",
    "wave_change": "_change",
    "compare_with_reference": "_change",
    "compare_change_with_reference": "_change",
    "SmallAreaSource": "_smallarea",
    "FayHerriotResult": "_smallarea",
    "fay_herriot": "_smallarea",
    "ImportanceMethod": "_tafel_scores",
    "FactorScores": "_tafel_scores",
    "FactorImportance": "_tafel_scores",
    "factor_scores": "_tafel_scores",
    "factor_importance": "_tafel_scores",
    "SuggestionRule": "_tafel",
    "FactorReason": "_tafel",
    "FactorSuggestions": "_tafel",
    "TafelProfile": "_tafel",
    "suggest_factors": "_tafel",
    "tafel_profile": "_tafel",
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
    "AdditiveRelations",
    "AnalysisError",
    "BuurtFigures",
    "BuurtSafety",
    "Categorical",
    "CellStatus",
    "Comparison",
    "ConvergenceError",
    "Design",
    "DifferenceInDifferences",
    "Estimates",
    "FactorImportance",
    "FactorReason",
    "FactorScores",
    "FactorSuggestions",
    "FayHerriotResult",
    "ImportanceMethod",
    "Margin",
    "MarginError",
    "PerceivedVersusRegistered",
    "SafetyClass",
    "SmallAreaSource",
    "SuggestionRule",
    "SuppressionReason",
    "SuppressionResult",
    "SuppressionRules",
    "TafelProfile",
    "Weighting",
    "WeightingReport",
    "compare_change_with_reference",
    "compare_with_reference",
    "complementary_suppression",
    "crime_rate_interval",
    "determinable_cells",
    "difference_in_differences",
    "estimate",
    "factor_importance",
    "factor_scores",
    "factorize",
    "fay_herriot",
    "kish",
    "korn_graubard_interval",
    "logit_interval",
    "margin",
    "perceived_versus_registered",
    "proportion_interval",
    "rake",
    "suggest_factors",
    "suppress_cells",
    "survey_design",
    "tafel_profile",
    "wald_interval",
    "wave_change",
]
