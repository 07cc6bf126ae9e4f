package dev.mailgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java block in the README and docs/ that is marked {@code <!-- snippet: PATH#NAME -->} must equal the region
 * between {@code // snippet:NAME} and {@code // end:NAME} of PATH, a file this build compiles and runs. After
 * editing an example, {@code scripts/sync-doc-snippets.py} copies the regions into the docs.
 */
class DocsSnippetTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern MARKED = Pattern.compile("<!-- snippet: (\\S+)#(\\S+) -->\\n```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyMarkedSnippetMatchesItsCompiledSource() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        int checked = 0;
        for (Path doc : docs) {
            Matcher m = MARKED.matcher(Files.readString(doc));
            while (m.find()) {
                assertThat(m.group(3)).as("%s: snippet %s#%s (run scripts/sync-doc-snippets.py)", doc, m.group(1), m.group(2))
                        .isEqualTo(region(ROOT.resolve(m.group(1)), m.group(2)));
                checked++;
            }
        }
        assertThat(checked).as("marked snippets found").isGreaterThanOrEqualTo(5);
    }

    private static String region(Path source, String name) throws IOException {
        List<String> lines = Files.readAllLines(source);
        int start = -1;
        int end = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("// snippet:" + name)) {
                start = i + 1;
            } else if (lines.get(i).strip().equals("// end:" + name)) {
                end = i;
            }
        }
        assertThat(start).as("marker // snippet:%s in %s", name, source).isPositive();
        assertThat(end).as("marker // end:%s in %s", name, source).isGreaterThan(start);
        List<String> region = lines.subList(start, end);
        int indent = region.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder b = new StringBuilder();
        for (String l : region) {
            b.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        return b.toString();
    }
}
