#!/usr/bin/env bash
# fuzz.sh HTTP_PORT HTTPS_PORT: a bounded live fuzz of the running sample app. Sends random requests (methods, paths
# in many spellings, protocol headers with odd values, request-line versions, small bodies) over raw cleartext and
# TLS connections, one per connection, and checks every answer:
#   - a well-formed status line with a 2xx, 3xx or 4xx status (101 for a WebSocket handshake): never a 5xx (the
#     sample has no endpoint that fails);
#   - never a 2xx from a protected endpoint that the request does not meet the requirement of: the TLS-only ones
#     over cleartext, the HTTP/2-only one over HTTP/1.x (every request here), in every spelling of the path that
#     names the same resource (a CORS pre-flight, which is never refused, aside); and, whatever the spelling, never a
#     body that only such an endpoint writes (the sample's endpoints say which one served: "endpoint":"secure", a
#     "user", the metrics' "names"), so a spelling that reaches a protected endpoint by a way nobody foresaw fails too;
#   - request targets as a client can write them: absolute forms (http, https, ws, wss in any letter case, with and
#     without authority, with this port, the other one or none), percent-escapes valid and invalid, ';' parameters,
#     letter case and dot segments, in any combination;
#   - within 5 seconds: never a hang;
#   - a request the generator made malformed on purpose (a request-line version no server accepts, a control
#     character in a header) may instead get the server's own 4xx or 505 in whatever version it echoes, or a
#     connection closed without an answer.
# FUZZ_REQUESTS (default 2000) requests per port; FUZZ_SEED makes a run repeatable (printed at the start). Exits
# non-zero on any failure, printing the request that caused it. Results of a full run: RELIABILITY.md.
set -euo pipefail

exec python3 - "$@" <<'PY'
import os, random, socket, ssl, sys, time

http_port, https_port = int(sys.argv[1]), int(sys.argv[2])
count = int(os.environ.get("FUZZ_REQUESTS", "2000"))
seed = int(os.environ.get("FUZZ_SEED", str(random.randrange(1 << 30))))
rng = random.Random(seed)
print(f"fuzz: {count} requests per port, FUZZ_SEED={seed}")

METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "get", "FOO"]
PATHS = ["/api/hello", "/api/secure", "/api/modern", "/api/stream", "/api/account", "/admin/status", "/ws/echo",
         "/actuator/health", "/actuator/metrics", "/browser-check.html", "/nowhere", "/"]
# Spellings of a path, and whether the application may take them for the same resource (the others name another
# path, which a 2xx does not expose).
SPELLINGS = [(lambda p: p, True), (lambda p: p + "/", True), (lambda p: "/" + p, True),
             (lambda p: p.replace("/", "//"), True), (lambda p: p.replace("a", "%61", 1), True),
             (lambda p: p + ";x=1", True), (lambda p: p.replace("/", "/./", 1), True),
             (lambda p: p + "/../" + p.strip("/").split("/")[-1], True),
             (lambda p: p + "?q=" + "x" * rng.randrange(50), True), (lambda p: p.upper(), False),
             (lambda p: p + "%2F", False), (lambda p: p + "%00", False),
             (lambda p: p + "\u00e9".encode().decode("latin-1"), False)]
VERSIONS_OK = ["HTTP/1.1", "HTTP/1.0"]
VERSIONS_BAD = ["HTTP/2.0", "HTTP/3.0", "HTTP/1.2", "HTTP/9.9", "http/1.1", "HTTP/1", "HTTP/1.1 x"]
HEADERS = {
    "Upgrade": ["websocket", "h2c", "TLS/1.2", "TLS/1.3, HTTP/1.1", "WebSocket, h2c", "", ",,", "x" * 300],
    "Connection": ["Upgrade", "upgrade, HTTP2-Settings", "keep-alive", "Upgrade, close"],
    "Sec-WebSocket-Version": ["13", "8", "", "13, 8", "99999999999"],
    "Sec-WebSocket-Key": ["dGhlIHNhbXBsZSBub25jZQ==", "", "x"],
    "HTTP2-Settings": ["AAMAAABkAARAAAAAAAIAAAAA", ""],
    "Sec-Fetch-Mode": ["navigate", "cors", "no-cors", "NAVIGATE", ""],
    "Upgrade-Insecure-Requests": ["1", "0", "yes"],
    "Accept": ["text/html", "*/*", "application/json", "text/html;q=0", "text/html;q=bad, */*", ";;;", "x/y" * 100],
    "Origin": ["https://example.com", "null", ""],
    "Access-Control-Request-Method": ["GET", "POST", ""],
    "X-Forwarded-Proto": ["https", "http", "wss"],
    "Forwarded": ["proto=https", "for=1.2.3.4;proto=https"],
    "X-Forwarded-Host": ["evil.example"],
    "Content-Type": ["text/plain", "application/json", "application/x-www-form-urlencoded"],
    # The sample's demo user: an endpoint that needs it must still refuse cleartext first.
    "Authorization": ["Basic ZGVtbzpkZW1v", "Basic eDp4"],
}


TLS_ONLY = ("/api/secure", "/api/modern", "/api/account", "/admin/status", "/actuator/metrics")
HTTP2_ONLY = ("/api/stream",)
# What only a protected endpoint writes in its body: over cleartext, any of them; over TLS (HTTP/1.1), the HTTP/2 one.
CLEARTEXT_LEAKS = (b'"endpoint":"secure"', b'"endpoint":"modern"', b'"endpoint":"admin"', b'"endpoint":"stream"',
                   b'"user":', b'"names":[')
TLS_LEAKS = (b'"endpoint":"stream"',)
SCHEMES = ["http", "https", "HTTPS", "Https", "hTTpS", "HTTP", "ws", "wss", "WSS"]


def absolute(path, secure):
    """The target in absolute form, with or without authority, for this port, the other one or none."""
    scheme = rng.choice(SCHEMES)
    port = https_port if secure else http_port
    other = http_port if secure else https_port
    # Mostly the Host header's authority, which Jetty requires of an absolute-form target.
    authority = rng.choice([f"localhost:{port}"] * 4 + [f"LOCALHOST:{port}", f"127.0.0.1:{port}",
                            f"localhost:{other}", "localhost", "example.com:443", f"user@localhost:{port}"])
    form = rng.randrange(4)
    if form == 0:
        return f"{scheme}://{authority}{path}"
    if form == 1:
        return f"{scheme}:{path}"
    if form == 2:
        return f"{scheme}:{path.lstrip('/')}"
    return f"{scheme}://{path.lstrip('/')}"


def escape(path):
    """One letter percent-encoded (hex digits in either case), or an escape that does not decode."""
    letters = [i for i, c in enumerate(path) if c.isalpha()]
    if rng.random() < 0.6 and letters:
        i = rng.choice(letters)
        code = f"{ord(path[i]):02x}"
        return path[:i] + "%" + (code.upper() if rng.random() < 0.5 else code) + path[i + 1:], True
    i = rng.randrange(1, len(path) + 1)
    return path[:i] + rng.choice(["%zz", "%", "%u0078", "%G1", "%2", "%%"]) + path[i:], False


def parameter(path):
    """A ';' parameter after one segment, valid or with an escape that does not decode."""
    cuts = [i for i, c in enumerate(path) if c == "/"][1:] + [len(path)]
    i = rng.choice(cuts)
    return path[:i] + rng.choice([";x=1", ";", ";x=%zz", ";%u0078=1", ";x=%", ";jsessionid=1"]) + path[i:]


def respell(path, secure):
    """Applies a few of the ways a client can write a target; whether it still names the same resource."""
    same = True
    for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
        kind = rng.randrange(4)
        if kind == 0:
            path, decodable = escape(path)
            same &= decodable
        elif kind == 1:
            path = parameter(path)
        elif kind == 2:
            segments = path.split("/")
            i = rng.randrange(1, len(segments)) if len(segments) > 1 else 0
            segments[i] = rng.choice([segments[i].upper(), segments[i].capitalize()])
            path, same = "/".join(segments), False
        else:
            path = path.replace("/", rng.choice(["/./", "/%2e/", "/x/../", "/X/%2E%2E/"]), 1)
    # Last, as a client writes the scheme and authority in front of everything else.
    if rng.random() < 0.6:
        path = absolute(path, secure)
    return path, same


def build(secure):
    malformed = False
    # GET most often: what a protected endpoint serves, and so what would show a way past its requirement.
    method = rng.choice(["GET"] * 5 + METHODS)
    base = rng.choice(PATHS)
    # Half the requests are about the target: written as a client can, with a valid version and few headers, so
    # that what the server makes of the target is what decides.
    target_only = rng.random() < 0.5
    if target_only:
        path, same_resource = respell(base, secure)
    else:
        spell, same_resource = rng.choice(SPELLINGS)
        path = spell(base)
    if not target_only and rng.random() < 0.1:
        version = rng.choice(VERSIONS_BAD)
        malformed = True
    else:
        version = rng.choice(VERSIONS_OK)
    lines = [f"{method} {path} {version}", f"Host: localhost:{https_port if secure else http_port}"]
    sent = {}
    names = rng.sample(sorted(HEADERS), rng.randrange(0, 6)) if not target_only \
        else ["Authorization"] * rng.randrange(2)
    for name in names:
        value = rng.choice(HEADERS[name])
        sent[name] = value
        if not target_only and rng.random() < 0.05:
            value += chr(rng.choice([1, 7, 11, 127]))
            malformed = True
        lines.append(f"{name}: {value}")
    body = b""
    if method in ("POST", "PUT", "PATCH") and rng.random() < 0.7:
        body = b"x" * rng.choice([0, 1, 10, 100, 5000])
        lines.append(f"Content-Length: {len(body)}")
    lines.append("Connection: close")
    # A CORS pre-flight is never refused: the browser's actual request is.
    preflight = method == "OPTIONS" and sent.get("Origin", "").strip() != "" \
        and sent.get("Access-Control-Request-Method", "").strip() != ""
    protected = same_resource and not preflight and (base in HTTP2_ONLY or (base in TLS_ONLY and not secure))
    leaks = () if preflight else (TLS_LEAKS if secure else CLEARTEXT_LEAKS)
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body, malformed, protected, leaks


def exchange(raw, secure):
    sock = socket.create_connection(("127.0.0.1", https_port if secure else http_port), timeout=5)
    if secure:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        context.set_alpn_protocols(["http/1.1"])
        sock = context.wrap_socket(sock, server_hostname="localhost")
    data = b""
    try:
        sock.sendall(raw)
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    except (ConnectionResetError, BrokenPipeError, ssl.SSLError):
        pass
    finally:
        sock.close()
    return data


failures = 0
statuses = {}
closed_malformed = 0
started = time.time()
for secure in (False, True):
    for _ in range(count):
        raw, malformed, protected, leaks = build(secure)
        t = time.time()
        try:
            data = exchange(raw, secure)
        except socket.timeout:
            failures += 1
            print(f"FAIL  no answer within 5 s ({'TLS' if secure else 'cleartext'}): {raw[:200]!r}")
            continue
        line = data.split(b"\r\n", 1)[0].decode("latin-1")
        parts = line.split(" ")
        if not data:
            if malformed:
                closed_malformed += 1
                continue
            failures += 1
            print(f"FAIL  closed without an answer ({'TLS' if secure else 'cleartext'}): {raw[:200]!r}")
            continue
        well_formed = len(parts) >= 2 and parts[0].startswith("HTTP/") and parts[1].isdigit() and len(parts[1]) == 3
        if not well_formed:
            ok = False
        elif parts[1][0] == "2" and (protected or any(leak in data for leak in leaks)):
            ok = False
        elif malformed:
            # A server may be lenient about a version (Reactor Netty echoes it): any answer but a 5xx other than 505.
            ok = parts[1][0] in "1234" or parts[1] == "505"
        else:
            ok = parts[0] in ("HTTP/1.1", "HTTP/1.0") and (parts[1][0] in "234" or parts[1] == "101")
        statuses[parts[1] if len(parts) > 1 else "?"] = statuses.get(parts[1] if len(parts) > 1 else "?", 0) + 1
        if not ok:
            failures += 1
            print(f"FAIL  answer '{line}' ({'TLS' if secure else 'cleartext'}) to: {raw[:200]!r}")
elapsed = time.time() - started
summary = ", ".join(f"{status}: {n}" for status, n in sorted(statuses.items()))
print(f"fuzz: {2 * count} requests in {elapsed:.1f} s; statuses {summary}; closed without an answer (malformed on "
      f"purpose): {closed_malformed}; failures: {failures}")
sys.exit(1 if failures else 0)
PY
