package dev.upgraderequired.sample;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Protected by the {@code upgrade-required.rules} in {@code application.properties}, not by an annotation.
 *
 * @author upgrade-required
 */
@RestController
class AdminController {

	@GetMapping("/admin/status")
	Map<String, Object> status(HttpServletRequest request) {
		return ApiController.describe("admin", request);
	}

}
