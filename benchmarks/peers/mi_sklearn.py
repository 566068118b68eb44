#!/usr/bin/python3
"""Peer of FeatureBenchmarks.rankMutualInformation: scikit-learn's mutual_info_classif on the same data.

Make the data first (same seed as the JMH benchmark):
  java -cp benchmarks/target/benchmarks.jar dev.mlops.benchmarks.features.FeatureBenchmarks
Then: /usr/bin/python3 benchmarks/peers/mi_sklearn.py [benchmarks/target/mi-100k-50.csv] [repeats]
Prints one row of benchmarks/target/summary.csv (no header): benchmark,metric,unit,value,floor_benchmark,floor_value,ratio.
"""
import os
import subprocess
import sys
import time

import numpy as np
from sklearn.feature_selection import mutual_info_classif

path = sys.argv[1] if len(sys.argv) > 1 else "benchmarks/target/mi-100k-50.csv"
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 1
if not os.path.exists(path):
    # The JMH benchmark's generator writes the same data from the same seed.
    subprocess.run(["java", "-cp", "benchmarks/target/benchmarks.jar",
                    "dev.mlops.benchmarks.features.FeatureBenchmarks", path], check=True, stdout=sys.stderr)
with open(path) as f:
    header = f.readline().strip().split(",")
data = np.genfromtxt(path, delimiter=",", skip_header=1, dtype=None, encoding="utf-8",
                     usecols=range(len(header) - 1))
labels = np.genfromtxt(path, delimiter=",", skip_header=1, dtype=str, encoding="utf-8",
                       usecols=[len(header) - 1])
y = (labels == "b").astype(int)
times = []
for _ in range(repeats):
    start = time.perf_counter()
    mi = mutual_info_classif(data, y, random_state=0)
    times.append((time.perf_counter() - start) * 1000)
top5 = [header[i] for i in np.argsort(-mi)[:5]]
print("peers.mi_sklearn.mutual_info_classif,time (lower is better),ms/op,%.1f,,," % min(times))
sys.stderr.write("rows=%d features=%d top5=%s\n" % (data.shape[0], data.shape[1], top5))
