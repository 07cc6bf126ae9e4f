package dev.mailgate.testing;

import dev.mailgate.core.mime.RenderedMessage;
import dev.mailgate.core.transport.SendReceipt;

/** Entry point of the AssertJ assertions: {@code import static dev.mailgate.testing.MailgateAssertions.assertThat;} */
public final class MailgateAssertions {
    private MailgateAssertions() {
    }

    public static SendReceiptAssert assertThat(SendReceipt actual) {
        return new SendReceiptAssert(actual);
    }

    public static RenderedMessageAssert assertThat(RenderedMessage actual) {
        return new RenderedMessageAssert(actual);
    }

    public static RenderedMessageAssert assertThat(SentMessage actual) {
        return new RenderedMessageAssert(actual.rendered());
    }

    public static RecordingTransportAssert assertThat(RecordingTransport actual) {
        return new RecordingTransportAssert(actual);
    }
}
