package dev.mailgate.bounce.mailbox;

import dev.mailgate.bounce.BounceParser;
import dev.mailgate.bounce.BounceReport;
import dev.mailgate.bounce.ReportFormat;
import dev.mailgate.core.event.MailEvent;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * Reads the bounce mailbox: each message in the monitored folder is parsed, handed to the {@link BounceHandler},
 * and only after the handler returns moved to the processed folder (RFC 6851 MOVE, or COPY + \Deleted + EXPUNGE
 * where the server lacks it). Mail that is not a bounce, complaint or auto-reply goes to its own folder and is never
 * deleted. A message whose handling or move fails stays where it is and is offered again on the next pass; one
 * handled before (a crash between handling and moving) is recognized by its Message-ID through
 * {@link ProcessedMessages} and moved without being handled twice.
 *
 * <p>{@link #pollOnce()} makes one pass; {@link #start()} runs passes on a background thread, waiting with IMAP IDLE
 * (RFC 2177) where the server supports it and sleeping the poll interval otherwise. Messages are read with
 * BODY.PEEK, so a failed pass leaves them unread.
 */
public final class BounceMailboxPoller implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(BounceMailboxPoller.class.getName());

    private final ImapBounceConfig config;
    private final BounceParser parser;
    private final BounceHandler handler;
    private final ProcessedMessages processed;
    private final Clock clock;
    private final Session session;
    private final ParseBudget budget;
    private final PollerListeners listeners = new PollerListeners();
    private final Object lock = new Object();
    private Store store;
    /** The hierarchy separator of the connected server, asked once per connection. */
    private char separator;
    private Thread worker;
    private volatile boolean closed;
    private volatile IMAPFolder idling;
    /** Test seam: runs after the handler returned and the key was recorded, before the move. */
    Runnable afterHandled = () -> {
    };
    /** Test seam: how a message is read (the parser, unless a test needs a slow one). */
    Function<byte[], BounceReport> read;

    private BounceMailboxPoller(ImapBounceConfig config, BounceParser parser, BounceHandler handler, ProcessedMessages processed,
            Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.processed = Objects.requireNonNull(processed, "processed");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.session = Session.getInstance(ImapSessionProperties.of(config));
        this.read = parser::parse;
        this.budget = new ParseBudget(config.messageBudget);
    }

    public static BounceMailboxPoller create(ImapBounceConfig config, BounceParser parser, BounceHandler handler,
            ProcessedMessages processed) {
        return new BounceMailboxPoller(config, parser, handler, processed, Clock.systemUTC());
    }

    public static BounceMailboxPoller create(ImapBounceConfig config, BounceParser parser, BounceHandler handler,
            ProcessedMessages processed, Clock clock) {
        return new BounceMailboxPoller(config, parser, handler, processed, clock);
    }

    /** The full names of the server's folders, for offering "folder to monitor" in a settings screen. */
    public List<String> listFolders() {
        synchronized (lock) {
            try {
                List<String> names = new ArrayList<>();
                Store s = connected();
                for (Folder f : s.getDefaultFolder().list("*")) {
                    names.add(ImapFolders.configuredName(f.getFullName(), separator));
                }
                names.sort(String::compareTo);
                return List.copyOf(names);
            } catch (MessagingException e) {
                throw failure("listing the folders", e);
            }
        }
    }

    /**
     * Adds a listener of the passes (metrics, tracing, a health check), one instance for every pass; may be called
     * again to add more, they are told in the order added. Add them before {@link #start()} to hear the first pass.
     */
    public void addListener(PollerListener listener) {
        Objects.requireNonNull(listener, "listener");
        addListener(folder -> listener);
    }

    /** Adds a factory that makes a listener per pass, for listeners that keep state (a timer, a span). */
    public void addListener(PollerListener.Factory factory) {
        listeners.add(Objects.requireNonNull(factory, "factory"));
    }

    /** One pass over the monitored folder; the {@link PollerListener}s hear it, message by message. */
    public PollResult pollOnce() {
        PollerListener heard = listeners.create(config.folder);
        heard.passStarted(config.folder);
        PollResult result;
        try {
            result = pass(heard);
        } catch (RuntimeException e) {
            heard.passFailed(e);
            throw e;
        }
        heard.passEnded(result);
        return result;
    }

    private PollResult pass(PollerListener heard) {
        synchronized (lock) {
            Store s = connected();
            Folder folder;
            try {
                folder = s.getFolder(ImapFolders.serverName(config.folder, separator));
                if (!folder.exists()) {
                    throw new ImapBounceException("folder \"" + config.folder + "\" does not exist on " + config.host
                            + "; the server has: " + listFolders(), null);
                }
                folder.open(Folder.READ_WRITE);
            } catch (MessagingException e) {
                throw failure("opening folder \"" + config.folder + "\"", e);
            }
            try {
                Folder done = ImapFolders.ensure(s, config.processedFolder, separator);
                Folder notBounces = ImapFolders.ensure(s, config.notBounceFolder, separator);
                Message[] messages = folder.getMessages();
                int count = Math.min(messages.length, config.maxMessagesPerPoll);
                int handled = 0;
                int duplicates = 0;
                int others = 0;
                List<String> failures = new ArrayList<>();
                List<String> unhandled = new ArrayList<>();
                for (int i = 0; i < count && !closed; i++) {
                    if (budget.exhausted()) {
                        failures.add("pass ended before message " + (i + 1) + ": " + ParseBudget.MAX_ABANDONED
                                + " reads over budget are still running; the rest waits for the next pass");
                        break;
                    }
                    Message m = messages[i];
                    try {
                        if (m.isExpunged() || m.isSet(Flags.Flag.DELETED)) {
                            continue;
                        }
                        byte[] raw = raw(m);
                        BounceReport report;
                        try {
                            report = budget.parse(read, raw);
                        } catch (ParseBudget.Exceeded e) {
                            // filed, not retried: the next pass would spend the same time on it again
                            String line = "message " + (i + 1) + " of \"" + config.folder + "\"" + messageId(m) + ": "
                                    + e.getMessage() + "; moved to \"" + config.notBounceFolder + "\" unhandled";
                            ImapFolders.move(s, folder, m, notBounces);
                            unhandled.add(line);
                            LOG.log(System.Logger.Level.WARNING, line);
                            heard.messageRead(i + 1, new MessageVerdict.OverBudget(e.getMessage()));
                            continue;
                        }
                        if (report.format() == ReportFormat.NOT_RECOGNIZED && report.recipients().isEmpty()) {
                            ImapFolders.move(s, folder, m, notBounces);
                            others++;
                            heard.messageRead(i + 1, new MessageVerdict.NotABounce(report));
                            continue;
                        }
                        String key = MessageKey.of(report, raw);
                        if (processed.contains(key)) {
                            ImapFolders.move(s, folder, m, done);
                            duplicates++;
                            heard.messageRead(i + 1, new MessageVerdict.Duplicate(report));
                            continue;
                        }
                        List<MailEvent> events = report.toEvents(clock.instant());
                        handler.handle(report, events);
                        processed.add(key);
                        afterHandled.run();
                        ImapFolders.move(s, folder, m, done);
                        handled++;
                        heard.messageRead(i + 1, new MessageVerdict.Handled(report, events));
                    } catch (Exception e) {
                        String line = "message " + (i + 1) + " of \"" + config.folder + "\": " + e;
                        failures.add(line);
                        LOG.log(System.Logger.Level.WARNING, "bounce left in place for the next pass: " + line, e);
                        heard.messageRead(i + 1, new MessageVerdict.Failed(e));
                    }
                }
                return new PollResult(count, handled, duplicates, others, failures, unhandled);
            } catch (MessagingException e) {
                throw failure("reading folder \"" + config.folder + "\"", e);
            } finally {
                try {
                    if (folder.isOpen()) {
                        folder.close(true); // expunges what COPY + \Deleted moved
                    }
                } catch (MessagingException e) {
                    LOG.log(System.Logger.Level.WARNING, "closing folder " + config.folder + " failed", e);
                }
            }
        }
    }

    /** " (Message-ID <...>)" for a report line, or nothing when the message has none or it cannot be read. */
    private static String messageId(Message m) {
        try {
            String[] ids = m.getHeader("Message-ID");
            return ids == null || ids.length == 0 ? "" : " (Message-ID " + ids[0].strip() + ")";
        } catch (MessagingException e) {
            return "";
        }
    }

    /** Polls on a background thread until {@link #close()}: IDLE where supported, else every poll interval. */
    public void start() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("poller is closed");
            }
            if (worker != null) {
                return;
            }
            worker = new Thread(this::run, "mailgate-bounce-poller");
            worker.setDaemon(true);
            worker.start();
        }
    }

    private void run() {
        ScheduledExecutorService waker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mailgate-bounce-poller-wake");
            t.setDaemon(true);
            return t;
        });
        try {
            while (!closed) {
                try {
                    PollResult pass = pollOnce();
                    waitForMail(waker, pass.failures().size());
                } catch (RuntimeException e) {
                    if (closed) {
                        return;
                    }
                    LOG.log(System.Logger.Level.WARNING, "bounce mailbox pass failed; retrying in " + config.pollInterval, e);
                    disconnect();
                    sleep(config.pollInterval.toMillis());
                }
            }
        } finally {
            waker.shutdownNow();
        }
    }

    /**
     * Waits for new mail with IDLE, at most one poll interval (a timer touches the folder, which ends the IDLE), or
     * sleeps the interval when the server has no IDLE. {@code leftInFolder} is how many messages the pass left in
     * the folder (those whose handler failed): if the folder holds more when it is opened for IDLE, mail arrived
     * between the pass and the IDLE, which no EXISTS response will announce (RFC 2177 reports only what arrives
     * during the IDLE), so the next pass starts at once instead of a poll interval later.
     */
    private void waitForMail(ScheduledExecutorService waker, int leftInFolder) {
        IMAPFolder folder = null;
        synchronized (lock) {
            try {
                Store s = connected();
                if (config.useIdle && s instanceof IMAPStore imap && imap.hasCapability("IDLE")) {
                    folder = (IMAPFolder) s.getFolder(ImapFolders.serverName(config.folder, separator));
                    folder.open(Folder.READ_WRITE);
                    if (folder.getMessageCount() > leftInFolder) {
                        folder.close(false);
                        return;
                    }
                    idling = folder;
                }
            } catch (MessagingException e) {
                throw failure("preparing IDLE on \"" + config.folder + "\"", e);
            }
        }
        if (folder == null) {
            sleep(config.pollInterval.toMillis());
            return;
        }
        IMAPFolder f = folder;
        // Any command on the folder from another thread ends the IDLE (Angus aborts it with DONE to run it). Not
        // getMessageCount(): on an open folder it answers from its cache, and only pings the server when the last
        // command is over a second old, so a short interval never woke the IDLE and mail that arrived between the
        // pass and the IDLE waited for the next arrival. Repeated, in case the first wake comes before the IDLE.
        ScheduledFuture<?> wake = waker.scheduleWithFixedDelay(() -> {
            try {
                f.doCommand(protocol -> {
                    protocol.noop();
                    return null;
                });
            } catch (MessagingException | RuntimeException ignored) {
                // the IDLE ends either way
            }
        }, config.pollInterval.toMillis(), config.pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        try {
            f.idle(true);
        } catch (MessagingException e) {
            if (!closed) {
                throw failure("IDLE on \"" + config.folder + "\"", e);
            }
        } finally {
            wake.cancel(false);
            idling = null;
            try {
                if (f.isOpen()) {
                    f.close(false);
                }
            } catch (MessagingException ignored) {
                // closing after IDLE; the next pass reopens
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        IMAPFolder f = idling;
        if (f != null) {
            try {
                f.close(false);
            } catch (MessagingException | RuntimeException ignored) {
                // ends the IDLE
            }
        }
        Thread w = worker;
        if (w != null) {
            w.interrupt();
        }
        synchronized (lock) {
            disconnect();
            budget.close();
        }
        if (w != null) {
            try {
                w.join(config.timeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void disconnect() {
        synchronized (lock) {
            if (store != null) {
                try {
                    store.close();
                } catch (MessagingException ignored) {
                    // already gone
                }
                store = null;
            }
        }
    }

    private Store connected() {
        if (closed) {
            throw new IllegalStateException("poller is closed");
        }
        if (store != null && store.isConnected()) {
            return store;
        }
        try {
            Store s = session.getStore(config.security == ImapSecurity.IMPLICIT_TLS ? "imaps" : "imap");
            s.connect(config.host, config.port, config.username, secret());
            try {
                separator = ImapFolders.separator(s);
            } catch (MessagingException e) {
                s.close();
                throw e;
            }
            store = s;
            return s;
        } catch (AuthenticationFailedException e) {
            throw new ImapBounceException("IMAP " + (config.oauthToken != null ? "XOAUTH2 " : "") + "login as " + config.username
                    + " at " + config.host + ":" + config.port + " was refused: " + e.getMessage(), e);
        } catch (MessagingException e) {
            throw failure("connecting to " + config.host + ":" + config.port + " (" + config.security + ")", e);
        }
    }

    /** The password, or a fresh OAuth 2.0 access token, which Angus sends in the XOAUTH2 string. */
    private String secret() {
        if (config.oauthToken == null) {
            return config.password;
        }
        String token = config.oauthToken.get();
        if (token == null || token.isBlank()) {
            throw new ImapBounceException("the OAuth 2.0 token supplier for " + config.username + " at " + config.host
                    + " returned no token", null);
        }
        return token;
    }

    private static byte[] raw(Message m) throws IOException, MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        m.writeTo(out);
        return out.toByteArray();
    }

    private ImapBounceException failure(String what, MessagingException e) {
        String cause = e.getMessage();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e) {
            cause = cause + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return new ImapBounceException("IMAP " + what + " failed: " + cause, e);
    }
}
