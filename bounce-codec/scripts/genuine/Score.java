// First-sight scorer for the genuine fixtures (issue 17), run by hand, not by the build:
//   ./mvnw -o -q -pl bounce-codec -am install -DskipTests
//   ./mvnw -o -q -pl bounce-codec dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
//   java -cp "$(cat /tmp/cp.txt):bounce-codec/target/classes" bounce-codec/scripts/genuine/Score.java \
//       bounce-codec/src/test/resources/genuine [v]
// Per MTA and part: the share of expected.tsv rows whose recipient the parser finds and whose class, reason and
// effective status match (the checks of PostfixBouncesTest); with a second argument, the rows that miss.
import dev.mailgate.bounce.*;
import java.nio.file.*;
import java.util.*;

public class Score {
    public static void main(String[] a) throws Exception {
        BounceParser p = BounceParser.create();
        Path root = Path.of(a[0]);
        try (var mtas = Files.list(root)) {
            for (Path mta : mtas.filter(Files::isDirectory).sorted().toList()) {
                for (String part : List.of("development", "validation")) {
                    Path dir = mta.resolve(part);
                    if (!Files.exists(dir.resolve("expected.tsv"))) continue;
                    int n = 0, cls = 0, rsn = 0, st = 0, rc = 0;
                    List<String> miss = new ArrayList<>();
                    for (String line : Files.readAllLines(dir.resolve("expected.tsv"))) {
                        if (line.isBlank() || line.startsWith("#")) continue;
                        String[] c = line.split("\t");
                        n++;
                        BounceReport r;
                        try { r = p.parse(Files.readAllBytes(dir.resolve(c[0]))); } catch (Exception e) { miss.add(c[0] + " parse " + e); continue; }
                        Optional<BounceRecipient> br = r.recipients().stream().filter(x -> x.recipient().equalsIgnoreCase(c[1])).findFirst();
                        if (br.isEmpty()) { miss.add(c[0] + " no recipient " + r.recipients().stream().map(BounceRecipient::recipient).toList()); continue; }
                        rc++;
                        BounceRecipient b = br.get();
                        boolean okc = b.verdict().id().equals(c[2]), okr = b.reasonId().equals(c[3]);
                        boolean oks = b.effectiveStatus().map(Object::toString).orElse("").equals(c[4]);
                        if (okc) cls++; if (okr) rsn++; if (oks) st++;
                        if (!okc || !okr) miss.add(c[0] + " want " + c[2] + "/" + c[3] + " got " + b.verdict().id() + "/" + b.reasonId());
                    }
                    System.out.printf("%-10s %-11s n=%3d class %5.1f%% reason %5.1f%% status %5.1f%% recipient %5.1f%%%n", mta.getFileName(), part, n,
                            100.0 * cls / n, 100.0 * rsn / n, 100.0 * st / n, 100.0 * rc / n);
                    if (a.length > 1) miss.forEach(m -> System.out.println("    " + m));
                }
            }
        }
    }
}
