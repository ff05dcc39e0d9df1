"""Model-based estimates for small areas: the area-level Fay-Herriot model and its EBLUP.

Model (Fay and Herriot 1979; Rao and Molina 2015, ch. 6): for area ``d``

    direct estimate  y_d = theta_d + e_d,       e_d ~ N(0, psi_d)   (psi_d known: the squared SE)
    true value       theta_d = x_d' beta + u_d,  u_d ~ N(0, sigma_u^2)

``sigma_u^2`` is estimated by REML with Fisher scoring (truncated at 0; a bracketed root search
on the REML score takes over if Fisher scoring crawls), ``beta`` by generalised
least squares, and the EBLUP is ``gamma_d y_d + (1 - gamma_d) x_d' beta`` with
``gamma_d = sigma_u^2 / (sigma_u^2 + psi_d)``: the more precise the direct estimate, the more it
counts. Its mean squared error is the Prasad-Rao estimator with the REML form of Datta and Lahiri
(2000): ``g1 + g2 + 2 g3``. Areas without a direct estimate get the synthetic estimate
``x_d' beta`` with MSE ``sigma_u^2 + x_d' (X' V^-1 X)^-1 x_d``.

Every figure from here is model-based and must be shown as such; :class:`FayHerriotResult`
carries the label with it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import optimize  # type: ignore[import-untyped]

from buurtpeil.analysis.errors import AnalysisError, ConvergenceError

__all__ = ["FayHerriotResult", "SmallAreaSource", "fay_herriot"]

FloatArray = NDArray[np.float64]

MODEL_LABEL: Final = "model-based (Fay-Herriot EBLUP)"


class SmallAreaSource(enum.IntEnum):
    """Where an area's model-based estimate comes from."""

    EBLUP = 0  # direct estimate combined with the model
    SYNTHETIC = 1  # no direct estimate: the model's prediction x_d' beta alone


@dataclass(frozen=True, slots=True)
class FayHerriotResult:
    """Fay-Herriot fit and per-area model-based estimates (all arrays have one entry per area).

    ``estimate``: EBLUP (areas with a direct estimate) or synthetic estimate (areas without);
    ``mse`` and ``rmse``: its estimated mean squared error and root; ``source``:
    :class:`SmallAreaSource` codes; ``gamma``: the weight of the direct estimate (0 for synthetic);
    ``synthetic``: ``x_d' beta``; ``g1``, ``g2``, ``g3``: the parts of the MSE (g3 is 0 for
    synthetic areas). ``sigma2_u``, ``beta``, ``beta_cov`` (``(X' V^-1 X)^-1``),
    ``iterations`` and ``boundary`` (REML estimate truncated at 0) describe the fit.
    ``label`` says the figures are model-based; show it with them.
    """

    estimate: FloatArray
    mse: FloatArray
    source: NDArray[np.int8]
    gamma: FloatArray
    synthetic: FloatArray
    g1: FloatArray
    g2: FloatArray
    g3: FloatArray
    sigma2_u: float
    beta: FloatArray
    beta_cov: FloatArray
    iterations: int
    boundary: bool
    label: str = MODEL_LABEL

    @property
    def rmse(self) -> FloatArray:
        return np.sqrt(self.mse)


def _inputs(
    direct: ArrayLike, sampling_variance: ArrayLike, auxiliary: ArrayLike
) -> tuple[FloatArray, FloatArray, FloatArray, NDArray[np.bool_]]:
    y = np.asarray(direct, dtype=np.float64)
    psi = np.asarray(sampling_variance, dtype=np.float64)
    x = np.asarray(auxiliary, dtype=np.float64)
    if x.ndim == 1:
        x = x[:, None]
    if y.ndim != 1 or psi.shape != y.shape or x.ndim != 2 or x.shape[0] != y.shape[0]:
        raise AnalysisError(
            "direct (m,), sampling_variance (m,) and auxiliary (m, p) for the same m areas",
            f"shapes {y.shape}, {psi.shape}, {x.shape}",
        )
    if not np.all(np.isfinite(x)):
        rows = np.flatnonzero(~np.all(np.isfinite(x), axis=1))
        raise AnalysisError(
            "finite auxiliary values for every area",
            "NaN or infinite",
            "every area needs its auxiliary data, also areas without a direct estimate",
            column="auxiliary",
            row=int(rows[0]) + 1,
        )
    if np.any(np.isinf(y)):
        raise AnalysisError("finite direct estimates or NaN for none", "an infinite value", column="direct")
    sampled = ~np.isnan(y)
    bad = sampled & ~(np.isfinite(psi) & (psi > 0))
    if np.any(bad):
        raise AnalysisError(
            "a sampling variance > 0 for every area with a direct estimate",
            f"{psi[bad][0]!r}",
            "an area whose direct estimate has no spread (e.g. 0% or 100%) needs a smoothed variance",
            column="sampling_variance",
            row=int(np.flatnonzero(bad)[0]) + 1,
        )
    p = x.shape[1]
    m = int(sampled.sum())
    if m <= p:
        raise AnalysisError(
            f"more areas with a direct estimate than auxiliary columns ({p})",
            f"{m} areas",
            "use fewer auxiliary variables or pool more areas",
        )
    if np.linalg.matrix_rank(x[sampled]) < p:
        raise AnalysisError(
            "auxiliary columns that are not linear combinations of each other",
            f"rank {np.linalg.matrix_rank(x[sampled])} for {p} columns",
            "drop a duplicated or constant-sum column",
            column="auxiliary",
        )
    return y, psi, x, sampled


def _gls(y: FloatArray, x: FloatArray, v: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """beta, (X' V^-1 X)^-1 and the REML projection pieces for diagonal V."""
    xv = x / v[:, None]
    info = x.T @ xv
    cov = np.asarray(np.linalg.inv(info), dtype=np.float64)
    beta = cov @ (xv.T @ y)
    return beta, cov, xv


def _reml_score(y: FloatArray, x: FloatArray, psi: FloatArray, sigma2: float) -> tuple[float, float]:
    """REML score and Fisher information for sigma_u^2 (Rao and Molina 2015, eq. 6.1.20 ff.)."""
    v = sigma2 + psi
    beta, cov, xv = _gls(y, x, v)
    p_y = (y - x @ beta) / v  # P y
    # P = V^-1 - V^-1 X cov X' V^-1 ; tr(P) and tr(P P) from its diagonal-plus-low-rank form.
    vinv = 1.0 / v
    h = xv @ cov  # m x p
    trace_p = float(np.sum(vinv) - np.sum(h * xv))
    # tr(P^2) = sum v^-2 - 2 tr(C X'V^-3 X) + tr((C X'V^-2 X)^2), C = (X'V^-1 X)^-1.
    c_a2 = cov @ (xv.T @ xv)
    c_a3 = cov @ (xv.T @ (xv * vinv[:, None]))
    trace_pp = float(np.sum(vinv**2) - 2.0 * np.trace(c_a3) + np.trace(c_a2 @ c_a2))
    score = -0.5 * trace_p + 0.5 * float(p_y @ p_y)
    return score, 0.5 * trace_pp


def _reml(
    y: FloatArray, x: FloatArray, psi: FloatArray, *, tol: float, max_iter: int
) -> tuple[float, int, bool]:
    """REML estimate of sigma_u^2: (estimate, iterations, truncated at 0).

    Fisher scoring from the median of psi (as R's sae does). Fisher scoring converges linearly
    and can crawl when the expected information is far from the observed one (near the
    boundary); if it has not settled within ``max_iter`` steps, the root of the score is found
    by Brent's method in a bracket, which is still the REML estimate. Steps and the bracket are
    measured against ``sigma_u^2 + median(psi)``, so the tolerance does not depend on the scale.
    """
    scale = float(np.median(psi))
    sigma2 = scale
    score0 = _reml_score(y, x, psi, 0.0)[0]
    if score0 <= 0.0:
        # The restricted likelihood falls from 0 on: the maximum on [0, inf) is at 0.
        return 0.0, 0, True
    for iteration in range(1, max_iter + 1):
        score, info = _reml_score(y, x, psi, sigma2)
        new = sigma2 + score / info
        if new <= 0.0:
            new = sigma2 / 2.0  # the score at 0 points up, so the maximum lies above 0
        if abs(new - sigma2) <= tol * (new + scale):
            return new, iteration, False
        sigma2 = new
    return _reml_bracketed(y, x, psi, sigma2, scale, tol=tol, max_iter=max_iter), max_iter, False


def _reml_bracketed(
    y: FloatArray, x: FloatArray, psi: FloatArray, start: float, scale: float, *, tol: float, max_iter: int
) -> float:
    def score(s: float) -> float:
        return _reml_score(y, x, psi, s)[0]

    low, high = 0.0, max(start, scale)
    for _ in range(200):
        if score(high) < 0.0:
            break
        low, high = high, 2.0 * high
    else:
        raise ConvergenceError(
            "a REML score that turns negative for a large sigma_u^2",
            f"still positive at {high!r}",
            "check the direct estimates and sampling variances for extreme values",
        )
    try:
        root = optimize.brentq(
            score, low, high, xtol=tol * scale, rtol=4 * np.finfo(float).eps, maxiter=max_iter
        )
    except RuntimeError as exc:
        raise ConvergenceError(
            f"REML for sigma_u^2 to settle in {max_iter} Fisher-scoring and {max_iter} bracketed steps",
            f"no convergence between {low!r} and {high!r}",
            "check the sampling variances (psi) and the auxiliary data, or raise max_iter",
        ) from exc
    return float(root)


def fay_herriot(
    direct: ArrayLike,
    sampling_variance: ArrayLike,
    auxiliary: ArrayLike,
    *,
    sigma2_u: float | None = None,
    tol: float = 1e-10,
    max_iter: int = 100,
) -> FayHerriotResult:
    """Fit the Fay-Herriot model and return model-based estimates for every area.

    ``direct``: the direct estimate per area, NaN for an area without one (too few respondents
    or suppressed); ``sampling_variance``: its squared standard error (ignored where direct is
    NaN); ``auxiliary``: the (m, p) matrix of area data (include a column of ones for an
    intercept), known for every area. ``sigma2_u``: fix the area-effect variance instead of
    estimating it (then g3 is 0, as the variance is not estimated). ``tol``: step size, relative to
    ``sigma_u^2 + median(psi)``, at which Fisher scoring stops; ``max_iter``: Fisher-scoring steps
    before the bracketed search takes over (which has as many steps); a :class:`ConvergenceError`
    says when neither settles.
    """
    y, psi, x, sampled = _inputs(direct, sampling_variance, auxiliary)
    ys, xs, ps = y[sampled], x[sampled], psi[sampled]
    boundary = False
    iterations = 0
    if sigma2_u is None:
        sigma2, iterations, boundary = _reml(ys, xs, ps, tol=tol, max_iter=max_iter)
    else:
        if not np.isfinite(sigma2_u) or sigma2_u < 0:
            raise AnalysisError("sigma2_u >= 0", repr(sigma2_u))
        sigma2 = float(sigma2_u)
    v = sigma2 + ps
    beta, cov, _ = _gls(ys, xs, v)
    synthetic = x @ beta
    g2_all = np.einsum("ij,jk,ik->i", x, cov, x)

    m = x.shape[0]
    gamma = np.zeros(m)
    g1 = np.zeros(m)
    g3 = np.zeros(m)
    gamma[sampled] = sigma2 / v
    g1[sampled] = gamma[sampled] * ps
    g2 = np.where(sampled, (1.0 - gamma) ** 2 * g2_all, g2_all)
    if sigma2_u is None:
        var_sigma2 = 2.0 / float(np.sum(v**-2))  # asymptotic variance of the REML estimate
        g3[sampled] = ps**2 / v**3 * var_sigma2
    estimate = np.where(sampled, gamma * np.where(sampled, y, 0.0) + (1.0 - gamma) * synthetic, synthetic)
    mse = np.where(sampled, g1 + g2 + 2.0 * g3, sigma2 + g2_all)
    source = np.where(sampled, SmallAreaSource.EBLUP, SmallAreaSource.SYNTHETIC).astype(np.int8)
    return FayHerriotResult(
        estimate=estimate,
        mse=mse,
        source=source,
        gamma=gamma,
        synthetic=synthetic,
        g1=g1,
        g2=g2,
        g3=g3,
        sigma2_u=sigma2,
        beta=beta,
        beta_cov=cov,
        iterations=iterations,
        boundary=boundary,
    )
