package dev.mailgate.springboot.autoconfigure;

import dev.mailgate.core.dkim.DkimException;
import dev.mailgate.core.dkim.DkimKeys;
import dev.mailgate.core.dkim.DkimSigner;
import dev.mailgate.core.spi.MailProvider;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.SmtpEventListener;
import dev.mailgate.smtp.SmtpPresetProvider;
import dev.mailgate.smtp.SmtpProvider;
import dev.mailgate.smtp.SmtpTransport;
import dev.mailgate.springboot.autoconfigure.properties.MailgateProperties;
import dev.mailgate.springboot.autoconfigure.properties.SmtpProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * Which provider the properties name, its string configuration, and the transport the provider makes of it. The
 * providers parse and check their own keys (one place for each rule); this class only adds what Spring holds and a
 * string cannot: an SSL bundle's trust store, and a DKIM key from a resource.
 */
final class ProviderTransports {
    private ProviderTransports() {
    }

    /** The provider id in use, or empty when nothing is configured (then there is no Transport bean). */
    static Optional<String> providerId(MailgateProperties p) {
        if (p.getProvider() != null && !p.getProvider().isBlank()) {
            return Optional.of(p.getProvider().strip());
        }
        return p.getSmtp().getHost() != null ? Optional.of("smtp") : Optional.empty();
    }

    /** The provider's string configuration with an SSL bundle applied as its trust-store keys. */
    static Map<String, String> settings(String id, MailgateProperties p, SslBundles bundles) {
        Map<String, String> map = new LinkedHashMap<>(switch (id) {
            case "smtp" -> p.getSmtp().toMap();
            case "episerver" -> p.getEpiserver().toMap();
            case "cloudmailin" -> p.getCloudmailin().toMap();
            default -> p.getProviders().getOrDefault(id, Map.of());
        });
        String bundle = switch (id) {
            case "smtp" -> p.getSmtp().getSslBundle();
            case "episerver" -> p.getEpiserver().getSslBundle();
            case "cloudmailin" -> p.getCloudmailin().getSslBundle();
            default -> map.remove("ssl-bundle");
        };
        if (bundle != null && !bundle.isBlank()) {
            if (map.containsKey("trust-store")) {
                throw new ProviderConfigException(id, "ssl-bundle", "set either ssl-bundle or trust-store, not both");
            }
            if (bundles == null) {
                throw new ProviderConfigException(id, "ssl-bundle", "no SslBundles in the application context");
            }
            Path file = trustStoreFile(bundles.getBundle(bundle.strip()), id, map);
            map.put("trust-store", file.toString());
        }
        return map;
    }

    /**
     * The provider's transport. Plain SMTP is built here rather than by {@code SmtpProvider} so that the DKIM key may
     * come from a resource; the presets build their own transports from their keys, and every SMTP preset
     * ({@link SmtpPresetProvider}, all bundled ones) is handed the application's {@link SmtpEventListener} beans so
     * that they see every send, tagged with the provider.
     */
    static Transport create(String id, Map<String, String> settings, SmtpProperties smtp, List<SmtpEventListener> listeners) {
        if (id.equals("smtp")) {
            return smtp(settings, smtp, listeners);
        }
        MailProvider provider = provider(id);
        if (!listeners.isEmpty() && provider instanceof SmtpPresetProvider preset) {
            return preset.createTransport(settings, SmtpListeners.of(listeners));
        }
        return provider.createTransport(settings);
    }

    /** The SMTP settings for a health probe: plain SMTP's, or an SMTP preset's; empty for any other provider. */
    static Optional<SmtpConfig> smtpConfig(String id, Map<String, String> settings) {
        if (id.equals("smtp")) {
            return Optional.of(SmtpProvider.config(settings));
        }
        return provider(id) instanceof SmtpPresetProvider preset ? Optional.of(preset.smtpConfig(settings)) : Optional.empty();
    }

    static MailProvider provider(String id) {
        Map<String, MailProvider> found = new TreeMap<>();
        for (MailProvider p : ServiceLoader.load(MailProvider.class, ProviderTransports.class.getClassLoader())) {
            found.putIfAbsent(p.id(), p);
        }
        MailProvider p = found.get(id);
        if (p == null) {
            throw new ProviderConfigException(id, "mailgate.provider", "no MailProvider with this id on the class path; found "
                    + found.keySet() + " (add the mailgate-provider-" + id + " artifact)");
        }
        return p;
    }

    private static Transport smtp(Map<String, String> settings, SmtpProperties smtp, List<SmtpEventListener> listeners) {
        SmtpTransport.Builder b = SmtpTransport.builder(SmtpProvider.config(settings)).provider("smtp");
        dkimPem(settings, smtp).ifPresent(pem -> b.dkim(signer(settings, pem)));
        if (!listeners.isEmpty()) {
            b.listener(SmtpListeners.of(listeners));
        }
        return b.build();
    }

    /** The PEM of the DKIM key, from dkim-key (a resource) or dkim-key-file, when DKIM is configured. */
    private static Optional<String> dkimPem(Map<String, String> settings, SmtpProperties smtp) {
        boolean any = smtp.getDkimKey() != null || settings.containsKey("dkim-key-file") || settings.containsKey("dkim-domain")
                || settings.containsKey("dkim-selector");
        if (!any) {
            return Optional.empty();
        }
        if (smtp.getDkimKey() != null && settings.containsKey("dkim-key-file")) {
            throw new ProviderConfigException("smtp", "dkim-key", "set either dkim-key or dkim-key-file, not both");
        }
        for (String key : List.of("dkim-domain", "dkim-selector")) {
            if (!settings.containsKey(key)) {
                throw new ProviderConfigException("smtp", key, "required when any dkim-* key is set");
            }
        }
        if (smtp.getDkimKey() != null) {
            try (InputStream in = smtp.getDkimKey().getInputStream()) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new ProviderConfigException("smtp", "dkim-key", "cannot read " + smtp.getDkimKey() + ": " + e.getMessage());
            }
        }
        String file = settings.get("dkim-key-file");
        if (file == null) {
            throw new ProviderConfigException("smtp", "dkim-key-file", "required when any dkim-* key is set (or dkim-key)");
        }
        try {
            return Optional.of(Files.readString(Path.of(file), StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            throw new ProviderConfigException("smtp", "dkim-key-file", "cannot read " + file + ": " + e.getMessage());
        }
    }

    private static DkimSigner signer(Map<String, String> settings, String pem) {
        try {
            return DkimSigner.builder(settings.get("dkim-domain"), settings.get("dkim-selector"), DkimKeys.fromPem(pem)).build();
        } catch (DkimException e) {
            throw new ProviderConfigException("smtp", "dkim-key", e.getMessage());
        }
    }

    /**
     * The providers take trust material as a trust-store file (their string form cannot carry an SSLContext), so
     * the bundle's certificates are written to a PKCS12 file of their own with a random password. It holds
     * certificates only, public by nature; a bundle's private keys are never written.
     */
    private static Path trustStoreFile(SslBundle bundle, String id, Map<String, String> map) {
        KeyStore source = bundle.getStores().getTrustStore();
        if (source == null) {
            throw new ProviderConfigException(id, "ssl-bundle", "the bundle has no trust store");
        }
        try {
            KeyStore certs = KeyStore.getInstance("PKCS12");
            certs.load(null, null);
            for (String alias : Collections.list(source.aliases())) {
                Certificate c = source.getCertificate(alias);
                if (c != null) {
                    certs.setCertificateEntry(alias, c);
                }
            }
            byte[] secret = new byte[18];
            new SecureRandom().nextBytes(secret);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            Path file = Files.createTempFile("mailgate-" + id + "-trust", ".p12");
            file.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(file)) {
                certs.store(out, password.toCharArray());
            }
            map.put("trust-store-password", password);
            return file;
        } catch (IOException | GeneralSecurityException e) {
            throw new ProviderConfigException(id, "ssl-bundle", "cannot use the bundle's trust store: " + e.getMessage());
        }
    }
}
