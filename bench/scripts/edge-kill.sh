#!/usr/bin/env bash
# The fault drill of a crashing edge (issue 14): an on-sale through the edge that embeds the engine and the waiting room
# (./ticketing's default), the edge killed with kill -9 and restarted at once, KILLS times in a row while buyers keep
# buying; then the simulator's audit over every order and seat it was told about (oversold 0, no paid seat lost, no
# hold nobody heard of, every order decided once, admissions in order). For each kill: how long the edge took to be
# ready again, and the seconds until the buyers heard decisions again (from the simulator's per-second counts).
#   bench/scripts/edge-kill.sh            5 kills, 25 s apart
#   KILLS=2 EVERY=20 bench/scripts/edge-kill.sh
set -euo pipefail
cd "$(dirname "$0")/../.."  # the repository root
KILLS=${KILLS:-5}
EVERY=${EVERY:-25}
stamp=$(date -u +%Y%m%d-%H%M%S)
out=.local/bench/edge-kill-$stamp
mkdir -p .local/bench
commit=$(git rev-parse --short HEAD)
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$out.txt"; }

./ticketing broker start >/dev/null
./ticketing edge start >/dev/null
log "edge-kill drill at $commit: $KILLS kills, $EVERY s apart; load $(cut -d' ' -f1-3 /proc/loadavg)"
# A sale long enough to span every kill: buyers arrive evenly over the drill, the waiting room meters them.
arrival=$(( (KILLS + 1) * EVERY ))
nice -n "${CLIENT_NICE:-19}" java -jar loadgen/target/loadgen.jar simulate --edge http://127.0.0.1:8080 \
  --preset small --buyers 3000 --seats 6000 --arrival-shape uniform --arrival-seconds "$arrival" \
  --admit-rate 40 --max-duration "$(( arrival + 180 ))s" --seed 20261204 --out "$out.json" >"$out-simulate.txt" 2>&1 &
sim=$!
until grep -q '^\[+ *[0-9]' "$out-simulate.txt" 2>/dev/null; do
  kill -0 "$sim" 2>/dev/null || { log "the simulator stopped before the sale opened"; cat "$out-simulate.txt"; exit 2; }
  sleep 0.5
done
opened=$(date +%s.%N)
kills=()
for ((k = 1; k <= KILLS; k++)); do
  sleep "$EVERY"
  pid=$(cat .local/edge/edge.pid)
  killed=$(date +%s.%N)
  kill -9 "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  ./ticketing edge start >/dev/null
  ready=$(date +%s.%N)
  kills+=("$(echo "$killed - $opened" | bc)")
  log "kill $k: edge pid $pid killed at +$(printf '%.1f' "$(echo "$killed - $opened" | bc)") s after the opening, ready again after $(printf '%.1f' "$(echo "$ready - $killed" | bc)") s"
done
rc=0; wait "$sim" || rc=$?
log "simulator exit $rc ($( ((rc == 0)) && echo 'AUDIT PASSED' || echo 'AUDIT FAILED or could not run'))"
grep -E 'AUDIT|oversold|sale:|timeouts|connection errors|5xx|stranded|undecided' "$out-simulate.txt" | tee -a "$out.txt" || true
# Seconds without a decision heard after each kill: the run of seconds with no hold and no refusal, from the kill on.
python3 - "$out.json" "${kills[@]}" <<'PY' | tee -a "$out.txt"
import json, sys
sale = json.load(open(sys.argv[1]))["sale"]
held, refused = sale["ticketsHeldPerSecond"], sale["refusedPerSecond"]
decided = [h + r for h, r in zip(held, refused)]
for n, at in enumerate(sys.argv[2:], 1):
    second = int(float(at))
    quiet = 0
    while second + quiet < len(decided) and decided[second + quiet] == 0:
        quiet += 1
    more = "" if second + quiet < len(decided) else " (to the end of the sale)"
    print(f"kill {n} at +{float(at):.1f} s: {quiet} s without a decision heard by buyers{more}")
PY
log "uptime after: $(cut -d' ' -f1-3 /proc/loadavg); report $out.txt, simulator output $out-simulate.txt"
exit "$rc"
