package dev.mailgate.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scores the genuine bounces of real MTAs ({@code genuine/<mta>/{development,validation}}, made by
 * {@code scripts/genuine/}, issue 17) per MTA family and part, on the four columns of the shared-samples test
 * (class, reason, status, recipient), and writes the table and every miss to {@code target/genuine-report.txt}.
 * Rules are written from {@code development} only; {@code validation} measures how they generalize. The floors
 * below fail on a regression; the figures, first sight and final, are in this module's README.
 */
class GenuineBouncesTest {
    /** Floors at the figures reached (README): class and reason of the development and the validation parts. */
    private static final Map<String, double[]> FLOORS = Map.ofEntries(
            Map.entry("postfix/development", new double[] {1.0, 0.951}),
            Map.entry("postfix/validation", new double[] {1.0, 0.964}),
            Map.entry("postfix-dns/development", new double[] {1.0, 1.0}),
            Map.entry("exim/development", new double[] {0.987, 0.95}),
            Map.entry("exim/validation", new double[] {0.962, 0.888}),
            Map.entry("sendmail/development", new double[] {1.0, 0.873}),
            Map.entry("sendmail/validation", new double[] {1.0, 0.846}),
            Map.entry("opensmtpd/development", new double[] {0.982, 0.947}),
            Map.entry("opensmtpd/validation", new double[] {1.0, 1.0}),
            Map.entry("courier/development", new double[] {1.0, 0.983}),
            Map.entry("courier/validation", new double[] {1.0, 0.95}),
            // batch 2 (scripts/genuine/cases_b2.py): new causes, scored on their own; rules from development only
            Map.entry("postfix-b2/development", new double[] {1.0, 0.983}),
            Map.entry("postfix-b2/validation", new double[] {0.857, 0.571}),
            Map.entry("exim-b2/development", new double[] {1.0, 0.983}),
            Map.entry("exim-b2/validation", new double[] {0.904, 0.571}),
            Map.entry("sendmail-b2/development", new double[] {1.0, 0.983}),
            Map.entry("sendmail-b2/validation", new double[] {0.952, 0.523}),
            Map.entry("opensmtpd-b2/development", new double[] {0.923, 0.82}),
            Map.entry("opensmtpd-b2/validation", new double[] {1.0, 1.0}),
            Map.entry("courier-b2/development", new double[] {0.954, 0.886}),
            Map.entry("courier-b2/validation", new double[] {1.0, 0.928}),
            // batch 3 (scripts/genuine/cases_b3.py): scored at first sight, then rules from development only
            Map.entry("postfix-b3/development", new double[] {0.979, 0.938}),
            Map.entry("postfix-b3/validation", new double[] {1.0, 0.733}),
            Map.entry("exim-b3/development", new double[] {1.0, 0.895}),
            Map.entry("exim-b3/validation", new double[] {1.0, 0.75}),
            Map.entry("sendmail-b3/development", new double[] {1.0, 0.906}),
            Map.entry("sendmail-b3/validation", new double[] {0.923, 0.769}));

    record Score(int rows, int verdict, int reason, int status, int recipient) {
        Score plus(Score o) {
            return new Score(rows + o.rows, verdict + o.verdict, reason + o.reason, status + o.status, recipient + o.recipient);
        }
    }

    static final Map<String, Score> scores = new TreeMap<>();
    static final List<String> misses = new ArrayList<>();

    @BeforeAll
    static void score() throws IOException, URISyntaxException {
        URL root = GenuineBouncesTest.class.getResource("/genuine");
        assertThat(root).as("genuine fixtures").isNotNull();
        BounceParser parser = BounceParser.create();
        try (Stream<Path> parts = Files.walk(Path.of(root.toURI()), 2)) {
            for (Path part : parts.filter(p -> Files.exists(p.resolve("expected.tsv"))).sorted().toList()) {
                String key = part.getParent().getFileName() + "/" + part.getFileName();
                Score total = new Score(0, 0, 0, 0, 0);
                for (String line : Files.readAllLines(part.resolve("expected.tsv"), StandardCharsets.UTF_8)) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    String[] c = line.split("\t", -1);
                    BounceReport report;
                    try (InputStream in = Files.newInputStream(part.resolve(c[0]))) {
                        report = parser.parse(in);
                    }
                    total = total.plus(score(key, c, report));
                }
                scores.put(key, total);
            }
        }
        StringBuilder out = new StringBuilder("| MTA / part | rows | class | reason | status | recipient |\n|---|---:|---:|---:|---:|---:|\n");
        scores.forEach((k, s) -> out.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f |%n", k, s.rows,
                pct(s.verdict, s.rows), pct(s.reason, s.rows), pct(s.status, s.rows), pct(s.recipient, s.rows))));
        out.append("\nMisses:\n");
        misses.forEach(m -> out.append(m).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "genuine-report.txt"), out.toString());
        System.out.print(out.substring(0, out.indexOf("\nMisses:")));
    }

    private static Score score(String key, String[] want, BounceReport report) {
        String file = want[0];
        String recipient = want[1];
        Optional<BounceRecipient> match = report.recipients().stream().filter(r -> r.recipient().equalsIgnoreCase(recipient)).findFirst();
        BounceRecipient r = match.orElse(report.recipients().isEmpty() ? null : report.recipients().get(0));
        if (r == null) {
            misses.add(key + "/" + file + "\tno recipient (" + report.format() + ", " + report.problem().orElse("") + ")");
            return new Score(1, 0, 0, 0, 0);
        }
        String status = r.effectiveStatus().map(Object::toString).orElse("");
        boolean verdict = r.verdict().id().equals(want[2]);
        boolean reason = r.reasonId().equals(want[3]);
        boolean statusOk = CorpusTest.statusMatches(want[4], status);
        if (!verdict || !reason || !statusOk || match.isEmpty()) {
            misses.add(key + "/" + file + "\twant " + want[2] + "/" + want[3] + "/" + want[4] + "\tgot " + r.verdict().id() + "/"
                    + r.reasonId() + "/" + status + "/" + r.stage() + (match.isEmpty() ? "/" + r.recipient() : "") + "\t"
                    + r.diagnostic().substring(0, Math.min(200, r.diagnostic().length())));
        }
        return new Score(1, verdict ? 1 : 0, reason ? 1 : 0, statusOk ? 1 : 0, match.isPresent() ? 1 : 0);
    }

    private static double pct(int n, int d) {
        return d == 0 ? 0 : 100.0 * n / d;
    }

    @Test
    void everyPartMeetsItsFloor() {
        FLOORS.forEach((key, floor) -> {
            Score s = scores.get(key);
            assertThat(s).as(key).isNotNull();
            assertThat((double) s.verdict / s.rows).as(key + " class; see target/genuine-report.txt").isGreaterThanOrEqualTo(floor[0]);
            assertThat((double) s.reason / s.rows).as(key + " reason").isGreaterThanOrEqualTo(floor[1]);
        });
    }
}
