package dev.mailgate.testing;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.mime.RenderedMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a message as rendered for the wire. */
public final class RenderedMessageAssert extends AbstractAssert<RenderedMessageAssert, RenderedMessage> {
    RenderedMessageAssert(RenderedMessage actual) {
        super(actual, RenderedMessageAssert.class);
    }

    /** The header is present once with exactly this (unfolded, still encoded) value. */
    public RenderedMessageAssert hasHeader(String name, String value) {
        isNotNull();
        List<String> values = actual.headers(name);
        if (!values.equals(List.of(value))) {
            failWithMessage("expected header %s: %s but the values were %s", name, value, values);
        }
        return this;
    }

    public RenderedMessageAssert doesNotHaveHeader(String name) {
        isNotNull();
        if (!actual.headers(name).isEmpty()) {
            failWithMessage("expected no %s header but found %s", name, actual.headers(name));
        }
        return this;
    }

    /** The envelope recipients are exactly these, in order. */
    public RenderedMessageAssert hasEnvelopeRecipients(String... addresses) {
        isNotNull();
        List<EmailAddress> expected = Arrays.stream(addresses).map(EmailAddress::parse).toList();
        if (!actual.envelope().recipients().equals(expected)) {
            failWithMessage("expected envelope recipients %s but were %s", expected, actual.envelope().recipients());
        }
        return this;
    }

    /** The rendered bytes, decoded as UTF-8, contain this text (useful for 7bit bodies and headers). */
    public RenderedMessageAssert wireContains(String text) {
        isNotNull();
        String wire = new String(actual.bytes(), StandardCharsets.UTF_8);
        if (!wire.contains(text)) {
            failWithMessage("expected the rendered message to contain %s but it was:%n%s", text, wire);
        }
        return this;
    }

    public RenderedMessageAssert hasSizeAtMost(long octets) {
        isNotNull();
        if (actual.size() > octets) {
            failWithMessage("expected at most %d octets but the rendered message has %d", octets, actual.size());
        }
        return this;
    }
}
