/**
 * Webhook adapters without a framework: {@link dev.mailgate.webhookhttp.WebhookServlet} for Jakarta Servlet
 * containers and {@link dev.mailgate.webhookhttp.WebhookHttpHandler} for the JDK's {@code HttpServer}.
 */
module dev.mailgate.webhookhttp {
    requires transitive dev.mailgate.core;
    // Each adapter needs only its own server API: an application on the JDK server has no Servlet API, and a
    // servlet application may run on a JDK image without jdk.httpserver (static: needed at compile time only).
    requires static jakarta.servlet;
    requires static jdk.httpserver;

    exports dev.mailgate.webhookhttp;
}
