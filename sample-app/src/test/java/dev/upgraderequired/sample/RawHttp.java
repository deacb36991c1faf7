package dev.upgraderequired.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A bare HTTP/1.1 client over a socket (cleartext, or TLS trusting the demo certificate): sends the request line
 * and headers exactly as given (no normalization, no restricted headers), with {@code Connection: close} unless a
 * {@code Connection} header is given, and reads the response until the server closes the connection.
 */
public final class RawHttp {

	private RawHttp() {
	}

	public static Response exchange(int port, String method, String target, String... headers) throws IOException {
		return exchangeRequestLine(port, false, method + " " + target + " HTTP/1.1", headers);
	}

	public static Response exchangeTls(int port, String method, String target, String... headers) throws IOException {
		return exchangeRequestLine(port, true, method + " " + target + " HTTP/1.1", headers);
	}

	/**
	 * Send a request with a body; {@code Content-Length} is added.
	 */
	public static Response exchangeWithBody(int port, boolean tls, String method, String target, String body,
			String... headers) throws IOException {
		return send(port, tls, method + " " + target + " HTTP/1.1", body, headers);
	}

	/**
	 * Send bytes as they are over cleartext, such as several pipelined requests, and read until the server closes
	 * the connection, for at most 10 seconds (a {@link java.net.SocketTimeoutException} then).
	 */
	public static String pipeline(int port, byte[] requests) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(requests);
			out.flush();
			return new String(readAll(socket.getInputStream()), StandardCharsets.ISO_8859_1);
		}
	}

	/**
	 * Send a request whose request line is exactly the given text, such as {@code GET / HTTP/3.0}.
	 */
	public static Response exchangeRequestLine(int port, boolean tls, String requestLine, String... headers)
			throws IOException {
		return send(port, tls, requestLine, null, headers);
	}

	private static Response send(int port, boolean tls, String requestLine, String body, String... headers)
			throws IOException {
		Socket connection = tls ? DemoTls.CONTEXT.getSocketFactory().createSocket("localhost", port)
				: new Socket("127.0.0.1", port);
		try (Socket socket = connection) {
			socket.setSoTimeout(10_000);
			StringBuilder request = new StringBuilder(requestLine).append("\r\n");
			request.append("Host: localhost:").append(port).append("\r\n");
			for (String header : headers) {
				request.append(header).append("\r\n");
			}
			// The response is read until the server closes the connection, so a request that names its own
			// connection options must include "close".
			boolean connectionGiven = false;
			for (String header : headers) {
				connectionGiven |= header.regionMatches(true, 0, "Connection:", 0, 11);
			}
			if (body != null) {
				request.append("Content-Length: ").append(body.getBytes(StandardCharsets.ISO_8859_1).length)
					.append("\r\n");
			}
			request.append(connectionGiven ? "\r\n" : "Connection: close\r\n\r\n");
			if (body != null) {
				request.append(body);
			}
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return Response.parse(readAll(socket.getInputStream()));
		}
	}

	// A server that rejects a request before reading all of it may reset the connection after its answer, or
	// instead of one: what arrived before the reset is the response.
	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try {
			in.transferTo(bytes);
		}
		catch (SocketException ex) {
			// Connection reset: keep what was read.
		}
		return bytes.toByteArray();
	}

	/**
	 * A response; status 0 when the server closed the connection without answering.
	 */
	public record Response(int status, Map<String, String> headers, String body) {

		static Response parse(byte[] raw) {
			String text = new String(raw, StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n\r\n");
			String head = (end >= 0) ? text.substring(0, end) : text;
			String body = (end >= 0) ? text.substring(end + 4) : "";
			String[] lines = head.split("\r\n");
			if (text.isEmpty()) {
				return new Response(0, Map.of(), "");
			}
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				// Repeated fields are one comma-separated list (RFC 9110 section 5.3).
				headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim(), (first, next) -> first + ", " + next);
			}
			return new Response(status, headers, body);
		}

		public String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

}
