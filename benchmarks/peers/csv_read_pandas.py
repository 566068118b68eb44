#!/usr/bin/python3
"""Peer of CsvBenchmark / CsvCpuTime: pandas read_csv on the same generated file (rows/s, no floor).

Prints rows of benchmark,metric,unit,value,floor_benchmark,floor_value,ratio without a header: wall-clock rows/s
(mean ± sd of 5 runs) and rows/s by the best process CPU time, the measure CsvCpuTime uses on a shared machine.
Rows: CSV_ROWS (default 200000). The file is the one the Java benchmarks read
(benchmarks/target/ingest/mixed-<rows>.csv); it is written with the Java generator when missing.
Run with /usr/bin/python3 (Debian's python3-pandas).
"""
import os
import statistics
import subprocess
import sys
import time

import pandas as pd

rows = int(os.environ.get("CSV_ROWS", sys.argv[1] if len(sys.argv) > 1 else "200000"))
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
path = os.path.join(root, "benchmarks", "target", "ingest", f"mixed-{rows}.csv")
if not os.path.exists(path):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    jar = os.path.join(root, "benchmarks", "target", "benchmarks.jar")
    subprocess.run(["java", "-cp", jar, "dev.mlops.benchmarks.ingest.CsvData", str(rows), path], check=True)


def once():
    wall = time.perf_counter()
    cpu = time.process_time()
    frame = pd.read_csv(path)
    cpu = time.process_time() - cpu
    wall = time.perf_counter() - wall
    assert len(frame) == rows
    return rows / wall, rows / cpu


once()  # warm-up: page cache and imports
runs = [once() for _ in range(5)]
walls = [w for w, _ in runs]
print(f"peers.csv_read_pandas.read_csv(rows={rows}),thrpt (higher is better),rows/s,"
      f"{statistics.mean(walls):.0f} ± {statistics.stdev(walls):.0f},,,")
print(f"peers.csv_read_pandas.read_csv(rows={rows}),rows/s by best CPU time (higher is better),rows/s,"
      f"{max(c for _, c in runs):.0f},,,")
