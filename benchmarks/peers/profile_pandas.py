#!/usr/bin/python3
"""pandas peer of ProfileBenchmark: describe() + nunique() + value_counts() on a 1M-row x 20-column frame.

Same shapes as the JMH benchmark (mix "numeric": 20 float columns; "mixed": 16 float with 1% NaN, 2 integer,
2 categorical with 20 and 1000 labels), generated with NumPy from a seed. Prints summary rows without a header:
benchmark,metric,unit,value,floor_benchmark,floor_value,ratio (cells/s by wall time and cells per CPU-second, higher is better; best of 3 runs).
"""
import time

import numpy as np
import pandas as pd

ROWS, COLUMNS = 1_000_000, 20


def frame(mix):
    rng = np.random.default_rng(42)
    cols = {}
    numeric = COLUMNS if mix == "numeric" else 16
    for c in range(numeric):
        v = rng.random(ROWS) * 1000 if c % 2 == 0 else rng.exponential(50, ROWS)
        if mix == "mixed":
            v[rng.random(ROWS) < 0.01] = np.nan
        cols[f"x{c}"] = v
    if mix == "mixed":
        cols["i0"] = rng.integers(0, 100, ROWS)
        cols["i1"] = rng.integers(0, 100_000, ROWS)
        for c, k in enumerate([20, 1000]):
            labels = np.array([f"label-{i}" for i in range(k)])
            cols[f"c{c}"] = pd.Categorical(labels[rng.integers(0, k, ROWS)])
    return pd.DataFrame(cols)


def profile(df):
    df.describe()
    df.nunique()
    for c in df.columns:
        df[c].value_counts()


for mix in ["numeric", "mixed"]:
    df = frame(mix)
    best = float("inf")
    best_cpu = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        c0 = time.process_time()
        profile(df)
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    cells = ROWS * COLUMNS / best
    print(f"peers.pandas.describe_nunique_value_counts{{mix={mix}}},thrpt (higher is better),cells/s,{cells:.4g},,,")
    # CPU time of the process (all its threads): comparable with ProfileCpuTime on a shared machine.
    cpu = ROWS * COLUMNS / best_cpu
    print(f"peers.pandas.describe_nunique_value_counts{{mix={mix}}},cpu thrpt (higher is better),cells/cpu-s,"
          f"{cpu:.4g},,,")
