#!/usr/bin/env bash
# Holds through the local cluster's edge 1 with N engine instances (N from the arguments, e.g. "2 1"): the rate, and the
# engines' cpu per decision (their cpu seconds over the run / decisions), after the bench's own warm-up holds.
set -euo pipefail
cd "$(dirname "$0")/../.."  # the repository root
commit=$(git rev-parse --short HEAD)
cpu_of() { # total cpu seconds of the given pids
  local total=0 t
  for p in "$@"; do t=$(awk '{print $14+$15}' /proc/$p/stat); total=$((total + t)); done
  echo "scale=2; $total / $(getconf CLK_TCK)" | bc
}
for n in "$@"; do
  ./ticketing cluster stop >/dev/null 2>&1 || true
  ./ticketing cluster reset >/dev/null
  echo "== $n engine(s); load $(cut -d' ' -f1-3 /proc/loadavg)"
  CLUSTER_ENGINES=$n ./ticketing cluster start >/dev/null
  pids=(); for ((i = 1; i <= n; i++)); do pids+=("$(cat .local/cluster/engine-$i/engine.pid)"); done
  bench() {
    nice -n 19 java -Xms1g -Xmx1g -jar bench/target/bench.jar holds-http --bootstrap 127.0.0.1:19092 \
      --edge http://127.0.0.1:18080 --commit "$commit" --out-dir .local/bench --state-dir .local/bench/state \
      --connections 256 --seats 59200 --hold-seconds 20 --map-seconds 10 "$@"
  }
  before=$(cpu_of "${pids[@]}")
  start=$(date +%s)
  bench 2>&1 | tee ".local/bench/cluster-scaling-$n.txt" | grep -iE 'hold decisions|holds/s|decisions|p99|baseline' | head -12
  after=$(cpu_of "${pids[@]}")
  echo "engines' cpu over the measured run: $(echo "$after - $before" | bc) s ($(( $(date +%s) - start )) s wall); load $(cut -d' ' -f1-3 /proc/loadavg)"
done
./ticketing cluster stop >/dev/null 2>&1 || true
