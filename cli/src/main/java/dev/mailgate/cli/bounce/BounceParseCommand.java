package dev.mailgate.cli.bounce;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailgate.bounce.BounceParser;
import dev.mailgate.bounce.BounceRecipient;
import dev.mailgate.bounce.BounceReport;
import dev.mailgate.bounce.Verdict;
import dev.mailgate.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mailgate bounce parse}: one row per recipient of each bounce. Inputs are files, directories (every
 * {@code .eml} below them, in name order) or mboxes (a file whose first line is an mbox {@code From } line).
 */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = {"Parse and classify bounce mails: one row per recipient found.",
            "A message from which nothing could be read still gets one row, with class 'unknown'.",
            "Exit code 0 when every input could be read."},
        footer = {"", "Examples:",
            "  mailgate bounce parse bounce.eml",
            "  mailgate bounce parse --format tsv ./bounces/      (every .eml below; file column relative to it)",
            "  mailgate bounce parse --format json mailbox.mbox   (rows named mailbox.mbox#1, #2, ...)",
            "", "TSV columns: file, recipient, class (hard|soft|complaint|autoreply|delivered|unknown), reason,",
            "status (RFC 3463, e.g. 5.1.1, empty when none applies), diagnostic (tabs and line breaks as spaces)."})
public final class BounceParseCommand implements Callable<Integer> {
    @Option(names = "--format", defaultValue = "tsv", description = "tsv (default) or json")
    String format;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "bounce files, directories of .eml files, or mboxes")
    List<Path> inputs;

    @Spec
    CommandSpec spec;

    /** One parsed message and the name it is shown under. */
    record Parsed(String name, BounceReport report) {
    }

    @picocli.CommandLine.Option(names = "--progress", description = "print a progress line on standard error every 1,000 messages (big mboxes)")
    boolean progress;

    /** Counts parsed messages and reports every 1,000 with the rate, when asked to. */
    private final class Progress {
        private final PrintWriter err;
        private final long start = System.nanoTime();
        private int count;

        Progress(PrintWriter err) {
            this.err = err;
        }

        void parsed() {
            count++;
            if (progress && count % 1000 == 0) {
                report();
            }
        }

        void report() {
            double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
            err.printf(Locale.ROOT, "parsed %,d messages (%,.0f/s)%n", count, count / seconds);
            err.flush();
        }
    }

    private Progress progressLine;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("tsv") && !fmt.equals("json")) {
            err.println("mailgate bounce parse: --format must be tsv or json, was \"" + format + "\"");
            err.flush();
            return ExitCodes.USAGE;
        }
        BounceParser parser = BounceParser.create();
        progressLine = new Progress(err);
        List<Parsed> parsed = new ArrayList<>();
        boolean allRead = true;
        for (Path input : inputs) {
            try {
                if (Files.isDirectory(input)) {
                    for (Path file : emlFilesBelow(input)) {
                        read(parser, input.relativize(file).toString(), file, parsed);
                    }
                } else {
                    read(parser, input.toString(), input, parsed);
                }
            } catch (IOException e) {
                err.println("mailgate bounce parse: cannot read " + input + ": " + e.getMessage());
                allRead = false;
            }
        }
        if (progress) {
            progressLine.report();
        }
        if (fmt.equals("tsv")) {
            writeTsv(out, parsed);
        } else {
            writeJson(out, parsed);
        }
        out.flush();
        err.flush();
        return allRead ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
    }

    private static List<Path> emlFilesBelow(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".eml"))
                    .sorted().toList();
        }
    }

    private void read(BounceParser parser, String name, Path file, List<Parsed> out) throws IOException {
        byte[] data = Files.readAllBytes(file);
        List<byte[]> messages = Mbox.split(data);
        if (messages.size() <= 1) {
            out.add(new Parsed(name, parser.parse(data)));
            progressLine.parsed();
            return;
        }
        for (int i = 0; i < messages.size(); i++) {
            out.add(new Parsed(name + "#" + (i + 1), parser.parse(messages.get(i))));
            progressLine.parsed();
        }
    }

    private static void writeTsv(PrintWriter out, List<Parsed> parsed) {
        out.print("#file\trecipient\tverdict\treason\tstatus\tdiagnostic\n");
        for (Parsed p : parsed) {
            if (p.report.recipients().isEmpty()) {
                Verdict v = p.report.verdictWithoutRecipient();
                out.print(String.join("\t", cell(p.name), "", v.id(), v == Verdict.UNKNOWN ? "" : reasonOf(v), "",
                        cell(p.report.problem().orElse(""))) + "\n");
                continue;
            }
            for (BounceRecipient r : p.report.recipients()) {
                out.print(String.join("\t", cell(p.name), cell(r.recipient()), r.verdict().id(), r.reasonId(),
                        r.effectiveStatus().map(Object::toString).orElse(""), cell(r.diagnostic())) + "\n");
            }
        }
    }

    private static void writeJson(PrintWriter out, List<Parsed> parsed) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode rows = json.createArrayNode();
        for (Parsed p : parsed) {
            if (p.report.recipients().isEmpty()) {
                ObjectNode row = base(json, p);
                Verdict v = p.report.verdictWithoutRecipient();
                row.putNull("recipient");
                row.put("verdict", v.id());
                if (v != Verdict.UNKNOWN) {
                    row.put("reason", reasonOf(v));
                }
                rows.add(row);
                continue;
            }
            for (BounceRecipient r : p.report.recipients()) {
                ObjectNode row = base(json, p);
                row.put("recipient", r.recipient());
                row.put("verdict", r.verdict().id());
                row.put("reason", r.reasonId());
                r.effectiveStatus().ifPresentOrElse(s -> row.put("status", s.toString()), () -> row.putNull("status"));
                row.put("statusReported", r.status().isPresent());
                if (r.replyCode().isPresent()) {
                    row.put("replyCode", r.replyCode().getAsInt());
                }
                row.put("diagnostic", r.diagnostic());
                r.action().ifPresent(a -> row.put("action", a));
                r.remoteMta().ifPresent(m -> row.put("remoteMta", m));
                r.reportingMta().ifPresent(m -> row.put("reportingMta", m));
                rows.add(row);
            }
        }
        try {
            out.println(json.writeValueAsString(rows));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static ObjectNode base(ObjectMapper json, Parsed p) {
        ObjectNode row = json.createObjectNode();
        row.put("file", p.name);
        row.put("format", p.report.format().name());
        p.report.messageId().ifPresent(id -> row.put("messageId", id));
        p.report.original().messageId().ifPresent(id -> row.put("originalMessageId", id));
        p.report.original().envelopeId().ifPresent(id -> row.put("envelopeId", id));
        p.report.feedbackType().ifPresent(t -> row.put("feedbackType", t));
        p.report.problem().ifPresent(pr -> row.put("problem", pr));
        return row;
    }

    private static String reasonOf(Verdict v) {
        return v.nonFailureReasonId();
    }

    /** Tabs and line breaks become spaces so that every row stays one TSV line. */
    static String cell(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            b.append(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
        }
        return b.toString();
    }
}
