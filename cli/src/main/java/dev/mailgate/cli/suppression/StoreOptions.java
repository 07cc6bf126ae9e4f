package dev.mailgate.cli.suppression;

import dev.mailgate.cli.SecretOptions;
import dev.mailgate.core.suppression.SuppressionList;
import dev.mailgate.suppression.store.JdbcSuppressionStore;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every {@code suppression} subcommand shares: which store, which list, which scope. */
public final class StoreOptions {
    @Option(names = "--store", required = true, description = "a JDBC URL: jdbc:h2:file:./suppressions or jdbc:postgresql://host/db")
    String store;

    @Option(names = "--user", description = "the database user (PostgreSQL)")
    String user;

    @Mixin
    SecretOptions secrets;

    @Option(names = "--list", defaultValue = "suppressed", description = "suppressed (default) or unsubscribed")
    String list;

    @Option(names = "--scope", defaultValue = "global", description = "global (default) or campaign:ID (unsubscribes only)")
    String scope;

    JdbcSuppressionStore open() {
        return JdbcSuppressionStore.open(store, user, secrets.password().orElse(null));
    }

    SuppressionList list() {
        try {
            return SuppressionList.valueOf(list.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--list must be suppressed or unsubscribed, was \"" + list + "\"");
        }
    }

    Optional<String> campaign() {
        if (scope.equalsIgnoreCase("global")) {
            return Optional.empty();
        }
        if (scope.startsWith("campaign:") && scope.length() > "campaign:".length()) {
            return Optional.of(scope.substring("campaign:".length()));
        }
        throw new IllegalArgumentException("--scope must be global or campaign:ID, was \"" + scope + "\"");
    }
}
