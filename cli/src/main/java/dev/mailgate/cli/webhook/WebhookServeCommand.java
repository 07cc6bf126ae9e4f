package dev.mailgate.cli.webhook;

import dev.mailgate.cli.ExitCodes;
import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.webhook.BasicAuthenticator;
import dev.mailgate.core.webhook.WebhookAuthenticator;
import dev.mailgate.core.webhook.WebhookHandler;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailgate webhook serve}: a local endpoint that prints the decoded events of every POST, for wiring up a
 * provider's webhook (point it, or a tunnel, at the printed URL) before the application handles them.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Listen for a provider's webhook POSTs and print their decoded events, one",
            "per line, as 'webhook decode' does. Each request is logged on standard error",
            "with the status answered: 200; 400 malformed (saying where); 401 refused",
            "authentication; 405 not a POST; 413 body over --max-body. Ctrl-C stops it."},
        footer = {"", "Examples:",
            "  mailgate webhook serve --provider cloudmailin --port 8025",
            "  HOOK_PASSWORD=... mailgate webhook serve --provider cloudmailin \\",
            "      --basic-user hook --basic-password-env HOOK_PASSWORD",
            "  mailgate webhook serve --provider smtp --path /callbacks/smtp --format tsv",
            "",
            "Exit codes: 0 stopped at the end of standard input (--until-stdin-closes);",
            "1 cannot listen (address in use) or --basic-password-env is not set;",
            "2 usage error (no codec for the provider). Stopped by Ctrl-C or SIGTERM,",
            "it flushes the printed events and ends with the signal's status (130)."})
public final class WebhookServeCommand implements Callable<Integer> {
    @Option(names = "--provider", required = true, description = "whose format: cloudmailin, smtp, ...")
    String provider;

    @Option(names = "--port", defaultValue = "8025", description = "the port (default 8025; 0 picks a free one, printed)")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "the address to listen on (default 127.0.0.1, this machine only)")
    String bind;

    @Option(names = "--path", defaultValue = "/webhook", description = "the path to POST to (default /webhook)")
    String path;

    @Option(names = "--max-body", defaultValue = "10485760", paramLabel = "BYTES", description = "the largest body accepted (default 10 MiB, as InputLimits.maxPayloadBytes)")
    int maxBody;

    @Option(names = "--basic-user", description = "require HTTP Basic authentication with this user name (as CloudMailin sends)")
    String basicUser;

    @Option(names = "--basic-password-env", paramLabel = "VARIABLE", description = "the Basic authentication password, from this environment variable")
    String basicPasswordEnv;

    @Option(names = "--until-stdin-closes", description = "also stop when standard input ends (for scripts and supervisors)")
    boolean untilStdinCloses;

    @Option(names = "--format", defaultValue = "json", description = "json (default; one object per line) or tsv")
    String format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<CallbackCodec> codec = EventOutput.codec(provider);
        String usage = codec.isEmpty() ? EventOutput.noCodec(provider)
                : !EventOutput.validFormat(format) ? "--format must be json or tsv"
                : !path.startsWith("/") ? "--path must start with /, was \"" + path + "\""
                : maxBody < 1 ? "--max-body must be positive" : (basicUser == null) != (basicPasswordEnv == null)
                ? "--basic-user and --basic-password-env go together" : null;
        if (usage != null) {
            return fail(err, usage, ExitCodes.USAGE);
        }
        WebhookAuthenticator authenticator = WebhookAuthenticator.none();
        if (basicUser != null) {
            String password = System.getenv(basicPasswordEnv);
            if (password == null) {
                return fail(err, "--basic-password-env: environment variable " + basicPasswordEnv + " is not set", ExitCodes.INVALID_INPUT);
            }
            authenticator = BasicAuthenticator.of(basicUser, password);
        }
        EventOutput printer = new EventOutput(out, format);
        WebhookHandler handler = WebhookHandler.builder(codec.get()).authenticator(authenticator).maxBodyBytes(maxBody)
                .listener(events -> {
                    synchronized (out) {
                        events.forEach(printer::print);
                        out.flush();
                    }
                }).build();
        WebhookEndpoint endpoint;
        try {
            endpoint = WebhookEndpoint.start(bind, port, path, handler, err);
        } catch (IOException | IllegalArgumentException e) {
            return fail(err, "cannot listen on " + bind + ":" + port + ": " + e.getMessage(), ExitCodes.INVALID_INPUT);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C: the JVM runs shutdown hooks; stop accepting, flush what was printed, and let it exit.
        Thread hook = new Thread(() -> {
            endpoint.close();
            synchronized (out) {
                out.flush();
            }
            err.println("mailgate webhook serve: stopped");
            err.flush();
            stopped.countDown();
        }, "mailgate-webhook-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        synchronized (out) {
            printer.header();
            out.flush();
        }
        err.println("mailgate webhook serve: listening on " + endpoint.url() + " for " + provider + " payloads (" + codec.get().format()
                + ", up to " + maxBody + " bytes" + (basicUser == null ? ", no authentication" : ", Basic authentication as " + basicUser)
                + "); Ctrl-C stops");
        err.flush();
        if (untilStdinCloses) {
            waitForEndOfInput();
            Runtime.getRuntime().removeShutdownHook(hook);
            hook.run();
            return ExitCodes.OK;
        }
        stopped.await();
        return ExitCodes.OK;
    }

    private static void waitForEndOfInput() {
        try {
            while (System.in.read() >= 0) {
                // ignore what is typed; only the end matters
            }
        } catch (IOException e) {
            // a broken input ends it as well
        }
    }

    private static int fail(PrintWriter err, String message, int code) {
        err.println("mailgate webhook serve: " + message);
        err.flush();
        return code;
    }
}
