#!/usr/bin/env bash
# Regenerates docs/network.md and the simulation figures the README quotes (between the network-figures markers) from
# runs of the scoutelo command: simulate on seeds 1-5 (defaults, with the incentive audit), and for seed 1 the traffic
# written by simulate and settled again by settle (the engine's reproduction check).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/ScoutElo.Cli -c Release -v q --nologo > /dev/null
cli=(dotnet src/ScoutElo.Cli/bin/Release/net10.0/scoutelo.dll)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for seed in 1 2 3 4 5; do
  extra=()
  if [ "$seed" = 1 ]; then extra=(--traffic-out "$work/traffic.jsonl"); fi
  "${cli[@]}" simulate --seed "$seed" --json "${extra[@]}" > "$work/sim$seed.json" 2> /dev/null
done
"${cli[@]}" simulate --seed 1 --verify-rate 0 --json > "$work/sim-norate.json" 2> /dev/null
"${cli[@]}" settle --data "$work/traffic.jsonl" --state "$work/s.db" --json > "$work/settle.json" 2> /dev/null
"${cli[@]}" settle --data "$work/traffic.jsonl" --state "$work/s.db" --json > "$work/again.json" 2> /dev/null
python3 - "$work" <<'PY'
import json, re, sys
work = sys.argv[1]
sims = {s: json.load(open(f"{work}/sim{s}.json")) for s in range(1, 6)}
settle = json.load(open(f"{work}/settle.json")); again = json.load(open(f"{work}/again.json"))
def mean(sim, p): return next(x["meanReward"] for x in sim["rewards"]["profiles"] if x["profile"] == p)
ratio = {s: mean(v, "impostor") / mean(v, "honest") for s, v in sims.items()}
rew = {s: v["rewards"]["spearmanTrueQuality"] for s, v in sims.items()}
rat = {s: v["groundTruthSpearman"] for s, v in sims.items()}
mal = {s: v["poq"]["maliciousRewardShare"] for s, v in sims.items()}
s1 = sims[1]
names = {"cheaper model": "serve a cheaper model than claimed (quality ≈ 0.35, a fifth of the cost)",
         "sybil (2 ids)": "split into 2 sybil identities (same stake and hardware)",
         "collude": "collude with the malicious evaluators (they boost it instead of sabotaging it)",
         "idle 30%": "go idle 30% of the time",
         "copy scores": "evaluator copies the last revealed consensus instead of evaluating",
         "quantized": "serve a 4-bit quantization of the claimed model (quality −3%, cost −60%)",
         "distilled": "serve a smaller sibling of the claimed model (quality −8%, cost −80%)"}
sim_nodes = {e["node"]: e for e in s1["leaderboard"]}
st_nodes = {e["node"]: e for e in settle["nodes"]}
rewards_equal = all(sim_nodes[n]["reward"] == st_nodes[n]["reward"] for n in sim_nodes)
max_rating = max(abs(sim_nodes[n]["rating"] - st_nodes[n]["rating"]) for n in sim_nodes)
rng = lambda d, f: f"{f(min(d.values()))}–{f(max(d.values()))}"
pct = lambda x: f"{100*x:.0f}%"
lines = [
    f"`scoutelo simulate` (defaults; seeds 1–5, checked by the tests): impostor scouts (claim a premium model, serve one of",
    f"true quality 0.30–0.40 at a fifth of the cost) earn {rng(ratio, pct)} of an honest scout's mean reward (seed 1: {ratio[1]:.2f}, i.e.",
    f"{mean(s1, 'impostor')/1e6:.1f}M vs {mean(s1, 'honest')/1e6:.0f}M base units); Spearman(reward, true quality) {rng(rew, lambda x: f'{x:.2f}')};",
    f"Spearman(rating, true quality) {rng(rat, lambda x: f'{x:.2f}')}; the {s1['poq']['maliciousEvaluators']} malicious evaluators of {s1['poq']['evaluators']} earn {rng(mal, lambda x: f'{100*x:.1f}%')} of",
    f"evaluator rewards. The incentive audit (seed 1; profit = reward − serving cost) finds no deviation that pays an honest participant"
    + (":" if s1["incentives"]["compatible"] else " — EXCEPT as marked below:"),
    "",
    "| deviation (one honest participant, all else fixed) | reward change | profit change |",
    "|---|---:|---:|",
]
def show(g):
    txt = f"{100*g:+.0f}%" if abs(g) >= 0.005 else f"{100*g:+.4f}% (below the 0.5% tolerance)"
    return txt.replace('-', '−')
for d in s1["incentives"]["deviations"]:
    lines.append(f"| {names.get(d['deviation'], d['deviation'])} | {show(d['gain'])} | {show(d['profitGain'])} |")
lines += ["",
    f"The engine reproduces it: seed 1's traffic (`simulate --traffic-out`) settled by `scoutelo settle` gives "
    + ("the same" if rewards_equal else "DIFFERENT") + " integer node rewards and "
    + ("bit-identical ratings" if max_rating == 0 else f"ratings within {max_rating:.1e} points") + f" as the simulation; settling the file again settles {again['roundsSettled']} rounds and skips {again['roundsSkipped']}."]
block = "\n".join(lines)
readme = open("README.md").read()
readme = re.sub(r"(<!-- network-figures:begin -->\n)(?:.*?\n)?(<!-- network-figures:end -->)", lambda m: m.group(1) + block + "\n" + m.group(2), readme, flags=re.S)
open("README.md", "w").write(readme)
norate = json.load(open(f"{work}/sim-norate.json"))
def dev(sim, name): return next(d for d in sim["incentives"]["deviations"] if d["deviation"] == name)
q = {s: dev(v, "quantized")["profitGain"] for s, v in sims.items()}
di = {s: dev(v, "distilled")["profitGain"] for s, v in sims.items()}
honest_fail = sum(1 for v in sims.values() for e in v["leaderboard"] if e["profile"] != "impostor" and e["verification"] == "fail")
impostor_fail = sum(1 for v in sims.values() for e in v["leaderboard"] if e["profile"] == "impostor" and e["verification"] == "fail")
impostors = sum(1 for v in sims.values() for e in v["leaderboard"] if e["profile"] == "impostor")
nq = dev(norate, "quantized")
sp = lambda x: f"{100*x:+.0f}%".replace("-", "−")
sp1 = lambda x: f"{100*x:+.1f}%".replace("-", "−")
vblock = "\n".join([
    f"- At the default rate (10 %, seeds 1–5) the quantized deviation's profit changes by {sp(min(q.values()))} to {sp(max(q.values()))} and the",
    f"  distilled one's by {sp(min(di.values()))} to {sp(max(di.values()))}; {impostor_fail} of {impostors} impostors fail verification and {honest_fail} honest scouts (hardware-noise ones included) do.",
    f"- At `--verify-rate 0` (seed 1) the quantized deviation's revenue changes by {sp1(nq['gain'])} and its profit by {sp(nq['profitGain'])}: without",
    "  token evidence, substitution inside the consensus' resolution pays.",
])
ver = open("docs/verification.md").read()
ver = re.sub(r"(<!-- verification-figures:begin -->\n)(?:.*?\n)?(<!-- verification-figures:end -->)", lambda m: m.group(1) + vblock + "\n" + m.group(2), ver, flags=re.S)
open("docs/verification.md", "w").write(ver)
open("docs/network.md", "w").write("# The simulated network, settled by the engine\n\nGenerated by `docs/generate-network.sh`.\n\n" + block + "\n\n"
    + "| seed | impostor / honest reward | Spearman(reward, truth) | Spearman(rating, truth) | malicious evaluator share | incentive compatible |\n|---:|---:|---:|---:|---:|:---|\n"
    + "\n".join(f"| {s} | {ratio[s]:.3f} | {rew[s]:.3f} | {rat[s]:.3f} | {100*mal[s]:.2f}% | {sims[s]['incentives']['compatible']} |" for s in range(1, 6)) + "\n")
PY
echo "docs/network.md, docs/verification.md's figures and the README's network figures regenerated"
