package dev.mailgate.cli;

import dev.mailgate.smtp.TrustStores;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Option;

/** The password and trust-store options of the commands that connect to a server, read one way everywhere. */
public final class SecretOptions {
    @Option(names = "--password", description = "the password (prefer --password-env: command lines end up in shell history)")
    String password;

    @Option(names = "--password-env", paramLabel = "VARIABLE", description = "read the password from this environment variable")
    String passwordEnv;

    @Option(names = "--trust-store", description = "a PKCS12/JKS file of trusted certificates (a private CA)")
    String trustStore;

    @Option(names = "--trust-store-password", defaultValue = "", description = "its password")
    String trustStorePassword;

    /**
     * The password given, if any.
     *
     * @throws IllegalArgumentException when --password-env names a variable that is not set
     */
    public Optional<String> password() {
        if (passwordEnv != null) {
            String value = System.getenv(passwordEnv);
            if (value == null) {
                throw new IllegalArgumentException("environment variable " + passwordEnv + " is not set");
            }
            return Optional.of(value);
        }
        return Optional.ofNullable(password);
    }

    /** The trust material given with --trust-store, if any. */
    public Optional<SSLContext> trust() {
        return Optional.ofNullable(trustStore).map(path -> TrustStores.fromFile(path, trustStorePassword));
    }
}
