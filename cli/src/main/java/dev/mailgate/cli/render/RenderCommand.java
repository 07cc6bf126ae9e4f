package dev.mailgate.cli.render;

import dev.mailgate.cli.ExitCodes;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.mime.BoundarySource;
import dev.mailgate.core.mime.MimeWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mailgate render message.json}: prints the rendered .eml. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Render a message described in JSON as an RFC 5322 .eml on standard output.",
            "The JSON format is described in cli/README.md. '-' reads the JSON from standard input."},
        footer = {"", "Examples:",
            "  mailgate render message.json > message.eml",
            "  echo '{\"from\":\"a@example.com\",\"to\":[\"b@example.org\"],\"subject\":\"Hi\",\"text\":\"Hello\"}' | mailgate render -",
            "", "Exit codes: 0 rendered, 1 invalid JSON or message (the error names the JSON path), 2 usage error."})
public final class RenderCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MESSAGE_JSON", description = "the message JSON file, or - for standard input")
    String input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the .eml here instead of standard output")
    Path output;

    @Option(names = "--8bit", description = "allow 8-bit text bodies (the server offers 8BITMIME)")
    boolean eightBit;

    @Option(names = "--smtputf8", description = "allow UTF-8 in headers and addresses (the server offers SMTPUTF8)")
    boolean smtpUtf8;

    @Option(names = "--deterministic", description = "numbered boundaries (=_b1, =_b2, ...) for reproducible output; give the message a date and messageId too")
    boolean deterministic;

    @Option(names = "--size", description = "print only the rendered size in octets")
    boolean sizeOnly;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        byte[] json;
        Path base;
        if (input.equals("-")) {
            json = System.in.readAllBytes();
            base = Path.of("").toAbsolutePath();
        } else {
            Path file = Path.of(input);
            if (!Files.isReadable(file)) {
                err.println("mailgate render: cannot read " + file);
                return ExitCodes.INVALID_INPUT;
            }
            json = Files.readAllBytes(file);
            base = file.toAbsolutePath().getParent();
        }
        EmailMessage message;
        try {
            message = new MessageJson(base).read(json);
        } catch (MessageJsonException e) {
            err.println("mailgate render: " + input + ": " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        }
        MimeWriter.Builder writer = MimeWriter.builder().eightBitMime(eightBit).smtpUtf8(smtpUtf8);
        if (deterministic) {
            writer.boundaries(BoundarySource.sequential("b")).clock(Clock.fixed(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC));
        }
        MimeWriter w = writer.build();
        if (sizeOnly) {
            spec.commandLine().getOut().println(w.renderedSize(message));
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        if (output != null) {
            try (OutputStream out = Files.newOutputStream(output)) {
                w.writeTo(message, out);
            }
        } else {
            // Raw bytes, not a Writer: the platform charset must not re-encode an 8-bit or UTF-8 message.
            System.out.write(w.toBytes(message));
            System.out.flush();
        }
        return ExitCodes.OK;
    }
}
