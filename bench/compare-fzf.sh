#!/usr/bin/env bash
# Side by side with the tool people reach for: `ajtl search` against `fzf --filter` on the same
# synthetic events, the same searchable text, one line per event for fzf. Each command is a
# whole run from a cold process (ajtl parses and indexes its RON file every time; fzf reads lines).
#
#   bench/compare-fzf.sh            # 100k events
#   N=1000000 bench/compare-fzf.sh
#
# Needs fzf, hyperfine (Debian: apt-get install fzf hyperfine) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for tool in fzf hyperfine python3; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "compare-fzf: missing ${missing[*]}; on Debian: apt-get install fzf hyperfine python3" >&2
  exit 1
fi

N=${N:-100000}
RUNS=${RUNS:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --bin ajtl --example gen_timeline
./target/release/examples/gen_timeline "$N" > "$work/big.ron"
# The text ajtl searches, as one line per event: title, acronyms, mechanisms, place, summary.
./target/release/ajtl list --data "$work/big.ron" --format json | python3 -c '
import json, sys
for e in json.load(sys.stdin):
    print(" ".join([e["title"], " ".join(e["acronyms"]), " ".join(e["mechanisms"]),
                    e["place"] or "", e["summary"]]))
' > "$work/big.txt"

echo "ajtl search vs fzf --filter: $N events, $(date -u +%Y-%m-%d), $(nproc) cores, median of $RUNS runs"
echo "(ron file $(du -h "$work/big.ron" | cut -f1), text file $(du -h "$work/big.txt" | cut -f1))"
echo
echo "| query | ajtl search (ms) | fzf --filter (ms) |"
echo "|---|---|---|"
for query in "jaif" "integration fund" "maritime security" "tokyo" "mekong"; do
  hyperfine --style none --warmup 2 --runs "$RUNS" --export-json "$work/times.json" \
    "./target/release/ajtl search '$query' --data $work/big.ron --limit 50 > /dev/null" \
    "fzf --filter '$query' < $work/big.txt | head -50 > /dev/null" \
    > /dev/null
  python3 - "$query" "$work/times.json" <<'PY'
import json, sys
query, path = sys.argv[1], sys.argv[2]
ajtl, fzf = (result["median"] * 1000 for result in json.load(open(path))["results"])
print(f"| `{query}` | {ajtl:.0f} | {fzf:.0f} |")
PY
done
