#!/usr/bin/env bash
# Regenerates docs/calibration.md from ../shared/data with the scoutelo command (deterministic: seed 1, 5 folds).
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/jsonl
tmp=$(mktemp -d)
cli() { dotnet run --project samples/ScoutElo.Cli -c Release -- "$@"; }
dotnet build samples/ScoutElo.Cli -c Release > /dev/null
i=0
run() { i=$((i+1)); cli calibrate "$@" --out "$tmp/p$i.json" --report "$tmp/r$i.md" > /dev/null; }
for label in coherence consistency fluency relevance; do run --data $data/summeval.jsonl --label $label; done
run --data $data/evouna-tq.jsonl --label correct
run --data $data/evouna-nq.jsonl --label correct
run --data $data/qags-cnndm.jsonl --label consistency
run --data $data/qags-xsum.jsonl --label consistency
run --data $data/topical-chat.jsonl --label overall
run --data $data/topical-chat.jsonl --label overall --exclude agreement
{
  cat docs/calibration.intro.md
  for k in $(seq 1 $i); do cat "$tmp/r$k.md"; echo; done
} > docs/calibration.md
rm -rf "$tmp"
echo "wrote docs/calibration.md"
