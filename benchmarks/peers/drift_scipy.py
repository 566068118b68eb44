#!/usr/bin/python3
"""SciPy peer of DriftBenchmark: scipy.stats.ks_2samp on each of 20 columns, 1M-row window vs 1M-row reference.

The data is the formula of DriftData.java (Weyl sequences through an exponential), so both sides see the same
values. Prints a summary row (seconds per evaluation, best of 3) and writes the statistics and p-values to
benchmarks/target/drift_scipy_ks.json for DriftAgreement.
"""
import json
import os
import time

import numpy as np
from scipy import stats

ROWS, COLUMNS = 1_000_000, 20


def column(c, window):
    alpha = 0.7548776662466927 if window else 0.6180339887498949
    scale = 1.02 if window and c % 2 == 1 else 1.0
    u = np.arange(ROWS, dtype=np.float64) * alpha + c * 0.1
    u -= np.floor(u)
    return -np.log(1 - u) * 50 * scale


ref = [column(c, False) for c in range(COLUMNS)]
win = [column(c, True) for c in range(COLUMNS)]
best = float("inf")
for _ in range(3):
    t0 = time.perf_counter()
    results = [stats.ks_2samp(ref[c], win[c], method="asymp") for c in range(COLUMNS)]
    best = min(best, time.perf_counter() - t0)
os.makedirs("benchmarks/target", exist_ok=True)
with open("benchmarks/target/drift_scipy_ks.json", "w") as f:
    json.dump({"statistics": [float(r.statistic) for r in results],
               "pvalues": [float(r.pvalue) for r in results]}, f)
print(f"peers.scipy.ks_2samp{{columns=20,rows=1000000}},avgt (lower is better),s/op,{best:.4g},,,")
