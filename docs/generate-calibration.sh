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
# Transfer: the SummEval relevance profile applied zero-shot to QAGS-CNNDM (other annotators, label "consistency"),
# then adapted with the first 35 QAGS-CNNDM items and evaluated on the other 200.
cli calibrate --data $data/summeval.jsonl --label relevance --out "$tmp/rel.json" > /dev/null
head -35 $data/qags-cnndm.jsonl > "$tmp/few.jsonl"
tail -n +36 $data/qags-cnndm.jsonl > "$tmp/rest.jsonl"
cli calibrate --base "$tmp/rel.json" --data "$tmp/few.jsonl" --label consistency --out "$tmp/adapted.json" --report "$tmp/adapted.md" > /dev/null
zero=$(cli evaluate --data "$tmp/rest.jsonl" --label consistency --profile "$tmp/rel.json" 2> "$tmp/zero.warn")
few=$(cli evaluate --data "$tmp/rest.jsonl" --label consistency --profile "$tmp/adapted.json" 2> /dev/null)
{
  cat docs/calibration.intro.md
  for k in $(seq 1 $i); do cat "$tmp/r$k.md"; echo; done
  echo "## Transfer: SummEval relevance profile on QAGS-CNNDM (zero-shot, then few-shot)"
  echo
  echo "The profile calibrated on SummEval \`relevance\` scores the last 200 QAGS-CNNDM summaries (label \`consistency\`; no"
  echo "references, unseen nodes). Then \`calibrate --base\` adapts it with the first 35 items. Both evaluated on the same 200 items."
  echo
  echo "Zero-shot (\`scoutelo evaluate\`), with the label-free warnings it printed:"
  echo
  echo '```'
  echo "$zero"
  cat "$tmp/zero.warn"
  echo '```'
  echo
  echo "After few-shot adaptation on 35 labeled items:"
  echo
  echo '```'
  echo "$few"
  echo '```'
  echo
  cat "$tmp/adapted.md"
} > docs/calibration.md
rm -rf "$tmp"
echo "wrote docs/calibration.md"
