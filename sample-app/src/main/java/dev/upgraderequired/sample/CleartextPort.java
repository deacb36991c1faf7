package dev.upgraderequired.sample;

/**
 * Where the cleartext HTTP listener of {@code sample.http-port} is bound, whichever web stack runs it: with
 * {@code sample.http-port=0} only the running server knows, and the two stacks keep it in different places.
 *
 * @author upgrade-required
 */
@FunctionalInterface
interface CleartextPort {

	/**
	 * Return the port that the cleartext listener is bound to.
	 * @return the bound port, or {@code -1} while the listener is not running
	 */
	int getPort();

}
