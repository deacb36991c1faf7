package dev.upgraderequired.server;

/**
 * Thrown when the application starts on a web server whose request facts (the HTTP version of an exchange and the
 * TLS protocol of its connection) upgrade-required cannot read: it would have to serve protected endpoints without
 * knowing whether their requirements are met. The startup report names the server and what to do.
 *
 * @author upgrade-required
 * @since 0.1.0
 */
public class UnsupportedServerException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String server;

	private final String factsType;

	/**
	 * Create an exception.
	 * @param server the server, as the application runs it
	 * @param factsType the simple name of the bean type that reads the facts of a server
	 */
	public UnsupportedServerException(String server, String factsType) {
		super("upgrade-required cannot read the HTTP version and TLS protocol of requests on " + server);
		this.server = server;
		this.factsType = factsType;
	}

	/**
	 * Return the server, as the application runs it.
	 * @return the server
	 */
	public String getServer() {
		return this.server;
	}

	/**
	 * Return the simple name of the bean type that would read the facts of the server.
	 * @return the type name
	 */
	public String getFactsType() {
		return this.factsType;
	}

}
