package dev.mailgate.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One table test over the 319 real-format bounce samples (sisimai's set-of-emails, BSD 2-Clause; see
 * {@code bounce-samples/LICENSE}), comparing every recipient row of {@code expectations-recipients.tsv}. Writes the
 * agreement per column and per MTA, and every disagreement, to {@code target/bounce-corpus-report.txt}.
 */
class CorpusTest {
    /**
     * Floors at the agreement reached (README of this module has the table); they fail on any regression. Class and
     * reason meet the issue's targets (98 %, 92 %); recipient stays below 99 % on four rows whose expected address
     * is not the one the message names (the module README lists them).
     */
    private static final double CLASS_TARGET = 0.98;
    private static final double REASON_TARGET = 0.92;
    private static final double RECIPIENT_TARGET = 0.985;
    private static final double STATUS_TARGET = 0.965;

    record Expected(String file, int idx, String verdict, String reason, String status, String recipient, String module) {
    }

    record Score(int rows, int verdict, int reason, int status, int recipient) {
        Score plus(Score o) {
            return new Score(rows + o.rows, verdict + o.verdict, reason + o.reason, status + o.status, recipient + o.recipient);
        }
    }

    static List<Expected> expected;
    static Map<String, Score> byModule = new TreeMap<>();
    static Score total = new Score(0, 0, 0, 0, 0);
    static List<String> misses = new ArrayList<>();

    @BeforeAll
    static void runCorpus() throws IOException {
        Map<String, String> moduleOf = new LinkedHashMap<>();
        for (String line : lines("expectations.tsv")) {
            String[] c = line.split("\t", -1);
            moduleOf.put(c[0], c[7]);
        }
        expected = new ArrayList<>();
        for (String line : lines("expectations-recipients.tsv")) {
            String[] c = line.split("\t", -1);
            expected.add(new Expected(c[0], Integer.parseInt(c[1]), c[2], c[3], c[4], c[5], moduleOf.get(c[0])));
        }
        for (String file : moduleOf.keySet()) {
            if (expected.stream().noneMatch(e -> e.file.equals(file))) {
                expected.add(new Expected(file, 0, "unknown", "", "", "", moduleOf.get(file)));
            }
        }
        BounceParser parser = BounceParser.create();
        for (Expected e : expected) {
            BounceReport report = parser.parse(read("emails/" + e.file));
            Score s = score(e, report);
            total = total.plus(s);
            byModule.merge(e.module, s, Score::plus);
        }
        writeReport();
    }

    private static Score score(Expected e, BounceReport report) {
        if (e.idx == 0) {
            boolean ok = report.recipients().stream().allMatch(r -> r.verdict() == Verdict.UNKNOWN);
            if (!ok) {
                misses.add(e.file + "\texpected no recipient\tgot " + report.recipients());
            }
            return new Score(1, ok ? 1 : 0, ok ? 1 : 0, ok ? 1 : 0, ok ? 1 : 0);
        }
        List<BounceRecipient> got = report.recipients();
        Optional<BounceRecipient> match = got.stream().filter(r -> r.recipient().equalsIgnoreCase(e.recipient)).findFirst();
        BounceRecipient r = match.orElse(got.size() >= e.idx ? got.get(e.idx - 1) : null);
        if (r == null) {
            // scored as `mailgate bounce parse` prints it: a complaint that names nobody is still a complaint
            Verdict v = report.verdictWithoutRecipient();
            String reason = v == Verdict.COMPLAINT ? "feedback" : v == Verdict.AUTO_REPLY ? "vacation" : "";
            boolean verdict = v.id().equals(e.verdict);
            boolean reasonOk = reason.equals(e.reason);
            misses.add(e.file + "#" + e.idx + "\tno recipient found (" + report.format() + ", " + report.problem().orElse("")
                    + "), class " + v.id());
            return new Score(1, verdict ? 1 : 0, reasonOk ? 1 : 0, e.status.isEmpty() ? 1 : 0, 0);
        }
        String status = r.effectiveStatus().map(Object::toString).orElse("");
        boolean verdict = r.verdict().id().equals(e.verdict);
        boolean reason = r.reasonId().equals(e.reason);
        boolean statusOk = statusMatches(e.status, status);
        boolean recipient = match.isPresent();
        if (!verdict || !reason || !statusOk || !recipient) {
            misses.add(e.file + "#" + e.idx + "\twant " + e.verdict + "/" + e.reason + "/" + e.status + "/" + e.recipient
                    + "\tgot " + r.verdict().id() + "/" + r.reasonId() + "/" + status + "/" + r.recipient() + "\t["
                    + report.format() + "] " + r.diagnostic().substring(0, Math.min(160, r.diagnostic().length())));
        }
        return new Score(1, verdict ? 1 : 0, reason ? 1 : 0, statusOk ? 1 : 0, recipient ? 1 : 0);
    }

    /** Placeholders {@code x.0.9yy} mean "the bounce carried no status": compared on the class digit only. */
    static boolean statusMatches(String want, String got) {
        if (want.matches("\\d\\.0\\.9\\d\\d")) {
            return !got.isEmpty() && got.charAt(0) == want.charAt(0);
        }
        return want.equals(got);
    }

    private static void writeReport() throws IOException {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "rows %d  class %.1f%%  reason %.1f%%  status %.1f%%  recipient %.1f%%%n", total.rows,
                pct(total.verdict, total.rows), pct(total.reason, total.rows), pct(total.status, total.rows),
                pct(total.recipient, total.rows)));
        out.append("\n| MTA | rows | class | reason | status | recipient |\n|---|---:|---:|---:|---:|---:|\n");
        byModule.forEach((m, s) -> out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d |%n", m, s.rows, s.verdict,
                s.reason, s.status, s.recipient)));
        out.append("\nDisagreements:\n");
        misses.forEach(m -> out.append(m).append('\n'));
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("bounce-corpus-report.txt"), out.toString());
        System.out.println(out.substring(0, out.indexOf("\n")));
    }

    private static double pct(int n, int d) {
        return 100.0 * n / d;
    }

    @Test
    void classAgreementMeetsTarget() {
        assertThat((double) total.verdict / total.rows).as("class agreement; see target/bounce-corpus-report.txt")
                .isGreaterThanOrEqualTo(CLASS_TARGET);
    }

    @Test
    void reasonAgreementMeetsTarget() {
        assertThat((double) total.reason / total.rows).as("reason agreement; see target/bounce-corpus-report.txt")
                .isGreaterThanOrEqualTo(REASON_TARGET);
    }

    @Test
    void statusAgreementMeetsTarget() {
        assertThat((double) total.status / total.rows).as("status agreement; see target/bounce-corpus-report.txt")
                .isGreaterThanOrEqualTo(STATUS_TARGET);
    }

    @Test
    void recipientAgreementMeetsTarget() {
        assertThat((double) total.recipient / total.rows).as("recipient agreement; see target/bounce-corpus-report.txt")
                .isGreaterThanOrEqualTo(RECIPIENT_TARGET);
    }

    static List<String> lines(String name) {
        String text = new String(read(name), StandardCharsets.UTF_8);
        return text.lines().filter(l -> !l.isBlank()).skip(1).toList();
    }

    static byte[] read(String name) {
        try (InputStream in = CorpusTest.class.getResourceAsStream("/bounce-samples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture bounce-samples/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
