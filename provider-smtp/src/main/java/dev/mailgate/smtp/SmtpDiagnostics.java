package dev.mailgate.smtp;

import dev.mailgate.core.MailException;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.transport.AuthenticationException;
import dev.mailgate.core.transport.RecipientOutcome;
import dev.mailgate.core.transport.SendReceipt;
import dev.mailgate.core.transport.ServerRejectedException;
import dev.mailgate.core.transport.SmtpReply;
import dev.mailgate.core.transport.TlsException;
import dev.mailgate.smtp.internal.Extensions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * "Send a test e-mail" (the generic SMTP seed's last setup step), as a step-by-step report: DNS, TCP connect,
 * greeting, EHLO extensions, TLS (version, cipher, certificate subject and expiry), AUTH and, optionally, a test
 * message with the server's reply and queue id. Every failure comes with a concrete hint, naming the settings to
 * change as the caller names them ({@link SettingNames}).
 */
public final class SmtpDiagnostics {
    private SmtpDiagnostics() {
    }

    /** The result of one step; a WARNING does not fail the report but says what receivers will hold against it. */
    public enum Status { PASSED, WARNING, FAILED, SKIPPED }

    /**
     * A setting a hint tells the user to change. Hints are written once, against these, and named by whoever shows
     * them: {@link SettingNames#API} as {@code SmtpConfig} builder calls, a command line as its options.
     */
    public enum Setting {
        /** The server's host name. */
        HOST,
        /** The port; values are port numbers. */
        PORT,
        /** The TLS mode; values are {@link TlsMode} constant names. */
        TLS_MODE,
        /** The user name and password. */
        CREDENTIALS,
        /** Consent to authenticate on an unencrypted session. */
        ALLOW_PLAINTEXT_AUTH,
        /** The certificates to trust (a private CA). */
        TRUST_STORE,
        /** The name sent with EHLO; values are example names. */
        HELO_NAME,
        /** The test message's From address. */
        FROM
    }

    /** How hints name a {@link Setting}, for where they are shown. */
    @FunctionalInterface
    public interface SettingNames {
        /**
         * @param value the value to set it to (see {@link Setting} for each one's values), or null to name the
         *     setting itself
         */
        String name(Setting setting, String value);

        /** The {@code SmtpConfig.Builder} calls, for programs. */
        SettingNames API = (setting, value) -> switch (setting) {
            case HOST -> "the host of SmtpConfig.builder(host)";
            case PORT -> "port(" + (value == null ? "..." : value) + ")";
            case TLS_MODE -> "tlsMode(TlsMode." + (value == null ? "..." : value) + ")";
            case CREDENTIALS -> "credentials(user, password)";
            case ALLOW_PLAINTEXT_AUTH -> "allowPlaintextAuth(true)";
            case TRUST_STORE -> "sslContext(TrustStores.fromFile(file, password))";
            case HELO_NAME -> "heloName(\"" + (value == null ? "mail.example.com" : value) + "\")";
            case FROM -> "the test message's from(...)";
        };
    }

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

        /** Whether every step asked for passed; a WARNING does not count against it. */
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

    /**
     * Connects and checks every step; sends {@code testMessage} too when given. Never throws for a server problem.
     * Hints name settings as {@link SettingNames#API} does.
     */
    public static Report run(SmtpConfig config, Optional<EmailMessage> testMessage) {
        return run(config, testMessage, SettingNames.API);
    }

    /** As {@link #run(SmtpConfig, Optional)}, with hints that name settings as {@code names} does (a command line's options). */
    public static Report run(SmtpConfig config, Optional<EmailMessage> testMessage, SettingNames names) {
        Objects.requireNonNull(names, "names");
        long start = System.nanoTime();
        List<Step> steps = new ArrayList<>();
        try {
            InetAddress[] addresses = InetAddress.getAllByName(config.host);
            steps.add(new Step("dns", Status.PASSED, config.host + " -> " + Arrays.stream(addresses).map(InetAddress::getHostAddress).toList(), Optional.empty()));
        } catch (UnknownHostException e) {
            steps.add(new Step("dns", Status.FAILED, "cannot resolve " + config.host,
                    Optional.of("check " + names.name(Setting.HOST, null) + " for typos; the server must be resolvable from this machine")));
            return new Report(steps, Optional.empty(), Duration.ofNanos(System.nanoTime() - start));
        }
        SmtpConnection connection = null;
        try {
            TransportContext context = new TransportContext(config, SmtpProvider.ID, new StepRecorder(config, names, steps),
                    QueueIdExtractor.queuedAs());
            connection = SmtpConnection.open(context, System.nanoTime() + config.sendDeadline.toNanos());
        } catch (MailException e) {
            steps.add(new Step(nextStep(steps, config), Status.FAILED, detail(e, config), Optional.of(hint(e, config, steps, names))));
            return new Report(steps, Optional.empty(), Duration.ofNanos(System.nanoTime() - start));
        } finally {
            if (connection != null) {
                connection.quit();
            }
        }
        if (config.tlsMode == TlsMode.NONE) {
            steps.add(new Step("tls", Status.SKIPPED, "TLS mode NONE: the session is not encrypted",
                    Optional.of("use " + names.name(Setting.TLS_MODE, TlsMode.STARTTLS_REQUIRED.name()) + " or "
                            + names.name(Setting.TLS_MODE, TlsMode.IMPLICIT.name()) + " outside a trusted local network")));
        }
        Optional<SendReceipt> receipt = Optional.empty();
        if (testMessage.isPresent()) {
            try (SmtpTransport transport = SmtpTransport.builder(config).build()) {
                SendReceipt r = transport.send(testMessage.get());
                receipt = Optional.of(r);
                steps.add(new Step("send", r.allAccepted() ? Status.PASSED : Status.FAILED,
                        "server replied " + replyOf(r) + r.providerMessageId().map(id -> ", queue id " + id).orElse(""),
                        r.allAccepted() ? Optional.empty() : Optional.of(refusedHint(r, config, names))));
            } catch (MailException e) {
                steps.add(new Step("send", Status.FAILED, e.getMessage(), Optional.of(hint(e, config, steps, names))));
            }
        }
        return new Report(steps, receipt, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Turns the session's setup events into passed steps, named as {@link Step} documents. */
    private static final class StepRecorder implements SmtpEventListener {
        private final SmtpConfig config;
        private final SettingNames names;
        private final List<Step> steps;
        private boolean ehloSeen;

        StepRecorder(SmtpConfig config, SettingNames names, List<Step> steps) {
            this.config = config;
            this.names = names;
            this.steps = steps;
        }

        private void passed(String step, String detail) {
            steps.add(new Step(step, Status.PASSED, detail, Optional.empty()));
        }

        @Override
        public void tcpConnected(Session session, InetSocketAddress remote) {
            passed("connect", "TCP connection to " + remote.getAddress().getHostAddress() + ":" + remote.getPort());
        }

        @Override
        public void greeting(Session session, SmtpReply reply) {
            passed("greeting", reply.toString());
        }

        @Override
        public void ehlo(Session session, Map<String, String> extensions, boolean tls) {
            // The first EHLO (on an implicit-TLS session too) is the plain list; a second one follows STARTTLS.
            passed("ehlo", (ehloSeen ? "after TLS, extensions: " : "extensions: ") + Extensions.describe(extensions));
            if (!ehloSeen) {
                heloWarning(config, names).ifPresent(steps::add);
            }
            ehloSeen = true;
        }

        @Override
        public void tlsHandshakeEnd(Session session, Handshake handshake) {
            passed("tls", TlsUpgrade.summary(handshake));
        }

        @Override
        public void authEnd(Session session, String mechanism) {
            passed("auth", "authenticated as " + config.username);
        }
    }

    /**
     * Receivers score an EHLO name that is not a resolvable name of the sending host (RFC 5321 section 4.1.1.1
     * wants the client's FQDN): {@code localhost} is the common accident, from a default or a machine without one.
     */
    private static Optional<Step> heloWarning(SmtpConfig config, SettingNames names) {
        String name = config.heloName.toLowerCase(Locale.ROOT);
        if (!name.equals("localhost") && !name.endsWith(".localhost") && !name.equals("localhost.localdomain")) {
            return Optional.empty();
        }
        return Optional.of(new Step("helo", Status.WARNING, "EHLO name is \"" + config.heloName
                + "\"; many receivers penalise it (spam score, or refusal) because it does not name the sending machine",
                Optional.of("set " + names.name(Setting.HELO_NAME, "mail.example.com") + " to this machine's public host name "
                        + "(the name its IP address's PTR record gives)")));
    }

    private static String replyOf(SendReceipt r) {
        return r.recipients().stream().map(o -> o instanceof RecipientOutcome.Accepted a ? a.reply().toString()
                : o instanceof RecipientOutcome.Rejected j ? o.recipient() + ": " + j.reply() : o.recipient() + ": suppressed")
                .findFirst().orElse("(no recipient)");
    }

    private static String refusedHint(SendReceipt r, SmtpConfig config, SettingNames names) {
        return r.recipients().stream().filter(o -> o instanceof RecipientOutcome.Rejected j && j.reply().code() == 530).findFirst()
                .map(o -> authRequired(((RecipientOutcome.Rejected) o).reply().text(), config, names))
                .orElse("some recipients were refused; see the replies");
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

    /**
     * The TLS handshake's own error when it failed (without the session's blanket certificate remark, which misleads
     * for a protocol mismatch); a missing STARTTLS without the session's advice, which the hint gives in the
     * caller's names; the session's message otherwise.
     */
    private static String detail(MailException e, SmtpConfig config) {
        String where = config.host + ":" + config.port;
        Optional<SSLException> handshake = handshakeError(e);
        if (handshake.isPresent()) {
            return "TLS handshake with " + where + " failed: " + handshake.get().getMessage();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof TlsException && message.toLowerCase(Locale.ROOT).contains("does not offer starttls")) {
            return where + " does not offer STARTTLS; refusing to continue unencrypted";
        }
        return message;
    }

    /** The SSLException of a failed handshake. */
    private static Optional<SSLException> handshakeError(MailException e) {
        return e instanceof TlsException tls ? tls.handshakeFailure() : Optional.empty();
    }

    /** The concrete advice for a failure, by what failed, naming the settings to change as {@code names} does. */
    static String hint(MailException e, SmtpConfig config, List<Step> passed, SettingNames names) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        boolean connected = passed.stream().anyMatch(s -> s.name().equals("connect"));
        String implicit = names.name(Setting.PORT, "465") + " with " + names.name(Setting.TLS_MODE, TlsMode.IMPLICIT.name());
        String startTls = names.name(Setting.TLS_MODE, TlsMode.STARTTLS_REQUIRED.name());
        if (!connected) {
            if (config.port == 25) {
                return "port 25 is blocked on many home, office and cloud networks; try " + names.name(Setting.PORT, "587")
                        + " (STARTTLS) or " + implicit;
            }
            return message.contains("refused")
                    ? "nothing accepts connections on " + config.host + ":" + config.port + "; check the port (" + names.name(Setting.PORT, null)
                            + "): 587 STARTTLS, 465 implicit TLS, 25 relay"
                    : "the server did not answer; a firewall may drop the traffic, or the host or port is wrong";
        }
        Optional<SSLException> handshake = handshakeError(e);
        if (handshake.isPresent()) {
            return tlsHint(handshake.get(), config, names);
        }
        if (message.contains("does not offer starttls")) {
            return "this port offers no STARTTLS; use " + implicit + ", or, only for a trusted local relay, "
                    + names.name(Setting.TLS_MODE, TlsMode.NONE.name());
        }
        if (message.contains("refusing to send credentials")) {
            return "the session is not encrypted; use " + startTls + " or " + names.name(Setting.TLS_MODE, TlsMode.IMPLICIT.name())
                    + ", or, only for a trusted local relay, " + names.name(Setting.ALLOW_PLAINTEXT_AUTH, null);
        }
        if (e instanceof ServerRejectedException r && r.code() == 530) {
            return authRequired(r.reply().text(), config, names);
        }
        if (e instanceof AuthenticationException) {
            if (message.contains("535")) {
                return "wrong user name or password (535); Gmail and Office 365 need an app password or OAuth2 (XOAUTH2)";
            }
            if (message.contains("offers no auth") && config.tlsMode == TlsMode.NONE) {
                return "most servers offer AUTH only after TLS; use " + startTls;
            }
            return "the server's AUTH offer does not fit the credentials; check that AUTH is enabled for this account and port";
        }
        if (message.contains("timed out")) {
            return config.tlsMode == TlsMode.STARTTLS_REQUIRED && passed.stream().noneMatch(s -> s.name().equals("greeting"))
                    ? "no greeting: the server may expect TLS from the first byte; use " + implicit
                    : "the server stopped answering; it may be overloaded, or a firewall breaks the connection";
        }
        return "see the server's reply above";
    }

    /**
     * Certificate problems get certificate advice; anything else in a handshake (no common version or cipher, a
     * plaintext server on an implicit-TLS connection) is a protocol mismatch, where certificate advice misleads.
     */
    private static String tlsHint(SSLException ssl, SmtpConfig config, SettingNames names) {
        Optional<Throwable> certificate = causes(ssl).filter(t -> t instanceof CertificateException || t instanceof CertPathBuilderException
                || t instanceof CertPathValidatorException || t instanceof SSLPeerUnverifiedException).findFirst();
        if (certificate.isPresent()) {
            String text = certificate.get().getMessage() == null ? "" : certificate.get().getMessage().toLowerCase(Locale.ROOT);
            if (text.contains("no subject alternative") || text.contains("no name matching") || text.contains("doesn't match")) {
                return "the certificate does not name " + config.host + "; connect with the host name on the certificate ("
                        + names.name(Setting.HOST, null) + ")";
            }
            if (causes(ssl).anyMatch(t -> t instanceof CertificateExpiredException) || text.contains("validity check failed")) {
                return "the server's certificate has expired (or this machine's clock is wrong); the server must renew it";
            }
            return "the certificate is not trusted; if the server uses a private CA, trust it with " + names.name(Setting.TRUST_STORE, null);
        }
        String text = ssl.getMessage() == null ? "" : ssl.getMessage().toLowerCase(Locale.ROOT);
        if (config.tlsMode == TlsMode.IMPLICIT) {
            return (text.contains("unrecognized ssl message") ? "the server does not speak TLS from the first byte on this port"
                    : "the TLS handshake failed before any certificate was checked")
                    + "; it may expect STARTTLS (usually port 587 or 25): use " + names.name(Setting.TLS_MODE, TlsMode.STARTTLS_REQUIRED.name());
        }
        return "the TLS handshake failed before any certificate was checked: the server and this client (TLS 1.2 and 1.3) "
                + "share no protocol version or cipher suite; the server's TLS settings must allow TLS 1.2 or later";
    }

    /** RFC 4954 section 6: 530 asks for authentication, and servers send it for "STARTTLS first" too (RFC 3207). */
    private static String authRequired(String replyText, SmtpConfig config, SettingNames names) {
        String startTls = names.name(Setting.TLS_MODE, TlsMode.STARTTLS_REQUIRED.name());
        if (replyText.toLowerCase(Locale.ROOT).contains("starttls") || config.tlsMode == TlsMode.NONE) {
            return "the server requires TLS first (530): use " + startTls
                    + (config.username == null ? ", and " + names.name(Setting.CREDENTIALS, null) + " if it then asks for authentication" : "");
        }
        return "the server requires authentication (530): give " + names.name(Setting.CREDENTIALS, null);
    }

    private static java.util.stream.Stream<Throwable> causes(Throwable t) {
        return java.util.stream.Stream.iterate(t, c -> c != null, c -> c.getCause() == c ? null : c.getCause());
    }
}
