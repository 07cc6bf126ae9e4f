package dev.mailgate.smtp;

import dev.mailgate.core.MailException;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.transport.AuthenticationException;
import dev.mailgate.core.transport.RecipientOutcome;
import dev.mailgate.core.transport.SendReceipt;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * "Send a test e-mail" (the generic SMTP seed's last setup step), as a step-by-step report: DNS, TCP connect,
 * greeting, EHLO extensions, TLS (version, cipher, certificate subject and expiry), AUTH and, optionally, a test
 * message with the server's reply and queue id. Every failure comes with a concrete hint.
 */
public final class SmtpDiagnostics {
    private SmtpDiagnostics() {
    }

    /** The result of one step. */
    public enum Status { PASSED, FAILED, SKIPPED }

    /**
     * @param name dns, connect, greeting, ehlo, tls, auth or send
     * @param detail what was found, or what went wrong
     * @param hint what to try, for a failed step
     */
    public record Step(String name, Status status, String detail, Optional<String> hint) {
        public Step {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(hint, "hint");
        }
    }

    /** The steps in order, and the receipt of the test message if one was sent. */
    public record Report(List<Step> steps, Optional<SendReceipt> receipt, Duration took) {
        public Report {
            steps = List.copyOf(steps);
        }

        /** Whether every step asked for passed. */
        public boolean success() {
            return steps.stream().noneMatch(s -> s.status() == Status.FAILED);
        }

        /** A report for people, one line per step. */
        public String format() {
            StringBuilder b = new StringBuilder();
            for (Step s : steps) {
                b.append(String.format(Locale.ROOT, "%-8s %-8s %s%n", s.status(), s.name(), s.detail()));
                s.hint().ifPresent(h -> b.append("                  hint: ").append(h).append(System.lineSeparator()));
            }
            b.append(success() ? "OK" : "FAILED").append(" in ").append(took.toMillis()).append(" ms").append(System.lineSeparator());
            return b.toString();
        }
    }

    /** Connects and checks every step; sends {@code testMessage} too when given. Never throws for a server problem. */
    public static Report run(SmtpConfig config, Optional<EmailMessage> testMessage) {
        long start = System.nanoTime();
        List<Step> steps = new ArrayList<>();
        try {
            InetAddress[] addresses = InetAddress.getAllByName(config.host);
            steps.add(new Step("dns", Status.PASSED, config.host + " -> " + Arrays.stream(addresses).map(InetAddress::getHostAddress).toList(), Optional.empty()));
        } catch (UnknownHostException e) {
            steps.add(new Step("dns", Status.FAILED, "cannot resolve " + config.host, Optional.of("check the host name for typos; the server must be resolvable from this machine")));
            return new Report(steps, Optional.empty(), Duration.ofNanos(System.nanoTime() - start));
        }
        SmtpConnection connection = null;
        try {
            connection = SmtpConnection.open(config, (step, detail) -> steps.add(new Step(step, Status.PASSED, detail, Optional.empty())));
        } catch (MailException e) {
            steps.add(new Step(nextStep(steps, config), Status.FAILED, e.getMessage(), Optional.of(hint(e, config, steps))));
            return new Report(steps, Optional.empty(), Duration.ofNanos(System.nanoTime() - start));
        } finally {
            if (connection != null) {
                connection.quit();
            }
        }
        if (config.tlsMode == TlsMode.NONE) {
            steps.add(new Step("tls", Status.SKIPPED, "TLS mode NONE: the session is not encrypted", Optional.of("use STARTTLS_REQUIRED or IMPLICIT outside a trusted local network")));
        }
        Optional<SendReceipt> receipt = Optional.empty();
        if (testMessage.isPresent()) {
            try (SmtpTransport transport = SmtpTransport.builder(config).build()) {
                SendReceipt r = transport.send(testMessage.get());
                receipt = Optional.of(r);
                steps.add(new Step("send", r.allAccepted() ? Status.PASSED : Status.FAILED,
                        "server replied " + replyOf(r) + r.providerMessageId().map(id -> ", queue id " + id).orElse(""),
                        r.allAccepted() ? Optional.empty() : Optional.of("some recipients were refused; see the replies")));
            } catch (MailException e) {
                steps.add(new Step("send", Status.FAILED, e.getMessage(), Optional.of(hint(e, config, steps))));
            }
        }
        return new Report(steps, receipt, Duration.ofNanos(System.nanoTime() - start));
    }

    private static String replyOf(SendReceipt r) {
        return r.recipients().stream().map(o -> o instanceof RecipientOutcome.Accepted a ? a.reply().toString()
                : o instanceof RecipientOutcome.Rejected j ? o.recipient() + ": " + j.reply() : o.recipient() + ": suppressed")
                .findFirst().orElse("(no recipient)");
    }

    private static String nextStep(List<Step> passed, SmtpConfig config) {
        List<String> order = new ArrayList<>(List.of("connect"));
        if (config.tlsMode == TlsMode.IMPLICIT) {
            order.add("tls");
        }
        order.add("greeting");
        order.add("ehlo");
        if (config.tlsMode == TlsMode.STARTTLS_REQUIRED) {
            order.add("tls");
        }
        order.add("auth");
        for (String step : order) {
            if (passed.stream().noneMatch(s -> s.name().equals(step))) {
                return step;
            }
        }
        return "session";
    }

    /** The concrete advice for a failure, by what failed. */
    static String hint(MailException e, SmtpConfig config, List<Step> passed) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        boolean connected = passed.stream().anyMatch(s -> s.name().equals("connect"));
        if (!connected) {
            if (config.port == 25) {
                return "port 25 is blocked on many home, office and cloud networks; try 587 (STARTTLS) or 465 (implicit TLS)";
            }
            return message.contains("refused")
                    ? "nothing accepts connections on " + config.host + ":" + config.port + "; check the port (587 STARTTLS, 465 implicit TLS, 25 relay)"
                    : "the server did not answer; a firewall may drop the traffic, or the host or port is wrong";
        }
        if (message.contains("does not offer starttls")) {
            return "this port offers no STARTTLS; use port 465 with TLS mode IMPLICIT, or, only for a trusted local relay, TLS mode NONE";
        }
        if (message.contains("no subject alternative") || message.contains("doesn't match") || message.contains("does not match")) {
            return "the certificate does not name " + config.host + "; connect with the host name on the certificate";
        }
        if (message.contains("pkix") || message.contains("certification path") || message.contains("unable to find valid")) {
            return "the certificate is not trusted; if the server uses a private CA, add it to a trust store (setting trust-store)";
        }
        if (message.contains("tls handshake") && config.tlsMode == TlsMode.IMPLICIT) {
            return "the server may expect STARTTLS on this port (usually 587 or 25) rather than implicit TLS (465)";
        }
        if (e instanceof AuthenticationException) {
            return message.contains("535")
                    ? "wrong user name or password (535); Gmail and Office 365 need an app password or OAuth2 (XOAUTH2)"
                    : "the server's AUTH offer does not fit the credentials; check that AUTH is enabled for this account and port";
        }
        if (message.contains("timed out")) {
            return "the server stopped answering; it may be overloaded, or a firewall breaks the connection";
        }
        return "see the server's reply above";
    }
}
