package dev.upgraderequired.sample;

import java.io.InputStream;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.springframework.core.io.ClassPathResource;

/**
 * Client-side trust in the sample's demo-only self-signed certificate.
 */
public final class DemoTls {

	static final X509Certificate CERTIFICATE = certificate();

	public static final SSLContext CONTEXT = context();

	private DemoTls() {
	}

	private static X509Certificate certificate() {
		try (InputStream in = new ClassPathResource("demo-tls/demo-localhost.crt").getInputStream()) {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static SSLContext context() {
		try {
			KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
			trustStore.load(null, null);
			trustStore.setCertificateEntry("demo", CERTIFICATE);
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trustStore);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, factory.getTrustManagers(), null);
			return context;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
