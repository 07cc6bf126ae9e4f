package dev.mailgate.bounce.internal.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.transport.EnhancedStatusCode;
import org.junit.jupiter.api.Test;

class RepliesTest {
    @Test
    void theCommandANotificationSaysTheReplyAnswered() {
        assertThat(Replies.notificationCommand("host mx[192.0.2.1] said: 550 nope (in reply to RCPT TO command)")).contains("RCPT");
        assertThat(Replies.notificationCommand("SMTP error from remote mail server after EHLO neko.example.com:\n550 Rejected"))
                .contains("EHLO");
        assertThat(Replies.notificationCommand("SMTP error from remote mail server after MAIL FROM:<a@example.com> SIZE=1022:"))
                .contains("MAIL");
        assertThat(Replies.notificationCommand("SMTP error from remote mail server after initial connection:")).contains("CONNECT");
        assertThat(Replies.notificationCommand("Connected to 192.0.2.112 but my name was rejected.")).contains("HELO");
        assertThat(Replies.notificationCommand("Connected to 192.0.2.112 but sender was rejected.")).contains("MAIL");
        assertThat(Replies.notificationCommand("SMTP error from remote server for TEXT command, host: smtp-in.orange.fr"))
                .as("1&1's name for the message text").contains("DATA");
        assertThat(Replies.notificationCommand("192.0.2.1 does not like recipient.\nRemote host said: 550 no")).contains("RCPT");
        assertThat(Replies.notificationCommand("192.0.2.1 does not like sender.\nRemote host said: 553 no")).contains("MAIL");
        assertThat(Replies.notificationCommand("192.0.2.1 failed after I sent the message.\nRemote host said: 554 no")).contains("DATA");
        assertThat(Replies.notificationCommand(">>> MAIL From:<a@example.com>\n<<< 250 ok\n>>> RCPT To:<b@example.org>"))
                .as("a transcript names many commands").isEmpty();
    }

    @Test
    void aTranscriptsCommandCountsOnlyForTheServersQuotedReply() {
        String transcript = ">>> MAIL From:<a@example.jp>\n<<< 501 <a@example.jp>... no access from mail server\n"
                + "554 <b@example.org>... 550 Host unknown\n";
        assertThat(Replies.transcriptCommand(transcript, "501 <a@example.jp>... no access from mail server")).contains("MAIL");
        assertThat(Replies.transcriptCommand(transcript, "554 <b@example.org>... 550 Host unknown")).isEmpty();
    }

    @Test
    void theReceiversCodeIsTheOneAfterTheReplyCode() {
        assertThat(Replies.replyStatus("5.1.0 - Unknown address error 550-'5.2.2 <k@example.jp>... Mailbox Full'"))
                .contains(EnhancedStatusCode.parse("5.2.2"));
        assertThat(Replies.replyStatus("550 #5.1.0 Address rejected")).contains(EnhancedStatusCode.parse("5.1.0"));
        assertThat(Replies.replyStatus("Delivery failed: 5.1.1 user unknown")).as("no reply code").isEmpty();
    }
}
