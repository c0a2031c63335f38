#!/usr/bin/env bash
# Writes the golden outputs of tests/golden/cases.txt from the built scoutelo command (Release). Run only when an output
# change is intended, and review the diff: the golden files are the proof that behaviour did not drift.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cli=${SCOUTELO_DLL:-$(ls "$here"/../../src/ScoutElo.Cli/bin/Release/net10.0/scoutelo.dll 2>/dev/null | head -1 || true)}
[ -f "$cli" ] || { echo "capture.sh: build the CLI first (dotnet build -c Release)" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
out="$here/expected"; rm -rf "$out"; mkdir -p "$out"
cd "$work"
export NO_COLOR=1 COLUMNS=120 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
grep -v '^\s*#' "$here/cases.txt" | grep -v '^\s*$' | while IFS='|' read -r name code rest; do
  name=$(echo $name); code=$(echo $code)
  args=${rest%%>>*}; files=""; [[ "$rest" == *">>"* ]] && files=${rest#*>>}
  set +e; eval "dotnet \"$cli\" $args" > "$out/$name.out" 2> "$work/stderr"; rc=$?; set -e
  [ "$rc" = "$code" ] || { echo "capture.sh: $name exited $rc, expected $code"; cat "$work/stderr"; exit 1; }
  [ "$code" = 0 ] || tail -n 1 "$work/stderr" > "$out/$name.err"
  for f in $files; do cp "$f" "$out/$name.$(basename "$f")"; done
  echo "captured $name"
done
