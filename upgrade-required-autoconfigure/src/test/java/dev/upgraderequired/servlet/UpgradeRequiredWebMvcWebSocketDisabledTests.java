package dev.upgraderequired.servlet;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring MVC behaviour with WebSocket enforcement turned off.
 */
@SpringBootTest(classes = WebMvcTestApplication.class, properties = "upgrade-required.websocket.enabled=false")
@AutoConfigureMockMvc
class UpgradeRequiredWebMvcWebSocketDisabledTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void webSocketEndpointAnswersAsSpringWebSocketDoes() {
		assertThat(this.mvc.get().uri("/ws")).hasStatus(400).doesNotContainHeader("Upgrade");
	}

	@Test
	void annotationsAreStillEnforced() {
		assertThat(this.mvc.get().uri("/class/inherited")).hasStatus(426)
			.hasHeader("Upgrade", "TLS/1.3, TLS/1.2, HTTP/1.1");
	}

}
