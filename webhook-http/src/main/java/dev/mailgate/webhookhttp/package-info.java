/**
 * Mount a {@link dev.mailgate.core.webhook.WebhookHandler} on a server: {@link dev.mailgate.webhookhttp.WebhookServlet}
 * (Jakarta Servlet 6) and {@link dev.mailgate.webhookhttp.WebhookHttpHandler} (the JDK's {@code HttpServer}). Both read
 * the raw body once, at most the handler's limit plus one byte, and write the handler's status, headers and short
 * text answer; the handler decides everything else.
 */
package dev.mailgate.webhookhttp;
