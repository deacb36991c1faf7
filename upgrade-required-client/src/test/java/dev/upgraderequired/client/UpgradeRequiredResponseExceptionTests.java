package dev.upgraderequired.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UpgradeRequiredResponseException}.
 */
class UpgradeRequiredResponseExceptionTests {

	@Test
	void isA426ClientErrorThatSaysWhatToUpgradeTo() {
		UpgradeRequiredResponseException ex = exception();
		assertThat(ex.getStatusText()).isEqualTo("Upgrade Required");
		assertThat(ex.getResponseHeaders().getFirst("Upgrade")).isEqualTo("TLS/1.3, HTTP/1.1");
		assertThat(ex.getMessage()).isEqualTo("426 Upgrade Required: upgrade to [TLS/1.3, HTTP/1.1] (Use https.)");
		assertThat(ex.getUpgradeRequired().webSocketVersion()).isEqualTo("13");
	}

	@Test
	void whatTheResponseTellsSurvivesSerialization() throws Exception {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(exception());
		}
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
			UpgradeRequiredResponseException read = (UpgradeRequiredResponseException) in.readObject();
			assertThat(read.getUpgradeRequired().protocols()).containsExactly("TLS/1.3", "HTTP/1.1");
			assertThat(read.getUpgradeRequired().detail()).isEqualTo("Use https.");
		}
	}

	private static UpgradeRequiredResponseException exception() {
		HttpHeaders headers = new HttpHeaders();
		headers.add(HttpHeaders.UPGRADE, "TLS/1.3, HTTP/1.1");
		headers.add("Sec-WebSocket-Version", " 13 ");
		return new UpgradeRequiredResponseException("Upgrade Required", headers,
				"{\"detail\":\"Use https.\"}".getBytes(StandardCharsets.UTF_8));
	}

}
