"""Survey statistics for Buurtpeil: weights, estimates, change, small areas, Tafel van 12.

Pure NumPy/SciPy: nothing here imports Django or another Buurtpeil app, so the same functions
run in the web application, in reports and on any table at the command line
(``buurtpeil stats FILE.csv``).
"""

from buurtpeil.analysis.errors import AnalysisError, ConvergenceError, MarginError

__all__ = ["AnalysisError", "ConvergenceError", "MarginError"]
