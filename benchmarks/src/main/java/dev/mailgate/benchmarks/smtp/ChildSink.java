package dev.mailgate.benchmarks.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A {@link LatencySink} in a child JVM, so that the sink's threads, allocation and garbage collection are not
 * charged to the client being measured (on 2 cores they still share the CPU, as a client and a local relay do).
 */
final class ChildSink implements AutoCloseable {
    private final Process process;
    private final BufferedReader replies;
    private final PrintStream commands;
    private final int port;

    ChildSink(int rttMillis, boolean startTls) throws IOException {
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), LatencySink.class.getName(), String.valueOf(rttMillis * 1000L),
                startTls ? "starttls" : "plain").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.US_ASCII);
        String first = replies.readLine();
        if (first == null || !first.startsWith("port ")) {
            process.destroyForcibly();
            throw new IOException("the sink did not start: " + first);
        }
        port = Integer.parseInt(first.substring(5));
    }

    int port() {
        return port;
    }

    /** Messages the sink accepted so far. */
    long accepted() throws IOException {
        return ask("count");
    }

    /** Server turns (replies sent after one RTT) the sink took so far. */
    long turns() throws IOException {
        return ask("turns");
    }

    /** Content octets the sink accepted so far (dot-stuffed, as on the wire). */
    long octets() throws IOException {
        return ask("bytes");
    }

    private long ask(String command) throws IOException {
        commands.println(command);
        String line = replies.readLine();
        if (line == null) {
            throw new IOException("the sink exited");
        }
        return Long.parseLong(line);
    }

    @Override
    public void close() throws InterruptedException {
        commands.close();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
