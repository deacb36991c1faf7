package dev.upgraderequired.sample;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * Protected by the {@code upgrade-required.rules} in {@code application.properties}, not by an annotation.
 *
 * @author upgrade-required
 */
@RestController
class AdminController {

	@GetMapping("/admin/status")
	ApiController.Description status(@RequestAttribute(ConnectionInfo.ATTRIBUTE) ConnectionInfo connection) {
		return ApiController.describe("admin", connection);
	}

}
