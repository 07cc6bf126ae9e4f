package dev.mailgate.core.address;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The Public Suffix List (https://publicsuffix.org), for organizational domains as DMARC defines them (RFC 7489
 * section 3.2): the public suffix of a domain plus one label, so {@code bounce.news.example.co.uk} and
 * {@code news.example.co.uk} share {@code example.co.uk}. Both the ICANN and the private sections are used, as the
 * list's own algorithm says.
 *
 * <p>Where the list comes from: {@link #bundled()} reads the unmodified copy shipped in this jar (its date is
 * {@link #version()}; where it was taken from is in {@code public_suffix_list.version} next to it). How it is
 * updated: {@code scripts/update-public-suffix-list.sh} replaces that copy for a release, and the build fails once
 * the bundled copy is more than a year old. Applications that need fresher data keep a file current and either load
 * it with {@link #load(Path)} or name it in the system property {@value #FILE_PROPERTY}, which {@link #standard()}
 * (what Mailgate's own checks use) reads instead of the bundled copy.
 */
public final class PublicSuffixList {
    /** The system property naming a list file that {@link #standard()} uses instead of the bundled copy. */
    public static final String FILE_PROPERTY = "mailgate.publicSuffixList";
    private static final String RESOURCE = "public_suffix_list.dat";
    private static final String VERSION_HEADER = "// VERSION: ";
    private static volatile PublicSuffixList bundled;

    private String version = "";

    private final Set<String> rules = new HashSet<>();
    private final Set<String> wildcards = new HashSet<>();
    private final Set<String> exceptions = new HashSet<>();

    private PublicSuffixList(BufferedReader in) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            String rule = line.strip();
            if (version.isEmpty() && rule.startsWith(VERSION_HEADER)) {
                version = rule.substring(VERSION_HEADER.length()).strip(); // publicsuffix.org stamps each release
            }
            int space = rule.indexOf(' ');
            if (space >= 0) {
                rule = rule.substring(0, space); // the format: a rule ends at the first white space
            }
            if (rule.isEmpty() || rule.startsWith("//")) {
                continue;
            }
            if (rule.startsWith("!")) {
                exceptions.add(ascii(rule.substring(1)));
            } else if (rule.startsWith("*.")) {
                wildcards.add(ascii(rule.substring(2)));
            } else {
                rules.add(ascii(rule));
            }
        }
    }

    /** The copy shipped with Mailgate (loaded once). */
    public static PublicSuffixList bundled() {
        PublicSuffixList list = bundled;
        if (list == null) {
            try (InputStream in = PublicSuffixList.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the bundled public suffix list is missing from the jar");
                }
                list = new PublicSuffixList(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled public suffix list", e);
            }
            bundled = list;
        }
        return list;
    }

    /**
     * The list Mailgate's checks use: the file named by the system property {@value #FILE_PROPERTY} when it is set
     * (read once per call: callers keep the result), else {@link #bundled()}.
     *
     * @throws UncheckedIOException when the named file cannot be read; the message names the file
     */
    public static PublicSuffixList standard() {
        String file = System.getProperty(FILE_PROPERTY);
        if (file == null || file.isBlank()) {
            return bundled();
        }
        try {
            return load(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the public suffix list named by -D" + FILE_PROPERTY + "=" + file, e);
        }
    }

    /**
     * The release this list is, from the {@code // VERSION:} header publicsuffix.org writes (e.g.
     * {@code 2026-10-06_16-13-12_UTC}); empty for a file without one.
     */
    public String version() {
        return version;
    }

    /** A list from a file in the publicsuffix.org format, e.g. a copy an application keeps current. */
    public static PublicSuffixList load(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new PublicSuffixList(in);
        }
    }

    /** The public suffix of a domain ({@code co.uk} for {@code news.example.co.uk}); unknown TLDs count as suffixes. */
    public String publicSuffix(String domain) {
        String[] labels = labels(domain);
        return join(labels, labels.length - Math.min(labels.length, suffixLabels(labels)));
    }

    /**
     * The organizational domain (RFC 7489 3.2): the public suffix plus one label; a domain that is itself a public
     * suffix is its own organizational domain. Lower-case ASCII (IDNs in punycode).
     */
    public String organizationalDomain(String domain) {
        String[] labels = labels(domain);
        int keep = suffixLabels(labels) + 1;
        return join(labels, Math.max(0, labels.length - keep));
    }

    private int suffixLabels(String[] labels) {
        int best = 1; // the implicit "*" rule: the last label
        for (int i = 0; i < labels.length; i++) {
            String candidate = join(labels, i);
            int count = labels.length - i;
            if (exceptions.contains(candidate)) {
                return count - 1; // an exception rule wins over every other match
            }
            if (rules.contains(candidate)) {
                best = Math.max(best, count);
            }
            if (i > 0 && wildcards.contains(candidate)) {
                best = Math.max(best, count + 1);
            }
        }
        return best;
    }

    private static String[] labels(String domain) {
        String d = ascii(domain.strip());
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.isEmpty()) {
            throw new IllegalArgumentException("empty domain");
        }
        return d.split("\\.");
    }

    private static String join(String[] labels, int from) {
        return String.join(".", java.util.Arrays.copyOfRange(labels, from, labels.length));
    }

    private static String ascii(String domain) {
        return Idna.toAsciiLenient(domain);
    }
}
