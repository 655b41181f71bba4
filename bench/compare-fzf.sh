#!/usr/bin/env bash
# Side by side with the tool people reach for: whole-process `ajtl search` against `fzf --filter`
# on the same synthetic events, fzf reading one title per line (the figure issue 20 sets targets
# for). ajtl opens a file it has seen before: its first (warm-up) run writes the snapshot, the
# timed runs read it. BUILD=path/to/ajtl compares another build; NO_CACHE=1 adds --no-cache.
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
export AJTL_CACHE_DIR="$work/cache"

cargo build --release --quiet --bin ajtl --example gen_timeline
ajtl=${BUILD:-./target/release/ajtl}
flags=""
if [ -n "${NO_CACHE:-}" ]; then flags="--no-cache"; fi
./target/release/examples/gen_timeline "$N" > "$work/big.ron"
# The events' titles, one line each, in timeline order.
./target/release/ajtl list --data "$work/big.ron" --format json | python3 -c '
import json, sys
for e in json.load(sys.stdin):
    print(e["title"])
' > "$work/titles.txt"

echo "ajtl search vs fzf --filter: $N events, $(date -u +%Y-%m-%d), $(nproc) cores, median of $RUNS runs"
echo "(ron file $(du -h "$work/big.ron" | cut -f1), titles $(du -h "$work/titles.txt" | cut -f1), ajtl: $ajtl $flags)"
echo
echo "| query | ajtl search (ms) | fzf --filter (ms) | ratio |"
echo "|---|---|---|---|"
for query in "jaif" "integration fund" "maritime security" "tokyo" "mekong"; do
  hyperfine --style none --warmup 2 --runs "$RUNS" --export-json "$work/times.json" \
    "$ajtl search '$query' --data $work/big.ron $flags --limit 50 > /dev/null" \
    "fzf --filter '$query' < $work/titles.txt | head -50 > /dev/null" \
    > /dev/null
  python3 - "$query" "$work/times.json" "$work/ratios" <<'PY'
import json, sys
query, path, ratios = sys.argv[1], sys.argv[2], sys.argv[3]
ajtl, fzf = (result["median"] * 1000 for result in json.load(open(path))["results"])
print(f"| `{query}` | {ajtl:.0f} | {fzf:.0f} | {ajtl / fzf:.2f}× |")
open(ratios, "a").write(f"{ajtl / fzf}\n")
PY
done
python3 - "$work/ratios" <<'PY'
import statistics, sys
ratios = [float(line) for line in open(sys.argv[1])]
print(f"\nmedian ratio over the {len(ratios)} queries: {statistics.median(ratios):.2f}×")
PY
