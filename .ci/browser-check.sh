#!/usr/bin/env bash
# browser-check.sh HTTP_PORT HTTPS_PORT: headless Chromium against the running sample app (browser-redirect mode on),
# from two origins: 127.0.0.1, to which Chromium sends Sec-Fetch-Mode (a loopback address is potentially
# trustworthy), and the host name ur.test mapped to 127.0.0.1, to which it does not (so a navigation is told by
# Upgrade-Insecure-Requests and Accept). For each:
#  1. A navigation to http://HOST:HTTP_PORT/api/secure ends on https://HOST:HTTPS_PORT/api/secure (the 308 of
#     browser-redirect mode, followed by the browser), where, from 127.0.0.1, the page shows the endpoint's content
#     saying it was served over TLS. (The demo certificate names localhost and 127.0.0.1 only, and Jetty refuses a
#     TLS server name it has no certificate for, so the content is not checked from ur.test.)
#  2. The cleartext page /browser-check.html, whose script calls fetch('/api/secure'), sees the 426 (its title
#     becomes "fetch 426"), and stays on http.
# Chromium's own automatic upgrades to https are off, so that what is checked is the sample's redirect; the demo
# certificate is self-signed (and for localhost), so certificate errors are ignored. Each browser runs in a process
# group of its own, stopped as a whole. Exits non-zero on any failure.
set -euo pipefail

http_port=$1
https_port=$2
chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || { echo "FAIL  chromium is not installed"; exit 1; }

work=$(mktemp -d)
browser_pid=""
stop_browser() {
	if [ -n "$browser_pid" ]; then
		kill -- "-$browser_pid" 2>/dev/null || true
		for _ in $(seq 1 20); do kill -0 -- "-$browser_pid" 2>/dev/null || break; sleep 0.25; done
		kill -9 -- "-$browser_pid" 2>/dev/null || true
		browser_pid=""
	fi
}
cleanup() {
	stop_browser
	rm -rf "$work"
}
trap cleanup EXIT

status=0
ok() { echo "ok    $*"; }
bad() { echo "FAIL  $*"; status=1; }

# start_browser NAME ARGS...: starts Chromium with a fresh profile in a process group of its own; its output goes to
# $work/NAME.out and $work/NAME.err.
start_browser() {
	local name=$1; shift
	profile="$work/$name-profile"
	mkdir -p "$profile"
	setsid "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
		--user-data-dir="$profile" --ignore-certificate-errors \
		--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable \
		--host-resolver-rules="MAP ur.test 127.0.0.1" "$@" >"$work/$name.out" 2>"$work/$name.err" &
	browser_pid=$!
}

# tabs: the DevTools list of tabs, or nothing.
tabs() {
	curl -s --max-time 2 "http://127.0.0.1:$devtools/json/list" || true
}

# wait_for_tab PATTERN: waits up to about 60 s until the DevTools tab list matches; prints the list if it never does.
wait_for_tab() {
	local pattern=$1 list=""
	for _ in $(seq 1 120); do
		list=$(tabs)
		if grep -Eq "$pattern" <<<"$list"; then return 0; fi
		sleep 0.25
	done
	grep -E '"(url|title)"' <<<"$list" | head -n 10 || true
	return 1
}

# check_origin HOST CHECK_CONTENT
check_origin() {
	local host=$1 check_content=$2 name=${1//./-}
	local target="http://$host:$http_port/api/secure" landed="https://$host:$https_port/api/secure"
	local page="http://$host:$http_port/browser-check.html"
	local pattern_host=${host//./\\.}

	# The page a navigation ends on shows what the endpoint says about its connection.
	if [ "$check_content" = yes ]; then
		start_browser "$name-dom" --dump-dom "$target"
		for _ in $(seq 1 240); do kill -0 "$browser_pid" 2>/dev/null || break; sleep 0.25; done
		stop_browser
		local dom
		dom=$(cat "$work/$name-dom.out")
		if [[ "$dom" == *'"endpoint":"secure"'* && "$dom" == *'"secure":true'* ]]; then
			ok "navigation to $target shows the endpoint served over TLS"
		else
			bad "navigation to $target: page content is '${dom:0:300}'"
		fi
	fi

	# One browser with the DevTools HTTP endpoint, which lists each tab's URL and title.
	start_browser "$name-tabs" --remote-debugging-port=0 "$target"
	devtools=""
	for _ in $(seq 1 120); do
		devtools=$(head -n 1 "$work/$name-tabs-profile/DevToolsActivePort" 2>/dev/null || true)
		[[ "$devtools" =~ ^[0-9]+$ ]] && break
		devtools=""
		sleep 0.25
	done
	if [ -z "$devtools" ]; then
		bad "chromium did not open its DevTools port"; tail -n 5 "$work/$name-tabs.err" || true
		stop_browser; return
	fi
	if wait_for_tab "\"url\": *\"https://$pattern_host:$https_port/api/secure\""; then
		ok "navigation to $target ends on $landed"
	else
		bad "navigation to $target did not end on $landed"
	fi
	if ! curl -s --max-time 5 -X PUT -o /dev/null "http://127.0.0.1:$devtools/json/new?$page"; then
		bad "could not open $page in chromium"
	elif wait_for_tab '"title": *"fetch 426"'; then
		ok "fetch('/api/secure') from the cleartext page $page sees 426"
	else
		bad "fetch('/api/secure') from $page did not see 426"
	fi
	if grep -q "\"url\": *\"http://$pattern_host:$http_port/browser-check.html\"" <<<"$(tabs)"; then
		ok "the cleartext page $page stays on http"
	else
		bad "the cleartext page $page did not stay on http"
	fi
	stop_browser
}

check_origin 127.0.0.1 yes
check_origin ur.test no
exit "$status"
