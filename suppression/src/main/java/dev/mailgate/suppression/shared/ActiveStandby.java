package dev.mailgate.suppression.shared;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a job on one instance of several (issue 23: one bounce poller per mailbox): every instance starts an
 * {@code ActiveStandby} on the same lease name; the one that holds the lease runs the job, the others stand by and
 * try the lease every third of its time. The holder renews at the same rate and stops its job as soon as a renewal
 * fails (the database unreachable, or the lease taken after a pause longer than the lease), so the job is stopped
 * before another instance can take it over in all but a pause that outlasts the lease; a standby takes over within
 * the lease time plus a third of it after the holder dies. The job is started afresh at each takeover.
 */
public final class ActiveStandby implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ActiveStandby.class.getName());

    private final Leases leases;
    private final String name;
    private final String holder;
    private final Duration ttl;
    private final Supplier<? extends AutoCloseable> job;
    private final Thread thread;
    private volatile boolean closed;
    private volatile AutoCloseable running;

    ActiveStandby(Leases leases, String name, String holder, Duration ttl, Supplier<? extends AutoCloseable> job) {
        this.leases = Objects.requireNonNull(leases, "leases");
        this.name = Objects.requireNonNull(name, "name");
        this.holder = Objects.requireNonNull(holder, "holder");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.job = Objects.requireNonNull(job, "job");
        if (ttl.compareTo(Duration.ofMillis(300)) < 0) {
            throw new IllegalArgumentException("the lease must be at least 300 ms, was " + ttl);
        }
        this.thread = new Thread(this::loop, "mailgate-active-standby-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether this instance holds the lease and runs the job now. */
    public boolean active() {
        return running != null;
    }

    private void loop() {
        while (!closed) {
            Optional<Lease> lease;
            try {
                lease = leases.acquire(name, holder, ttl);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "lease " + name + " could not be renewed; stopping the job here", e);
                lease = Optional.empty();
            }
            if (lease.isPresent() && running == null && !closed) {
                LOG.log(System.Logger.Level.INFO, holder + " holds " + name + " (fence " + lease.get().fence() + "); starting the job");
                running = job.get();
            } else if (lease.isEmpty() && running != null) {
                stopJob();
            }
            try {
                Thread.sleep(Math.max(100, ttl.toMillis() / 3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private synchronized void stopJob() {
        AutoCloseable r = running;
        running = null;
        if (r != null) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "stopping the job of " + name + " failed", e);
            }
        }
    }

    /** Stops the job and gives the lease up, so that a standby takes over at its next try. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopJob();
        try {
            leases.release(name, holder);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "releasing " + name + " failed; it expires by itself", e);
        }
    }
}
