package dev.mailgate.episerver;

import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.message.OutboundMessage;
import dev.mailgate.core.transport.SendReceipt;
import dev.mailgate.core.transport.SendResult;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.episerver.rule.EpiserverRules;
import dev.mailgate.smtp.SmtpEventListener;
import dev.mailgate.smtp.SmtpTransport;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends through the Episerver Campaign SMTP API: an {@link SmtpTransport} with Episerver's preset and rules. Every
 * message is checked against all rules before anything is sent ({@code ValidationException} lists every broken
 * rule); because the envelope sender must be the From address, a message without an explicit envelope sender gets
 * its From as MAIL FROM (not its Sender), and an explicit one that differs is refused by the
 * {@code episerver.envelope-from} rule.
 */
public final class EpiserverTransport implements Transport {
    private final EpiserverConfig config;
    private final SmtpTransport smtp;

    private EpiserverTransport(EpiserverConfig config, SmtpTransport smtp) {
        this.config = config;
        this.smtp = smtp;
    }

    public static EpiserverTransport create(EpiserverConfig config) {
        return create(config, SmtpEventListener.NONE);
    }

    /**
     * As {@link #create(EpiserverConfig)}, with a listener that hears every step of every send (for metrics,
     * tracing); its events name the provider {@code "episerver"} ({@link SmtpEventListener.Send#provider()}).
     */
    public static EpiserverTransport create(EpiserverConfig config, SmtpEventListener listener) {
        SmtpTransport smtp = SmtpTransport.builder(config.smtp())
                .rules(EpiserverRules.of(config.sendingDomain(), config.mailingCodes()))
                .preparer(EpiserverTransport::prepare).listener(listener).provider(EpiserverProvider.ID).build();
        return new EpiserverTransport(config, smtp);
    }

    public EpiserverConfig config() {
        return config;
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

    /** MAIL FROM is the From address itself (seed: envelope sender and From must be identical). */
    static OutboundMessage prepare(OutboundMessage message) {
        if (message instanceof EmailMessage m && !m.hasEnvelopeFromOverride() && m.from().isPresent()) {
            return m.toBuilder().envelopeFrom(m.from().get()).build();
        }
        return message;
    }

    @Override
    public void close() {
        smtp.close();
    }
}
