package dev.mailgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.transport.RecipientOutcome;
import dev.mailgate.core.transport.SendReceipt;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SmtpSendExampleTest {
    @Test
    void sendsAndPrintsTheReceipt() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SendReceipt receipt = SmtpSendExample.run(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(receipt.recipients()).singleElement().isInstanceOf(RecipientOutcome.Accepted.class);
        assertThat(receipt.providerMessageId()).hasValue("Q1");
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("sent ").contains("server id Q1");
    }
}
