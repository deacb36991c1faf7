#!/usr/bin/env bash
# Load benchmark of upgrade-required: the packaged sample app (the starter, Spring Security in its chain) and the
# comparator app (what users do without it), in servlet and in reactive mode, driven by wrk (HTTP/1.1 keep-alive)
# and h2load (h2c and h2). Every case runs once per round, rounds interleave the cases, and the median over the
# rounds of each round's ratio gives:
#   reject/serve   requests/s of the 426 on GET http /api/secure  / requests/s of GET http /api/hello
#   allowed/plain  requests/s of GET https /api/secure (allowed) / requests/s of GET https /api/hello
# for the sample on its own TLS and cleartext ports, for the comparator, and for the sample behind a proxy (plain
# HTTP with server.forward-headers-strategy=native, "http" and "https" being the X-Forwarded-Proto the requests
# carry); with PIN=true, the servers run on the first CPU and the load generator on the second, when there are two.
# Then, per mode, a large application (benchmarks' LargeApplication: 4,000 pattern endpoints, three in four requiring
# TLS, and 400 rules, plain HTTP with X-Forwarded-Proto as behind a proxy), with and without the starter:
#   reject/serve   requests/s of the 426 on GET of its last protected endpoint / requests/s of GET /hello
#   floor/serve    requests/s of the same 426 written by a filter ahead of the starter's that decides nothing
#                  (GET /floor) / requests/s of GET /hello: the most reject/serve can be on the stack
#   allowed with/without  requests/s of the same GET over "https" with the starter / without it
# Then, per mode, a Spring Cloud Gateway of the mode's flavour (Server Web MVC on Tomcat, benchmarks/gateway-webmvc;
# Server WebFlux on Reactor Netty, benchmarks/gateway-webflux) in front of the comparator, plain HTTP with
# X-Forwarded-Proto, with a route that requires TLS and an open route, and the same gateway without the requirement
# and without the starter:
#   reject/serve   requests/s of the 426 on GET of the protected route / requests/s of GET of the open route (proxied)
#   allowed with/without  requests/s of the protected route over "https" (proxied) with the requirement / without it
#   open with/without     requests/s of the open route with the starter / without it
# Then, per mode, what the starter costs an application:
#   cpu with/without  the sample's CPU time per GET /api/hello (utime + stime from /proc/PID/stat over CPU_REQUESTS
#                     requests of wrk) with the starter / the same sample with upgrade-required.enabled=false,
#                     the two measured one after the other in alternating order, each round's ratio taken between
#                     neighbouring runs, over CPU_FORKS launches of the pair; also without the CPU time of the JIT
#                     compiler threads (no JIT), which compile whatever is hot at the time, not per request
#   reject/serve by CPU  on a third instance of the sample with the starter, the CPU time per GET /api/hello / that
#                     per refused GET /api/secure, over HTTP/1.1 and h2c: steadier than requests/s, which the load
#                     generator's share of the machine moves
# Any unexpected status or socket error fails the run.
#
# Usage: benchmarks/load.sh            (from the repository root or anywhere)
# Environment: DURATION (seconds per case and round, 5), ROUNDS (5), WARMUP (seconds per case, 5),
#   MODES ("servlet reactive"), CONNECTIONS (wrk connections, 32), H2_CLIENTS (16),
#   H2_STREAMS (10), CPU_REQUESTS (requests per app and round of the CPU comparison, 30000), CPU_ROUNDS (rounds per
#   fork, 6), CPU_FORKS (fresh pairs of JVMs for the CPU comparison, 3),
#   PHASES (which parts to run: "throughput large gateway cpu"), PIN (false; true: the throughput and large cases with the
#   servers and the load generator on CPUs of their own, as the CPU comparison always runs; give them a WARMUP of 15 s
#   or more),
#   OUT (directory for the raw results, benchmarks/target/load), SAMPLE_JAR, COMPARATOR_JAR, GATEWAY_WEBFLUX_JAR and
#   GATEWAY_WEBMVC_JAR (the jars to run, built if none is given and the modules' targets lack one).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
DURATION=${DURATION:-5}
ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-5}
MODES=${MODES:-servlet reactive}
CONNECTIONS=${CONNECTIONS:-32}
H2_CLIENTS=${H2_CLIENTS:-16}
H2_STREAMS=${H2_STREAMS:-10}
CPU_REQUESTS=${CPU_REQUESTS:-30000}
CPU_ROUNDS=${CPU_ROUNDS:-6}
CPU_FORKS=${CPU_FORKS:-3}
PHASES=${PHASES:-throughput large gateway cpu}
PIN=${PIN:-false}
OUT=${OUT:-$root/benchmarks/target/load}
tls_dir="$root/sample-app/src/main/resources/demo-tls"

install_missing() {
	local missing=()
	command -v wrk >/dev/null 2>&1 || missing+=(wrk)
	command -v h2load >/dev/null 2>&1 || missing+=(nghttp2-client)
	command -v curl >/dev/null 2>&1 || missing+=(curl)
	command -v python3 >/dev/null 2>&1 || missing+=(python3)
	if [ ${#missing[@]} -gt 0 ]; then
		echo "Installing ${missing[*]}"
		apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
	fi
}

jar_of() { ls "$1"/target/"$2"-*.jar 2>/dev/null | grep -Ev '(-sources|-javadoc)\.jar$' | head -n 1 || true; }

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

pids=()
stop_apps() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${pids[@]}"; do
		for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
		kill -9 "$pid" 2>/dev/null || true
	done
	pids=()
}
trap stop_apps EXIT

# start NAME READY_URL JAR ARGS...: starts a jar, logs to $OUT/NAME.log and waits until READY_URL answers. With
# MAIN_CLASS set, runs that class of the jar instead of its main one.
start() {
	local name=$1 ready=$2 jar=$3; shift 3
	local launch=(-jar "$jar")
	[ -n "${MAIN_CLASS:-}" ] && launch=(-Dloader.main="$MAIN_CLASS" -cp "$jar"
		org.springframework.boot.loader.launch.PropertiesLauncher)
	"${pin_server[@]}" java "${jvm_args[@]}" "${launch[@]}" "$@" >"$OUT/$name.log" 2>&1 &
	pids+=($!)
	local pid=$!
	for _ in $(seq 1 240); do
		kill -0 "$pid" 2>/dev/null || { echo "$name exited during startup:"; tail -n 40 "$OUT/$name.log"; exit 1; }
		curl -sk --max-time 2 -o /dev/null "$ready" && return 0
		sleep 0.5
	done
	echo "$name did not answer within 120 s"; tail -n 40 "$OUT/$name.log"; exit 1
}

# Parse the output of wrk or h2load (stdin) for one case; argv: tool, expected status, URL, whether no request at
# all is fine (a short warm-up of a cold server may not finish a TLS handshake). Prints requests/s, or fails on
# an unexpected status or an error.
PARSER='
import re, sys
tool, expected, url, may_be_empty, text = *sys.argv[1:4], sys.argv[4] == "yes", sys.stdin.read()
def find(pattern):
    found = re.search(pattern, text)
    if not found:
        sys.exit(f"{tool} {url}: no {pattern!r} in its output:\n{text}")
    return found.group(1)
if tool == "wrk":
    done = int(find(r"(\d+) requests in"))
    non2xx = int((re.search(r"Non-2xx or 3xx responses: (\d+)", text) or [0, 0])[1])
    wrong = non2xx if expected == "200" else done - non2xx
    errors = (re.search(r"Socket errors: (.*)", text) or [None, None])[1]
    rps = find(r"Requests/sec:\s+([\d.]+)")
else:
    done = int(find(r"requests: \d+ total, \d+ started, (\d+) done"))
    codes = {kind: int(count) for count, kind in re.findall(r"(\d+) ([2-5]xx)", text)}
    # Responses in flight when the time is up may be counted in the codes but not as done; a done request without a
    # status counted is wrong too.
    wrong = sum(count for kind, count in codes.items() if kind != expected[0] + "xx")
    wrong += max(0, done - sum(codes.values()))
    failed = int(find(r"(\d+) errored")) + int(find(r"(\d+) timeout"))
    errors = f"{failed} errored or timed out" if failed else None
    rps = find(r"finished in [\d.]+m?s, ([\d.]+) req/s")
if (done == 0 and not may_be_empty) or wrong or errors:
    sys.exit(f"{tool} {url}: {done} requests, {wrong} not {expected}, errors: {errors or 0}")
print(rps)
'

# run_tool TOOL URL EXPECTED SECONDS MAY_BE_EMPTY [HEADER]: one run of a load generator, parsed.
run_tool() {
	local tool=$1 url=$2 expected=$3 seconds=$4 may_be_empty=$5 header=(${6:+-H "$6"})
	if [ "$tool" = wrk ]; then
		"${pin_client[@]}" wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" "${header[@]}" "$url"
	else
		"${pin_client[@]}" h2load -t1 -c"$H2_CLIENTS" -m"$H2_STREAMS" -D "$seconds" "${header[@]}" "$url"
	fi | python3 -c "$PARSER" "$tool" "$expected" "$url" "$may_be_empty"
}

# measure TOOL URL EXPECTED SECONDS MAY_BE_EMPTY [HEADER]: prints requests/s. A failed run is tried once more, so that a
# hiccup of a cold server in a one-second smoke run does not fail it; a real fault fails both.
measure() {
	if ! run_tool "$@" 2>"$OUT/last-failure.txt"; then
		cat "$OUT/last-failure.txt" >&2
		echo "(trying once more)" >&2
		run_tool "$@"
	fi
}

# run_rounds MODE CASE...: a warm-up, then ROUNDS rounds, each running every case (app|case|url|expected
# status|tool:mode where the case cannot run|request header) with wrk and h2load, recorded in the results.
run_rounds() {
	local mode=$1; shift
	local round seconds may_be_empty tool entry app case url expected broken header rps
	for round in warmup $(seq 1 "$ROUNDS"); do
		seconds=$DURATION may_be_empty=no
		[ "$round" = warmup ] && seconds=$WARMUP may_be_empty=yes
		for tool in wrk h2load; do
			for entry in "$@"; do
				IFS='|' read -r app case url expected broken header <<<"$entry"
				[ "$broken" = "$tool:$mode" ] && continue
				rps=$(measure "$tool" "$url" "$expected" "$seconds" "$may_be_empty" "$header")
				[ "$round" = warmup ] ||
					printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$mode" "$app" "$case" "$tool" "$round" "$rps" >>"$results"
			done
		done
		echo "   round $round done"
	done
}

# jit_ticks PID: the CPU time (user and system, in clock ticks) of the JIT compiler threads of JVM PID.
jit_ticks() {
	local task
	for task in /proc/"$1"/task/*; do
		case "$(cat "$task/comm" 2>/dev/null)" in
			# The fields after the thread's name, which may hold spaces: utime and stime are the 12th and 13th.
			"C1 CompilerThre"* | "C2 CompilerThre"*) sed 's/^.*) //' "$task/stat" 2>/dev/null ;;
		esac
	done | awk '{ s += $12 + $13 } END { print s + 0 }'
}

# cpu_per_request PID URL EXPECTED PROTOCOL: the microseconds of CPU time (user and system) that process PID spends
# per request on CPU_REQUESTS keep-alive requests to URL over PROTOCOL (h1: HTTP/1.1; h2c: HTTP/2 with prior
# knowledge), all of which must answer EXPECTED; then the same without its JIT compiler threads (what serving costs,
# without the compilations that happened to run meanwhile). HTTP/1.1 is wrk's, ended after CPU_REQUESTS responses by
# count.lua: h2load's HTTP/1.1 client counts no status for a 426 that carries Connection: Upgrade.
cpu_per_request() {
	local pid=$1 url=$2 expected=$3 protocol=$4 before after jit_before jit_after
	before=$(awk '{ print $14 + $15 }' "/proc/$pid/stat"); jit_before=$(jit_ticks "$pid")
	if [ "$protocol" = h1 ]; then
		if ! "${pin_client[@]}" wrk -t1 -c"$CONNECTIONS" -d600s -s "$root/benchmarks/count.lua" "$url" -- \
			"$CPU_REQUESTS" "$expected" | grep -qx "answered $CPU_REQUESTS"; then
			echo "wrk $url: not $CPU_REQUESTS answers $expected" >&2; exit 1
		fi
	else
		"${pin_client[@]}" h2load -t1 -c"$H2_CLIENTS" -m"$H2_STREAMS" -n"$CPU_REQUESTS" "$url" |
			python3 -c "$PARSER" h2load "$expected" "$url" no >/dev/null
	fi
	after=$(awk '{ print $14 + $15 }' "/proc/$pid/stat"); jit_after=$(jit_ticks "$pid")
	python3 -c 'import sys; b, a, jb, ja, hz, n = map(int, sys.argv[1:]); us = 1e6 / hz / n
print(f"{(a - b) * us:.3f} {(a - b - (ja - jb)) * us:.3f}")' \
		"$before" "$after" "$jit_before" "$jit_after" "$(getconf CLK_TCK)" "$CPU_REQUESTS"
}

install_missing
mkdir -p "$OUT"
sample_jar=${SAMPLE_JAR:-$(jar_of sample-app sample-app)}
comparator_jar=${COMPARATOR_JAR:-$(jar_of benchmarks upgrade-required-benchmarks)}
gateway_webflux_jar=${GATEWAY_WEBFLUX_JAR:-$(jar_of benchmarks/gateway-webflux upgrade-required-gateway-webflux-benchmark)}
gateway_webmvc_jar=${GATEWAY_WEBMVC_JAR:-$(jar_of benchmarks/gateway-webmvc upgrade-required-gateway-webmvc-benchmark)}
if [ -z "$sample_jar" ] || [ -z "$comparator_jar" ] || [ -z "$gateway_webflux_jar" ] || [ -z "$gateway_webmvc_jar" ]; then
	./mvnw -q -B -DskipTests package -pl sample-app,benchmarks,benchmarks/gateway-webflux,benchmarks/gateway-webmvc -am
	sample_jar=$(jar_of sample-app sample-app)
	comparator_jar=$(jar_of benchmarks upgrade-required-benchmarks)
	gateway_webflux_jar=$(jar_of benchmarks/gateway-webflux upgrade-required-gateway-webflux-benchmark)
	gateway_webmvc_jar=$(jar_of benchmarks/gateway-webmvc upgrade-required-gateway-webmvc-benchmark)
fi
results="$OUT/results.tsv"
printf 'mode\tapp\tcase\ttool\tround\trps\n' >"$results"
pin_server=() pin_client=() jvm_args=()
# The servers on the first CPU and the load generator on the second, when there are two: then the load generator
# does not take its share from the server.
pin() { if [ "$(nproc)" -ge 2 ]; then pin_server=(taskset -c 0) pin_client=(taskset -c 1); fi; }

for mode in $MODES; do
	mode_args=()
	[ "$mode" = reactive ] && mode_args=(--spring.main.web-application-type=reactive)
	# Behind a proxy, and for the CPU comparison: plain HTTP only, no cleartext port of the starter's.
	plain_args=(--server.ssl.enabled=false --upgrade-required.cleartext.port= "${mode_args[@]}")
	if [[ " $PHASES " == *" throughput "* ]]; then
		[ "$PIN" = true ] && pin
		s_http=$(free_port); s_https=$(free_port); c_http=$(free_port); c_https=$(free_port); p_http=$(free_port)
		echo "== $mode: starting the sample (http $s_http, https $s_https)," \
			"the comparator (http $c_http, https $c_https) and the sample behind a proxy (http $p_http)"
		start "sample-$mode" "http://127.0.0.1:$s_http/api/hello" "$sample_jar" \
			--server.port="$s_https" --sample.http-port="$s_http" "${mode_args[@]}"
		# Behind a proxy: the scheme taken from X-Forwarded-Proto, which the load generator sends as the proxy would.
		start "proxied-$mode" "http://127.0.0.1:$p_http/api/hello" "$sample_jar" \
			--server.port="$p_http" --server.forward-headers-strategy=native "${plain_args[@]}"
		start "comparator-http-$mode" "http://127.0.0.1:$c_http/api/hello" "$comparator_jar" \
			--server.port="$c_http" "${mode_args[@]}"
		start "comparator-https-$mode" "https://127.0.0.1:$c_https/api/hello" "$comparator_jar" \
			--server.port="$c_https" --server.ssl.bundle=demo \
			--spring.ssl.bundle.pem.demo.keystore.certificate="file:$tls_dir/demo-localhost.crt" \
			--spring.ssl.bundle.pem.demo.keystore.private-key="file:$tls_dir/demo-localhost.key" "${mode_args[@]}"
		# app|case|url|expected status|tool:mode where the case cannot run|request header
		cases=(
			"proxied|http-hello|http://127.0.0.1:$p_http/api/hello|200||X-Forwarded-Proto: http"
			"proxied|http-secure|http://127.0.0.1:$p_http/api/secure|426||X-Forwarded-Proto: http"
			"proxied|https-hello|http://127.0.0.1:$p_http/api/hello|200||X-Forwarded-Proto: https"
			"proxied|https-secure|http://127.0.0.1:$p_http/api/secure|200||X-Forwarded-Proto: https"
			"starter|http-hello|http://127.0.0.1:$s_http/api/hello|200"
			"starter|http-secure|http://127.0.0.1:$s_http/api/secure|426"
			"starter|https-hello|https://127.0.0.1:$s_https/api/hello|200"
			"starter|https-secure|https://127.0.0.1:$s_https/api/secure|200"
			"comparator|http-hello|http://127.0.0.1:$c_http/api/hello|200"
			"comparator|http-secure|http://127.0.0.1:$c_http/api/secure|426"
			# Tomcat sends the hand-written Upgrade and Connection headers on HTTP/2 too, where they are malformed:
			# h2c clients reset the stream, so this case has no h2load figure in servlet mode.
			"comparator|http-secure-entity|http://127.0.0.1:$c_http/api/secure-entity|426|h2load:servlet"
			"comparator|https-hello|https://127.0.0.1:$c_https/api/hello|200"
			"comparator|https-secure|https://127.0.0.1:$c_https/api/secure|200"
			"comparator|https-secure-entity|https://127.0.0.1:$c_https/api/secure-entity|200"
		)
		run_rounds "$mode" "${cases[@]}"
		stop_apps
	fi

	if [[ " $PHASES " == *" large "* ]]; then
		[ "$PIN" = true ] && pin
		l_with=$(free_port); l_without=$(free_port)
		echo "== $mode: the large application (4,000 pattern endpoints, 400 rules) with the starter" \
			"(http $l_with) and without it (http $l_without)"
		MAIN_CLASS=dev.upgraderequired.benchmarks.large.LargeApplication start "large-$mode" \
			"http://127.0.0.1:$l_with/hello" "$comparator_jar" --server.port="$l_with" "${mode_args[@]}"
		MAIN_CLASS=dev.upgraderequired.benchmarks.large.LargeApplication start "large-without-$mode" \
			"http://127.0.0.1:$l_without/hello" "$comparator_jar" --server.port="$l_without" \
			--upgrade-required.enabled=false "${mode_args[@]}"
		# The last generated endpoint, which requires TLS: as far into the application as any.
		secure_path=/c99/e39/42
		# The floor answers what the starter answers (but for the date).
		floor_check() { curl -sS -i -H 'X-Forwarded-Proto: http' "http://127.0.0.1:$l_with$1" | grep -iv '^date:'; }
		if [ "$(floor_check "$secure_path")" != "$(floor_check /floor)" ]; then
			echo "The floor's response differs from the starter's refusal:" >&2
			diff <(floor_check "$secure_path") <(floor_check /floor) >&2 || true
			exit 1
		fi
		cases=(
			"large|http-hello|http://127.0.0.1:$l_with/hello|200||X-Forwarded-Proto: http"
			"large|http-secure|http://127.0.0.1:$l_with$secure_path|426||X-Forwarded-Proto: http"
			"large|https-secure|http://127.0.0.1:$l_with$secure_path|200||X-Forwarded-Proto: https"
			# The floor: the same 426, written by a filter ahead of the starter's that decides nothing.
			"large|http-floor|http://127.0.0.1:$l_with/floor|426||X-Forwarded-Proto: http"
			# The same requests to the application without the starter (which serves the cleartext one), so that
			# both JVMs compile the same code paths: a JVM that only ever served one request compiles it better.
			"large-without|http-hello|http://127.0.0.1:$l_without/hello|200||X-Forwarded-Proto: http"
			"large-without|http-secure|http://127.0.0.1:$l_without$secure_path|200||X-Forwarded-Proto: http"
			"large-without|https-secure|http://127.0.0.1:$l_without$secure_path|200||X-Forwarded-Proto: https"
		)
		run_rounds "$mode" "${cases[@]}"
		stop_apps
		pin_server=() pin_client=()
	fi

	if [[ " $PHASES " == *" gateway "* ]]; then
		[ "$PIN" = true ] && pin
		gateway_jar=$gateway_webmvc_jar
		[ "$mode" = reactive ] && gateway_jar=$gateway_webflux_jar
		backend=$(free_port); g_with=$(free_port); g_without=$(free_port)
		echo "== $mode: a gateway with a route that requires TLS (http $g_with), the same without the requirement" \
			"and the starter (http $g_without), in front of the comparator (http $backend)"
		# HTTP/1.1 only, as most services behind a gateway: the Web MVC gateway's JDK client would upgrade to h2c
		# and open more streams than the backend allows.
		start "gateway-backend-$mode" "http://127.0.0.1:$backend/api/hello" "$comparator_jar" \
			--server.port="$backend" --server.http2.enabled=false "${mode_args[@]}"
		# The Web MVC gateway's routes are of the Java DSL, the WebFlux gateway's configured (benchmark.require-protocol
		# is read by the one, the profile by the other).
		start "gateway-$mode" "http://127.0.0.1:$g_with/open/x" "$gateway_jar" --server.port="$g_with" \
			--server.http2.enabled=true --benchmark.backend="http://127.0.0.1:$backend" \
			--spring.profiles.active=require-protocol
		start "gateway-without-$mode" "http://127.0.0.1:$g_without/open/x" "$gateway_jar" \
			--server.port="$g_without" --server.http2.enabled=true --benchmark.backend="http://127.0.0.1:$backend" \
			--benchmark.require-protocol=false --upgrade-required.enabled=false
		cases=(
			"gateway|http-open|http://127.0.0.1:$g_with/open/x|200||X-Forwarded-Proto: http"
			"gateway|http-protected|http://127.0.0.1:$g_with/protected/x|426||X-Forwarded-Proto: http"
			"gateway|https-protected|http://127.0.0.1:$g_with/protected/x|200||X-Forwarded-Proto: https"
			"gateway-without|http-open|http://127.0.0.1:$g_without/open/x|200||X-Forwarded-Proto: http"
			"gateway-without|https-protected|http://127.0.0.1:$g_without/protected/x|200||X-Forwarded-Proto: https"
		)
		run_rounds "$mode" "${cases[@]}"
		stop_apps
		pin_server=() pin_client=()
	fi

	[[ " $PHASES " == *" cpu "* ]] || continue
	# What the starter costs: the same sample with and without it, alone on the machine, in alternating order,
	# the servers on one CPU and the load generator on the other. Compiler threads stay for the JVM's life, so that
	# the time of each is there to take out of the process's.
	pin
	jvm_args=(-XX:-UseDynamicNumberOfCompilerThreads)
	# Each fork is a fresh set of JVMs: what one launch's JIT makes of the code is a bias that rounds of the same
	# JVM cannot average out, so the rounds are spread over CPU_FORKS launches. The sample with and the sample
	# without the starter serve hello only, so that the two do the same work; a third instance, with the starter,
	# serves hello and refuses /api/secure, over HTTP/1.1 and h2c, for reject/serve by CPU.
	for fork in $(seq 1 "$CPU_FORKS"); do
		w_http=$(free_port); o_http=$(free_port); r_http=$(free_port)
		echo "== $mode: CPU per request (fork $fork of $CPU_FORKS): the sample with the starter (http $w_http)," \
			"without it (http $o_http), and with it for refusals (http $r_http)"
		start "cpu-with-$mode" "http://127.0.0.1:$w_http/api/hello" "$sample_jar" --server.port="$w_http" \
			"${plain_args[@]}"
		with_pid=${pids[-1]}
		start "cpu-without-$mode" "http://127.0.0.1:$o_http/api/hello" "$sample_jar" --server.port="$o_http" \
			--upgrade-required.enabled=false "${plain_args[@]}"
		without_pid=${pids[-1]}
		start "cpu-refusal-$mode" "http://127.0.0.1:$r_http/api/hello" "$sample_jar" --server.port="$r_http" \
			"${plain_args[@]}"
		refusal_pid=${pids[-1]}
		for round in warmup warmup warmup $(seq 1 "$CPU_ROUNDS"); do
			measurements=("with|hello|200|h1" "without|hello|200|h1")
			[ "$round" != warmup ] && [ $((round % 2)) = 0 ] && measurements=("without|hello|200|h1" "with|hello|200|h1")
			measurements+=("refusal|hello|200|h1" "refusal|secure|426|h1")
			measurements+=("refusal|hello|200|h2c" "refusal|secure|426|h2c")
			for entry in "${measurements[@]}"; do
				IFS='|' read -r app case expected protocol <<<"$entry"
				case $app in
					with) pid=$with_pid port=$w_http ;;
					without) pid=$without_pid port=$o_http ;;
					refusal) pid=$refusal_pid port=$r_http ;;
				esac
				cpu=$(cpu_per_request "$pid" "http://127.0.0.1:$port/api/$case" "$expected" "$protocol")
				read -r cpu serving <<<"$cpu"
				tool=h2load; [ "$protocol" = h1 ] && tool=wrk
				[ "$round" = warmup ] || printf '%s\tcpu-%s\t%s\t'"$tool"'-%s\t%s\t%s\n' \
					"$mode" "$app" "$case" "$protocol" "$fork.$round" "$cpu" \
					"$mode" "$app" "$case" "$protocol-serving" "$fork.$round" "$serving" >>"$results"
			done
			echo "   CPU round $round done"
		done
		stop_apps
	done
	pin_server=() pin_client=() jvm_args=()
done

python3 - "$results" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
rps = {(r["mode"], r["app"], r["case"], r["tool"], r["round"]): float(r["rps"]) for r in rows}
rounds = sorted({r["round"] for r in rows})

# Each ratio is taken within a round, between cases that ran one after the other, then the median over rounds:
# drift between rounds (JIT, heap, other load on the machine) cancels out.
def ratio(mode, app, tool, case, base, base_app=None):
    base_app = base_app or app
    pairs = [rps[(mode, app, case, tool, n)] / rps[(mode, base_app, base, tool, n)] for n in rounds
             if (mode, app, case, tool, n) in rps and (mode, base_app, base, tool, n) in rps]
    return f"{statistics.median(pairs):.3f}" if pairs else "n/a"

print(f"\n{'mode':9} {'tool':7} {'what':36} {'reject/serve':>13} {'allowed/plain':>14}")
for mode in sorted({r["mode"] for r in rows}, reverse=True):
    for tool in ("wrk", "h2load"):
        for app, secure, what in (("starter", "secure", "upgrade-required"),
                                  ("proxied", "secure", "upgrade-required behind a proxy"),
                                  ("comparator", "secure", "throw ResponseStatusException(426)"),
                                  ("comparator", "secure-entity", "ResponseEntity<ProblemDetail>")):
            print(f"{mode:9} {tool:7} {what:36} {ratio(mode, app, tool, 'http-' + secure, 'http-hello'):>13} "
                  f"{ratio(mode, app, tool, 'https-' + secure, 'https-hello'):>14}")
large = sorted({r["mode"] for r in rows if r["app"] == "large"}, reverse=True)
if large:
    print(f"\n{'mode':9} {'tool':7} {'large application (4,000 endpoints)':36} {'reject/serve':>13}"
          f" {'floor/serve':>12} {'allowed with/without':>21}")
    for mode in large:
        for tool in ("wrk", "h2load"):
            print(f"{mode:9} {tool:7} {'':36} {ratio(mode, 'large', tool, 'http-secure', 'http-hello'):>13} "
                  f"{ratio(mode, 'large', tool, 'http-floor', 'http-hello'):>12} "
                  f"{ratio(mode, 'large', tool, 'https-secure', 'https-secure', 'large-without'):>21}")
gateway = sorted({r["mode"] for r in rows if r["app"] == "gateway"}, reverse=True)
if gateway:
    print(f"\n{'mode':9} {'tool':7} {'gateway, a route requiring TLS':36} {'reject/serve':>13}"
          f" {'allowed with/without':>21} {'open with/without':>18}")
    for mode in gateway:
        for tool in ("wrk", "h2load"):
            print(f"{mode:9} {tool:7} {'':36} {ratio(mode, 'gateway', tool, 'http-protected', 'http-open'):>13} "
                  f"{ratio(mode, 'gateway', tool, 'https-protected', 'https-protected', 'gateway-without'):>21} "
                  f"{ratio(mode, 'gateway', tool, 'http-open', 'http-open', 'gateway-without'):>18}")
# CPU: time per request, so reject/serve is the inverse ratio (hello's CPU time over the refusal's).
def cpu_median(mode, app, case, tool):
    values = [v for k, v in rps.items() if k[:4] == (mode, app, case, tool)]
    return f"{statistics.median(values):.1f}" if values else "n/a"

print(f"\n{'mode':9} {'CPU us/request: hello with':>27} {'without':>8} {'with/without':>13}"
      f" {'(no JIT)':>9} {'reject/serve by CPU, h1':>24} {'h2c':>6}")
for mode in sorted({r["mode"] for r in rows if r["app"].startswith("cpu-")}, reverse=True):
    print(f"{mode:9} {cpu_median(mode, 'cpu-with', 'hello', 'wrk-h1'):>27} "
          f"{cpu_median(mode, 'cpu-without', 'hello', 'wrk-h1'):>8} "
          f"{ratio(mode, 'cpu-with', 'wrk-h1', 'hello', 'hello', 'cpu-without'):>13} "
          f"{ratio(mode, 'cpu-with', 'wrk-h1-serving', 'hello', 'hello', 'cpu-without'):>9} "
          f"{ratio(mode, 'cpu-refusal', 'wrk-h1', 'hello', 'secure'):>24} "
          f"{ratio(mode, 'cpu-refusal', 'h2load-h2c', 'hello', 'secure'):>6}")
print("\nmedians over the rounds, requests/s (CPU: microseconds per request):")
for key in sorted({k[:4] for k in rps}):
    print("  " + " ".join(key) + f" {statistics.median(v for k, v in rps.items() if k[:4] == key):.3f}")
PY
echo "raw results: $results"
