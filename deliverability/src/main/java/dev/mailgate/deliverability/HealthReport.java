package dev.mailgate.deliverability;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The findings for one sending setup, and the checks that were not run because an input was missing (a blocklist
 * check needs the sending IP, a DKIM check the selector).
 */
public record HealthReport(String domain, List<Finding> findings, List<String> notChecked) {
    public HealthReport {
        Objects.requireNonNull(domain, "domain");
        findings = List.copyOf(findings);
        notChecked = List.copyOf(notChecked);
    }

    /** The worst status of any finding (PASS when there are none). */
    public Finding.Status worst() {
        return findings.stream().map(Finding::status).max(Comparator.naturalOrder()).orElse(Finding.Status.PASS);
    }

    /** The findings of one check. */
    public List<Finding> of(String check) {
        return findings.stream().filter(f -> f.check().equals(check)).toList();
    }

    /** For people: one line per finding, its fix below it. */
    public String format() {
        StringBuilder b = new StringBuilder("DNS health of ").append(domain).append(System.lineSeparator());
        for (Finding f : findings) {
            b.append(String.format(Locale.ROOT, "%-5s %-26s %s%n", f.status(), f.check(), f.summary()));
            f.fix().ifPresent(fix -> b.append(String.format(Locale.ROOT, "%-32s fix: %s%n", "", fix)));
        }
        for (String skipped : notChecked) {
            b.append(String.format(Locale.ROOT, "%-5s %-26s%n", "-", "not checked: " + skipped));
        }
        return b.append("overall: ").append(worst()).append(System.lineSeparator()).toString();
    }
}
