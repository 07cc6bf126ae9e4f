package dev.mailgate.springboot.autoconfigure;

import dev.mailgate.core.limits.InputLimits;
import dev.mailgate.core.webhook.BasicAuthenticator;
import dev.mailgate.core.webhook.WebhookAuthenticator;
import dev.mailgate.core.webhook.WebhookHandler;
import dev.mailgate.core.webhook.WebhookHandlerListener;
import dev.mailgate.core.webhook.WebhookRequest;
import dev.mailgate.core.webhook.WebhookResponse;
import dev.mailgate.springboot.autoconfigure.properties.MailgateProperties;
import dev.mailgate.springboot.autoconfigure.properties.WebhookProperties;
import dev.mailgate.suppression.Suppressions;
import dev.mailgate.suppression.unsubscribe.OneClickEndpoint;
import dev.mailgate.suppression.unsubscribe.UnsubscribeTokens;
import dev.mailgate.webhookhttp.WebhookServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The webhook endpoints (mailgate.webhook.endpoints) and the one-click unsubscribe endpoint, as Spring MVC routes on
 * the application's own server. The body is read from the servlet request's stream once, within the limit
 * ({@link WebhookServlet#read}), never through Spring's converters: signatures are over the raw bytes. Every method
 * is routed to the handler, which answers 405 to all but POST.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({RouterFunction.class, WebhookServlet.class})
class WebConfiguration {
    private static final System.Logger LOG = System.getLogger(WebConfiguration.class.getName());
    private static final MediaType TEXT = MediaType.parseMediaType("text/plain;charset=UTF-8");
    /** RFC 8058 3.1: the body is List-Unsubscribe=One-Click; anything much longer is not one. */
    private static final int MAX_UNSUBSCRIBE_BODY = 8 * 1024;

    @Bean
    @ConditionalOnMissingBean(name = "mailgateRoutes")
    RouterFunction<ServerResponse> mailgateRoutes(MailgateProperties properties, MailgateEvents events,
            ObjectProvider<MailgateWebhookObserver> observers, ObjectProvider<UnsubscribeTokens> tokens,
            ObjectProvider<Suppressions> suppressions, ObjectProvider<WebhookHandlerListener> handlerListeners,
            ObjectProvider<WebhookHandlerListener.Factory> handlerListenerFactories) {
        RouterFunctions.Builder routes = RouterFunctions.route();
        List<MailgateWebhookObserver> all = observers.orderedStream().toList();
        WebhookProperties webhook = properties.getWebhook();
        webhook.getEndpoints().forEach((name, e) -> {
            WebhookHandler.Builder b = handler(name, e, webhook, events);
            handlerListeners.orderedStream().forEach(b::handlerListener);
            handlerListenerFactories.orderedStream().forEach(b::handlerListener);
            WebhookHandler handler = b.build();
            routes.route(RequestPredicates.path(required(name, "path", e.getPath())), request -> answer(name, handler, request, all));
        });
        UnsubscribeTokens t = tokens.getIfAvailable();
        Suppressions s = suppressions.getIfAvailable();
        if (t != null && s != null) {
            OneClickEndpoint oneClick = new OneClickEndpoint(t, s, Clock.systemUTC());
            routes.route(RequestPredicates.path(properties.getUnsubscribe().getPath()), request -> unsubscribe(oneClick, request));
        }
        return routes.build();
    }

    private static WebhookHandler.Builder handler(String name, WebhookProperties.Endpoint e, WebhookProperties webhook, MailgateEvents events) {
        String prefix = "mailgate.webhook.endpoints." + name + ".";
        WebhookAuthenticator auth;
        if (e.getUsername() != null || e.getPassword() != null) {
            auth = BasicAuthenticator.of(required(name, "username", e.getUsername()), required(name, "password", e.getPassword()));
        } else if (e.isAllowUnauthenticated()) {
            auth = WebhookAuthenticator.none();
        } else {
            throw new IllegalArgumentException(prefix + "username and password are required (or allow-unauthenticated=true, on purpose)");
        }
        WebhookHandler.Builder b = WebhookHandler.builder(Codecs.byFormat(required(name, "format", e.getFormat()), prefix + "format"))
                .authenticator(auth)
                .listener(events::accept);
        if (webhook.getMaxBodyBytes() != null) {
            b.limits(InputLimits.builder().maxPayloadBytes(webhook.getMaxBodyBytes()).build());
        }
        return b;
    }

    private static String required(String name, String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("mailgate.webhook.endpoints." + name + "." + key + " is required");
        }
        return value;
    }

    private static ServerResponse answer(String name, WebhookHandler handler, ServerRequest request, List<MailgateWebhookObserver> observers)
            throws IOException {
        WebhookResponse r = handler.handle(WebhookServlet.read(request.servletRequest(), handler.maxBodyBytes()));
        for (MailgateWebhookObserver o : observers) {
            try {
                o.observed(name, r);
            } catch (RuntimeException ex) {
                LOG.log(System.Logger.Level.WARNING, "webhook observer failed; the answer is unchanged", ex);
            }
        }
        ServerResponse.BodyBuilder out = ServerResponse.status(r.status()).contentType(TEXT);
        r.headers().forEach(out::header);
        return out.body(r.body());
    }

    private static ServerResponse unsubscribe(OneClickEndpoint endpoint, ServerRequest request) throws IOException {
        HttpServletRequest servlet = request.servletRequest();
        WebhookRequest read = WebhookServlet.read(servlet, MAX_UNSUBSCRIBE_BODY);
        if (read.bodyTruncated()) {
            return ServerResponse.status(413).contentType(TEXT).body("the body is longer than " + MAX_UNSUBSCRIBE_BODY + " bytes\n");
        }
        String query = servlet.getQueryString();
        URI uri = URI.create(servlet.getRequestURL() + (query == null ? "" : "?" + query));
        OneClickEndpoint.Result r = endpoint.handle(servlet.getMethod(), uri, read.body());
        return ServerResponse.status(r.status()).contentType(TEXT).body(r.message() + "\n");
    }

}
