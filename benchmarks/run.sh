#!/usr/bin/env bash
# FFTT Async benchmarks: the guard against its peers (JMH), one million pending calls, agent
# startup on a generated 10,000-class application, and the annotation processor's compile cost.
#
#   benchmarks/run.sh            quick (~15 min): a few seconds per JMH row, reduced startup and
#                                processor runs;
#                                prints the tables, writes benchmarks/target/results/
#   benchmarks/run.sh --full     the full measurement: writes benchmarks/results/*.json and
#                                benchmarks/RESULTS.md (about 45 minutes on 2 cores)
#   benchmarks/run.sh --ci       one short iteration of every one-thread row, a reduced scale run,
#                                a tiny startup and processor run, and the report: proves nothing
#                                rotted (about 2 minutes)
#   benchmarks/run.sh --profile REGEX   one JMH row (or a few) under async-profiler (cpu, flat text)
#   benchmarks/run.sh [--full] --report-only   rebuild the tables and RESULTS.md from the JSON
#                                of the last run (no measurement)
#
# Options: --only jmh,scale,startup,processor  (any subset, default all)
#          --rows REGEX                        (JMH rows to run, default all)
# Environment: ROUNDS (JMH rounds, default 1 quick / 3 full), STARTUP_RUNS, JAVA (java binary).
#
# Everything it needs is built here if missing (mvn install -DskipTests at the root). The woven
# rows and the agent's startup need agent/target/fftt-agent-<version>.jar; without it they are
# skipped with a note. AspectJ, the OpenTelemetry agent and async-profiler come from Maven Central
# through `mvn dependency:copy@startup-peers` on first use.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
B=benchmarks
T=$B/target
JAVA="${JAVA:-java}"

MODE=quick
REPORT_ONLY=0
ONLY="jmh,scale,startup,processor"
ROWS=""
PROFILE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --full) MODE=full ;;
    --ci) MODE=ci ;;
    --only) ONLY="$2"; shift ;;
    --rows) ROWS="$2"; shift ;;
    --profile) MODE=profile; PROFILE="$2"; shift ;;
    --report-only) REPORT_ONLY=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$ROOT/$B/run.sh" | grep '^#'; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
wants() { [[ ",$ONLY," == *",$1,"* ]]; }
log() { echo "== $*" >&2; }

if [ "$MODE" = full ]; then OUT=$B/results; else OUT=$T/results; fi
mkdir -p "$OUT"

# ---------------------------------------------------------------- build what is missing
VERSION=0.1.0-SNAPSHOT
AGENT_SRC=agent/target/fftt-agent-$VERSION.jar
if [ ! -f $T/benchmarks.jar ] || [ ! -f $T/lib/fftt-runtime.jar ]; then
  log "building (mvn -B -ntp -q install -DskipTests -DskipITs)"
  mvn -B -ntp -q install -DskipTests -DskipITs
fi
mkdir -p $T/agent
rm -f $T/agent/fftt-agent.jar
AGENT_NOTE=""
if [ -f "$AGENT_SRC" ] && unzip -p "$AGENT_SRC" META-INF/MANIFEST.MF 2>/dev/null | grep -q "Premain-Class"; then
  cp "$AGENT_SRC" $T/agent/fftt-agent.jar
else
  AGENT_NOTE="The agent jar ($AGENT_SRC, with a Premain-Class) is not built yet: the woven rows and the agent's startup are skipped."
  log "$AGENT_NOTE"
fi

peers() {
  if [ ! -f $T/peers/aspectjweaver.jar ] || [ ! -f $T/peers/opentelemetry-javaagent.jar ] || [ ! -f $T/peers/async-profiler.jar ]; then
    log "fetching AspectJ, the OpenTelemetry agent and async-profiler (mvn dependency:copy@startup-peers)"
    mvn -B -ntp -q -f $B/pom.xml dependency:copy@startup-peers
  fi
}

machine() {
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- runtime 2>/dev/null || echo ' (runtime with local changes)')"
  echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(uname -sr)"
  echo "- JDK: $("$JAVA" -version 2>&1 | head -2 | tail -1)"
  echo "- JMH 1.37; peers: Resilience4j 2.4.0, SmallRye Fault Tolerance 6.9.3, Failsafe 3.3.2, AspectJ 1.9.24, OpenTelemetry Java agent 2.20.1"
}

# ---------------------------------------------------------------- JMH
JMH_ARGS=()
case "$MODE" in
  quick)   JMH_ARGS=(-f 1 -wi 2 -w 1 -i 3 -r 1); ROUNDS="${ROUNDS:-1}" ;;
  full)    JMH_ARGS=(-f 1 -wi 3 -w 1 -i 5 -r 1); ROUNDS="${ROUNDS:-3}" ;;
  ci)      JMH_ARGS=(-f 1 -wi 0 -i 1 -r 200ms); ROUNDS=1 ;;
  profile) JMH_ARGS=(-f 1 -wi 3 -w 1 -i 5 -r 2); ROUNDS=1 ;;
esac

if [ "$MODE" = profile ]; then
  peers
  mkdir -p $T/async-profiler
  unzip -o -q $T/peers/async-profiler.jar 'linux-x64/*' -d $T/async-profiler
  LIB="$ROOT/$T/async-profiler/linux-x64/libasyncProfiler.so"
  DIR="$T/profiles/$(date +%H%M%S)"
  "$JAVA" -jar $T/benchmarks.jar "$PROFILE" "${JMH_ARGS[@]}" -foe true \
    -prof "async:libPath=$LIB;event=cpu;interval=100000;output=text;flat=25;dir=$DIR" -prof gc
  log "profiles in $DIR"
  exit 0
fi

if [ "$REPORT_ONLY" = 1 ]; then ONLY=""; fi
if [ "$REPORT_ONLY" = 0 ]; then
  {
    machine
    echo "- load average (1, 5, 15 min) at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- JMH: $ROUNDS round(s) of every row, each \`${JMH_ARGS[*]}\` with \`-prof gc\`, mode avgt"
    [ -n "$AGENT_NOTE" ] && echo "- $AGENT_NOTE"
  } > "$OUT/run-info.md"
  rm -f "$OUT"/jmh-round-*.json
fi
if wants jmh; then
  INCLUDE="${ROWS:-^dev\.fftt\.benchmarks\.}"
  EXCLUDE=()
  if [ -n "$AGENT_NOTE" ]; then EXCLUDE=(-e 'Woven' -e 'blockingWarn'); fi
  if [ "$MODE" = ci ]; then INCLUDE="${ROWS:-^dev\.fftt\.benchmarks\.(One|WovenOne)Thread\.}"; fi
  for r in $(seq 1 "$ROUNDS"); do
    log "JMH round $r of $ROUNDS ($MODE)"
    "$JAVA" -jar $T/benchmarks.jar "$INCLUDE" "${EXCLUDE[@]}" "${JMH_ARGS[@]}" -foe true -prof gc \
      -rf json -rff "$OUT/jmh-round-$r.json" > "$OUT/jmh-round-$r.log" 2>&1 \
      || { tail -40 "$OUT/jmh-round-$r.log" >&2; echo "run.sh: JMH failed (log: $OUT/jmh-round-$r.log)" >&2; exit 1; }
  done
fi

# ---------------------------------------------------------------- one million pending
if wants scale; then
  rm -f "$OUT/scale.json" "$OUT/scale.md"
  CALLS=1000000
  if [ "$MODE" = ci ]; then CALLS=100000; fi
  log "scale: $CALLS pending guarded calls"
  "$JAVA" -Xms3g -Xmx3g -cp $T/benchmarks.jar dev.fftt.benchmarks.scale.MillionPending $CALLS "$OUT/scale.json" > /dev/null
fi

# ---------------------------------------------------------------- processor cost
if wants processor; then
  rm -f "$OUT/processor.json" "$OUT/processor.md"
  # the issue's size is 2,000 classes; 200 (the earlier size) stays for comparison in the record
  case "$MODE" in
    full) ROUNDS_P=6; SIZES_P=2000,200 ;;
    ci) ROUNDS_P=1; SIZES_P=100 ;;
    *) ROUNDS_P=2; SIZES_P=2000 ;;
  esac
  log "processor: $SIZES_P-class source sets: -proc:none, a no-op processor, one that generates a source, ours"
  "$JAVA" -cp $T/benchmarks.jar dev.fftt.benchmarks.processor.ProcessorCost $T/processor-cost \
    "$T/lib/fftt-annotations.jar:$T/lib/fftt-runtime.jar" "$T/lib/fftt-processor.jar:$T/lib/fftt-annotations.jar:$T/lib/fftt-runtime.jar" \
    $ROUNDS_P "$OUT/processor.json" $SIZES_P > /dev/null
fi

# ---------------------------------------------------------------- startup
if wants startup; then
  rm -f "$OUT/startup.json" "$OUT/startup.md"
  # the issue's configuration: 10,000 classes, 100 of them with a woven method, each called once
  CLASSES=10000; RUNS="${STARTUP_RUNS:-7}"
  if [ "$MODE" = quick ]; then CLASSES=2000; RUNS="${STARTUP_RUNS:-3}"; fi
  if [ "$MODE" = ci ]; then CLASSES=200; RUNS=1; else peers; fi
  "$JAVA" -cp $T/benchmarks.jar dev.fftt.benchmarks.startup.NoopAgent $T/agent/noop-agent.jar
  APP=$T/startup-$CLASSES
  LIBCP="$T/lib/fftt-annotations.jar:$T/lib/fftt-runtime.jar"
  GEN=$B/src/main/java/dev/fftt/benchmarks/startup/GenerateApp.java
  if [ ! -f $APP/app.jar ] || { [ "$MODE" != ci ] && [ ! -f $APP/aspect.jar ]; } || [ $APP/app.jar -ot $GEN ] \
      || [ $APP/app.jar -ot $T/lib/fftt-processor.jar ]; then
    log "startup: generating and compiling a $CLASSES-class application (1% annotated)"
    rm -rf $APP && mkdir -p $APP
    "$JAVA" -cp $T/benchmarks.jar dev.fftt.benchmarks.startup.GenerateApp $APP $CLASSES 100
    mkdir -p $APP/classes $APP/aspect-classes
    javac -J-Xmx2g -nowarn --release 17 -d $APP/classes -cp "$LIBCP" \
      -processorpath "$T/lib/fftt-processor.jar:$T/lib/fftt-annotations.jar:$T/lib/fftt-runtime.jar" @$APP/app-sources.txt
    jar cf $APP/app.jar -C $APP/classes .
  fi
  if [ "$MODE" != ci ] && { [ ! -f $APP/aspect.jar ] || [ $APP/aspect.jar -ot $APP/app.jar ]; }; then
    javac -g -nowarn --release 17 -d $APP/aspect-classes -cp "$LIBCP:$T/peers/aspectjweaver.jar" \
      $APP/aspect-src/bench/aspect/FfttAspect.java
    jar cf $APP/aspect.jar -C $APP/aspect-classes . -C $APP/aspect-res .
  fi
  CONFIGS=("none=" "noop=-javaagent:$T/agent/noop-agent.jar" "fftt=-javaagent:$T/agent/fftt-agent.jar")
  if [ "$MODE" != ci ]; then
    CONFIGS+=("aspectj=-javaagent:$T/peers/aspectjweaver.jar"
      "otel=-javaagent:$T/peers/opentelemetry-javaagent.jar -Dotel.traces.exporter=none -Dotel.metrics.exporter=none -Dotel.logs.exporter=none")
  fi
  log "startup: $RUNS interleaved runs of each configuration"
  "$JAVA" -cp $T/benchmarks.jar dev.fftt.benchmarks.startup.StartupBench "$RUNS" "$OUT/startup.json" \
    "$APP/app.jar:$LIBCP:$APP/aspect.jar" app.Main "${CONFIGS[@]}" > /dev/null
fi
if [ "$REPORT_ONLY" = 0 ]; then
  echo "- load average (1, 5, 15 min) at the end: $(cut -d' ' -f1-3 /proc/loadavg) (it counts this run's own threads too: a two-thread row alone makes ~2)" >> "$OUT/run-info.md"
fi

# ---------------------------------------------------------------- report
REPORT_ARGS=(--jmh "$OUT"/jmh-round-*.json --scale "$OUT/scale.json" --startup "$OUT/startup.json"
  --processor "$OUT/processor.json" --out "$OUT/tables.md")
"$JAVA" -cp $T/benchmarks.jar dev.fftt.benchmarks.report.Report "${REPORT_ARGS[@]}" > /dev/null

{
  if [ "$MODE" = full ]; then
    echo "# FFTT Async — benchmark results"
    echo
    echo "Written by \`benchmarks/run.sh --full\` in one run; every ratio is between rows of that run."
    echo "How to read and re-run: [README.md](README.md)."
  else
    echo "# FFTT Async — benchmark results ($MODE run, not for the record)"
  fi
  echo
  cat "$OUT/run-info.md"
  if [ "$MODE" = full ] && [ -f "$B/results/notes.md" ]; then echo; cat "$B/results/notes.md"; fi
  echo
  echo "## Calls: every peer, every workload"
  cat "$OUT/tables.md"
  if [ -f "$OUT/scale.md" ]; then
    echo; echo "## One million pending guarded calls"; echo; cat "$OUT/scale.md"
  fi
  if [ -f "$OUT/startup.md" ]; then
    echo; echo "## Startup: generated application, 1% of its classes annotated"; echo; cat "$OUT/startup.md"
  fi
  if [ -f "$OUT/processor.md" ]; then
    echo; echo "## Annotation processor: compile time"; echo; cat "$OUT/processor.md"
  fi
} > "$OUT/RESULTS.md"
if [ "$MODE" = full ]; then mv "$OUT/RESULTS.md" $B/RESULTS.md; cat $B/RESULTS.md; else cat "$OUT/RESULTS.md"; fi
if [ "$MODE" = ci ]; then
  # every row that ran produced a result (JMH -foe stops at the first that failed)
  N=$(cat "$OUT"/jmh-round-*.json 2>/dev/null | grep -c '"benchmark"' || true)
  echo
  echo "benchmarks: $N passed, 0 failed"
fi
