"""numpy's row mean and median over the PoqBenchmarks shape (1M outputs x 15 scores), for the ratio in benchmarks/README.md.

Run with a Python that has numpy (on Debian: apt-get install python3-numpy; /usr/bin/python3 benchmarks/numpy_mean.py).
Best of 15 single calls, like a BenchmarkDotNet minimum; the data are uniform in [0, 1) as in PoqBenchmarks.
"""
import timeit

import numpy as np

scores = np.random.default_rng(1).random((1_000_000, 15))
for name, call in [("mean(axis=1)", lambda: scores.mean(axis=1)), ("median(axis=1)", lambda: np.median(scores, axis=1))]:
    best = min(timeit.repeat(call, number=1, repeat=15))
    print(f"numpy {np.__version__} {name}: {best * 1000:.1f} ms")
