#!/usr/bin/python3
"""Issue 35: `scoutelo verify --equality` beside an independent implementation of the test of Gao et al. 2024
("Model Equality Testing", arXiv 2410.20247): Hamming string kernel on the first 100 characters, unbiased MMD^2, permutation
p-value, alpha 0.05. Real QA systems from ../shared/data (EVOUNA: five systems answering the same questions), 200 answers
per side on disjoint question sets. Prints the power per system pair for both implementations, their medians, and the
false-alarm rate on disjoint halves of one system. Needs python3-numpy and a built CLI (dotnet build -c Release)."""
import itertools, json, os, random, subprocess, sys, tempfile
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "..", "shared", "data", "jsonl")
CLI = os.path.join(ROOT, "src", "ScoutElo.Cli", "bin", "Release", "net10.0", "scoutelo.dll")
L, B, ALPHA, N, SPLITS = 100, 1000, 0.05, 200, int(sys.argv[1]) if len(sys.argv) > 1 else 5

def codes(text):
    c = [ord(ch) for ch in text[:L]]  # peer: Python code points, padded with -1
    return c + [-1] * (L - len(c))

def peer_p(x, y, rng):
    z = np.array([codes(t) for t in x + y])
    k = (z[:, None, :] == z[None, :, :]).mean(axis=2)
    n, m = len(x), len(y)
    def stat(idx):
        a, b = idx[:n], idx[n:]
        kxx = k[np.ix_(a, a)]; kyy = k[np.ix_(b, b)]; kxy = k[np.ix_(a, b)]
        return ((kxx.sum() - np.trace(kxx)) / (n * (n - 1)) + (kyy.sum() - np.trace(kyy)) / (m * (m - 1)) - 2 * kxy.mean())
    obs = stat(np.arange(n + m))
    count = sum(stat(rng.permutation(n + m)) >= obs - 1e-12 for _ in range(B))
    return (1 + count) / (1 + B)

def ours_p(x, y, seed):
    with tempfile.TemporaryDirectory() as d:
        paths = []
        for name, answers in (("x", x), ("y", y)):
            p = os.path.join(d, name + ".jsonl")
            with open(p, "w") as f:
                for i, a in enumerate(answers):
                    f.write(json.dumps({"id": str(i), "response": a}) + "\n")
            paths.append(p)
        out = subprocess.run(["dotnet", CLI, "verify", "--equality", "--data", paths[0], "--reference", paths[1], "--seed", str(seed), "--json"],
                             capture_output=True, text=True, check=True).stdout
        return json.loads(out)["pValue"]

def main():
    results = {}
    for dataset in ("evouna-nq.jsonl", "evouna-tq.jsonl"):
        by = {}
        for line in open(os.path.join(DATA, dataset)):
            r = json.loads(line)
            by.setdefault(r["node"], {}).setdefault(r["query"], r["response"] or "")
        systems = sorted(by)
        queries = sorted(set.intersection(*(set(v) for v in by.values())))
        for s in range(SPLITS):
            rnd = random.Random(s)
            q = queries[:]; rnd.shuffle(q)
            first, second = q[:N], q[N:2 * N]
            rng = np.random.default_rng(s)
            for a, b in itertools.permutations(systems, 2):
                if a > b: continue
                x = [by[a][k] for k in first]; y = [by[b][k] for k in second]
                key = (dataset, a, b)
                results.setdefault(key, []).append((ours_p(x, y, s + 1) <= ALPHA, peer_p(x, y, rng) <= ALPHA))
            for a in systems:
                x = [by[a][k] for k in first]; y = [by[a][k] for k in second]
                results.setdefault((dataset, a, a), []).append((ours_p(x, y, s + 1) <= ALPHA, peer_p(x, y, rng) <= ALPHA))
    pairs = {k: v for k, v in results.items() if k[1] != k[2]}
    same = {k: v for k, v in results.items() if k[1] == k[2]}
    for k, v in sorted(pairs.items()):
        print(f"{k[0]:18} {k[1]:8} vs {k[2]:8}  power ours {np.mean([o for o, _ in v]):.2f}  peer {np.mean([p for _, p in v]):.2f}")
    ours = np.median([np.mean([o for o, _ in v]) for v in pairs.values()])
    peer = np.median([np.mean([p for _, p in v]) for v in pairs.values()])
    fa_ours = np.mean([o for v in same.values() for o, _ in v]); fa_peer = np.mean([p for v in same.values() for _, p in v])
    print(f"median power over {len(pairs)} system pairs: ours {ours:.3f}, peer {peer:.3f}")
    print(f"false alarms on disjoint halves of one system ({sum(len(v) for v in same.values())} splits): ours {fa_ours:.3f}, peer {fa_peer:.3f}")

if __name__ == "__main__":
    main()
