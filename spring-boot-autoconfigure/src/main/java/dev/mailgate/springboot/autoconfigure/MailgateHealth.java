package dev.mailgate.springboot.autoconfigure;

import dev.mailgate.suppression.callback.CallbackPublisher;
import dev.mailgate.suppression.store.SuppressionStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The state of Mailgate's parts, independent of Actuator's API (which differs between Boot 3 and 4; one adapter
 * for each reads this): the SMTP server reachable (cached), the suppression store answering, the bounce poller
 * alive, the callback outbox not stuck. Down when any part that is configured is down.
 */
public final class MailgateHealth {
    /** @param details by part: its status and what was found */
    public record Report(boolean up, Map<String, Object> details) {
        public Report {
            details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
        }
    }

    private final Optional<SmtpProbe> smtp;
    private final Optional<SuppressionStore> store;
    private final Optional<CallbackPublisher> publisher;
    private final Optional<PollerState> poller;
    private final int outboxMaxPending;

    MailgateHealth(Optional<SmtpProbe> smtp, Optional<SuppressionStore> store, Optional<CallbackPublisher> publisher,
            Optional<PollerState> poller, int outboxMaxPending) {
        this.smtp = smtp;
        this.store = store;
        this.publisher = publisher;
        this.poller = poller;
        this.outboxMaxPending = outboxMaxPending;
    }

    public Report check() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean up = true;
        if (smtp.isPresent()) {
            SmtpProbe.Result r = smtp.get().check();
            up &= r.up();
            details.put("smtp", part(r.up(), Map.of("checkedAt", r.checkedAt().toString(), "report", r.report())));
        }
        if (store.isPresent()) {
            boolean ok;
            String detail;
            try {
                // A real query (the outbox count), not a cached flag: a dropped database shows here.
                int n = store.get().outbox().count("mailgate-health", false);
                ok = n >= 0;
                detail = store.get().toString();
            } catch (RuntimeException e) {
                ok = false;
                detail = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            up &= ok;
            details.put("store", part(ok, Map.of("store", detail)));
        }
        if (poller.isPresent()) {
            PollerState.Snapshot s = poller.get().snapshot();
            up &= s.alive();
            details.put("bounceMailbox", part(s.alive(), s.details()));
        }
        if (publisher.isPresent()) {
            int pending = publisher.get().pending();
            int refused = publisher.get().failed();
            boolean ok = pending <= outboxMaxPending;
            up &= ok;
            details.put("outbox", part(ok, Map.of("destination", publisher.get().destination(), "pending", pending, "refused", refused,
                    "maxPending", outboxMaxPending)));
        }
        return new Report(up, details);
    }

    private static Map<String, Object> part(boolean up, Map<String, Object> found) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", up ? "UP" : "DOWN");
        m.putAll(found);
        return m;
    }
}
