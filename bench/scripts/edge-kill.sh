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
# A sale long enough to span every kill (an edge restarts in ~30 s here): buyers arrive evenly over the drill, the
# waiting room meters them.
arrival=$(( KILLS * (EVERY + 30) + EVERY ))
nice -n "${CLIENT_NICE:-19}" java -jar loadgen/target/loadgen.jar simulate --edge http://127.0.0.1:8080 \
  --preset small --buyers 3000 --seats 6000 --arrival-shape uniform --arrival-seconds "$arrival" \
  --admit-rate 40 --max-duration "$(( arrival + 180 ))s" --seed 20261204 --out "$out.json" >"$out-simulate.txt" 2>&1 &
sim=$!
until grep -q '^\[+ *[0-9]' "$out-simulate.txt" 2>/dev/null; do
  kill -0 "$sim" 2>/dev/null || { log "the simulator stopped before the sale opened"; cat "$out-simulate.txt"; exit 2; }
  sleep 0.5
done
kills=()
for ((k = 1; k <= KILLS; k++)); do
  sleep "$EVERY"
  pid=$(cat .local/edge/edge.pid)
  killed=$(date +%s.%N)
  kill -9 "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  ./ticketing edge start >/dev/null
  ready=$(date +%s.%N)
  kills+=("$killed")
  log "kill $k: edge pid $pid killed, ready again after $(printf '%.1f' "$(echo "$ready - $killed" | bc)") s"
done
rc=0; wait "$sim" || rc=$?
log "simulator exit $rc ($( ((rc == 0)) && echo 'AUDIT PASSED' || echo 'AUDIT FAILED or could not run'))"
grep -E 'AUDIT|oversold|sale:|timeouts|connection errors|5xx|stranded|undecided' "$out-simulate.txt" | tee -a "$out.txt" || true
# After each kill, the first second (after the opening, the simulator's per-second counts) in which buyers heard a
# decision again (a hold or a refusal): the gap, to a second. The second after the kill's own is skipped: answers the
# dead edge wrote before it died are still read by the buyers then.
python3 - "$out.json" "${kills[@]}" <<'PY' | tee -a "$out.txt"
import json, sys
from datetime import datetime
report = json.load(open(sys.argv[1]))
opened = datetime.fromisoformat(report["saleOpensAt"].replace("Z", "+00:00")).timestamp()
sale = report["sale"]
decided = [h + r for h, r in zip(sale["ticketsHeldPerSecond"], sale["refusedPerSecond"])]
for n, killed in enumerate(sys.argv[2:], 1):
    at = float(killed) - opened
    after = [s for s in range(int(at) + 2, len(decided)) if decided[s] > 0]
    if not after:
        print(f"kill {n} at +{at:.1f} s after the opening: no decision heard after it (the sale was over)")
    else:
        print(f"kill {n} at +{at:.1f} s after the opening: decisions heard again in second +{after[0]}, "
              f"{after[0] - at:.0f}-{after[0] + 1 - at:.0f} s after the kill")
PY
log "uptime after: $(cut -d' ' -f1-3 /proc/loadavg); report $out.txt, simulator output $out-simulate.txt"
exit "$rc"
