"""Peer side of issue 25's side-by-side comparison: the same work as StatsPeerBenchmarks, in scipy, numpy, nltk and plain
Python, on identical inputs (the generators below are the same integer recurrences as benchmarks/.../PeerData.cs).

Run: /usr/bin/python3 benchmarks/peers/stats_peers.py   (Debian: apt-get install python3-numpy python3-scipy python3-nltk)
Reports process CPU time (time.process_time, all threads) and wall time, median of N repeats, per workload.
"""
import json
import statistics
import sys
import time

import numpy as np
from scipy import stats

MASK = (1 << 64) - 1


def lcg_stream(seed):
    """splitmix64: the same 64-bit sequence as PeerData.SplitMix in C#."""
    x = seed & MASK
    while True:
        x = (x + 0x9E3779B97F4A7C15) & MASK
        z = x
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)


def columns(n=100_000, p=6):
    """Labels on a 1..5 grid (ties, like human ratings) and p dimension columns on a 0.001 grid (ties too); integer arithmetic
    and one division, so both languages produce the same doubles."""
    g = lcg_stream(25)
    yi = [1 + (next(g) % 5) for _ in range(n)]
    cols = []
    for d in range(p):
        cols.append(np.array([(d * yi[i] * 100 + next(g) % 1000) / 1000.0 for i in range(n)], dtype=float))
    return np.array(cols), np.array(yi, dtype=float)


def measure(fn, repeats):
    cpu, wall = [], []
    for _ in range(repeats):
        c0, w0 = time.process_time(), time.perf_counter()
        fn()
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    return statistics.median(cpu), statistics.median(wall)


def correlations(X, y):
    for x in X:
        stats.pearsonr(x, y)
        stats.spearmanr(x, y)
        stats.kendalltau(x, y)  # tau-b


def bootstrap(X, y, resamples=1000):
    rng = np.random.default_rng(1)
    n = len(y)
    out = np.empty((X.shape[0], resamples))
    for b in range(resamples):
        idx = rng.integers(0, n, n)
        xs, ys = X[:, idx], y[idx]
        xc = xs - xs.mean(axis=1, keepdims=True)
        yc = ys - ys.mean()
        out[:, b] = (xc @ yc) / np.sqrt((xc * xc).sum(axis=1) * (yc @ yc))
    return np.percentile(out, [2.5, 97.5], axis=1)


def bleu_inputs():
    path = "../shared/data/jsonl/summeval.jsonl"
    try:
        rows = [json.loads(l) for l in open(path)]
    except FileNotFoundError:
        return None
    return [(r["response"], r["references"]) for r in rows]


def nltk_bleu(pairs):
    from nltk.translate.bleu_score import sentence_bleu, SmoothingFunction
    smooth = SmoothingFunction().method3  # NIST geometric smoothing, sacreBLEU's "exp"
    for hyp, refs in pairs:
        sentence_bleu([r.split() for r in refs], hyp.split(), smoothing_function=smooth)


def elo_matches(m=1_000_000, nodes=10_000):
    """Matches over a registry of id strings (each id one object, as a node registry holds them)."""
    g = lcg_stream(77)
    ids = [f"node-{k}" for k in range(nodes)]
    out = []
    for _ in range(m):
        a = next(g) % nodes
        b = (a + 1 + next(g) % (nodes - 1)) % nodes
        out.append((ids[a], ids[b], (next(g) % 3) / 2))
    return out


def elo_loop(matches, k=32.0, initial=1000.0):
    ratings = {}
    for a, b, s in matches:
        ra = ratings.get(a, initial)
        rb = ratings.get(b, initial)
        ea = 1.0 / (1.0 + 10 ** ((rb - ra) / 400.0))
        ratings[a] = ra + k * (s - ea)
        ratings[b] = rb - k * (s - ea)
    return ratings


if __name__ == "__main__":
    which = sys.argv[1:] or ["correlations", "bootstrap", "bleu", "elo"]
    print(f"numpy {np.__version__}, scipy {__import__('scipy').__version__}")
    if "correlations" in which or "bootstrap" in which:
        X, y = columns()
    if "correlations" in which:
        print("correlations (pearson+spearman+kendall tau-b, 6 x 100k): cpu %.3f s, wall %.3f s" % measure(lambda: correlations(X, y), 5))
    if "bootstrap" in which:
        print("bootstrap 95%% CI of Pearson (1000 resamples, 6 x 100k): cpu %.3f s, wall %.3f s" % measure(lambda: bootstrap(X, y), 3))
    if "bleu" in which:
        pairs = bleu_inputs()
        if pairs is None:
            print("bleu: ../shared/data absent, skipped")
        else:
            import nltk
            print(f"nltk {nltk.__version__} sentence_bleu ({len(pairs)} hypotheses x {len(pairs[0][1])} references): cpu %.3f s, wall %.3f s" % measure(lambda: nltk_bleu(pairs), 3))
    if "elo" in which:
        matches = elo_matches()
        print("plain Python online Elo (1M matches, 10k string ids): cpu %.3f s, wall %.3f s" % measure(lambda: elo_loop(matches), 3))
