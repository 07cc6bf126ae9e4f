package dev.mailgate.cli.suppression;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailgate.cli.ExitCodes;
import dev.mailgate.cli.SecretOptions;
import dev.mailgate.suppression.store.CallbackOutbox;
import dev.mailgate.suppression.store.JdbcSuppressionStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailgate suppression outbox}: the callback publishers' outbox. Items the endpoint refused wait aside until
 * an operator, having fixed the cause, requeues them; an endpoint that is only down or misconfigured needs nothing
 * (its items stay pending and are retried).
 */
@Command(name = "outbox", mixinStandardHelpOptions = true, description = "Inspect the callback outbox and requeue items the endpoint refused.",
        subcommands = {OutboxCommand.Requeue.class, OutboxCommand.Status.class},
        footer = {"", "Examples:",
            "  mailgate suppression outbox status --store jdbc:h2:file:./suppressions --destination generic-smtp-callback",
            "  mailgate suppression outbox requeue --store jdbc:h2:file:./suppressions --destination generic-smtp-callback"})
public final class OutboxCommand {

    /** Which store and which destination (the publisher's name, by default its format). */
    static final class Target {
        @Option(names = "--store", required = true, description = "a JDBC URL: jdbc:h2:file:./suppressions or jdbc:postgresql://host/db")
        String store;
        @Option(names = "--user", description = "the database user (PostgreSQL)")
        String user;
        @Mixin
        SecretOptions secrets;
        @Option(names = "--destination", required = true, description = "the publisher's destination name (default name: its format, e.g. generic-smtp-callback)")
        String destination;
        @Option(names = "--format", defaultValue = "text", description = "text (default) or json")
        String format;

        JdbcSuppressionStore open() {
            return JdbcSuppressionStore.open(store, user, secrets.password().orElse(null));
        }
    }

    @Command(name = "requeue", mixinStandardHelpOptions = true, description = "Put the items the endpoint refused back in line for the next flush.")
    static final class Requeue implements Callable<Integer> {
        @Mixin
        Target target;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return SuppressionCommand.guarded(spec, "outbox requeue", () -> {
                try (JdbcSuppressionStore s = target.open()) {
                    int n = s.outbox().requeue(target.destination);
                    PrintWriter out = spec.commandLine().getOut();
                    out.println(target.format.equals("json")
                            ? new ObjectMapper().createObjectNode().put("destination", target.destination).put("requeued", n).toString()
                            : n + " refused items of " + target.destination + " requeued");
                    out.flush();
                }
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "How many items of a destination are pending and how many were refused.")
    static final class Status implements Callable<Integer> {
        @Mixin
        Target target;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return SuppressionCommand.guarded(spec, "outbox status", () -> {
                try (JdbcSuppressionStore s = target.open()) {
                    CallbackOutbox o = s.outbox();
                    int pending = o.count(target.destination, false);
                    int refused = o.count(target.destination, true);
                    PrintWriter out = spec.commandLine().getOut();
                    out.println(target.format.equals("json")
                            ? new ObjectMapper().createObjectNode().put("destination", target.destination).put("pending", pending)
                                    .put("refused", refused).toString()
                            : target.destination + ": " + pending + " pending, " + refused + " refused");
                    out.flush();
                }
                return ExitCodes.OK;
            });
        }
    }
}
