package dev.upgraderequired.slice;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.RequiresProtocol;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users' {@code @WebMvcTest} slices see their controllers' protocol requirements.
 */
@WebMvcTest
class WebMvcSliceTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void requirementsAreEnforcedInAWebMvcTestSlice() {
		assertThat(this.mvc.get().uri("/secure")).hasStatus(426).hasHeader("Upgrade", "TLS/1.3, TLS/1.2, HTTP/1.1");
		assertThat(this.mvc.get().uri("/secure").secure(true)).hasStatusOk();
	}

	// The slice's DispatcherServlet is initialized and is a bean: the starter's filter refuses before it runs.
	@Test
	void refusalInAWebMvcTestSliceComesFromTheFilterBeforeTheServlet() {
		assertThat(this.mvc.get().uri("/secure").exchange().getMvcResult().getHandler()).isNull();
		assertThat(this.mvc.get().uri("/secure").secure(true).exchange().getMvcResult().getHandler()).isNotNull();
	}

	@SpringBootConfiguration
	@Import(SecureController.class)
	static class SliceApplication {

	}

	@RestController
	static class SecureController {

		@RequiresProtocol(Protocol.TLS)
		@GetMapping("/secure")
		String secure() {
			return "secure";
		}

	}

}
