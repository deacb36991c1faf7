package dev.upgraderequired.sample;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;

/**
 * A bare HTTP/2 client over a cleartext socket with prior knowledge (h2c): sends one request with exactly the
 * pseudo-header fields given, such as {@code :scheme: https}, which no ordinary client would send over cleartext,
 * and reads frames until its stream ends, is reset, or the connection goes away. Netty's HPACK coder encodes and
 * decodes the header blocks; the frames are written and read here.
 */
final class RawH2c {

	private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	private static final int DATA = 0x0;

	private static final int HEADERS = 0x1;

	private static final int RST_STREAM = 0x3;

	private static final int SETTINGS = 0x4;

	private static final int GOAWAY = 0x7;

	private static final int CONTINUATION = 0x9;

	private static final int END_STREAM = 0x1;

	private static final int END_HEADERS = 0x4;

	private static final int PADDED = 0x8;

	private static final int PRIORITY = 0x20;

	private RawH2c() {
	}

	/**
	 * Send a {@code GET} on stream 1.
	 * @param port the cleartext port
	 * @param scheme the {@code :scheme} pseudo-header field
	 * @param path the {@code :path} pseudo-header field
	 * @param headers further fields, name and value in turn
	 * @return the response; status 0 if the stream was reset or the connection closed before a status came
	 */
	static Response get(int port, String scheme, String path, String... headers) throws IOException {
		Http2Headers request = new DefaultHttp2Headers(false).method("GET")
			.scheme(scheme)
			.authority("localhost:" + port)
			.path(path);
		for (int i = 0; i < headers.length; i += 2) {
			request.add(headers[i], headers[i + 1]);
		}
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(PREFACE);
			writeFrame(out, SETTINGS, 0, 0, new byte[0]);
			writeFrame(out, HEADERS, END_STREAM | END_HEADERS, 1, encode(request));
			out.flush();
			return read(new DataInputStream(socket.getInputStream()), out);
		}
	}

	private static Response read(DataInputStream in, OutputStream out) throws IOException {
		DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false);
		ByteArrayOutputStream block = new ByteArrayOutputStream();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		Map<String, String> fields = new LinkedHashMap<>();
		int status = 0;
		try {
			while (true) {
				int length = in.readUnsignedShort() << 8 | in.readUnsignedByte();
				int type = in.readUnsignedByte();
				int flags = in.readUnsignedByte();
				int stream = in.readInt() & 0x7fffffff;
				byte[] payload = in.readNBytes(length);
				if (payload.length < length) {
					break;
				}
				if (type == SETTINGS && (flags & 0x1) == 0) {
					writeFrame(out, SETTINGS, 0x1, 0, new byte[0]);
					out.flush();
				}
				else if (type == GOAWAY || (type == RST_STREAM && stream == 1)) {
					break;
				}
				else if ((type == HEADERS || type == CONTINUATION) && stream == 1) {
					block.write(fragment(type, flags, payload));
					if ((flags & END_HEADERS) != 0) {
						Http2Headers decoded = decode(decoder, block.toByteArray());
						block.reset();
						CharSequence code = decoded.status();
						if (code != null && status == 0) {
							status = Integer.parseInt(code.toString());
						}
						decoded.forEach((field) -> fields.put(field.getKey().toString(), field.getValue().toString()));
					}
					if (type == HEADERS && (flags & END_STREAM) != 0) {
						break;
					}
				}
				else if (type == DATA && stream == 1) {
					int padding = ((flags & PADDED) != 0) ? payload[0] & 0xff : 0;
					int start = ((flags & PADDED) != 0) ? 1 : 0;
					body.write(payload, start, payload.length - start - padding);
					if ((flags & END_STREAM) != 0) {
						break;
					}
				}
			}
		}
		catch (EOFException | SocketException ex) {
			// The connection ended: what arrived before is the response.
		}
		return new Response(status, fields, body.toString(StandardCharsets.UTF_8));
	}

	// A HEADERS frame's block fragment, without its padding and priority fields.
	private static byte[] fragment(int type, int flags, byte[] payload) {
		if (type != HEADERS) {
			return payload;
		}
		int start = 0;
		int padding = 0;
		if ((flags & PADDED) != 0) {
			padding = payload[0] & 0xff;
			start = 1;
		}
		if ((flags & PRIORITY) != 0) {
			start += 5;
		}
		byte[] fragment = new byte[payload.length - start - padding];
		System.arraycopy(payload, start, fragment, 0, fragment.length);
		return fragment;
	}

	private static void writeFrame(OutputStream out, int type, int flags, int stream, byte[] payload)
			throws IOException {
		out.write(new byte[] { (byte) (payload.length >>> 16), (byte) (payload.length >>> 8), (byte) payload.length,
				(byte) type, (byte) flags, (byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8),
				(byte) stream });
		out.write(payload);
	}

	private static byte[] encode(Http2Headers headers) throws IOException {
		ByteBuf buffer = Unpooled.buffer();
		try {
			new DefaultHttp2HeadersEncoder().encodeHeaders(1, headers, buffer);
			byte[] bytes = new byte[buffer.readableBytes()];
			buffer.readBytes(bytes);
			return bytes;
		}
		catch (Http2Exception ex) {
			throw new IOException(ex);
		}
		finally {
			buffer.release();
		}
	}

	private static Http2Headers decode(DefaultHttp2HeadersDecoder decoder, byte[] block) throws IOException {
		ByteBuf buffer = Unpooled.wrappedBuffer(block);
		try {
			return decoder.decodeHeaders(1, buffer);
		}
		catch (Http2Exception ex) {
			throw new IOException(ex);
		}
		finally {
			buffer.release();
		}
	}

	/**
	 * A response: its status (0 when none came), its header fields and its body.
	 */
	record Response(int status, Map<String, String> headers, String body) {
	}

}
