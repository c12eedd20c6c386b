#!/usr/bin/env bash
# The scaling figure of the local cluster: with N instances of one role, the rate through edge 1 and the cpu those
# instances spent over the measured run (their cpu seconds / the work done), after the bench's own warm-up.
#   bench/scripts/cluster-scaling.sh engine 2 1   holds (bench holds-http) with 2, then 1 engine instance(s)
#   bench/scripts/cluster-scaling.sh room 2 1     queue joins and status reads (bench queue-http) with 2, then 1 room(s)
# A bare list of counts ("2 1") means engines, as before.
set -euo pipefail
cd "$(dirname "$0")/../.."  # the repository root
role=engine
if [[ "${1:-}" == engine || "${1:-}" == room ]]; then role=$1; shift; fi
(( $# > 0 )) || { echo "usage: $0 [engine|room] <count>..." >&2; exit 64; }
commit=$(git rev-parse --short HEAD)
command -v wrk >/dev/null || { echo "wrk drives the HTTP benchmarks (Debian: apt-get install wrk)" >&2; exit 69; }
cpu_of() { # total cpu seconds of the given pids
  local total=0 t
  for p in "$@"; do t=$(awk '{print $14+$15}' /proc/$p/stat); total=$((total + t)); done
  echo "scale=2; $total / $(getconf CLK_TCK)" | bc
}
bench() {
  local -a kind
  if [[ $role == engine ]]; then
    kind=(holds-http --connections 256 --seats 59200 --hold-seconds 20 --map-seconds 10)
  else
    kind=(queue-http --joins 20000 --connections 256 --status-seconds 20)
  fi
  nice -n 19 java -Xms1g -Xmx1g -jar bench/target/bench.jar "${kind[@]}" --bootstrap 127.0.0.1:19092 \
    --edge http://127.0.0.1:18080 --commit "$commit" --out-dir .local/bench --state-dir .local/bench/state
}
for n in "$@"; do
  ./ticketing cluster stop >/dev/null 2>&1 || true
  ./ticketing cluster reset >/dev/null
  echo "== $n $role instance(s); load $(cut -d' ' -f1-3 /proc/loadavg)"
  if [[ $role == engine ]]; then
    CLUSTER_ENGINES=$n ./ticketing cluster start >/dev/null
  else
    CLUSTER_ROOMS=$n ./ticketing cluster start >/dev/null
  fi
  pids=(); for ((i = 1; i <= n; i++)); do pids+=("$(cat ".local/cluster/$role-$i/$role.pid")"); done
  before=$(cpu_of "${pids[@]}")
  start=$(date +%s)
  # The whole output to a file first: a reader that stops early (head) would kill the bench with SIGPIPE.
  bench >".local/bench/cluster-scaling-$role-$n.txt" 2>&1
  grep -iE '^(HOLD|JOIN|STATUS|QUEUE|MAP|PING|BASELINE)|decisions/s|joins/s|reads/s|p99' \
    ".local/bench/cluster-scaling-$role-$n.txt" | tail -n 24
  after=$(cpu_of "${pids[@]}")
  echo "${role}s' cpu over the measured run: $(echo "$after - $before" | bc) s ($(( $(date +%s) - start )) s wall); load $(cut -d' ' -f1-3 /proc/loadavg)"
done
./ticketing cluster stop >/dev/null 2>&1 || true
