package dev.mailgate.testing;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.transport.RecipientOutcome;
import dev.mailgate.core.transport.SendReceipt;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a {@link SendReceipt}. */
public final class SendReceiptAssert extends AbstractAssert<SendReceiptAssert, SendReceipt> {
    SendReceiptAssert(SendReceipt actual) {
        super(actual, SendReceiptAssert.class);
    }

    /** Exactly these recipients were accepted, in any order. */
    public SendReceiptAssert acceptedExactly(String... addresses) {
        isNotNull();
        List<EmailAddress> expected = Arrays.stream(addresses).map(EmailAddress::parse).toList();
        List<EmailAddress> accepted = actual.accepted();
        if (accepted.size() != expected.size() || !accepted.containsAll(expected)) {
            failWithMessage("expected accepted recipients %s but were %s", expected, accepted);
        }
        return this;
    }

    /** The recipient was rejected with this reply code. */
    public SendReceiptAssert rejected(String address, int code) {
        isNotNull();
        EmailAddress wanted = EmailAddress.parse(address);
        RecipientOutcome.Rejected found = actual.rejected().stream().filter(r -> r.recipient().equals(wanted)).findFirst().orElse(null);
        if (found == null) {
            failWithMessage("expected %s to be rejected, but the outcomes were %s", wanted, actual.recipients());
        } else if (found.reply().code() != code) {
            failWithMessage("expected %s to be rejected with %d but it was rejected with %s", wanted, code, found.reply());
        }
        return this;
    }

    public SendReceiptAssert hasMessageId(String messageId) {
        isNotNull();
        if (!actual.messageId().equals(java.util.Optional.of(messageId))) {
            failWithMessage("expected Message-ID <%s> but was %s", messageId, actual.messageId());
        }
        return this;
    }

    public SendReceiptAssert hasProviderMessageId(String id) {
        isNotNull();
        if (!actual.providerMessageId().equals(java.util.Optional.of(id))) {
            failWithMessage("expected provider message id %s but was %s", id, actual.providerMessageId());
        }
        return this;
    }
}
