/**
 * Spring Boot auto-configuration for Mailgate ({@link dev.mailgate.springboot.autoconfigure.MailgateAutoConfiguration}).
 * The extension points are beans picked up by type: {@link dev.mailgate.springboot.autoconfigure.MailgateTransportCustomizer},
 * {@link dev.mailgate.springboot.autoconfigure.MailgateWebhookObserver}, and the core's listener interfaces.
 */
package dev.mailgate.springboot.autoconfigure;
