package dev.mailgate.cloudmailin;

import dev.mailgate.bounce.verp.Verp;
import dev.mailgate.bounce.verp.VerpException;
import dev.mailgate.cloudmailin.rules.CloudMailinRules;
import dev.mailgate.cloudmailin.webhook.CloudMailinWebhookCodec;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.message.OutboundMessage;
import dev.mailgate.core.transport.SendReceipt;
import dev.mailgate.core.transport.SendResult;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.smtp.SmtpEventListener;
import dev.mailgate.smtp.SmtpTransport;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends through CloudMailin outbound: an {@link SmtpTransport} with the preset and CloudMailin's rules. The
 * envelope sender is put on the envelope subdomain while the From header stays as written (seed 003); the receipt's
 * {@code providerMessageId} is the id of CloudMailin's "250 Thanks! Queued as: ..." reply, the {@code message_id}
 * its webhook events carry.
 */
public final class CloudMailinTransport implements Transport {
    private final CloudMailinConfig config;
    private final SmtpTransport smtp;
    private final Verp addressVerp;
    private final Verp tokenVerp;

    private CloudMailinTransport(CloudMailinConfig config, SmtpEventListener listener) {
        this.config = config;
        this.smtp = SmtpTransport.builder(config.smtp())
                .rules(CloudMailinRules.of(config.sendingDomain(), config.envelopeDomain(), config.flagsBulkMail()))
                .preparer(this::prepare).listener(listener).provider(CloudMailinProvider.ID).build();
        this.addressVerp = config.verpSecret().map(s -> Verp.addressBased("bounces", config.envelopeDomain(), s)).orElse(null);
        this.tokenVerp = config.verpSecret().map(s -> Verp.tokenOnly("bounces", config.envelopeDomain(), s)).orElse(null);
    }

    public static CloudMailinTransport create(CloudMailinConfig config) {
        return create(config, SmtpEventListener.NONE);
    }

    /**
     * As {@link #create(CloudMailinConfig)}, with a listener that hears every step of every send (for metrics,
     * tracing); its events name the provider {@code "cloudmailin"} ({@link SmtpEventListener.Send#provider()}).
     */
    public static CloudMailinTransport create(CloudMailinConfig config, SmtpEventListener listener) {
        return new CloudMailinTransport(config, listener);
    }

    /** The VERP scheme of this account's return paths (to decode bounces with), if a secret is configured. */
    public java.util.Optional<Verp> verp() {
        return java.util.Optional.ofNullable(addressVerp);
    }

    @Override
    public SendReceipt send(OutboundMessage message) {
        return smtp.send(message);
    }

    @Override
    public CompletableFuture<SendReceipt> sendAsync(OutboundMessage message) {
        return smtp.sendAsync(message);
    }

    @Override
    public List<SendResult> sendBatch(Collection<? extends OutboundMessage> messages) {
        return smtp.sendBatch(messages);
    }

    /** The envelope sender for a message without an explicit one. */
    OutboundMessage prepare(OutboundMessage message) {
        if (!(message instanceof EmailMessage m) || m.hasEnvelopeFromOverride()) {
            return message;
        }
        return m.toBuilder().envelopeFrom(returnPath(m.envelope().recipients())).build();
    }

    EmailAddress returnPath(List<EmailAddress> recipients) {
        if (addressVerp == null) {
            return EmailAddress.parse("bounces@" + config.envelopeDomain());
        }
        if (recipients.size() == 1) {
            try {
                return addressVerp.encode(recipients.get(0));
            } catch (VerpException tooLongOrNotAscii) {
                // falls through to a token: the bounce is still tied to the send by CloudMailin's message id
            }
        }
        return tokenVerp.encode(Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36));
    }

    @Override
    public void close() {
        smtp.close();
    }
}
