#!/usr/bin/env bash
# browser-check.sh HTTP_PORT HTTPS_PORT: headless Chromium against the running sample app (browser-redirect mode on).
#  1. A navigation to http://127.0.0.1:HTTP_PORT/api/secure ends on https://127.0.0.1:HTTPS_PORT/api/secure, with the
#     endpoint's content saying it was served over TLS (the 308 of browser-redirect mode, followed by the browser).
#  2. The cleartext page /browser-check.html, whose script calls fetch('/api/secure'), sees the 426 (its title
#     becomes "fetch 426").
# Chromium's own automatic upgrades to https are off, so that what is checked is the sample's redirect; the demo
# certificate is self-signed, so certificate errors are ignored. Exits non-zero on any failure; stops the browser.
set -euo pipefail

http_port=$1
https_port=$2
chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || { echo "FAIL  chromium is not installed"; exit 1; }

profile=$(mktemp -d)
browser_pid=""
cleanup() {
	if [ -n "$browser_pid" ] && kill -0 "$browser_pid" 2>/dev/null; then
		kill "$browser_pid" 2>/dev/null || true
		for _ in $(seq 1 20); do kill -0 "$browser_pid" 2>/dev/null || break; sleep 0.25; done
		kill -9 "$browser_pid" 2>/dev/null || true
	fi
	rm -rf "$profile"
}
trap cleanup EXIT

flags=(--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking
	--user-data-dir="$profile" --ignore-certificate-errors --disable-features=HttpsUpgrades)
status=0
ok() { echo "ok    $*"; }
bad() { echo "FAIL  $*"; status=1; }

# 1a. What the navigation ends on shows: the endpoint describes the connection it was served on.
dom=$(timeout 60 "$chromium" "${flags[@]}" --dump-dom "http://127.0.0.1:$http_port/api/secure" 2>/dev/null || true)
if [[ "$dom" == *'"endpoint":"secure"'* && "$dom" == *'"secure":true'* ]]; then
	ok "navigation to http://127.0.0.1:$http_port/api/secure shows the endpoint served over TLS"
else
	bad "navigation to http://127.0.0.1:$http_port/api/secure: page content is '${dom:0:300}'"
fi
rm -rf "$profile" && mkdir -p "$profile"

# 1b and 2. One browser with the DevTools HTTP endpoint, which lists each tab's URL and title.
"$chromium" "${flags[@]}" --remote-debugging-port=0 "http://127.0.0.1:$http_port/api/secure" >/dev/null 2>&1 &
browser_pid=$!
devtools=""
for _ in $(seq 1 120); do
	if [ -s "$profile/DevToolsActivePort" ]; then devtools=$(head -n 1 "$profile/DevToolsActivePort"); break; fi
	sleep 0.25
done
[ -n "$devtools" ] || { bad "chromium did not open its DevTools port"; exit 1; }

# wait_for_tab JQ-LIKE-PATTERN: waits up to 30 s until a tab's "url" or "title" line matches, prints the tab list.
wait_for_tab() {
	local pattern=$1 list=""
	for _ in $(seq 1 120); do
		list=$(curl -s --max-time 2 "http://127.0.0.1:$devtools/json/list" || true)
		if grep -Eq "$pattern" <<<"$list"; then return 0; fi
		sleep 0.25
	done
	echo "$list" | grep -E '"(url|title)"' | head -n 10
	return 1
}

if wait_for_tab "\"url\": *\"https://127\\.0\\.0\\.1:$https_port/api/secure\""; then
	ok "navigation to http://127.0.0.1:$http_port/api/secure ends on https://127.0.0.1:$https_port/api/secure"
else
	bad "navigation to http://127.0.0.1:$http_port/api/secure did not end on https://127.0.0.1:$https_port/api/secure"
fi

page="http://127.0.0.1:$http_port/browser-check.html"
curl -s --max-time 5 -X PUT -o /dev/null "http://127.0.0.1:$devtools/json/new?$page"
if wait_for_tab '"title": *"fetch 426"'; then
	ok "fetch('/api/secure') from the cleartext page http://127.0.0.1:$http_port/browser-check.html sees 426"
else
	bad "fetch('/api/secure') from http://127.0.0.1:$http_port/browser-check.html did not see 426"
fi
if grep -q "\"url\": *\"http://127\\.0\\.0\\.1:$http_port/browser-check.html\"" \
	<<<"$(curl -s --max-time 2 "http://127.0.0.1:$devtools/json/list")"; then
	ok "the cleartext page itself stays on http"
else
	bad "the cleartext page http://127.0.0.1:$http_port/browser-check.html did not stay on http"
fi
exit "$status"
