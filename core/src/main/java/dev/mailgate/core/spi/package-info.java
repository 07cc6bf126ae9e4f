/**
 * The provider SPI: a {@link dev.mailgate.core.spi.MailProvider} registered with {@link java.util.ServiceLoader}
 * plugs a service (SMTP, Episerver, CloudMailin, ...) into Mailgate.
 */
package dev.mailgate.core.spi;
