package dev.mailgate.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mailgate.cloudmailin.CloudMailinConfig;
import dev.mailgate.cloudmailin.CloudMailinTransport;
import dev.mailgate.cloudmailin.webhook.CloudMailinWebhookCodec;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.suppression.SuppressionList;
import dev.mailgate.core.transport.SendReceipt;
import dev.mailgate.core.webhook.BasicAuthenticator;
import dev.mailgate.core.webhook.WebhookHandler;
import dev.mailgate.core.webhook.WebhookRequest;
import dev.mailgate.core.webhook.WebhookResponse;
import dev.mailgate.suppression.SuppressionPolicy;
import dev.mailgate.suppression.Suppressions;
import dev.mailgate.suppression.store.InMemorySuppressionStore;
import dev.mailgate.testing.smtp.ServerAction;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * CloudMailin outbound (transactional mail only) with its event webhook, on embedded servers: a STARTTLS SMTP
 * server answers "250 Thanks! Queued as: ..." like CloudMailin, the JDK's {@code HttpServer} receives the webhook
 * through Mailgate's {@link WebhookHandler}, and the events are matched to the sends by the Queued-as id and fed
 * to the suppression policy ({@link Suppressions}): the hard bounce suppresses its address.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am package -DskipTests exec:java -Ddemo.mainClass=dev.mailgate.examples.CloudMailinExample}
 */
public final class CloudMailinExample {
    /** What happened, for the test. */
    public record Summary(String queuedAs, List<Integer> statuses, List<MailEvent> events, Set<String> suppressed) {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /**
     * Mounts a webhook handler on the JDK HTTP server at {@code path}: method, headers and the raw body go in, the
     * status, headers and a short text come out. The body is read up to the handler's limit plus one byte, so an
     * oversized POST is refused without being read whole.
     */
    public static HttpServer mount(WebhookHandler handler, String path) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext(path, exchange -> {
            try (exchange) {
                WebhookRequest request;
                try (InputStream in = exchange.getRequestBody()) {
                    // Reads at most the limit + 1 byte: a larger body is answered 413 without being held in memory.
                    request = WebhookRequest.read(exchange.getRequestMethod(), exchange.getRequestHeaders(), in, handler.maxBodyBytes());
                }
                WebhookResponse r = handler.handle(request);
                respond(exchange, r);
            }
        });
        http.start();
        return http;
    }

    private static void respond(HttpExchange exchange, WebhookResponse r) throws IOException {
        r.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] text = r.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(r.status(), text.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(text);
        }
    }

    public static Summary run(PrintStream out) throws Exception {
        String queuedAs = "f78b876d-dd97-4e10-9a61-067f98044cc7";
        try (TestSmtpServer cloudmailin = TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth("account", "s3cret")
                .on(TestSmtpServer.DATA_END, ServerAction.reply("250 Thanks! Queued as: " + queuedAs)).build().start()) {
            CloudMailinConfig config = CloudMailinConfig.builder()
                    .host("localhost").port(cloudmailin.port())           // from the account's dashboard
                    .sslContext(TestCertificates.trustingClient())       // in production: the JDK trust store
                    .credentials("account", "s3cret").sendingDomain("example.com").build();

            // 1. Send a transactional message; the receipt carries CloudMailin's id.
            SendReceipt receipt;
            try (CloudMailinTransport transport = CloudMailinTransport.create(config)) {
                receipt = transport.send(EmailMessage.builder().from("Shop <orders@example.com>").to("jane@example.net")
                        .subject("Your order 1042").text("Thank you for your order.\n").build());
            }
            out.println("sent, CloudMailin queued it as " + receipt.providerMessageId().orElse("?")
                    + "; MAIL FROM:<" + cloudmailin.messages().get(0).mailFrom() + ">");

            // 2. The webhook endpoint: Basic auth (two passwords accepted while rotating), events to the application.
            Suppressions suppressions = new Suppressions(new InMemorySuppressionStore(), SuppressionPolicy.defaults());
            List<MailEvent> events = new ArrayList<>();
            WebhookHandler handler = WebhookHandler.builder(new CloudMailinWebhookCodec())
                    .authenticator(BasicAuthenticator.of(java.util.Map.of("cloudmailin", "webhook-secret", "cloudmailin-next", "rotated")))
                    .listener(batch -> {
                        events.addAll(batch);
                        suppressions.ingestAll(batch);   // the policy decides; a retried POST was already de-duplicated
                    }).build();
            HttpServer http = mount(handler, "/webhooks/cloudmailin");
            try {
                URI uri = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/webhooks/cloudmailin");
                String payload = "{\"events\":[{\"kind\":\"delivery\",\"recipient\":\"jane@example.net\",\"message_id\":\"" + queuedAs
                        + "\",\"details\":{}},{\"kind\":\"bounce\",\"recipient\":\"old@example.net\",\"message_id\":\"" + queuedAs
                        + "\",\"details\":{\"response\":\"550 5.1.1 user unknown\"}}]}";
                List<Integer> statuses = new ArrayList<>();
                HttpClient client = HttpClient.newHttpClient();
                statuses.add(post(client, uri, "cloudmailin:wrong", payload, out, "wrong password"));
                statuses.add(post(client, uri, "cloudmailin:webhook-secret", payload, out, "two events"));
                statuses.add(post(client, uri, "cloudmailin-next:rotated", payload, out, "the same POST retried"));
                statuses.add(post(client, uri, "cloudmailin:webhook-secret", "{\"events\":[{\"kind\":42}]}", out, "malformed"));
                for (MailEvent e : events) {
                    boolean ours = e.details().providerMessageId().equals(receipt.providerMessageId());
                    out.println("event " + e.type() + " for " + e.recipient().map(EmailAddress::address).orElse("?")
                            + (ours ? " (matches the send)" : ""));
                }
                Set<String> suppressed = new java.util.TreeSet<>();
                suppressions.store().list(SuppressionList.SUPPRESSED).forEach(e -> suppressed.add(e.address().address()));
                out.println("suppressed: " + suppressed);
                return new Summary(receipt.providerMessageId().orElse(""), statuses, List.copyOf(events), Set.copyOf(suppressed));
            } finally {
                http.stop(0);
            }
        }
    }

    private static int post(HttpClient client, URI uri, String credentials, String payload, PrintStream out, String what)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        out.println("POST (" + what + ") -> " + response.statusCode() + " " + response.body().strip());
        return response.statusCode();
    }
}
