package dev.mailgate.springboot.autoconfigure;

import dev.mailgate.bounce.mailbox.BounceMailboxPoller;
import dev.mailgate.bounce.mailbox.PollResult;
import dev.mailgate.springboot.autoconfigure.properties.BounceMailboxProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the bounce poller once the context has started, and stops it before the beans it feeds are destroyed
 * (SmartLifecycle: started last, stopped first). With IDLE the poller's own background loop runs (it waits on the
 * server); without, passes run here every poll interval, each pass's outcome kept for the health check. A failed pass
 * is logged and the next one tried: a mailbox that is down for a while must not stop the application.
 */
public final class BouncePollerLifecycle implements SmartLifecycle, PollerState {
    private static final System.Logger LOG = System.getLogger(BouncePollerLifecycle.class.getName());

    private final BounceMailboxPoller poller;
    private final boolean idle;
    private final Duration interval;
    private final Duration maxSilence;
    private volatile ScheduledExecutorService loop;
    private volatile boolean running;
    private volatile Instant lastPass;
    private volatile PollResult lastResult;
    private volatile String lastFailure;
    private volatile Instant startedAt;

    BouncePollerLifecycle(BounceMailboxPoller poller, BounceMailboxProperties p, Duration maxSilence) {
        this.poller = poller;
        this.idle = p.isIdle();
        this.interval = p.getPollInterval() != null ? p.getPollInterval() : Duration.ofMinutes(1);
        this.maxSilence = maxSilence;
    }

    @Override
    public synchronized void start() {
        startedAt = Instant.now();
        if (idle) {
            poller.start();
        } else {
            loop = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "mailgate-bounce-poller");
                t.setDaemon(true);
                return t;
            });
            loop.scheduleWithFixedDelay(this::pass, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        running = true;
    }

    /** One pass now, outside the schedule (what the loop runs). */
    public PollResult pass() {
        try {
            PollResult r = poller.pollOnce();
            lastResult = r;
            lastPass = Instant.now();
            lastFailure = null;
            return r;
        } catch (RuntimeException e) {
            lastFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.log(System.Logger.Level.WARNING, "bounce mailbox pass failed; the next one is in " + interval, e);
            return null;
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (loop != null) {
            loop.shutdown();
            try {
                // a pass under way finishes (its mail is handled and moved, or left for the next start)
                if (!loop.awaitTermination(30, TimeUnit.SECONDS)) {
                    loop.shutdownNow();
                }
            } catch (InterruptedException e) {
                loop.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        poller.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public Snapshot snapshot() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mode", idle ? "idle" : "poll");
        d.put("running", running);
        if (lastPass != null) {
            d.put("lastPass", lastPass.toString());
        }
        if (lastResult != null) {
            d.put("lastHandled", lastResult.handled());
        }
        if (lastFailure != null) {
            d.put("lastFailure", lastFailure);
        }
        boolean alive = running;
        if (!idle && running) {
            Instant since = lastPass != null ? lastPass : startedAt;
            alive = since != null && since.plus(maxSilence).isAfter(Instant.now());
        }
        return new Snapshot(alive, d);
    }
}
