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
    void postfixsWrappedAndGreetingSentencesNameTheCommand() {
        // bounce(8) wraps at 76 columns: the phrase can be cut after "(in" (genuine batch 3)
        assertThat(Replies.notificationCommand("host mx[192.0.2.1] said: 550 black ip. (in\n    reply to MAIL FROM command)"))
                .contains("MAIL");
        assertThat(Replies.notificationCommand("said: 550 5.7.1 not accepted (in reply to end of\n    DATA command)")).contains("DATA");
        // smtp_proto.c: the greeting or HELO/EHLO was refused
        assertThat(Replies.notificationCommand("host mx[192.0.2.1] refused to talk to me: 501 EHLO Invalid domain address."))
                .contains("CONNECT");
        assertThat(Replies.notificationCommand("the mailbox (in use) is full")).isEmpty();
    }

    @Test
    void aSendmailTranscriptsHeloNamesTheRefusedStep() {
        String session = "... while talking to [192.0.2.1]:\n>>> HELO mta.example.jp\n<<< 501 EHLO Invalid domain address.\n"
                + "554 5.0.0 Service unavailable\n";
        assertThat(Replies.transcriptCommand(session, "501 EHLO Invalid domain address.")).contains("HELO");
    }

    @Test
    void aTranscriptsCommandCountsOnlyForTheServersQuotedReply() {
        String transcript = ">>> MAIL From:<a@example.jp>\n<<< 501 <a@example.jp>... no access from mail server\n"
                + "554 <b@example.org>... 550 Host unknown\n";
        assertThat(Replies.transcriptCommand(transcript, "501 <a@example.jp>... no access from mail server")).contains("MAIL");
        assertThat(Replies.transcriptCommand(transcript, "554 <b@example.org>... 550 Host unknown")).isEmpty();
    }

    /**
     * Sendmail pipelines DATA after RCPT (RFC 2920 3.1): a reply after ">>> DATA" that another reply follows answered
     * RCPT. A multi-line reply is one reply, and a refusal of the content (after ">>> .") answered the message:
     * read as RCPT, "550-5.7.1 ... user unknown" after the content would have been a hard bounce.
     */
    @Test
    void aTranscriptsPipelinedRcptReplyIsNotAMultiLineReplyToTheContent() {
        String pipelined = "... while talking to mx.example.org.:\n>>> MAIL From:<a@example.jp>\n>>> RCPT To:<b@example.org>\n"
                + ">>> DATA\n<<< 250 2.1.0 Ok\n<<< 550 5.1.1 <b@example.org>: Recipient address rejected\n"
                + "<<< 554 5.5.1 Error: no valid recipients\n";
        assertThat(Replies.transcriptCommand(pipelined, "550 5.1.1 <b@example.org>: Recipient address rejected")).contains("RCPT");
        String afterContent = "... while talking to mx.example.org.:\n>>> DATA\n<<< 354 go ahead\n>>> .\n"
                + "<<< 550-5.7.1 The user you are trying to contact is unknown\n<<< 550 5.7.1 here. x1si1 - gsmtp\n";
        assertThat(Replies.transcriptCommand(afterContent, "550-5.7.1 The user you are trying to contact is unknown"))
                .as("a refusal after the final dot").contains("DATA");
        String multiLine = "... while talking to mx.example.org.:\n>>> RCPT To:<b@example.org>\n>>> DATA\n"
                + "<<< 550-5.7.1 The user you are trying to contact is unknown\n<<< 550 5.7.1 here. x1si1 - gsmtp\n";
        assertThat(Replies.transcriptCommand(multiLine, "550-5.7.1 The user you are trying to contact is unknown"))
                .as("the second line of one reply is not a second reply").contains("DATA");
    }

    @Test
    void sendmailsLastRefusalIsNotTheAcceptedReplyAfterIt() {
        String session = "... while talking to mx.example.org.:\n>>> MAIL From:<a@example.jp>\n<<< 451-4.3.0 Mail server\n"
                + "<<< 451 4.3.0 temporarily rejected message\n>>> RCPT To:<b@example.org>\n<<< 250 2.1.5 Ok\n";
        assertThat(SendmailTranscript.lastReply(session)).contains("451-4.3.0 Mail server 451 4.3.0 temporarily rejected message");
        assertThat(SendmailTranscript.lastReply("... while talking to mx.example.org.:\n<<< 250 2.1.5 Ok\n")).isEmpty();
    }

    @Test
    void aSendmailSessionIsCutFromTheTextAtItsOwnPlace() {
        // "İ" lower-cases to two characters: an index into a toLowerCase copy is not one into the text
        String text = "İ".repeat(40) + "\n... while talking to mx.example.org.:\n>>> RCPT To:<b@example.org>\n"
                + "<<< 550 5.1.1 no such user\nb@example.org... User unknown\n\n--- the original message follows ---\n";
        assertThat(SendmailTranscript.session(text, SendmailTranscript.lowerIfTranscript(text), "b@example.org"))
                .contains("... while talking to mx.example.org.:\n>>> RCPT To:<b@example.org>\n<<< 550 5.1.1 no such user\n"
                        + "b@example.org... User unknown");
    }

    @Test
    void theReceiversCodeIsTheOneAfterTheReplyCode() {
        assertThat(Replies.replyStatus("5.1.0 - Unknown address error 550-'5.2.2 <k@example.jp>... Mailbox Full'"))
                .contains(EnhancedStatusCode.parse("5.2.2"));
        assertThat(Replies.replyStatus("550 #5.1.0 Address rejected")).contains(EnhancedStatusCode.parse("5.1.0"));
        assertThat(Replies.replyStatus("Delivery failed: 5.1.1 user unknown")).as("no reply code").isEmpty();
    }
}
