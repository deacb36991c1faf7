#!/usr/bin/env bash
# Soak test of upgrade-required: the packaged sample app in each mode under a long mixed load, refused and allowed
# requests together, with the JVM's state compared after a warm-up and at the end.
#
# After a light pre-warm of each URI on its own, load in slices of about SLICE seconds, each run of a slice at the
# same time: wrk over HTTP/1.1 keep-alive on GET http /api/hello (200) and on GET http /api/secure (426); h2load over
# h2c (prior knowledge) on /api/hello (200) and /api/secure (426); h2load over h2 (TLS, ALPN) on /api/secure and
# /api/stream (200). Slices follow each other until the round has its requests. The warm-up runs h2load with twice
# the soak's streams per connection: servers keep pools sized by the peak of concurrent streams (Tomcat recycles a
# request and response per HTTP/2 stream), and these reach their peak in the warm-up, so that what the soak adds is
# what the requests leave behind.
# After the warm-up round (WARMUP_REQUESTS) and after the soak round (REQUESTS), once the server has closed the load's
# connections, a full GC (jcmd GC.run, twice), then: the heap in use (jcmd GC.heap_info), the live threads and the
# open file descriptors (/proc/PID; what they are is written to OUT), and the live objects of the starter's classes
# (dev.upgraderequired.*, from jcmd GC.class_histogram, written to OUT in full).
# Fails on any socket error, any status other than the expected one, more live objects of the starter's classes at
# the end than after the warm-up, and, unless CHECK_GROWTH=false (for short runs), on heap after GC more than 10 %
# above the warm-up's or more threads or descriptors than after the warm-up.
#
# Usage: benchmarks/soak.sh
# Environment: REQUESTS (per mode, 1000000), WARMUP_REQUESTS (200000), MODES ("servlet reactive"), CONNECTIONS (wrk
#   and h2load connections per run, 16), SLICE (seconds, 10), CHECK_GROWTH (true), SAMPLE_JAR (built if absent),
#   SAMPLE_ARGS (more arguments of the sample, such as a logging level), OUT (benchmarks/target/soak). Results of a
#   full run: RELIABILITY.md.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
REQUESTS=${REQUESTS:-1000000}
WARMUP_REQUESTS=${WARMUP_REQUESTS:-200000}
MODES=${MODES:-servlet reactive}
CONNECTIONS=${CONNECTIONS:-16}
CHECK_GROWTH=${CHECK_GROWTH:-true}
SLICE=${SLICE:-10}
OUT=${OUT:-$root/benchmarks/target/soak}
mkdir -p "$OUT"

missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v h2load >/dev/null 2>&1 || missing+=(nghttp2-client)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
	echo "Installing ${missing[*]}"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

sample_jar() { ls sample-app/target/sample-app-*.jar 2>/dev/null | grep -Ev '(-sources|-javadoc)\.jar$' | head -n 1 || true; }
jar=${SAMPLE_JAR:-$(sample_jar)}
if [ -z "$jar" ]; then
	./mvnw -B -q -pl sample-app -am -DskipTests package
	jar=$(sample_jar)
fi

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

pid=""
stop() {
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill "$pid"; for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
		kill -9 "$pid" 2>/dev/null || true
	fi
	pid=""
}
trap stop EXIT

failed=0
fail() { echo "FAIL  $*"; failed=1; }

# wrk_run NAME URL EXPECT(2xx|426): SLICE seconds of wrk, checked; prints the requests answered.
wrk_run() {
	local name=$1 url=$2 expect=$3 log="$OUT/$mode-$1.log"
	timeout -k 5 $((SLICE + 30)) wrk -t 2 -c "$CONNECTIONS" -d "${SLICE}s" --timeout 10s "$url" >"$log" 2>&1 \
		|| { fail "$name: wrk failed or did not finish within 30 s after its slice"; return; }
	local done non2xx errors
	done=$(awk '/requests in/ {print $1}' "$log")
	non2xx=$(awk '/Non-2xx or 3xx responses/ {print $NF}' "$log"); non2xx=${non2xx:-0}
	errors=$(grep -o 'Socket errors:.*' "$log" || true)
	[ -z "$errors" ] || fail "$name: $errors"
	if [ "$expect" = 2xx ] && [ "$non2xx" != 0 ]; then fail "$name: $non2xx responses other than 2xx"; fi
	if [ "$expect" = 426 ] && [ "$non2xx" != "$done" ]; then
		fail "$name: $((done - non2xx)) 2xx responses, expected 426"
	fi
	echo "$done"
}

# h2load_run NAME EXPECT(2xx|4xx) URI [h2load options]: about SLICE seconds of h2load on one URI, checked.
# h2load runs a number of requests, not a duration: in its duration mode (-D, nghttp2 1.52), a connection whose TLS
# handshake ends after the duration is never told to stop and sends requests for ever (seen on a cold JVM, whose first
# handshakes are slow). The number is what this run answered per second in its last slice (500 before its first),
# times SLICE.
h2load_run() {
	local name=$1 expect=$2 uri=$3 log="$OUT/$mode-$1.log" rate="$OUT/$mode-$1.rate"; shift 3
	local n=$((SLICE * 500))
	[ -s "$rate" ] && n=$(($(cat "$rate") * SLICE))
	[ "$n" -ge $((CONNECTIONS * streams)) ] || n=$((CONNECTIONS * streams))
	# A stream left without an answer would keep h2load waiting: that fails the run instead of hanging it.
	if ! timeout -k 5 $((SLICE * 6 + 60)) h2load -n "$n" -c "$CONNECTIONS" -m "$streams" "$@" "$uri" >"$log" 2>&1
	then
		fail "$name: h2load failed or did not answer $n requests within $((SLICE * 6 + 60)) s (see $log)"; return
	fi
	local codes line c2 c3 c4 c5
	line=$(grep -E '^requests:' "$log")
	codes=$(grep -E '^status codes:' "$log")
	read -r c2 c3 c4 c5 < <(grep -oE '[0-9]+ [2-5]xx' <<<"$codes" | awk '{printf "%s ", $1}')
	# Every request answered (h2load counts a 4xx as failed, and an unanswered or reset stream as errored); the log of
	# a slice that fails is kept.
	if [[ "$line" != "requests: $n total, $n started, $n done, "*", 0 errored, 0 timeout" ]] \
		|| [ $((c2 + c3 + c4 + c5)) != "$n" ]; then
		fail "$name: $line; $codes (see $log.failed)"; cp "$log" "$log.failed"
	fi
	if [ "$expect" = 2xx ]; then [ "$c3$c4$c5" = 000 ] || fail "$name: $codes (expected 2xx only)"; fi
	if [ "$expect" = 4xx ]; then [ "$c2$c3$c5" = 000 ] || fail "$name: $codes (expected 4xx only: 426)"; fi
	awk '/^finished in/ {print int($4)}' "$log" >"$rate"
	echo "$((c2 + c3 + c4 + c5))"
}

# prewarm: a light load before the warm-up, each URI on its own (wrk at 2 connections for one second on the
# HTTP/1.1 ones, h2load at 2 connections of 2 streams on the others), so that the warm-up's full load meets compiled
# code; prints any failure. Once, in CI, the first slice on a cold JVM lost an h2c connection with its 20 streams in
# flight (see RELIABILITY.md).
prewarm() {
	local entry name expect uri
	SLICE=1 CONNECTIONS=2 wrk_run prewarm-h1-serve "http://127.0.0.1:$http/api/hello" 2xx | grep '^FAIL' || true
	SLICE=1 CONNECTIONS=2 wrk_run prewarm-h1-refuse "http://127.0.0.1:$http/api/secure" 426 | grep '^FAIL' || true
	for entry in "h2c-serve 2xx http://127.0.0.1:$http/api/hello" "h2c-refuse 4xx http://127.0.0.1:$http/api/secure" \
		"h2-secure 2xx https://127.0.0.1:$https/api/secure" "h2-stream 2xx https://127.0.0.1:$https/api/stream"; do
		read -r name expect uri <<<"$entry"
		CONNECTIONS=2 streams=2 h2load_run "prewarm-$name" "$expect" "$uri" | grep '^FAIL' || true
	done
}

# round REQUESTS: slices of the mixed load, every run of a slice at the same time, until REQUESTS are answered;
# prints any failure, then the requests answered.
round() {
	local want=$1 total=0 f line
	while [ "$total" -lt "$want" ]; do
		wrk_run wrk-serve "http://127.0.0.1:$http/api/hello" 2xx >"$OUT/n1" &
		wrk_run wrk-refuse "http://127.0.0.1:$http/api/secure" 426 >"$OUT/n2" &
		h2load_run h2c-serve 2xx "http://127.0.0.1:$http/api/hello" >"$OUT/n3" &
		h2load_run h2c-refuse 4xx "http://127.0.0.1:$http/api/secure" >"$OUT/n4" &
		h2load_run h2-secure 2xx "https://127.0.0.1:$https/api/secure" >"$OUT/n5" &
		h2load_run h2-stream 2xx "https://127.0.0.1:$https/api/stream" >"$OUT/n6" &
		wait
		for f in "$OUT"/n1 "$OUT"/n2 "$OUT"/n3 "$OUT"/n4 "$OUT"/n5 "$OUT"/n6; do
			while read -r line; do
				case "$line" in FAIL*) echo "$line" ;; [0-9]*) total=$((total + line)) ;; esac
			done <"$f"
		done
	done
	echo "$total"
}

# settle: the load generators have closed their connections; waits until the server has closed its ends too (the
# descriptor count stops falling for two seconds), at most 30 s.
settle() {
	local before now stable=0
	before=$(ls "/proc/$pid/fd" | wc -l)
	for _ in $(seq 1 30); do
		sleep 1
		now=$(ls "/proc/$pid/fd" | wc -l)
		if [ "$now" -ge "$before" ]; then stable=$((stable + 1)); else stable=0; fi
		[ "$stable" -ge 2 ] && return 0
		before=$now
	done
}

# state NAME: heap in use after a full GC (KiB), live threads, open descriptors and live objects of the starter's
# classes, once the connections are closed.
state() {
	settle
	jcmd "$pid" GC.run >/dev/null; jcmd "$pid" GC.run >/dev/null
	local heap threads fds starter
	heap=$(jcmd "$pid" GC.heap_info | grep -oE 'used [0-9]+K' | head -n 1 | grep -oE '[0-9]+')
	threads=$(awk '/^Threads:/ {print $2}' "/proc/$pid/status")
	fds=$(ls "/proc/$pid/fd" | wc -l)
	# What the descriptors are, for the record.
	ls -l "/proc/$pid/fd" | awk 'NR > 1 {print $NF}' | sed -E 's/\[[0-9]+\]//' | sort | uniq -c >"$OUT/$mode-fds-$1.txt"
	# What the heap holds (live objects by class), to tell a leak from what a GC leaves.
	jcmd "$pid" GC.class_histogram >"$OUT/$mode-heap-$1.txt"
	starter=$(awk '$4 ~ /^dev\.upgraderequired\./ && $4 !~ /^dev\.upgraderequired\.sample\./ {n += $2}
		END {print n + 0}' "$OUT/$mode-heap-$1.txt")
	echo "$heap $threads $fds $starter"
}

summary=()
for mode in $MODES; do
	http=$(free_port); https=$(free_port)
	rm -f "$OUT/$mode"-*.rate
	args=(--server.port="$https" --sample.http-port="$http")
	[ "$mode" = reactive ] && args+=(--spring.main.web-application-type=reactive)
	# shellcheck disable=SC2206 # SAMPLE_ARGS: extra arguments of the sample, split on spaces.
	args+=(${SAMPLE_ARGS:-})
	java -jar "$jar" "${args[@]}" >"$OUT/$mode-app.log" 2>&1 &
	pid=$!
	for _ in $(seq 1 240); do
		curl -s --max-time 2 -o /dev/null "http://127.0.0.1:$http/api/hello" && break
		kill -0 "$pid" 2>/dev/null || { echo "The sample ($mode) exited:"; tail -n 30 "$OUT/$mode-app.log"; exit 1; }
		sleep 0.5
	done
	echo "== $mode: warm-up, $WARMUP_REQUESTS requests"
	streams=20
	warm_out=$(prewarm; round "$WARMUP_REQUESTS")
	grep '^FAIL' <<<"$warm_out" && failed=1
	read -r heap1 threads1 fds1 starter1 < <(state warm-up)
	echo "   after the warm-up: heap after GC ${heap1} KiB, ${threads1} threads, ${fds1} descriptors," \
		"${starter1} objects of the starter"
	echo "== $mode: soak, $REQUESTS requests"
	start=$(date +%s)
	streams=10
	soak_out=$(round "$REQUESTS")
	grep '^FAIL' <<<"$soak_out" && failed=1
	soak_done=$(tail -n 1 <<<"$soak_out")
	seconds=$(($(date +%s) - start))
	read -r heap2 threads2 fds2 starter2 < <(state end)
	echo "   at the end: heap after GC ${heap2} KiB, ${threads2} threads, ${fds2} descriptors," \
		"${starter2} objects of the starter; $soak_done requests in ${seconds} s"
	if [ "$CHECK_GROWTH" = true ]; then
		[ "$heap2" -le $((heap1 * 110 / 100)) ] || fail "$mode: heap after GC grew from $heap1 to $heap2 KiB"
		[ "$threads2" -le "$threads1" ] || fail "$mode: threads grew from $threads1 to $threads2"
		[ "$fds2" -le "$fds1" ] || fail "$mode: descriptors grew from $fds1 to $fds2"
	fi
	[ "$starter2" -le "$starter1" ] || fail "$mode: objects of the starter grew from $starter1 to $starter2"
	summary+=("| $mode | $soak_done | ${seconds} s | ${heap1} → ${heap2} KiB | ${threads1} → ${threads2} |"\
" ${fds1} → ${fds2} | ${starter1} → ${starter2} |")
	stop
done
echo
echo "| mode | requests (soak) | time | heap after GC (warm-up → end) | threads | descriptors |" \
	"objects of the starter |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${summary[@]}"
exit "$failed"
