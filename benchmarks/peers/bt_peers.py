"""Peer side of issue 23's Bradley-Terry speed comparison: the arena's maximum-likelihood leaderboard estimator (a
scikit-learn LogisticRegression without intercept on the battle design, every battle as 4 unit rows, ties as 2 wins and
2 losses) with a 100-round bootstrap (battles resampled with replacement, refitted each round), on the same log as
BradleyTerryPeerBenchmarks in C# (1M matches among 100 nodes, 10% ties; splitmix64 below = PeerData.SplitMix).

This is written for the comparison, vectorised with numpy (np.bincount instead of pandas pivot tables), so the reference
is if anything faster than the arena's own notebook code.

Run: /usr/bin/python3 benchmarks/peers/bt_peers.py   (Debian: apt-get install python3-numpy python3-sklearn)
Prints process CPU time and wall time (medians of 3 runs).
"""
import json
import math
import os
import statistics
import sys
import time

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stats_peers import lcg_stream as splitmix  # noqa: E402  (the shared splitmix64 = PeerData.SplitMix)


def battle_log(matches=1_000_000, nodes=100):
    """a, b (node indices) and A's score 1 / 0.5 / 0, as PeerData.BradleyTerryLog."""
    g = splitmix(23)
    strength = [(i % 10) * 0.3 for i in range(nodes)]
    a = np.empty(matches, dtype=np.int64)
    b = np.empty(matches, dtype=np.int64)
    s = np.empty(matches, dtype=float)
    for k in range(matches):
        i = next(g) % nodes
        j = (i + 1 + next(g) % (nodes - 1)) % nodes
        u = (next(g) >> 11) * (1.0 / (1 << 53))
        p = 1.0 / (1.0 + math.exp(strength[j] - strength[i]))
        a[k], b[k] = i, j
        s[k] = 0.5 if u < 0.1 else (1.0 if u < 0.1 + 0.9 * p else 0.0)
    return a, b, s


def mle_elo(a, b, s, nodes):
    """The arena's estimator: win weights per ordered pair (2 per decisive battle, 1 per side of a tie), every ordered pair
    entered in both orientations, LogisticRegression(fit_intercept=False, penalty=None, tol=1e-6) on ±ln 10 columns."""
    wins = np.bincount(a * nodes + b, weights=2 * s, minlength=nodes * nodes) \
        + np.bincount(b * nodes + a, weights=2 * (1 - s), minlength=nodes * nodes)
    wins = wins.reshape(nodes, nodes)
    ii, jj = np.nonzero(np.ones((nodes, nodes)) - np.eye(nodes))
    rows = len(ii)
    X = np.zeros((2 * rows, nodes))
    X[np.arange(rows), ii] = math.log(10)
    X[np.arange(rows), jj] = -math.log(10)
    X[rows + np.arange(rows), ii] = math.log(10)
    X[rows + np.arange(rows), jj] = -math.log(10)
    Y = np.concatenate([np.ones(rows), np.zeros(rows)])
    w = np.concatenate([wins[ii, jj], wins[jj, ii]])
    keep = w > 0
    lr = LogisticRegression(fit_intercept=False, penalty=None, tol=1e-6)
    lr.fit(X[keep], Y[keep], sample_weight=w[keep])
    return 400 * lr.coef_[0] + 1000


def fit_and_bootstrap(a, b, s, nodes, rounds=100):
    point = mle_elo(a, b, s, nodes)
    rng = np.random.default_rng(1)
    n = len(a)
    boot = np.empty((rounds, nodes))
    for r in range(rounds):
        idx = rng.integers(0, n, n)
        boot[r] = mle_elo(a[idx], b[idx], s[idx], nodes)
    return point, np.percentile(boot, [2.5, 97.5], axis=0)


def main():
    nodes = 100
    a, b, s = battle_log(nodes=nodes)
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    cpu, wall = [], []
    for _ in range(repeats):
        c0, w0 = time.process_time(), time.perf_counter()
        point, ci = fit_and_bootstrap(a, b, s, nodes)
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    top = int(np.argmax(point))
    print(json.dumps({"work": "bt fit + 100 bootstrap rounds, 1M matches, 100 nodes (sklearn)",
                      "cpu_ms": round(1000 * statistics.median(cpu), 1), "wall_ms": round(1000 * statistics.median(wall), 1),
                      "top": top, "top_rating": round(float(point[top]), 3)}))


if __name__ == "__main__":
    main()
