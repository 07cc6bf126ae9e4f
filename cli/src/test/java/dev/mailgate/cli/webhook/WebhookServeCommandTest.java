package dev.mailgate.cli.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailgate.cli.CliRun;
import dev.mailgate.cli.ExitCodes;
import dev.mailgate.cli.MailgateCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Runs {@code mailgate webhook serve} as its own process, POSTs to it over HTTP, and stops it as Ctrl-C does. */
class WebhookServeCommandTest {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Served served;

    @AfterEach
    void stop() {
        if (served != null) {
            served.process.destroyForcibly();
        }
    }

    private static byte[] fixture(String name) throws Exception {
        return Files.readAllBytes(Paths.get(WebhookServeCommandTest.class.getResource("/webhook/" + name).toURI()));
    }

    private HttpResponse<String> post(String url, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            r.headers(headers);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void printsTheDecodedEventsOfEachPostAndStopsOnCtrlC() throws Exception {
        served = Served.start(List.of("--provider", "cloudmailin", "--port", "0", "--max-body", "4096"), List.of());

        HttpResponse<String> ok = post(served.url, fixture("multi-event.json"), "Content-Type", "application/json");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).contains("4 events");

        HttpResponse<String> malformed = post(served.url, fixture("kind-not-string.json"));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("$.events[0].kind");

        assertThat(post(served.url, new byte[5000]).statusCode()).as("over --max-body").isEqualTo(413);
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(served.url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);

        // Ctrl-C is SIGINT to the process
        assertThat(new ProcessBuilder("kill", "-INT", String.valueOf(served.process.pid())).start().waitFor()).isZero();
        assertThat(served.process.waitFor(20, TimeUnit.SECONDS)).as("stopped by SIGINT").isTrue();
        assertThat(served.process.exitValue()).isEqualTo(130);

        List<String> lines = served.out().lines().toList();
        assertThat(lines).hasSize(4);
        JsonNode bounce = new ObjectMapper().readTree(lines.get(1));
        assertThat(bounce.get("type").asText()).isEqualTo("bounced");
        assertThat(bounce.get("recipient").asText()).isEqualTo("ben@example.net");
        assertThat(served.err()).contains("-> 200 ok: 4 events").contains("-> 400").contains("-> 413").contains("-> 405").contains("stopped");
    }

    @Test
    void basicAuthenticationIsRequiredWhenConfiguredAndTheEndOfInputStopsIt() throws Exception {
        served = Served.start(List.of("--provider", "smtp", "--port", "0", "--path", "/callbacks/smtp", "--basic-user", "hook",
                "--basic-password-env", "HOOK_PASSWORD", "--until-stdin-closes", "--format", "tsv"), List.of("HOOK_PASSWORD=s3cret"));
        assertThat(served.url).endsWith("/callbacks/smtp");

        HttpResponse<String> refused = post(served.url, fixture("generic-callback.json"));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));

        String credentials = Base64.getEncoder().encodeToString("hook:s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(post(served.url, fixture("generic-callback.json"), "Authorization", "Basic " + credentials).statusCode()).isEqualTo(200);

        served.process.getOutputStream().close();
        assertThat(served.process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(served.process.exitValue()).isEqualTo(ExitCodes.OK);
        List<String> lines = served.out().lines().toList();
        assertThat(lines.get(0)).startsWith("#type\trecipient");
        assertThat(lines.subList(1, lines.size())).isNotEmpty().allMatch(l -> l.startsWith("bounced\t"));
    }

    @Test
    void usageAndListenErrorsExitAtOnce() throws Exception {
        CliRun cli = new CliRun();
        assertThat(cli.run("webhook", "serve", "--provider", "episerver", "--port", "0")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("providers with one").contains("cloudmailin");
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(cli.run("webhook", "serve", "--provider", "cloudmailin", "--port", String.valueOf(taken.getLocalPort())))
                    .isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(cli.err()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    /** The command in a JVM of its own (the test's class path), with its output collected as it comes. */
    private static final class Served {
        final Process process;
        final String url;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();

        private Served(Process process) throws Exception {
            this.process = process;
            collect(process.getInputStream(), out);
            collect(process.getErrorStream(), err);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            Matcher m = LISTENING.matcher("");
            while (!m.reset(err()).find()) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new AssertionError("the server did not start: " + err());
                }
                Thread.sleep(50);
            }
            this.url = m.group(1);
        }

        static Served start(List<String> args, List<String> env) throws Exception {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), MailgateCommand.class.getName(), "webhook", "serve"));
            command.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(command);
            env.forEach(e -> pb.environment().put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1)));
            return new Served(pb.start());
        }

        private static void collect(InputStream in, ByteArrayOutputStream sink) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try {
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        synchronized (sink) {
                            sink.write(buffer, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            });
            t.setDaemon(true);
            t.start();
        }

        String out() throws InterruptedException {
            Thread.sleep(100); // the reader threads drain what the ended process wrote
            synchronized (out) {
                return out.toString(StandardCharsets.UTF_8);
            }
        }

        String err() {
            synchronized (err) {
                return err.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
