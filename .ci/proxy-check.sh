#!/usr/bin/env bash
# proxy-check.sh PROXY_HTTP_PORT PROXY_TLS_PORT SAMPLE_HTTP_PORT: nginx (Debian's) as a TLS-terminating proxy in front
# of the running sample app's cleartext port, which must have been started with server.forward-headers-strategy=native,
# a trusted-proxy setting naming only 127.0.0.1 (server.tomcat.remoteip.internal-proxies) and
# upgrade-required.https-port=PROXY_TLS_PORT. Runs nginx in the foreground with the config of .ci/nginx, checks what
# clients get through it and around it, and stops it. Exits non-zero on any failure.
set -euo pipefail

proxy_http=$1
proxy_tls=$2
upstream=$3
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
command -v nginx >/dev/null 2>&1 || { echo "FAIL  nginx is not installed"; exit 1; }

work=$(mktemp -d)
nginx_pid=""
cleanup() {
	if [ -n "$nginx_pid" ] && kill -0 "$nginx_pid" 2>/dev/null; then
		kill "$nginx_pid" 2>/dev/null || true
		for _ in $(seq 1 40); do kill -0 "$nginx_pid" 2>/dev/null || break; sleep 0.25; done
		kill -9 "$nginx_pid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

tls="$root/sample-app/src/main/resources/demo-tls/demo-localhost"
cp "$root/.ci/nginx/proxy-location.conf" "$work/proxy-location.conf"
sed -e "s|@WORK@|$work|g" -e "s|@CERT@|$tls.crt|g" -e "s|@KEY@|$tls.key|g" -e "s|@TLS_PORT@|$proxy_tls|g" \
	-e "s|@HTTP_PORT@|$proxy_http|g" -e "s|@UPSTREAM_PORT@|$upstream|g" \
	"$root/.ci/nginx/sample-proxy.conf.template" >"$work/nginx.conf"
nginx -p "$work" -c "$work/nginx.conf" >"$work/nginx.out" 2>&1 &
nginx_pid=$!
for _ in $(seq 1 80); do
	curl -s --max-time 2 -o /dev/null "http://127.0.0.1:$proxy_http/api/hello" && break
	kill -0 "$nginx_pid" 2>/dev/null || { echo "FAIL  nginx exited:"; cat "$work/nginx.out" "$work/error.log"; exit 1; }
	sleep 0.25
done

status=0
ok() { echo "ok    $*"; }
bad() { echo "FAIL  $*"; status=1; }

# expect NAME STATUS [BODY-SUBSTRING] -- CURL-ARGS...: one request, its status and optionally part of its body.
expect() {
	local name=$1 want=$2 part=$3; shift 4
	local out code body
	out=$(curl -sk --max-time 10 -w '\n%{http_code}' "$@" || true)
	code=${out##*$'\n'}
	body=${out%$'\n'*}
	if [ "$code" = "$want" ] && [[ -z "$part" || "$body" == *"$part"* ]]; then
		ok "$name -> $code"
	else
		bad "$name: got $code (expected $want${part:+ with '$part'}): ${body:0:200}"
	fi
}

P="http://127.0.0.1:$proxy_http"
PS="https://127.0.0.1:$proxy_tls"
D="http://127.0.0.1:$upstream"
expect "https through the proxy, GET /api/secure" 200 '"secure":true' -- "$PS/api/secure"
expect "https through the proxy, GET /admin/status (rule)" 200 '' -- "$PS/admin/status"
expect "cleartext through the proxy, GET /api/secure" 426 "\"httpsUrl\":\"$PS/api/secure\"" -- "$P/api/secure"
expect "cleartext through the proxy with the client's own X-Forwarded-Proto: https" 426 '' -- \
	-H 'X-Forwarded-Proto: https' -H 'Forwarded: proto=https' "$P/api/secure"
expect "direct cleartext, GET /api/secure" 426 '' -- "$D/api/secure"
expect "direct cleartext from 127.0.0.3 with a spoofed X-Forwarded-Proto: https" 426 '' -- \
	--interface 127.0.0.3 -H 'X-Forwarded-Proto: https' "$D/api/secure"
# The control: the same header from the proxy's own address is trusted, so the check above is meaningful (and the
# network must keep clients away from the application's port).
expect "direct cleartext from the proxy's address 127.0.0.1 with X-Forwarded-Proto: https" 200 '"secure":true' -- \
	-H 'X-Forwarded-Proto: https' "$D/api/secure"

# Browser mode behind the proxy: a navigation over the proxy's cleartext listener goes to its TLS listener, once.
location=$(curl -s --max-time 10 -o /dev/null -w '%{redirect_url}' -H 'Sec-Fetch-Mode: navigate' "$P/api/secure" \
	|| true)
if [ "$location" = "$PS/api/secure" ]; then
	ok "navigation through the proxy's cleartext listener -> 308 to $location"
	expect "the redirect's target, followed through the proxy with the same navigation" 200 '"secure":true' -- \
		-H 'Sec-Fetch-Mode: navigate' "$location"
else
	bad "navigation through the proxy's cleartext listener: Location '$location' (expected $PS/api/secure)"
fi
if [ "$status" != 0 ]; then
	echo "nginx error log:"; tail -n 20 "$work/error.log" || true
fi
exit "$status"
