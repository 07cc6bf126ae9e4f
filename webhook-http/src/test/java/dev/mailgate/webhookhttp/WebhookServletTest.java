package dev.mailgate.webhookhttp;

import dev.mailgate.core.webhook.WebhookHandler;
import dev.mailgate.core.webhook.WebhookResponse;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The servlet in a real Jetty 12 (Servlet 6.0) on a loopback port. */
class WebhookServletTest extends WebhookAdapterContract {
    private Server server;

    @Override
    URI start(WebhookHandler handler, Consumer<WebhookResponse> observer) throws Exception {
        // snippet:mount-servlet
        server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new WebhookServlet(handler, observer)), PATH);
        server.setHandler(context);
        server.start();
        // end:mount-servlet
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/");
    }

    @Override
    void stop() throws Exception {
        server.stop();
    }
}
