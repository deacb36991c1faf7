#!/usr/bin/env bash
# doc-examples.sh HTTP_PORT HTTPS_PORT: runs the example curl commands of README.md and docs/*.md against the running
# sample app (cleartext on HTTP_PORT, TLS on HTTPS_PORT) and checks the answers they show. The examples are written
# for the sample's default ports: localhost:8080 and localhost:8443 are replaced by the given ports, in the commands
# and in the answers. Files are read in this order: README.md, then docs/*.md by name, each from top to bottom.
#
# Two forms of example, both inside fenced code blocks (docs/sample-app.md, "Checked examples", says the same):
#
# 1. A block whose first line is "$ curl ...", followed by what curl prints: the response head (status line and
#    header lines; one head per interim response, such as a 101, each followed by an empty line), then the body,
#    if any.
#    - Status line: the HTTP version and the status code are compared; the reason phrase is not (Tomcat sends none).
#    - Header lines: every header shown must be in the response with the value shown (names in any letter case). The
#      head must have no other header, unless its last line is "...". A value shown as "..." is not compared (a value
#      that differs from run to run), nor is Date, shown or not (Reactor Netty sends none).
#    - Content-Length: compared after adding the difference that the port replacement makes to the body shown.
#    - Body: compared as JSON when both are JSON, as text otherwise; none shown means none sent. A body of "..." is
#      not compared. A JSON body with lines "..." is shortened: every member and array element it shows must be in
#      the response (elements of an array in any order; an empty array shown means an empty array), which may have
#      more.
# 2. A line "curl ... # NNN ..." (NNN a status code): only the final status code is compared; the rest of the
#    comment is prose.
#
# Any other curl line in a fenced block that addresses localhost:8080 or localhost:8443 fails the check, so that no
# example goes unchecked; so does a README.md without an example of the first form. Exits non-zero on any mismatch,
# printing the example (file and line), what differs, and a diff of the answer shown against the answer received.
set -euo pipefail

if [ $# -ne 2 ]; then
	echo "Usage: $0 HTTP_PORT HTTPS_PORT" >&2
	exit 2
fi
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
command -v curl >/dev/null 2>&1 || { echo "doc-examples.sh needs curl" >&2; exit 2; }
shopt -s nullglob

exec python3 - "$1" "$2" README.md docs/*.md <<'PY'
import difflib
import json
import re
import subprocess
import sys

http_port, https_port = sys.argv[1], sys.argv[2]
files = sys.argv[3:]
PORTS = (("localhost:8080", "localhost:" + http_port), ("localhost:8443", "localhost:" + https_port))
ADDRESSES = re.compile(r"localhost:(8080|8443)\b")
STATUS_LINE = re.compile(r"^(HTTP/[0-9.]+) ([0-9]{3})\b")
STATUS_COMMENT = re.compile(r"^(curl\s.*?)\s+#\s*([0-9]{3})\b.*$")
ELLIPSIS = "..."


def substitute(text):
    for old, new in PORTS:
        text = text.replace(old, new)
    return text


def fenced_blocks(path):
    """(line number of the first line, lines) of every fenced code block of a Markdown file."""
    blocks, block, fence, start = [], None, None, 0
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            stripped = line.strip()
            if block is None:
                match = re.match(r"^(`{3,}|~{3,})", stripped)
                if match:
                    block, fence, start = [], match.group(1), number + 1
            elif stripped.startswith(fence) and stripped.strip(fence[0]) == "":
                blocks.append((start, block))
                block = None
            else:
                block.append(line)
    return blocks


def run(command):
    """Runs a curl command line (without its leading 'curl') through bash, silent, and returns its output."""
    completed = subprocess.run(["bash", "-c", "curl -s --max-time 15 " + command], capture_output=True)
    if completed.returncode != 0:
        raise RuntimeError(f"curl exited with {completed.returncode}: {completed.stderr.decode(errors='replace')}")
    return completed.stdout.decode("utf-8", errors="replace")


def parse_answer(text, received):
    """Heads [(status line, [(name, value)], shortened)] and body of an answer, shown or received."""
    heads = []
    newline = "\r\n" if received else "\n"
    while text.startswith("HTTP/"):
        end = text.find(newline + newline)
        head, text = (text, "") if end < 0 else (text[:end], text[end + 2 * len(newline):])
        lines = head.split(newline)
        headers, shortened = [], False
        for line in lines[1:]:
            if not received and line.strip() == ELLIPSIS:
                shortened = True
                continue
            name, _, value = line.partition(":")
            headers.append((name.strip(), value.strip()))
        heads.append((lines[0].strip(), headers, shortened))
    return heads, text


def shortened_json(body):
    lines = [line for line in body.split("\n") if line.strip() not in (ELLIPSIS, ELLIPSIS + ",")]
    return json.loads(re.sub(r",(\s*[\]}])", r"\1", "\n".join(lines)))


def contains(shown, received, where, problems):
    """Whether every member and array element shown is in what was received (arrays in any order)."""
    if isinstance(shown, dict):
        if not isinstance(received, dict):
            problems.append(f"body {where}: an object is shown, the response has {json.dumps(received)}")
            return
        for key, value in shown.items():
            if key not in received:
                problems.append(f"body {where}: member \"{key}\" is missing")
            else:
                contains(value, received[key], f"{where}.{key}", problems)
    elif isinstance(shown, list):
        if not isinstance(received, list):
            problems.append(f"body {where}: an array is shown, the response has {json.dumps(received)}")
            return
        if not shown and received:
            problems.append(f"body {where}: an empty array is shown, the response has {json.dumps(received)}")
            return
        left = list(received)
        for index, element in enumerate(shown):
            for candidate in left:
                trial = []
                contains(element, candidate, where, trial)
                if not trial:
                    left.remove(candidate)
                    break
            else:
                problems.append(f"body {where}[{index}]: no element of the response matches {json.dumps(element)}")
    elif shown != received:
        problems.append(f"body {where}: {json.dumps(shown)} is shown, the response has {json.dumps(received)}")


def compare_heads(shown_heads, received_heads, length_delta, problems):
    if len(shown_heads) != len(received_heads):
        problems.append(f"{len(shown_heads)} response head(s) shown, {len(received_heads)} received")
    for (shown_status, shown_headers, shortened), (received_status, received_headers, _) in zip(
            shown_heads, received_heads):
        shown_match, received_match = STATUS_LINE.match(shown_status), STATUS_LINE.match(received_status)
        if not shown_match or not received_match or shown_match.groups() != received_match.groups():
            problems.append(f"status line: \"{shown_status}\" shown, \"{received_status}\" received")
        received_by_name = {}
        for name, value in received_headers:
            received_by_name.setdefault(name.lower(), []).append(value)
        shown_names = set()
        for name, value in shown_headers:
            key = name.lower()
            shown_names.add(key)
            if key == "date":
                continue
            values = received_by_name.get(key)
            if not values:
                problems.append(f"header {name}: shown, not received")
                continue
            if value == ELLIPSIS:
                continue
            if key == "content-length" and value.isdigit():
                value = str(int(value) + length_delta)
            if value not in values:
                problems.append(f"header {name}: \"{value}\" expected, \"{', '.join(values)}\" received")
        if not shortened:
            for name, _ in received_headers:
                if name.lower() not in shown_names and name.lower() != "date":
                    problems.append(f"header {name}: received, not shown (end the head with \"...\" to allow more)")


def compare_bodies(shown, received, problems):
    shown, received = shown.strip("\n"), received.strip()
    if shown.strip() == ELLIPSIS:
        return
    if any(line.strip() in (ELLIPSIS, ELLIPSIS + ",") for line in shown.split("\n")):
        try:
            contains(shortened_json(shown), json.loads(received), "$", problems)
        except ValueError as ex:
            problems.append(f"body: a shortened JSON body is shown, but {ex}")
        return
    try:
        if json.loads(shown) != json.loads(received):
            problems.append("body: the JSON received differs from the JSON shown")
        return
    except ValueError:
        pass
    if shown.strip() != received:
        problems.append("body: the body received differs from the body shown")


def check_full(lines):
    command = substitute(lines[0][len("$ curl"):])
    shown_text = substitute("\n".join(lines[1:]))
    received_text = run(command)
    shown_heads, shown_body = parse_answer(shown_text, received=False)
    if shown_heads:
        received_heads, received_body = parse_answer(received_text, received=True)
    else:
        received_heads, received_body = [], received_text
    problems = []
    original_body = parse_answer("\n".join(lines[1:]), received=False)[1]
    length_delta = len(shown_body.encode()) - len(original_body.encode())
    compare_heads(shown_heads, received_heads, length_delta, problems)
    compare_bodies(shown_body, received_body, problems)
    # For the diff: the Content-Length expected, and a JSON body received laid out as the one shown.
    shown_text = re.sub(r"(?mi)^(content-length:\s*)([0-9]+)$",
                        lambda m: m.group(1) + str(int(m.group(2)) + length_delta), shown_text)
    received_text = received_text.replace("\r\n", "\n")
    if "\n" in shown_body.strip() and received_body.strip():
        try:
            laid_out = json.dumps(json.loads(received_body), indent=2)
            received_text = received_text[:len(received_text) - len(received_body)] + laid_out
        except ValueError:
            pass
    return problems, shown_text, received_text


def check_status(command, status):
    received = run(substitute(command[len("curl"):]) + " -o /dev/null -w '%{http_code}'")
    return [] if received == status else [f"status {status} shown, {received} received"]


failures, full, statuses = 0, 0, 0
readme_full = 0
for path in files:
    for start, lines in fenced_blocks(path):
        for offset, line in enumerate(lines):
            stripped = line.strip()
            where = f"{path}:{start + offset}"
            is_full = stripped.startswith("$ curl ")
            if not (is_full or stripped.startswith("curl ")) or not ADDRESSES.search(stripped):
                if stripped.startswith("$ ") and offset == 0 and ADDRESSES.search(stripped):
                    print(f"FAIL  {where}: an example command that is not curl: {stripped}")
                    failures += 1
                continue
            try:
                if is_full:
                    if offset != 0:
                        print(f"FAIL  {where}: a \"$ curl\" example must be the first line of its block")
                        failures += 1
                        continue
                    problems, shown, received = check_full([l.strip() if i == 0 else l for i, l in enumerate(lines)])
                    full += 1
                    readme_full += path == "README.md"
                else:
                    match = STATUS_COMMENT.match(stripped)
                    if not match:
                        print(f"FAIL  {where}: an unchecked example (show its answer after \"$ curl\", "
                              f"or its status as \"# NNN\"): {stripped}")
                        failures += 1
                        continue
                    problems, shown, received = check_status(match.group(1), match.group(2)), None, None
                    statuses += 1
            except RuntimeError as ex:
                problems, shown, received = [str(ex)], None, None
            if problems:
                failures += 1
                print(f"FAIL  {where}: {stripped}")
                for problem in problems:
                    print(f"      {problem}")
                if shown is not None:
                    diff = difflib.unified_diff([l.rstrip() for l in shown.split("\n")],
                                                [l.rstrip() for l in received.rstrip("\n").split("\n")],
                                                "shown (ports replaced)", "received", lineterm="")
                    for diff_line in diff:
                        print("      " + diff_line)
            else:
                print(f"ok    {where}: {stripped}")
            if is_full:
                break
if readme_full == 0:
    print("FAIL  README.md has no checked example (\"$ curl\" with its answer)")
    failures += 1
print(f"{full} examples with their answers and {statuses} status lines checked; {failures} failed")
sys.exit(1 if failures else 0)
PY
