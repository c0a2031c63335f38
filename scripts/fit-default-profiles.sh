#!/usr/bin/env bash
# Fits the shipped default profile (CalibrationProfile.Default, src/ScoutElo.Scoring/Calibration/Profiles/default.json) on
# the public datasets in ../shared/data with multi-domain calibration: per task, one set of weights chosen to hold on a
# dataset left out. Deterministic (seed 1, 5 folds). Usage: scripts/fit-default-profiles.sh [REPORT.md]
# docs/generate-calibration.sh runs it, so .ci/figures-check fails when the committed profile is stale.
set -euo pipefail
cd "$(dirname "$0")/.."
data=../shared/data/jsonl
report=${1:-/dev/null}
[ -d "$data" ] || { echo "fit-default-profiles: $data is absent" >&2; exit 1; }
dotnet build src/ScoutElo.Cli -c Release -v q --nologo > /dev/null
# summarization: SummEval (relevance: the overall summary-quality rating), QAGS CNN/DM and XSum (consistency votes);
# qa: EVOUNA TriviaQA and Natural Questions (correctness); dialogue: Topical-Chat (overall), the only dialogue set.
dotnet src/ScoutElo.Cli/bin/Release/net10.0/scoutelo.dll calibrate \
  --data $data/summeval.jsonl --label relevance \
  --data $data/qags-cnndm.jsonl --label consistency \
  --data $data/qags-xsum.jsonl --label consistency \
  --data $data/evouna-tq.jsonl --label correct \
  --data $data/evouna-nq.jsonl --label correct \
  --data $data/topical-chat.jsonl --label overall \
  --description "ScoutElo default profile: scripts/fit-default-profiles.sh, multi-domain calibration (leave one dataset out, mean objective, seed 1) on SummEval, QAGS-CNN/DM, QAGS-XSum, EVOUNA-TQ, EVOUNA-NQ and Topical-Chat." \
  --out src/ScoutElo.Scoring/Calibration/Profiles/default.json --report "$report" 2> /dev/null
