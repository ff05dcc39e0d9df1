"""Second reference for the Fay-Herriot EBLUP: samplics' EblupAreaModel (REML) on fay_herriot.csv.

samplics is not a dependency of Buurtpeil; run this in a separate environment from the
repository root, after make_golden_fay_herriot.R has written the data:

    .tools/bin/uv venv /tmp/samplics-env -p 3.11
    .tools/bin/uv pip install -p /tmp/samplics-env/bin/python samplics==0.6.1
    /tmp/samplics-env/bin/python tests/analysis/golden/make_golden_fay_herriot.py

Writes tests/analysis/golden/fay_herriot_samplics.json.
"""

from __future__ import annotations

import csv
import datetime
import importlib.metadata
import json
import platform
import sys
import warnings
from pathlib import Path

import numpy as np

with warnings.catch_warnings():
    warnings.simplefilter("ignore", FutureWarning)  # samplics announces it is archived
    import samplics
    from samplics.sae import EblupAreaModel
    from samplics.utils.types import FitMethod

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "data" / "fay_herriot.csv"

CALL = (
    "model = EblupAreaModel(method=FitMethod.reml); "
    "model.fit(yhat=y, X=x, area=area, error_std=np.sqrt(psi), intercept=True, tol=1e-12, maxiter=1000); "
    "model.predict(X=x, area=area, intercept=True)"
)


def main() -> None:
    with DATA.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    area = np.array([r["area"] for r in rows])
    y = np.array([float(r["y"]) for r in rows])
    psi = np.array([float(r["psi"]) for r in rows])
    x = np.array([[float(r["x1"]), float(r["x2"])] for r in rows])

    model = EblupAreaModel(method=FitMethod.reml)
    model.fit(yhat=y, X=x, area=area, error_std=np.sqrt(psi), intercept=True, tol=1e-12, maxiter=1000)
    model.predict(X=x, area=area, intercept=True)
    if not model.convergence["achieved"]:
        raise SystemExit(f"samplics did not converge: {model.convergence}")
    golden = {
        "provenance": {
            "tool": "samplics",
            "samplics_version": importlib.metadata.version("samplics"),
            "samplics_module_version": samplics.__version__,
            "numpy_version": np.__version__,
            "python_version": platform.python_version(),
            "date": datetime.datetime.now(tz=datetime.UTC).date().isoformat(),
            "script": "tests/analysis/golden/make_golden_fay_herriot.py",
            "data_file": "fay_herriot.csv",
            "call": CALL,
            "estimator": "REML by Fisher scoring; MSE = g1 + g2 + 2 g3 (Prasad-Rao with REML)",
            "convergence": {
                k: (bool(v) if isinstance(v, np.bool_) else v) for k, v in model.convergence.items()
            },
        },
        "model": {
            "response": "y",
            "sampling_variance": "psi",
            "covariates": ["x1", "x2"],
            "intercept": True,
            "method": "REML",
        },
        "sigma_u2": float(model.re_std) ** 2,
        "beta": dict(zip(["intercept", "x1", "x2"], (float(b) for b in model.fixed_effects), strict=True)),
        "beta_se": dict(zip(["intercept", "x1", "x2"], (float(b) for b in model.fe_std), strict=True)),
        "areas": [
            {"area": str(a), "eblup": float(model.area_est[a]), "mse": float(model.area_mse[a])} for a in area
        ],
    }
    path = HERE / "fay_herriot_samplics.json"
    path.write_text(json.dumps(golden, indent=1) + "\n", encoding="utf-8")
    sys.stdout.write(f"wrote {path}\n")


if __name__ == "__main__":
    main()
