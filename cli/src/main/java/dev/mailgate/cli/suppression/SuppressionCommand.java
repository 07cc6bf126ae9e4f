package dev.mailgate.cli.suppression;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailgate.cli.ExitCodes;
import dev.mailgate.core.MailException;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.suppression.SuppressionCsv;
import dev.mailgate.suppression.SuppressionEntry;
import dev.mailgate.suppression.store.JdbcSuppressionStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailgate suppression}: operators' access to the lists. */
@Command(name = "suppression", mixinStandardHelpOptions = true, description = "Add, remove, list, import and export suppressed and unsubscribed addresses.",
        subcommands = {SuppressionCommand.Add.class, SuppressionCommand.Remove.class, SuppressionCommand.ListEntries.class,
            SuppressionCommand.Import.class, SuppressionCommand.Export.class, OutboxCommand.class},
        footer = {"", "Examples:",
            "  mailgate suppression add --store jdbc:h2:file:./suppressions --reason \"asked by phone\" jane@example.org",
            "  mailgate suppression add --store jdbc:h2:file:./suppressions --list unsubscribed --scope campaign:nov-2026 jane@example.org",
            "  mailgate suppression remove --store jdbc:h2:file:./suppressions --reason \"mailbox fixed\" jane@example.org",
            "  mailgate suppression list --store jdbc:postgresql://db/mail --user mail --password-env PGPASS --format json",
            "  mailgate suppression export --store jdbc:h2:file:./suppressions -o suppressed.csv",
            "  mailgate suppression import --store jdbc:h2:file:./suppressions suppressed.csv",
            "  mailgate suppression outbox requeue --store jdbc:h2:file:./suppressions --destination generic-smtp-callback"})
public final class SuppressionCommand {

    /** Runs an operation with the usual error handling: a store or input problem is exit code 1 with a message. */
    static int guarded(CommandSpec spec, String name, Callable<Integer> work) {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return work.call();
        } catch (MailException | IllegalArgumentException | IOException e) {
            err.println("mailgate suppression " + name + ": " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID_INPUT;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Put addresses on a list (an operator's entry, kept in the audit trail).",
            footer = {"", "Example:", "  mailgate suppression add --store jdbc:h2:file:./suppressions --list unsubscribed --scope campaign:nov-2026 --reason \"asked by phone\" jane@example.org"})
    static final class Add implements Callable<Integer> {
        @Mixin
        StoreOptions store;
        @Option(names = "--reason", defaultValue = "added by an operator", description = "why, for the audit trail")
        String reason;
        @Option(names = "--format", defaultValue = "text", description = "text (default) or json (one {address, added} per line)")
        String format;
        @Parameters(arity = "1..*", paramLabel = "ADDRESS")
        List<String> addresses;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return guarded(spec, "add", () -> {
                try (JdbcSuppressionStore s = store.open()) {
                    for (String a : addresses) {
                        boolean added = s.add(new SuppressionEntry(EmailAddress.parse(a), store.list(), store.campaign(), reason, "operator",
                                Instant.now()));
                        spec.commandLine().getOut().println(line(format, a, "added", added, added ? "added " : "already listed "));
                    }
                }
                spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Take addresses off a list, with a reason kept in the audit trail.",
            footer = {"", "Example:", "  mailgate suppression remove --store jdbc:h2:file:./suppressions --reason \"mailbox fixed, confirmed by the customer\" jane@example.org"})
    static final class Remove implements Callable<Integer> {
        @Mixin
        StoreOptions store;
        @Option(names = "--reason", required = true, description = "why, for the audit trail")
        String reason;
        @Option(names = "--format", defaultValue = "text", description = "text (default) or json (one {address, removed} per line)")
        String format;
        @Parameters(arity = "1..*", paramLabel = "ADDRESS")
        List<String> addresses;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return guarded(spec, "remove", () -> {
                boolean all = true;
                try (JdbcSuppressionStore s = store.open()) {
                    for (String a : addresses) {
                        boolean removed = s.remove(EmailAddress.parse(a), store.list(), store.campaign(), reason, "operator");
                        spec.commandLine().getOut().println(line(format, a, "removed", removed, removed ? "removed " : "not listed "));
                        all &= removed;
                    }
                }
                spec.commandLine().getOut().flush();
                return all ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Print a list: tsv (default) or json (one object per line).",
            footer = {"", "Example:", "  mailgate suppression list --store jdbc:postgresql://db/mail --user mail --password-env PGPASSWORD --list suppressed --format json"})
    static final class ListEntries implements Callable<Integer> {
        @Mixin
        StoreOptions store;
        @Option(names = "--format", defaultValue = "tsv", description = "tsv or json")
        String format;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return guarded(spec, "list", () -> {
                PrintWriter out = spec.commandLine().getOut();
                ObjectMapper json = new ObjectMapper();
                boolean tsv = !format.equalsIgnoreCase("json");
                if (tsv) {
                    out.println("#address\tlist\tcampaign\treason\tsource\tat");
                }
                try (JdbcSuppressionStore s = store.open()) {
                    for (SuppressionEntry e : s.list(store.list())) {
                        if (tsv) {
                            out.println(String.join("\t", e.address().address(), e.list().name().toLowerCase(java.util.Locale.ROOT),
                                    e.campaign().orElse(""), e.reason().replace('\t', ' ').replace('\n', ' '), e.source(), e.at().toString()));
                        } else {
                            ObjectNode o = json.createObjectNode().put("address", e.address().address())
                                    .put("list", e.list().name().toLowerCase(java.util.Locale.ROOT)).put("reason", e.reason())
                                    .put("source", e.source()).put("at", e.at().toString());
                            e.campaign().ifPresent(c -> o.put("campaign", c));
                            out.println(o.toString());
                        }
                    }
                }
                out.flush();
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true, description = "Add the entries of a CSV file (header: " + SuppressionCsv.HEADER + ").",
            footer = {"", "Example:", "  mailgate suppression import --store jdbc:h2:file:./suppressions old-platform-export.csv"})
    static final class Import implements Callable<Integer> {
        @Mixin
        StoreOptions store;
        @Option(names = "--format", defaultValue = "text", description = "text (default) or json ({file, added})")
        String format;
        @Parameters(paramLabel = "FILE.csv")
        Path file;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return guarded(spec, "import", () -> {
                try (JdbcSuppressionStore s = store.open(); var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    int added = SuppressionCsv.importInto(s, in);
                    spec.commandLine().getOut().println(format.equals("json")
                            ? new ObjectMapper().createObjectNode().put("file", file.toString()).put("added", added).toString()
                            : added + " entries added");
                }
                spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Write a list as CSV (to standard output, or -o FILE).",
            footer = {"", "Example:", "  mailgate suppression export --store jdbc:h2:file:./suppressions --list unsubscribed -o unsubscribed.csv"})
    static final class Export implements Callable<Integer> {
        @Mixin
        StoreOptions store;
        @Option(names = "-o", paramLabel = "FILE", description = "write here instead of standard output")
        Path output;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return guarded(spec, "export", () -> {
                try (JdbcSuppressionStore s = store.open()) {
                    if (output != null) {
                        try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                            SuppressionCsv.export(s, store.list(), w);
                        }
                    } else {
                        SuppressionCsv.export(s, store.list(), spec.commandLine().getOut());
                    }
                }
                return ExitCodes.OK;
            });
        }
    }

    /** One result line: text as before, or a JSON object {address, <what>: true|false}. */
    static String line(String format, String address, String what, boolean done, String text) {
        if (!format.equals("json")) {
            return text + address;
        }
        return new ObjectMapper().createObjectNode().put("address", address).put(what, done).toString();
    }
}
