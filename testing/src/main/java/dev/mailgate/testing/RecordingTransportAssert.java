package dev.mailgate.testing;

import dev.mailgate.core.address.EmailAddress;
import org.assertj.core.api.AbstractAssert;

/** Assertions on what a {@link RecordingTransport} received. */
public final class RecordingTransportAssert extends AbstractAssert<RecordingTransportAssert, RecordingTransport> {
    RecordingTransportAssert(RecordingTransport actual) {
        super(actual, RecordingTransportAssert.class);
    }

    public RecordingTransportAssert hasSent(int count) {
        isNotNull();
        if (actual.count() != count) {
            failWithMessage("expected %d sent messages but there were %d", count, actual.count());
        }
        return this;
    }

    public RecordingTransportAssert hasSentNothing() {
        return hasSent(0);
    }

    /** Some sent message had this address among its envelope recipients. */
    public RecordingTransportAssert hasSentTo(String address) {
        isNotNull();
        EmailAddress wanted = EmailAddress.parse(address);
        boolean found = actual.sent().stream().anyMatch(s -> s.rendered().envelope().recipients().contains(wanted));
        if (!found) {
            failWithMessage("expected a message to %s but none of the %d sent messages went there", wanted, actual.count());
        }
        return this;
    }

    public RecordingTransportAssert hasNotSentTo(String address) {
        isNotNull();
        EmailAddress unwanted = EmailAddress.parse(address);
        if (actual.sent().stream().anyMatch(s -> s.rendered().envelope().recipients().contains(unwanted))) {
            failWithMessage("expected no message to %s, but one was sent", unwanted);
        }
        return this;
    }
}
