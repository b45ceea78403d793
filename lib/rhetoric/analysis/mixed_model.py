"""A model-based cross-check of the clustered permutation test: a linear mixed model per measure.

For each measure, the per-article values are modelled as ``value = group effect + cluster intercept + error``,
the cluster (outlet) intercept random and normal (a random-intercept model; statsmodels ``MixedLM``, fitted by
maximum likelihood). The group effect is tested by a likelihood-ratio test of the model with the group against
the model without it (chi-square with one degree of freedom fewer than the groups; Pinheiro & Bates 2000,
*Mixed-Effects Models in S and S-PLUS*, section 2.4: fixed effects compared by ML, not REML, fits). The values
are standardised first (the test does not depend on the scale; the optimiser converges more often).

It is a cross-check, not the study's test: its p rests on normal errors and, with few clusters, on a
chi-square approximation that is too liberal (Pinheiro & Bates, section 2.4.2), whereas the permutation test
among clusters needs neither. Agreement between the two is reassurance; a clear disagreement is worth a look at
the outlets. A fit that does not converge is named in ``note`` and gives no p (never a silent number); a
random-intercept variance estimated at zero (the boundary) is named too: the model is then ordinary regression
and the outlets add no variance beyond the articles'.
"""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from rhetoric.analysis.aggregate import design, n_units
from rhetoric.instruments.registry import Measure

#: Optimisers tried in turn until one converges: statsmodels' default sequence (BFGS, L-BFGS, conjugate gradient),
#: then the derivative-free Nelder-Mead and Powell, which do not stall at a zero variance as gradient steps can.
OPTIMISERS = (None, "nm", "powell")
MIXED_COLUMNS = ["measure", "label", "n_docs", "n_units", "groups", "test", "statistic", "df", "p_mixed", "icc",
                 "converged", "note"]


def _fit(y: np.ndarray, exog: np.ndarray, clusters: np.ndarray) -> tuple[float, float, float, bool, list[str]]:
    """(log-likelihood, cluster variance, residual variance, converged, the optimiser's warnings) of the ML fit of a
    random-intercept model. The model's maximum is at least that of ordinary least squares (its point with the
    cluster variance at zero), so when the optimiser stops below it, the boundary fit is taken: the greater of two
    points of one likelihood is the better estimate of its maximum. Optimisers are tried in turn
    (:data:`OPTIMISERS`) until one converges."""
    # statsmodels loads on first use: only a run that declares clusters fits a mixed model (about 1 s to import)
    from statsmodels.regression.linear_model import OLS
    from statsmodels.regression.mixed_linear_model import MixedLM

    said: list[str] = []
    for method in OPTIMISERS:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = MixedLM(y, exog, groups=clusters).fit(reml=False, **({"method": method} if method else {}))
        said += [str(w.message).splitlines()[0] for w in caught]
        if result.converged and np.isfinite(result.llf):
            break
    said = list(dict.fromkeys(said))
    llf, between, scale = float(result.llf), float(np.asarray(result.cov_re).ravel()[0]), float(result.scale)
    ols = OLS(y, exog).fit()
    ols_llf = float(ols.llf)
    if not np.isfinite(llf) or ols_llf > llf:
        return ols_llf, 0.0, float(ols.ssr / len(y)), True, said
    return llf, between, scale, bool(result.converged), said


def mixed_model_check(articles: pd.DataFrame, group_of: dict[str, str], clusters: dict[str, str],
                      measures: list[Measure] | None = None, *, cluster_column: str = "cluster",
                      order: list[str] | None = None) -> pd.DataFrame:
    """Per measure, the group effect's likelihood-ratio p from a mixed model with a random intercept per cluster.

    ``articles``, ``group_of``, ``clusters``, ``order`` as in
    :func:`rhetoric.analysis.aggregate.group_comparison` (the same documents and groups: groups with two or more
    clusters). Columns (:data:`MIXED_COLUMNS`): ``n_docs``, ``n_units`` (clusters), ``groups`` (those in the
    model, joined by ", "), ``test``, ``statistic`` (likelihood-ratio chi-square), ``df``, ``p_mixed``, ``icc``
    (the share of the variance between clusters in the model with the group: the intraclass correlation),
    ``converged`` and ``note`` (why there is no p, or what to know about the fit). Put it beside the
    permutation p of the clustered comparison (same ``measure``)."""
    d = design(articles, group_of, measures, clusters=clusters, cluster_column=cluster_column, order=order)
    if d.clusters is None:
        raise ValueError("mixed_model_check needs clusters (doc_id -> cluster) for at least one document")
    rows = []
    for j, m in enumerate(d.measures):
        ok = ~np.isnan(d.values[:, j])
        codes, clu, y = d.codes[ok], d.clusters[ok], d.values[ok, j]
        units = n_units(codes, clu, len(d.groups))
        tested = [g for g in range(len(d.groups)) if units[g] >= 2]
        keep = np.isin(codes, tested)
        codes, clu, y = codes[keep], clu[keep], y[keep]
        row = {"measure": m.name, "label": m.label, "n_docs": int(keep.sum()),
               "n_units": int(len(np.unique(clu))), "groups": ", ".join(d.groups[g] for g in tested),
               "test": "", "statistic": np.nan, "df": len(tested) - 1, "p_mixed": np.nan, "icc": np.nan,
               "converged": False, "note": ""}
        if len(tested) < 2:
            row.update(df=0, note=f"fewer than two groups with two or more {d.cluster_column}s: not tested")
            rows.append(row)
            continue
        if np.ptp(y) == 0:
            row["note"] = "the same value in every document: not tested"
            rows.append(row)
            continue
        z = (y - y.mean()) / y.std()
        dummies = np.column_stack([(codes == g).astype(float) for g in tested[1:]])
        full_exog = np.column_stack([np.ones(len(z)), dummies])
        null_exog = np.ones((len(z), 1))
        try:
            full_llf, between, scale, full_ok, said_full = _fit(z, full_exog, clu)
            null_llf, _, _, null_ok, said_null = _fit(z, null_exog, clu)
        except (np.linalg.LinAlgError, ValueError) as exc:
            row["note"] = f"the fit failed ({type(exc).__name__}: {str(exc).splitlines()[0]}): no p"
            rows.append(row)
            continue
        from scipy.stats import chi2

        statistic = max(0.0, 2.0 * (full_llf - null_llf))
        icc = between / (between + scale) if between + scale > 0 else np.nan
        row.update(test=(f"likelihood ratio (ML): group vs none, random intercept per {d.cluster_column}, "
                         f"chi-square {len(tested) - 1} df"),
                   statistic=statistic, icc=icc, converged=full_ok and null_ok)
        if row["converged"]:
            row["p_mixed"] = float(chi2.sf(statistic, len(tested) - 1))
            if between <= 1e-6:
                row["note"] = (f"{d.cluster_column} variance estimated at zero (boundary): the model is ordinary "
                               "regression here")
        else:
            said = list(dict.fromkeys(said_full + said_null))
            row["note"] = "did not converge (" + ("; ".join(said) or "the optimiser reports no convergence") + \
                          "): no p"
        rows.append(row)
    return pd.DataFrame(rows, columns=MIXED_COLUMNS)
