package dev.mailgate.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.webhook.WebhookAuthenticator;
import dev.mailgate.core.webhook.WebhookRequest;
import dev.mailgate.sendgrid.webhook.SendGridSignatureAuthenticator;
import dev.mailgate.sendgrid.webhook.SendGridWebhookCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One SendGrid Event Webhook POST of {@value #EVENTS} events (a realistic mix: processed, delivered, open, click,
 * deferred, bounce, with categories and unique arguments), signed as SendGrid signs it (ECDSA P-256 over timestamp
 * and raw body, with a key generated here): verify the signature and decode the batch, single thread. Each
 * invocation counts {@value #EVENTS} operations, so the score is events per second. The baselines, in the same run:
 * the decode alone, and Jackson reading the same bytes into a tree (the floor of any JSON codec).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class SendGridWebhookBenchmark {
    static final int EVENTS = 1000;
    static final Instant SENT = Instant.parse("2026-11-23T12:00:00Z");

    private final SendGridWebhookCodec codec = new SendGridWebhookCodec();
    private final ObjectMapper jackson = new ObjectMapper();
    private WebhookAuthenticator authenticator;
    private WebhookRequest request;

    @Setup
    public void sign() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair sendgrid = g.generateKeyPair();
        byte[] body = batch(EVENTS);
        String timestamp = Long.toString(SENT.getEpochSecond());
        Signature ecdsa = Signature.getInstance("SHA256withECDSA");
        ecdsa.initSign(sendgrid.getPrivate());
        ecdsa.update(timestamp.getBytes(StandardCharsets.UTF_8));
        ecdsa.update(body);
        request = WebhookRequest.post(Map.of(SendGridSignatureAuthenticator.SIGNATURE_HEADER, Base64.getEncoder().encodeToString(ecdsa.sign()),
                SendGridSignatureAuthenticator.TIMESTAMP_HEADER, timestamp, "Content-Type", "application/json"), body);
        authenticator = SendGridSignatureAuthenticator.builder(Base64.getEncoder().encodeToString(sendgrid.getPublic().getEncoded()))
                .clock(Clock.fixed(SENT.plusSeconds(2), ZoneOffset.UTC)).build();
        if (authenticator.reject(request).isPresent() || codec.decode(body, SENT).size() != EVENTS) {
            throw new IllegalStateException("the benchmark's request does not verify or decode: " + authenticator.reject(request));
        }
    }

    /** What an endpoint does per POST: check the signature over the raw body, then decode every event. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public List<MailEvent> verifyAndDecode() {
        if (authenticator.reject(request).isPresent()) {
            throw new IllegalStateException("refused");
        }
        return codec.decode(request.body(), SENT);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public List<MailEvent> decodeOnly() {
        return codec.decode(request.body(), SENT);
    }

    /** The floor: Jackson reading the bytes into a tree, nothing mapped. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public Object jacksonTreeOnly() throws IOException {
        return jackson.readTree(request.body());
    }

    /** A batch as SendGrid posts one: its documented fields per kind, a category and two unique arguments each. */
    static byte[] batch(int n) {
        String[] kinds = {"processed", "delivered", "open", "click", "deferred", "bounce"};
        StringBuilder sb = new StringBuilder(n * 400).append('[');
        for (int i = 0; i < n; i++) {
            String kind = kinds[i % kinds.length];
            long ts = SENT.getEpochSecond() - 60 + i % 60;
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"email\":\"user").append(i).append("@example.net\",\"timestamp\":").append(ts)
                    .append(",\"smtp-id\":\"<14c5d75ce93.dfd.64b469.").append(i).append("@ismtpd-555>\",\"event\":\"").append(kind)
                    .append("\",\"category\":[\"receipts\"],\"sg_event_id\":\"ev-").append(i).append("-").append(kind)
                    .append("\",\"sg_message_id\":\"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.").append(i)
                    .append("\",\"order_id\":\"A-").append(1000 + i).append("\",\"tenant\":\"7\"");
            switch (kind) {
                case "delivered" -> sb.append(",\"response\":\"250 OK\",\"ip\":\"168.1.1.1\",\"tls\":1");
                case "open" -> sb.append(",\"useragent\":\"Mozilla/5.0\",\"ip\":\"203.0.113.7\",\"sg_machine_open\":false");
                case "click" -> sb.append(",\"useragent\":\"Mozilla/5.0\",\"ip\":\"203.0.113.7\",\"url\":\"https://shop.example.com/o/").append(i).append('"');
                case "deferred" -> sb.append(",\"response\":\"400 try again later\",\"attempt\":\"5\"");
                case "bounce" -> sb.append(",\"reason\":\"550 5.1.1 The email account that you tried to reach does not exist.\",")
                        .append("\"status\":\"5.1.1\",\"type\":\"bounce\",\"bounce_classification\":\"Invalid Address\"");
                default -> { }
            }
            sb.append('}');
        }
        return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }
}
