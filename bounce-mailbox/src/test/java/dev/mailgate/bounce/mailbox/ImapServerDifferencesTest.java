package dev.mailgate.bounce.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.bounce.BounceParser;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What real servers do differently from GreenMail (issue 24), against {@link ScriptedImapServer}: Dovecot's "."
 * separator and its refusal of "/", its [CANNOT]/[NOPERM] reasons, and XOAUTH2 login for Gmail and Microsoft 365.
 */
class ImapServerDifferencesTest {
    private static final String USER = "bounces@example.com";

    @Test
    void defaultFoldersAreCreatedWithTheServersSeparator() throws Exception {
        try (ScriptedImapServer server = new ScriptedImapServer(USER, "tok-1");
                BounceMailboxPoller poller = poller(oauth(server, () -> "tok-1").build())) {
            PollResult result = poller.pollOnce();
            assertThat(result.failures()).isEmpty();
            assertThat(server.folders()).contains("Mailgate.Processed", "Mailgate.Not a bounce");
            assertThat(poller.listFolders()).contains("INBOX", "Mailgate/Processed", "Mailgate/Not a bounce");
        }
    }

    @Test
    void aRefusedCreateShowsTheServersReason() throws Exception {
        try (ScriptedImapServer server = new ScriptedImapServer(USER, "tok-1");
                BounceMailboxPoller poller = poller(oauth(server, () -> "tok-1").processedFolder("Shared/Processed").build())) {
            assertThatThrownBy(poller::pollOnce).isInstanceOf(ImapBounceException.class)
                    .hasMessageContaining("refused to create folder \"Shared.Processed\"")
                    .hasMessageContaining("configured as \"Shared/Processed\"")
                    .hasMessageContaining("[NOPERM] Permission denied");
        }
    }

    @Test
    void xoauth2SendsTheTokenOfTheSupplierAtEveryConnection() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        try (ScriptedImapServer server = new ScriptedImapServer(USER, "ya29.fresh-token");
                BounceMailboxPoller poller = poller(oauth(server, () -> {
                    asked.incrementAndGet();
                    return "ya29.fresh-token";
                }).build())) {
            assertThat(poller.listFolders()).contains("INBOX");
            assertThat(server.commands).anyMatch(c -> c.contains("AUTHENTICATE XOAUTH2"));
            assertThat(server.commands).noneMatch(c -> c.contains(" LOGIN "));
            assertThat(asked).hasValue(1);
        }
    }

    @Test
    void aRejectedTokenIsAClearError() throws Exception {
        try (ScriptedImapServer server = new ScriptedImapServer(USER, "good");
                BounceMailboxPoller poller = poller(oauth(server, () -> "expired").build())) {
            assertThatThrownBy(poller::pollOnce).isInstanceOf(ImapBounceException.class)
                    .hasMessageContaining("XOAUTH2 login as " + USER).hasMessageContaining("refused");
        }
        try (ScriptedImapServer server = new ScriptedImapServer(USER, "good");
                BounceMailboxPoller poller = poller(oauth(server, () -> " ").build())) {
            assertThatThrownBy(poller::pollOnce).isInstanceOf(ImapBounceException.class).hasMessageContaining("returned no token");
        }
    }

    private static ImapBounceConfig.Builder oauth(ScriptedImapServer server, java.util.function.Supplier<String> token) {
        return ImapBounceConfig.builder("127.0.0.1").port(server.port()).security(ImapSecurity.NONE).allowPlaintext(true)
                .oauth2(USER, token).timeout(Duration.ofSeconds(5));
    }

    private static BounceMailboxPoller poller(ImapBounceConfig config) {
        return BounceMailboxPoller.create(config, BounceParser.create(), (report, events) -> {
        }, ProcessedMessages.inMemory());
    }
}
