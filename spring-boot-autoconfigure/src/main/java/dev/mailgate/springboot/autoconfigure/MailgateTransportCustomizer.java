package dev.mailgate.springboot.autoconfigure;

import dev.mailgate.core.transport.Transport;

/**
 * Wraps the provider's transport before the suppression filter goes around it: a bean of this type is applied to
 * the auto-configured {@code Transport} (in {@code @Order}), e.g. to time sends for metrics. One of the hooks a
 * metrics module plugs into with a single {@code @Configuration} class; the others are beans of
 * {@code SmtpEventListener} (the SMTP send path, plain smtp provider), {@code WebhookHandlerListener} and its
 * {@code Factory}, {@code PublisherListener} and its {@code Factory}, {@code PollerListener} and its {@code Factory},
 * {@code SuppressionListener}, {@code SenderSignalListener}, {@link MailgateWebhookObserver} and
 * {@code WebhookListener}, all picked up by type: {@code MailgateMetrics}' methods return exactly these.
 */
@FunctionalInterface
public interface MailgateTransportCustomizer {
    Transport customize(Transport transport);
}
