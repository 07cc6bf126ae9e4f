package dev.mailgate.ses.webhook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Gets the SNS signing certificate named by a message's {@code SigningCertURL}. The authenticator only asks for URLs
 * it has checked are {@code https://sns.<region>.amazonaws.com/...}. Tests pass their own fetcher, so they never
 * touch the network.
 */
@FunctionalInterface
public interface SnsCertificateFetcher {
    X509Certificate fetch(URI url) throws IOException, CertificateException;

    /**
     * Downloads over HTTPS with the JDK's client and default trust store: the TLS handshake with the SNS host is what
     * makes the certificate trustworthy ("Always retrieve the signing certificate using HTTPS"). No redirects.
     */
    static SnsCertificateFetcher https(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        return url -> {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
            HttpResponse<byte[]> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while fetching " + url, e);
            }
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " for " + url);
            }
            if (response.body().length > 64 * 1024) {
                throw new IOException(url + " is " + response.body().length + " bytes, too large for a certificate");
            }
            return parse(response.body());
        };
    }

    /** Keeps up to {@code maxEntries} certificates by URL; SNS signs with few certificates and changes them rarely. */
    static SnsCertificateFetcher caching(SnsCertificateFetcher fetcher, int maxEntries) {
        Objects.requireNonNull(fetcher, "fetcher");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        Map<URI, X509Certificate> cache = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<URI, X509Certificate> eldest) {
                return size() > maxEntries;
            }
        };
        return url -> {
            synchronized (cache) {
                X509Certificate hit = cache.get(url);
                if (hit != null) {
                    return hit;
                }
            }
            X509Certificate fetched = fetcher.fetch(url);
            synchronized (cache) {
                cache.put(url, fetched);
            }
            return fetched;
        };
    }

    /** The default: HTTPS with a 5 second timeout, cached. */
    static SnsCertificateFetcher standard() {
        return caching(https(Duration.ofSeconds(5)), 32);
    }

    /** Reads a PEM or DER X.509 certificate. */
    static X509Certificate parse(byte[] pemOrDer) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pemOrDer));
    }
}
