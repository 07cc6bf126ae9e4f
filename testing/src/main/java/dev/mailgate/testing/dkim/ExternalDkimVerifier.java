package dev.mailgate.testing.dkim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Verifies DKIM signatures with Debian's {@code python3-dkim} (dkimpy), an implementation that shares no code with
 * Mailgate, so a test does not check the signer against itself. Public keys come from the records given here, not
 * from DNS. Needs {@code /usr/bin/python3} with the {@code dkim} and {@code nacl} modules ({@code apt-get install
 * python3-dkim python3-nacl}).
 */
public final class ExternalDkimVerifier {
    private static final String PYTHON = "/usr/bin/python3";
    private final Map<String, String> records;

    private ExternalDkimVerifier(Map<String, String> records) {
        this.records = Map.copyOf(records);
    }

    /**
     * @param records TXT values by owner name, e.g. {@code s1._domainkey.example.com -> v=DKIM1; k=rsa; p=...}
     */
    public static ExternalDkimVerifier withRecords(Map<String, String> records) {
        return new ExternalDkimVerifier(records);
    }

    /** The verdict for one message: pass, or the verifier's last log lines saying why not. */
    public record Result(boolean pass, String detail) {
    }

    /**
     * Verifies each message (by name) in one run of the verifier.
     *
     * @throws IllegalStateException when python3-dkim is not installed or the verifier does not finish in a minute
     */
    public Map<String, Result> verify(Map<String, byte[]> messages) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("dkim-verify");
            Path script = dir.resolve("verify.py");
            try (InputStream in = Objects.requireNonNull(ExternalDkimVerifier.class.getResourceAsStream("verify.py"))) {
                Files.copy(in, script);
            }
            StringBuilder zone = new StringBuilder();
            records.forEach((name, value) -> zone.append(name).append(' ').append(value).append('\n'));
            Path recordFile = dir.resolve("records.txt");
            Files.writeString(recordFile, zone);
            List<String> command = new ArrayList<>(List.of(PYTHON, script.toString(), recordFile.toString()));
            Map<String, String> fileToName = new LinkedHashMap<>();
            int i = 0;
            for (Map.Entry<String, byte[]> e : messages.entrySet()) {
                Path file = dir.resolve("m" + (i++) + ".eml");
                Files.write(file, e.getValue());
                command.add(file.toString());
                fileToName.put(file.toString(), e.getKey());
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the DKIM verifier did not finish within 60 s");
            }
            String text = new String(output, StandardCharsets.UTF_8);
            Map<String, Result> results = new LinkedHashMap<>();
            for (String line : text.split("\n")) {
                String[] parts = line.split(" ", 3);
                if (parts.length >= 2 && fileToName.containsKey(parts[1]) && (parts[0].equals("PASS") || parts[0].equals("FAIL"))) {
                    results.put(fileToName.get(parts[1]), new Result(parts[0].equals("PASS"), parts.length > 2 ? parts[2] : ""));
                }
            }
            if (results.size() != messages.size()) {
                throw new IllegalStateException("the DKIM verifier (" + PYTHON + " with python3-dkim and python3-nacl; "
                        + "apt-get install python3-dkim python3-nacl) gave " + results.size() + " verdicts for "
                        + messages.size() + " messages; its output: " + text.strip());
            }
            return results;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while verifying", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
