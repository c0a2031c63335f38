#!/usr/bin/env bash
# Regenerates docs/poq.md (scoutelo poq --sweep-report, default seed 7) and the Proof of Quality figures the README quotes
# (between the poq-figures markers), read from the generated tables. .ci/figures-check runs it and fails on a difference.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/ScoutElo.Cli -c Release -v q --nologo > /dev/null
dotnet src/ScoutElo.Cli/bin/Release/net10.0/scoutelo.dll poq --sweep-report docs/poq.md > /dev/null 2>&1
python3 - <<'PY'
import re, sys
doc = open("docs/poq.md").read()
section = re.search(r"## Collude — 15 evaluators\n(.*?)(?=\n## |\Z)", doc, flags=re.S).group(1)
header = next(l for l in section.splitlines() if l.startswith("| malicious"))
rules = [c.strip() for c in header.strip("|").split("|")][1:]
row = next(l for l in section.splitlines() if l.startswith("| 0.30 "))
cells = [c.strip() for c in row.strip("|").split("|")][1:]
fig = {r: c.split(" / ") for r, c in zip(rules, cells)}  # MAE / Pearson / attackers' share
mae, share = (lambda r: fig[r][0]), (lambda r: fig[r][2])
robust = (f"the trust-weighted median and κ-clipping by {mae('wmedian')} and {share('wmedian')}" if fig["wmedian"] == fig["kappa"]
          else f"the trust-weighted median by {mae('wmedian')} and {share('wmedian')}, κ-clipping by {mae('kappa')} and {share('kappa')}")
text = (f"Proof of Quality (`docs/poq.md`, 15 evaluators, 5,000 rounds): under 30% colluding boosters the plain mean errs by MAE"
        f" {mae('mean')} and pays attackers {share('mean')} of evaluator rewards; trust-weighted consensus errs by {mae('trust')} and"
        f" pays them {share('trust')}; {robust}.")
readme = open("README.md").read()
new, n = re.subn(r"(<!-- poq-figures:begin -->\n).*?(<!-- poq-figures:end -->)", lambda m: m.group(1) + text + "\n" + m.group(2), readme, flags=re.S)
if n != 1: sys.exit("README.md: the poq-figures markers are missing")
open("README.md", "w").write(new)
PY
echo "docs/poq.md and the README's Proof of Quality figures regenerated"
