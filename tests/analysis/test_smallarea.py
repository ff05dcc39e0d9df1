"""Fay-Herriot EBLUP: hand-derived cases, the REML maximum, invariants and errors."""

from __future__ import annotations

import csv
import json
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import optimize

from buurtpeil.analysis import SmallAreaSource, fay_herriot
from buurtpeil.analysis.errors import AnalysisError, ConvergenceError


def _reml_loglik(sigma2: float, y: np.ndarray, psi: np.ndarray, x: np.ndarray) -> float:
    """REML log-likelihood written out with dense matrices (Rao and Molina 2015, eq. 5.2.17)."""
    v_inv = np.diag(1.0 / (sigma2 + psi))
    info = x.T @ v_inv @ x
    p = v_inv - v_inv @ x @ np.linalg.solve(info, x.T @ v_inv)
    return -0.5 * (np.sum(np.log(sigma2 + psi)) + np.linalg.slogdet(info)[1] + y @ p @ y)


def test_known_area_variance_gives_the_closed_form_blup() -> None:
    y = [Fraction(10), Fraction(12), Fraction(17)]
    psi = [Fraction(1), Fraction(2), Fraction(4)]
    sigma2 = Fraction(2)
    v = [sigma2 + p for p in psi]
    beta = sum(yi / vi for yi, vi in zip(y, v, strict=True)) / sum(1 / vi for vi in v)
    var_beta = 1 / sum(1 / vi for vi in v)
    gamma = [sigma2 / vi for vi in v]
    blup = [g * yi + (1 - g) * beta for g, yi in zip(gamma, y, strict=True)]
    mse = [g * p + (1 - g) ** 2 * var_beta for g, p in zip(gamma, psi, strict=True)]

    result = fay_herriot([10.0, 12.0, 17.0], [1.0, 2.0, 4.0], np.ones((3, 1)), sigma2_u=2.0)
    assert beta == Fraction(110, 9)
    np.testing.assert_allclose(result.beta, [float(beta)], rtol=1e-14)
    np.testing.assert_allclose(result.estimate, [float(b) for b in blup], rtol=1e-14)
    np.testing.assert_allclose(result.mse, [float(m) for m in mse], rtol=1e-14)
    np.testing.assert_allclose(result.gamma, [float(g) for g in gamma], rtol=1e-14)
    assert np.all(result.g3 == 0)
    assert result.label == "model-based (Fay-Herriot EBLUP)"


def _equal_psi_case() -> tuple[np.ndarray, np.ndarray, float]:
    x = np.column_stack([np.ones(8), [0.1, 0.5, 0.2, 0.9, 0.4, 0.7, 0.3, 0.6]])
    y = np.array([6.2, 7.9, 5.1, 8.8, 7.5, 7.0, 6.9, 8.1])
    return x, y, 0.25


def test_equal_sampling_variances_give_the_reml_closed_form() -> None:
    # With psi_d = psi for all areas V = (sigma2 + psi) I, so REML gives
    # sigma2 + psi = RSS / (m - p) with RSS from ordinary least squares.
    x, y, psi = _equal_psi_case()
    m, p = x.shape
    ols, rss, *_ = np.linalg.lstsq(x, y, rcond=None)
    sigma2 = float(rss[0]) / (m - p) - psi
    assert sigma2 > 0
    result = fay_herriot(y, np.full(m, psi), x)
    assert result.sigma2_u == pytest.approx(sigma2, rel=1e-9)
    np.testing.assert_allclose(result.beta, ols, rtol=1e-9)
    gamma = sigma2 / (sigma2 + psi)
    fitted = x @ ols
    np.testing.assert_allclose(result.estimate, gamma * y + (1 - gamma) * fitted, rtol=1e-9)
    # g3 = psi^2 / (sigma2 + psi)^3 * 2 / sum (sigma2 + psi)^-2 = 2 psi^2 / (m (sigma2 + psi))
    np.testing.assert_allclose(result.g3, 2 * psi**2 / (m * (sigma2 + psi)), rtol=1e-9)
    hat = np.einsum("ij,jk,ik->i", x, np.linalg.inv(x.T @ x), x)
    expected_mse = gamma * psi + (1 - gamma) ** 2 * (sigma2 + psi) * hat + 2 * result.g3
    np.testing.assert_allclose(result.mse, expected_mse, rtol=1e-9)
    assert not result.boundary


def test_reml_below_zero_is_truncated_and_the_estimate_is_synthetic() -> None:
    x, y, _ = _equal_psi_case()
    ols, rss, *_ = np.linalg.lstsq(x, y, rcond=None)
    psi = 2.0 * float(rss[0]) / (x.shape[0] - x.shape[1])  # sampling noise larger than all spread
    result = fay_herriot(y, np.full(y.shape[0], psi), x)
    assert result.sigma2_u == 0.0
    assert result.boundary
    np.testing.assert_allclose(result.estimate, x @ ols, rtol=1e-12)
    assert np.all(result.gamma == 0)


def test_reml_reaches_the_maximum_of_the_restricted_likelihood() -> None:
    rng = np.random.default_rng(20261123)
    m = 40
    x = np.column_stack([np.ones(m), rng.normal(size=m), rng.uniform(size=m)])
    psi = rng.uniform(0.2, 2.0, m)
    y = x @ [1.0, 2.0, -1.0] + rng.normal(0, 1.1, m) + rng.normal(0, np.sqrt(psi))
    result = fay_herriot(y, psi, x)
    best = optimize.minimize_scalar(
        lambda s: -_reml_loglik(s, y, psi, x), bounds=(0.0, 20.0), method="bounded", options={"xatol": 1e-12}
    )
    assert result.sigma2_u == pytest.approx(best.x, rel=1e-6)
    v = result.sigma2_u + psi
    gls = np.linalg.solve(x.T @ (x / v[:, None]), x.T @ (y / v))
    np.testing.assert_allclose(result.beta, gls, rtol=1e-10)


def test_areas_without_a_direct_estimate_get_the_synthetic_estimate() -> None:
    rng = np.random.default_rng(7)
    m = 30
    x = np.column_stack([np.ones(m), rng.normal(size=m)])
    psi = rng.uniform(0.5, 1.5, m)
    y = x @ [3.0, 1.0] + rng.normal(0, 1.0, m) + rng.normal(0, np.sqrt(psi))
    missing = np.array([4, 17])
    y_missing = y.copy()
    y_missing[missing] = np.nan
    psi_missing = psi.copy()
    psi_missing[missing] = np.nan
    with_gaps = fay_herriot(y_missing, psi_missing, x)
    kept = np.setdiff1d(np.arange(m), missing)
    fitted = fay_herriot(y[kept], psi[kept], x[kept])
    assert with_gaps.sigma2_u == pytest.approx(fitted.sigma2_u, rel=1e-12)
    np.testing.assert_allclose(with_gaps.estimate[kept], fitted.estimate, rtol=1e-12)
    assert with_gaps.source[missing].tolist() == [SmallAreaSource.SYNTHETIC] * 2
    np.testing.assert_allclose(with_gaps.estimate[missing], x[missing] @ fitted.beta, rtol=1e-12)
    g2 = np.einsum("ij,jk,ik->i", x[missing], fitted.beta_cov, x[missing])
    np.testing.assert_allclose(with_gaps.mse[missing], fitted.sigma2_u + g2, rtol=1e-12)
    assert np.all(with_gaps.gamma[missing] == 0)


@settings(max_examples=100, deadline=None)
@given(
    st.integers(5, 30),
    st.integers(0, 2**32 - 1),
    st.floats(0.0, 3.0),
)
def test_eblup_lies_between_direct_and_synthetic_and_beats_the_direct_mse(
    m: int, seed: int, spread: float
) -> None:
    rng = np.random.default_rng(seed)
    x = np.column_stack([np.ones(m), rng.normal(size=m)])
    psi = rng.uniform(0.05, 2.0, m)
    y = x @ [5.0, 0.5] + rng.normal(0, spread + 1e-9, m) + rng.normal(0, np.sqrt(psi))
    result = fay_herriot(y, psi, x)
    assert result.sigma2_u >= 0
    low = np.minimum(y, result.synthetic) - 1e-9
    high = np.maximum(y, result.synthetic) + 1e-9
    assert np.all((result.estimate >= low) & (result.estimate <= high))
    assert np.all((result.gamma >= 0) & (result.gamma <= 1))
    # The BLUP is the best linear unbiased predictor, the direct estimate one of its rivals:
    # with the area variance known its MSE g1 + g2 is at most psi.
    assert np.all(result.g1 + result.g2 <= psi * (1 + 1e-9))
    assert np.all(result.mse > 0)
    if result.sigma2_u > 0:
        assert np.all(result.g1 < psi)


@pytest.mark.parametrize(
    ("y", "psi", "x", "error", "fragment"),
    [
        ([1.0, 2.0, 3.0], [1.0, 0.0, 1.0], np.ones((3, 1)), AnalysisError, "sampling variance > 0"),
        ([1.0, 2.0, 3.0], [1.0, 1.0, 1.0], [[1.0], [np.nan], [1.0]], AnalysisError, "finite auxiliary"),
        ([1.0, np.nan, np.nan], [1.0, 1.0, 1.0], np.ones((3, 1)), AnalysisError, "more areas"),
        ([1.0, 2.0, 3.0, 4.0], [1.0] * 4, [[1.0, 2.0]] * 4, AnalysisError, "not linear combinations"),
        ([1.0, 2.0], [1.0, 1.0, 1.0], np.ones((3, 1)), AnalysisError, "same m areas"),
    ],
)
def test_bad_input_is_refused(
    y: list[float], psi: list[float], x: object, error: type[Exception], fragment: str
) -> None:
    with pytest.raises(error, match=fragment):
        fay_herriot(y, psi, np.asarray(x, dtype=float))


def test_no_convergence_is_reported() -> None:
    rng = np.random.default_rng(3)
    x = np.column_stack([np.ones(20), rng.normal(size=20)])
    psi = rng.uniform(0.1, 3.0, 20)
    y = x @ [1.0, 1.0] + rng.normal(0, 2.0, 20)
    with pytest.raises(ConvergenceError, match="Fisher-scoring"):
        fay_herriot(y, psi, x, max_iter=1)


_GOLDEN = Path(__file__).parent / "golden"
_DATA = Path(__file__).parent / "data" / "fay_herriot.csv"


@pytest.mark.parametrize("reference", ["fay_herriot_r_metafor.json", "fay_herriot_samplics.json"])
def test_matches_r_metafor_and_samplics_on_forty_areas(reference: str) -> None:
    # Provenance (tool, version, exact call, date) is in the JSON and its make_golden_* script.
    golden = json.loads((_GOLDEN / reference).read_text(encoding="utf-8"))
    with _DATA.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    y = np.array([float(r["y"]) for r in rows])
    psi = np.array([float(r["psi"]) for r in rows])
    x = np.array([[1.0, float(r["x1"]), float(r["x2"])] for r in rows])
    result = fay_herriot(y, psi, x)
    assert result.sigma2_u == pytest.approx(golden["sigma_u2"], rel=1e-6)
    names = ["intercept", "x1", "x2"]
    np.testing.assert_allclose(result.beta, [golden["beta"][b] for b in names], rtol=1e-6)
    np.testing.assert_allclose(
        np.sqrt(np.diag(result.beta_cov)), [golden["beta_se"][b] for b in names], rtol=1e-6
    )
    areas = golden["areas"]
    assert [a["area"] for a in areas] == [r["area"] for r in rows]
    np.testing.assert_allclose(result.estimate, [a["eblup"] for a in areas], rtol=1e-6)
    np.testing.assert_allclose(result.mse, [a["mse"] for a in areas], rtol=1e-6)
    for part in ("gamma", "g1", "g2", "g3"):
        if part in areas[0]:
            np.testing.assert_allclose(getattr(result, part), [a[part] for a in areas], rtol=1e-6)
    assert np.all(result.source == SmallAreaSource.EBLUP)
