package dev.mailgate.micrometer;

import dev.mailgate.core.MailException;
import dev.mailgate.core.transport.RecipientOutcome;
import dev.mailgate.core.transport.SendReceipt;
import dev.mailgate.core.transport.ServerRejectedException;
import dev.mailgate.smtp.SmtpEventListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An SMTP transport's sends as the {@code mailgate.send} observation (one per message, across its attempts) and
 * meters: messages sent or refused by provider and reply class, recipients rejected, retries, send latency,
 * connections opened and their setup time, TLS handshakes by protocol, and the pool's connections in use and idle.
 * One instance serves every transport; a send's state is keyed by its {@link SmtpEventListener.Send} (compared by
 * identity), and is dropped when the send ends (transactionEnd or failed).
 */
final class SmtpMetrics implements SmtpEventListener {
    private final MeterRegistry meters;
    private final ObservationRegistry observations;
    private final Map<Send, InFlight> sends = new ConcurrentHashMap<>();
    /** The last pool state per provider, strongly held for the gauges. */
    private final Map<String, Pool> pools = new ConcurrentHashMap<>();

    SmtpMetrics(MeterRegistry meters, ObservationRegistry observations) {
        this.meters = meters;
        this.observations = observations;
    }

    /** One message across its attempts: the observation and the latency sample, from its first attempt. */
    private record InFlight(Observation observation, Timer.Sample sample) {
    }

    private static final class Pool {
        volatile int inUse;
        volatile int idle;
        volatile int max;
    }

    private InFlight inFlight(Send send) {
        return sends.computeIfAbsent(send, s -> new InFlight(Observation.createNotStarted(Names.SEND, observations)
                .contextualName("send " + s.provider()).lowCardinalityKeyValue(Names.PROVIDER, s.provider())
                .parentObservation(observations.getCurrentObservation()).start(), Timer.start(meters)));
    }

    @Override
    public void transactionStart(Session session, Send send) {
        inFlight(send);
    }

    @Override
    public void transactionEnd(Session session, Send send, SendReceipt receipt) {
        InFlight f = sends.remove(send);
        for (RecipientOutcome r : receipt.recipients()) {
            if (r instanceof RecipientOutcome.Rejected rejected) {
                Counter.builder("mailgate.send.recipients.rejected").description("recipients the server refused while taking the message")
                        .tag("provider", send.provider()).tag("reply.class", replyClass(rejected.reply().code())).register(meters).increment();
            }
        }
        ended(send, f, "sent", "2xx", null);
    }

    @Override
    public void transactionFailed(Session session, Send send, MailException error) {
        InFlight f = sends.get(send);
        if (f != null) {
            f.observation().event(Observation.Event.of("mailgate.attempt.failed", "attempt failed: " + error.getClass().getSimpleName()));
        }
    }

    @Override
    public void retrying(Send send, int attempt, MailException cause, Duration delay) {
        Counter.builder("mailgate.send.retries").description("attempts that failed and were retried").tag("provider", send.provider())
                .register(meters).increment();
    }

    @Override
    public void failed(Send send, MailException error) {
        // a send whose every attempt failed to open a session has had no transaction: it starts and ends here
        InFlight f = sends.remove(send);
        if (f == null) {
            f = inFlight(send);
            sends.remove(send);
        }
        if (error instanceof ServerRejectedException refused) {
            ended(send, f, "refused", replyClass(refused.code()), error);
        } else {
            ended(send, f, "failed", "none", error);
        }
    }

    private void ended(Send send, InFlight f, String outcome, String replyClass, MailException error) {
        Counter.builder("mailgate.send.messages").description("messages sent, refused by the server, or failed otherwise")
                .tag("provider", send.provider()).tag("outcome", outcome).tag("reply.class", replyClass).register(meters).increment();
        if (f == null) {
            return;
        }
        f.sample().stop(Timer.builder("mailgate.send.latency").description("from a message's first attempt to its outcome, retries included")
                .tag("provider", send.provider()).tag("outcome", outcome).register(meters));
        Observation o = f.observation().lowCardinalityKeyValue(Names.OUTCOME, outcome).lowCardinalityKeyValue("mailgate.reply.class", replyClass);
        if (error != null) {
            o.error(error);
        }
        o.stop();
    }

    /** 2xx, 4xx or 5xx (RFC 5321 section 4.2.1: the first digit is the class); "none" without a reply. */
    static String replyClass(int code) {
        return code >= 200 && code < 600 ? (code / 100) + "xx" : "none";
    }

    @Override
    public void connectEnd(Session session, Duration took) {
        Counter.builder("mailgate.smtp.connections").description("SMTP sessions opened, by provider and outcome")
                .tag("provider", session.provider()).tag("outcome", "ok").register(meters).increment();
        Timer.builder("mailgate.smtp.connect.latency").description("session setup: TCP, greeting, EHLO, TLS and AUTH")
                .tag("provider", session.provider()).register(meters).record(took.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void connectFailed(Session session, MailException error) {
        Counter.builder("mailgate.smtp.connections").description("SMTP sessions opened, by provider and outcome")
                .tag("provider", session.provider()).tag("outcome", "failed").register(meters).increment();
    }

    @Override
    public void tlsHandshakeEnd(Session session, Handshake handshake) {
        Counter.builder("mailgate.smtp.tls.handshakes").description("TLS handshakes, by provider and protocol")
                .tag("provider", session.provider()).tag("protocol", handshake.protocol()).register(meters).increment();
    }

    @Override
    public void connectionAcquired(Session session, boolean reused, PoolState pool) {
        pool(session.provider(), pool);
    }

    @Override
    public void connectionReleased(Session session, boolean kept, PoolState pool) {
        pool(session.provider(), pool);
    }

    private void pool(String provider, PoolState state) {
        Pool p = pools.computeIfAbsent(provider, name -> {
            Pool q = new Pool();
            Gauge.builder("mailgate.smtp.pool.connections", q, x -> x.inUse).description("pooled SMTP connections, by state")
                    .tag("provider", name).tag("state", "in_use").register(meters);
            Gauge.builder("mailgate.smtp.pool.connections", q, x -> x.idle).description("pooled SMTP connections, by state")
                    .tag("provider", name).tag("state", "idle").register(meters);
            Gauge.builder("mailgate.smtp.pool.max", q, x -> x.max).description("the pool's size").tag("provider", name).register(meters);
            return q;
        });
        p.inUse = state.inUse();
        p.idle = state.idle();
        p.max = state.max();
    }
}
