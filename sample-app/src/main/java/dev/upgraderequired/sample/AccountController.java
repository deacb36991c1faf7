package dev.upgraderequired.sample;

import java.security.Principal;

import dev.upgraderequired.Protocol;
import dev.upgraderequired.RequiresProtocol;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The account of the authenticated user: Spring Security requires credentials ({@link SecurityConfiguration}), and
 * this controller requires TLS, which upgrade-required enforces first: over cleartext the client hears 426 and is
 * never asked for its password.
 *
 * @author upgrade-required
 */
@RestController
@RequestMapping("/api/account")
@RequiresProtocol(Protocol.TLS)
class AccountController {

	@GetMapping
	Account account(Principal principal) {
		return new Account(principal.getName());
	}

	@PostMapping
	Account update(Principal principal) {
		return new Account(principal.getName());
	}

	/**
	 * The JSON body of the account endpoints.
	 */
	record Account(String user) {
	}

}
