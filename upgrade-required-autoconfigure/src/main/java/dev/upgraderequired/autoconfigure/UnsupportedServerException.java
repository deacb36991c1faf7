package dev.upgraderequired.autoconfigure;

/**
 * Thrown when the application starts on a web server whose request facts (the HTTP version of an exchange and the
 * TLS protocol of its connection) upgrade-required cannot read: it would have to serve protected endpoints without
 * knowing whether their requirements are met.
 *
 * @author upgrade-required
 */
class UnsupportedServerException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String server;

	private final String factsType;

	/**
	 * Create an exception.
	 * @param server the server, as the application runs it
	 * @param factsType the simple name of the bean type that reads the facts of a server
	 */
	UnsupportedServerException(String server, String factsType) {
		super("upgrade-required cannot read the HTTP version and TLS protocol of requests on " + server);
		this.server = server;
		this.factsType = factsType;
	}

	String getServer() {
		return this.server;
	}

	String getFactsType() {
		return this.factsType;
	}

}
