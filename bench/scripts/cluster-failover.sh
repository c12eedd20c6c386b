#!/usr/bin/env bash
# The failover drill of issues 14 and 15 on the local cluster, through the edges: while the simulator sells, kill -9
# broker 2 at +15 s and restart it 10 s later, then kill -9 engine 1 at +40 s and restart it 10 s later (seconds after
# the sale opens, or after the selling starts when the event was ready late; on the simulator's clock). Then what the
# buyers saw: after each kill the longest run of whole seconds in which no hold was decided (no 201 and no 409, from
# the simulator's per-second counts), the 5xx by step, status and problem kind (a 503 with Retry-After is expected
# while a broker is away, never a 500), client timeouts, the edges' ERROR log lines, the cluster's state afterwards,
# and the simulator's audit, whose verdict is the exit code.
#   bench/scripts/cluster-failover.sh [simulate options]       (or: ./ticketing bench failover [simulate options])
# Default sale: --preset small --admit-rate 8, about a minute of selling. Uses the running cluster, or starts one (then
# a small warm-up sale first, FAILOVER_WARMUP=0 skips it) and stops it afterwards. FAILOVER_BROKER, FAILOVER_ENGINE
# (2, 1) pick the victims; CLIENT_NICE (0) the simulator's niceness. Summary in .local/bench/failover-<stamp>.txt; the
# simulator's report (-simulate.txt, .json), progress (-progress.log) and the restarts' output (-restart-*.log) beside it.
set -euo pipefail
cd "$(dirname "$0")/../.."  # the repository root
command -v python3 >/dev/null || { echo "python3 reads the simulator's report; install it" >&2; exit 1; }

broker=${FAILOVER_BROKER:-2}
engine=${FAILOVER_ENGINE:-1}
edge_port=${CLUSTER_EDGE_PORT:-18080}
loadgen=loadgen/target/loadgen.jar
stamp=$(date -u +%Y%m%d-%H%M%S)
out=.local/bench/failover-$stamp
mkdir -p .local/bench
exec > >(tee "$out.txt") 2>&1

now_ms() { date +%s%3N; }
say() { printf '[%s] %s\n' "$(date -u +%H:%M:%S.%3N)" "$*"; }

started_cluster=0 sim="" restarts=()
cleanup() {
  [[ -n "$sim" ]] && kill -0 "$sim" 2>/dev/null && kill "$sim" 2>/dev/null
  for pid in ${restarts[@]+"${restarts[@]}"}; do wait "$pid" 2>/dev/null || true; done
  if ((started_cluster)); then say "stopping the cluster this drill started"; ./ticketing cluster stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

status=0
./ticketing cluster status >/dev/null 2>&1 || status=$?
case $status in
  0) say "using the running cluster" ;;
  3) say "starting the cluster (about 2.5 min on this machine) ..."
     started_cluster=1
     ./ticketing cluster start >"$out-cluster-start.log" 2>&1 || { tail -n 30 "$out-cluster-start.log"; exit 1; }
     say "cluster up" ;;
  *) ./ticketing cluster status || true
     echo "some members of the cluster are down: restart them or 'cluster stop' first" >&2; exit 1 ;;
esac
[[ -f "$loadgen" ]] || { echo "missing $loadgen: run 'mvn -B -DskipTests package' (or './ticketing cluster start' builds it)" >&2; exit 1; }
# A cluster just started is cold (eight JVMs compiling at once: the first event took 104 s to be ready here, at load
# 25), which would be measured as the failover's: a small sale first, unless FAILOVER_WARMUP=0.
if ((started_cluster)) && [[ "${FAILOVER_WARMUP:-1}" != 0 ]]; then
  warm=0
  java -jar "$loadgen" simulate --edge "http://127.0.0.1:$edge_port" --preset demo --buyers 200 --seats 200 \
    --out "$out-warmup.json" >"$out-warmup.txt" 2>&1 || warm=$?
  say "warm-up sale (200 buyers): $(grep -E '^AUDIT' "$out-warmup.txt" || echo "exit $warm")"
fi

# The drill starts from a whole cluster: a member found down (an engine's stream thread failing stops its JVM, even
# while the cluster starts on a busy machine) is said and restarted first.
restart_down_members() {
  local role n state
  while read -r role n _ _ state _; do
    [[ "$state" == down ]] || continue
    say "$role $n is down before the drill; its last ERROR: $(grep -h -E '^Caused by' ".local/cluster/$role-$n/$role.log" 2>/dev/null | tail -n 1 | cut -c1-160 || true)"
    ./ticketing cluster restart "$role" "$n" >>"$out-restart-before.log" 2>&1
    say "$role $n restarted"
  done < <(./ticketing cluster status 2>/dev/null | grep -E '^(broker|engine|room|edge) ' || true)
}
restart_down_members

# Every edge's log from here on: its ERROR lines are read at the end.
declare -A log_from
for log in .local/cluster/edge-*/edge.log; do log_from[$log]=$(wc -l <"$log"); done

preset=(--preset small --admit-rate 8)
[[ " $* " == *" --preset "* || " $* " == *" --admit-rate "* ]] && preset=()
say "simulating: java -jar $loadgen simulate --edge http://127.0.0.1:$edge_port ${preset[*]} $*"
nice -n "${CLIENT_NICE:-0}" java -jar "$loadgen" simulate --edge "http://127.0.0.1:$edge_port" ${preset[@]+"${preset[@]}"} \
  --out "$out.json" "$@" >"$out-simulate.txt" 2>"$out-progress.log" &
sim=$!

# When the selling starts on this clock, from the simulator's first progress line, printed a second after it
# started: "[- 4.0s] ..." before the opening (early buyers arrive first), "[+ 0.3s] ..." after it, or far after it
# when the event took longer to be ready than the simulator's setup margin (it then lets every buyer in at once).
# The kills are timed from the opening, or from the start of the selling when that came later.
start_ms=""
while [[ -z "$start_ms" ]]; do
  kill -0 "$sim" 2>/dev/null || { cat "$out-progress.log" "$out-simulate.txt"; echo "the simulator stopped before the sale opened" >&2; exit 1; }
  if line=$(grep -m 1 -oE '^\[[+-] *[0-9]+\.[0-9]s\]' "$out-progress.log"); then
    seen=$(now_ms) tenths=$((10#$(tr -dc "0-9" <<<"$line")))
    if [[ "$line" == "[-"* ]]; then open_ms=$((seen + tenths * 100)); else open_ms=$((seen - tenths * 100)); fi
    selling_ms=$((seen - 1000)) start_ms=$((seen - 1000))
    ((start_ms > open_ms)) || start_ms=$open_ms
    say "selling started; the schedule counts from $(date -u -d "@$((start_ms / 1000))" +%H:%M:%S) UTC"
  fi
  sleep 0.1
done
at() { # at <seconds after the start of the schedule>: returns then
  local wait=$(( start_ms + $1 * 1000 - $(now_ms) ))
  ((wait <= 0)) || sleep "$(printf '%d.%03d' $((wait / 1000)) $((wait % 1000)))"
}
events=()
kill_member() { # kill_member <role> <n> <second>; a member already down is said, and its window measured all the same
  at "$3"
  local t answer; t=$(now_ms)
  if answer=$(./ticketing cluster kill "$1" "$2" 2>&1); then
    echo "  $answer"
  else
    say "$1 $2 could not be killed, it was already down: $answer"
  fi
  events+=("$1 $2 kill $t")
}
restart_member() { # restart_member <role> <n> <second>: in the background, so the schedule goes on while it catches up
  at "$3"
  local t; t=$(now_ms)
  say "restarting $1 $2"
  { local code=0; ./ticketing cluster restart "$1" "$2" >"$out-restart-$1-$2.log" 2>&1 || code=$?
    echo "exit $code at $(now_ms)" >>"$out-restart-$1-$2.log"; } &
  restarts+=($!)
  events+=("$1 $2 restart $t")
}
kill_member broker "$broker" 15
restart_member broker "$broker" 25
kill_member engine "$engine" 40
restart_member engine "$engine" 50

rc=0
wait "$sim" || rc=$?
sim=""
for pid in "${restarts[@]}"; do wait "$pid" || true; done
for role in "broker $broker" "engine $engine"; do
  say "$role: $(grep -E 'restarted in|back in sync|exit ' "$out-restart-${role/ /-}.log" | tr '\n' ' ')"
done
say "simulator exit code $rc; its report: $out-simulate.txt"
grep -E '^(sale|waiting room|payments|times):|^AUDIT|^  - ' "$out-simulate.txt" | sed 's/^/  /' || true

[[ -f "$out.json" ]] || { echo "no report $out.json" >&2; exit 1; }
python3 - "$out.json" "$start_ms" "$selling_ms" "${events[@]}" <<'PY'
import datetime, json, sys
report = json.load(open(sys.argv[1]))
start_ms = int(sys.argv[2])
opened = datetime.datetime.fromisoformat(report["saleOpensAt"].replace("Z", "+00:00")).timestamp() * 1000
start = max(0, int((start_ms - opened) / 1000))  # the schedule's start, in seconds after the opening
events = [line.split() for line in sys.argv[4:]]
sale = report["sale"]
held, refused = sale["ticketsHeldPerSecond"], sale["refusedPerSecond"]
# The series end at their last second with a count; the selling went on until its end (or until the sale sold out,
# after which there is nothing left to decide): the seconds in between are seconds without a decision.
selling_end = int((int(sys.argv[3]) + report["durationsMillis"]["selling"] - opened) / 1000)
seconds = max(len(held), len(refused), selling_end if sale["soldOutAfterMillis"] < 0
              else min(selling_end, sale["soldOutAfterMillis"] // 1000))
decided = [(held[i] if i < len(held) else 0) + (refused[i] if i < len(refused) else 0) for i in range(seconds)]

def longest_quiet(first, last):
    """The longest run of whole seconds in [first, last) without a hold decided: (length, start)."""
    best, run = (0, None), 0
    for i in range(max(0, first), min(last, seconds)):
        run = run + 1 if decided[i] == 0 else 0
        if run > best[0]:
            best = (run, i - run + 1)
    return best

print(f"sale opened {report['saleOpensAt']}; the schedule started at +{(start_ms - opened) / 1000:.1f} s; selling"
      f" {report['durationsMillis']['selling'] / 1000:.1f} s (to second {selling_end}), the last hold decision in second"
      f" {max(len(held), len(refused)) - 1};"
      f" sold out {'at +%.1f s' % (sale['soldOutAfterMillis'] / 1000) if sale['soldOutAfterMillis'] >= 0 else 'never'}")
kills = [(e[0] + " " + e[1], (int(e[3]) - opened) / 1000) for e in events if e[2] == "kill"]
for role, what, kind, t in events:
    print(f"  {kind:7} {role} {what} at +{(int(t) - opened) / 1000:.1f} s")
quiet = longest_quiet(start + 1, int(kills[0][1]) if kills else seconds)
print(f"longest run without a hold decision from second {start + 1} to the first kill: {quiet[0]} s"
      + (f" (from second {quiet[1]})" if quiet[0] else ""))
for n, (who, at) in enumerate(kills):
    until = int(kills[n + 1][1]) if n + 1 < len(kills) else seconds
    length, start = longest_quiet(int(at), until)
    print(f"after kill -9 of {who} at +{at:.1f} s: longest run without a hold decision {length} s"
          + (f" (seconds {start}..{start + length - 1})" if length else "")
          + f"; decisions per second from the kill: {decided[int(at):min(until, int(at) + 20)]}")
statuses = {s: n for s, n in report["errorsByStatus"].items() if int(s) >= 500}
print(f"5xx by status: {statuses or 'none'}; by step and kind: {report.get('serverErrors') or 'none'}")
bad = {k: n for k, n in report.get("serverErrors", {}).items() if not k.split()[1] == "503" or "without Retry-After" in k}
print("5xx other than 503 with Retry-After: " + (str(bad) if bad else "none"))
print(f"client timeouts: {report['counts']['timeouts']} {report['timeoutsByStep'] or ''}; connection errors:"
      f" {report['counts']['transport_errors']} {report['connectionErrorsByStep'] or ''}")
audit = report["audit"]
print(f"audit: {'PASSED' if audit['passed'] else 'FAILED'} ({audit['ordersRead']} orders read back,"
      f" {len(audit['problems'])} problem(s))")
for problem in audit["problems"][:10]:
    print("  - " + problem)
PY

for log in "${!log_from[@]}"; do  # Spring Boot's format: <time> ERROR <pid> --- [app] [thread] logger : message
  errors=$(tail -n +"$(( log_from[$log] + 1 ))" "$log" | grep -E '^[0-9-]+T[0-9:.]+Z +ERROR ' || true)
  say "$log: $(grep -c . <<<"$errors" || true) ERROR line(s) during the drill"
  [[ -z "$errors" ]] || sed -E 's/^[^ ]+ +ERROR [0-9]+ --- //; s/^(.{200}).*/\1 …/' <<<"$errors" | sort | uniq -c | sort -rn | head -5
done
# A process the drill did not kill may have died of it (an engine's stream thread failing stops its JVM).
say "the cluster afterwards:"
./ticketing cluster status | sed 's/^/  /' || true
say "summary: $out.txt"
exit "$rc"
