package dev.mailgate.cli.send;

import dev.mailgate.cli.render.MessageJson;
import dev.mailgate.cli.render.MessageJsonException;
import dev.mailgate.core.MailException;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.message.Attachment;
import dev.mailgate.core.message.EmailMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * The message of {@code mailgate send}: the message JSON of {@code mailgate render} (read by its own parser, so
 * the format has one definition), with the flags applied on top, or the flags alone.
 */
final class MessageOptions {
    @Option(names = {"-m", "--message"}, paramLabel = "MESSAGE_JSON",
            description = "the message as the JSON of 'mailgate render' (- for standard input); flags apply on top")
    String messageJson;

    @Option(names = "--from", description = "the From address, e.g. 'News <news@example.com>'")
    String from;

    @Option(names = "--to", paramLabel = "ADDRESS", description = "a recipient (repeatable; a comma-separated list too)")
    List<String> to = new ArrayList<>();

    @Option(names = "--cc", paramLabel = "ADDRESS", description = "a Cc recipient (repeatable)")
    List<String> cc = new ArrayList<>();

    @Option(names = "--bcc", paramLabel = "ADDRESS", description = "a Bcc recipient (repeatable; not shown in the headers)")
    List<String> bcc = new ArrayList<>();

    @Option(names = "--reply-to", paramLabel = "ADDRESS", description = "the Reply-To address")
    String replyTo;

    @Option(names = "--subject", description = "the subject (any Unicode)")
    String subject;

    @Option(names = "--text", description = "the plain-text body")
    String text;

    @Option(names = "--text-file", paramLabel = "FILE", description = "the plain-text body from a UTF-8 file")
    Path textFile;

    @Option(names = "--html", description = "the HTML body")
    String html;

    @Option(names = "--html-file", paramLabel = "FILE", description = "the HTML body from a UTF-8 file")
    Path htmlFile;

    @Option(names = "--attach", paramLabel = "FILE", description = "attach a file (repeatable; the type is guessed from its name)")
    List<Path> attachments = new ArrayList<>();

    @Option(names = "--header", paramLabel = "'NAME: VALUE'", description = "add a header (repeatable)")
    List<String> headers = new ArrayList<>();

    /** Whether any part of a message was given. */
    boolean given() {
        return messageJson != null || from != null || !to.isEmpty() || !cc.isEmpty() || !bcc.isEmpty() || replyTo != null
                || subject != null || text != null || textFile != null || html != null || htmlFile != null
                || !attachments.isEmpty() || !headers.isEmpty();
    }

    /**
     * Builds the message. Recipient flags replace the file's recipients (to send a newsletter file to yourself as
     * a test); the other flags replace or add to what the file says.
     *
     * @throws MessageOptionException naming the option or JSON path that is wrong
     */
    EmailMessage build(InputStream stdin) {
        EmailMessage.Builder b = messageJson == null ? EmailMessage.builder() : readJson(stdin).toBuilder();
        option("--from", () -> {
            if (from != null) {
                b.from(EmailAddress.parse(from));
            }
        });
        if (!to.isEmpty() || !cc.isEmpty() || !bcc.isEmpty()) {
            b.clearRecipients();
        }
        to.forEach(a -> option("--to", () -> b.to(a)));
        cc.forEach(a -> option("--cc", () -> b.cc(a)));
        bcc.forEach(a -> option("--bcc", () -> b.bcc(a)));
        option("--reply-to", () -> {
            if (replyTo != null) {
                b.replyTo(replyTo);
            }
        });
        option("--subject", () -> set(subject, b::subject));
        option("--text", () -> set(text, b::text));
        option("--text-file", () -> set(textFile == null ? null : read(textFile, "--text-file"), b::text));
        option("--html", () -> set(html, b::html));
        option("--html-file", () -> set(htmlFile == null ? null : read(htmlFile, "--html-file"), b::html));
        for (Path file : attachments) {
            if (!Files.isReadable(file)) {
                throw new MessageOptionException("--attach " + file + ": cannot read the file", null);
            }
            option("--attach", () -> b.attach(Attachment.of(file)));
        }
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new MessageOptionException("--header \"" + header + "\": expected 'Name: value'", null);
            }
            option("--header", () -> b.header(header.substring(0, colon).strip(), header.substring(colon + 1).strip()));
        }
        try {
            return b.build();
        } catch (MailException | IllegalArgumentException e) {
            throw new MessageOptionException("the message: " + e.getMessage(), e);
        }
    }

    private EmailMessage readJson(InputStream stdin) {
        try {
            if (messageJson.equals("-")) {
                return new MessageJson(Path.of("").toAbsolutePath()).read(stdin.readAllBytes());
            }
            Path file = Path.of(messageJson);
            if (!Files.isReadable(file)) {
                throw new MessageOptionException("--message " + file + ": cannot read the file", null);
            }
            return new MessageJson(file.toAbsolutePath().getParent()).read(Files.readAllBytes(file));
        } catch (MessageJsonException e) {
            throw new MessageOptionException(messageJson + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MessageOptionException("--message " + messageJson + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path file, String option) {
        try {
            return Files.readString(file);
        } catch (IOException | UncheckedIOException e) {
            throw new MessageOptionException(option + " " + file + ": cannot read the file (" + e.getMessage() + ")", e);
        }
    }

    private static void set(String value, Consumer<String> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    /** Runs one option's part of the build, so that an invalid address or header names the option it came from. */
    private static void option(String name, Runnable step) {
        try {
            step.run();
        } catch (MessageOptionException e) {
            throw e;
        } catch (MailException | IllegalArgumentException e) {
            throw new MessageOptionException(name + ": " + e.getMessage(), e);
        }
    }

    /** A message flag or the message JSON is wrong; the text names the option or the JSON path. */
    static final class MessageOptionException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        MessageOptionException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
