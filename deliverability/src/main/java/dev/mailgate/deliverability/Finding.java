package dev.mailgate.deliverability;

import java.util.Objects;
import java.util.Optional;

/**
 * One result of a check.
 *
 * @param check what was checked: spf, dkim, dmarc, alignment, mx, envelope-mx, cname or blocklist:&lt;zone&gt;
 * @param summary what was found, in one line
 * @param fix what to change, for a warning or a failure
 */
public record Finding(String check, Status status, String summary, Optional<String> fix) {
    /** Ordered from good to bad. */
    public enum Status { PASS, WARN, FAIL }

    public Finding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(fix, "fix");
    }

    static Finding pass(String check, String summary) {
        return new Finding(check, Status.PASS, summary, Optional.empty());
    }

    static Finding warn(String check, String summary, String fix) {
        return new Finding(check, Status.WARN, summary, Optional.of(fix));
    }

    static Finding fail(String check, String summary, String fix) {
        return new Finding(check, Status.FAIL, summary, Optional.of(fix));
    }
}
