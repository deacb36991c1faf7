package dev.upgraderequired;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link UpgradeRequiredException}.
 */
class UpgradeRequiredExceptionTests {

	@Test
	void isAResponseStatusExceptionThatCarriesTheUpgradeHeaders() {
		ResponseStatusException ex = new UpgradeRequiredException(ProtocolRequirement.tls(TlsVersion.TLS_1_3));
		assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.UPGRADE_REQUIRED);
		assertThat(ex.getHeaders().getFirst("Upgrade")).isEqualTo("TLS/1.3, HTTP/1.1");
		assertThat(ex.getHeaders().getFirst("Connection")).isEqualTo("Upgrade");
		assertThat(ex.getHeaders().getFirst("Cache-Control")).isEqualTo("no-store");
	}

	@Test
	void bodyIsTheProblemDetail() {
		UpgradeRequiredException ex = new UpgradeRequiredException(Protocol.WEBSOCKET);
		assertThat(ex.getBody().getStatus()).isEqualTo(426);
		assertThat(ex.getBody().getTitle()).isEqualTo("Upgrade Required");
		assertThat(ex.getBody().getType()).hasToString("about:blank");
		assertThat(ex.getBody().getDetail()).isEqualTo("This resource requires WebSocket. Upgrade to one of: websocket.");
		assertThat(ex.getBody().getProperties()).containsEntry("upgrade", java.util.List.of("websocket"));
		assertThat(ex.getReason()).isEqualTo(ex.getBody().getDetail());
		assertThat(ex.getRequirement()).isSameAs(ProtocolRequirement.websocket());
	}

	@Test
	void recordsNoStackTrace() {
		assertThat(new UpgradeRequiredException(Protocol.TLS).getStackTrace()).isEmpty();
	}

	@Test
	void anEmptyRequirementIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new UpgradeRequiredException(ProtocolRequirement.none()));
	}

}
