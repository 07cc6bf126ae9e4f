package dev.mailgate.cli.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailgate.cli.ExitCodes;
import dev.mailgate.cli.CliRun;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookDecodeCommandTest {
    private final CliRun cli = new CliRun();

    private int run(String... args) {
        return cli.run(args);
    }

    private static String fixture(String name) throws URISyntaxException {
        return Path.of(WebhookDecodeCommandTest.class.getResource("/webhook/" + name).toURI()).toString();
    }

    @Test
    void cloudMailinEventsAsJsonLines() throws Exception {
        int code = run("webhook", "decode", "--provider", "cloudmailin", fixture("multi-event.json"));
        assertThat(code).as(cli.err()).isEqualTo(ExitCodes.OK);
        List<String> lines = cli.out().lines().toList();
        assertThat(lines).hasSize(4);
        ObjectMapper json = new ObjectMapper();
        JsonNode bounce = json.readTree(lines.get(1));
        assertThat(bounce.get("type").asText()).isEqualTo("bounced");
        assertThat(bounce.get("recipient").asText()).isEqualTo("ben@example.net");
        assertThat(bounce.get("provider").asText()).isEqualTo("cloudmailin");
        assertThat(bounce.get("providerMessageId").asText()).isEqualTo("id-2");
        assertThat(bounce.get("bounceClass").asText()).isEqualTo("hard");
        assertThat(bounce.get("reason").asText()).isEqualTo("userunknown");
        assertThat(bounce.get("status").asText()).isEqualTo("5.1.1");
        assertThat(bounce.has("occurredAt")).isTrue();
        for (String line : lines) {
            assertThat(json.readTree(line).fieldNames()).toIterable()
                    .contains("type", "recipient", "provider", "providerMessageId", "bounceClass", "reason", "status", "occurredAt");
        }
    }

    @Test
    void theGenericSmtpCallbackAsTsv() throws Exception {
        int code = run("webhook", "decode", "--provider", "smtp", "--format", "tsv", fixture("generic-callback.json"));
        assertThat(code).as(cli.err()).isEqualTo(ExitCodes.OK);
        List<String> lines = cli.out().lines().toList();
        assertThat(lines.get(0)).startsWith("#type\trecipient\tprovider");
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.startsWith("bounced\t")).allMatch(l -> l.split("\t", -1).length == 8);
    }

    /** Postmark's documented bounce webhook example: the CLI bundles provider-postmark, found by ServiceLoader. */
    @Test
    void aPostmarkBounceDecodesThroughTheBundledProvider() throws Exception {
        int code = run("webhook", "decode", "--provider", "postmark", fixture("postmark-bounce-hard.json"));
        assertThat(code).as(cli.err()).isEqualTo(ExitCodes.OK);
        List<String> lines = cli.out().lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode bounce = new ObjectMapper().readTree(lines.get(0));
        assertThat(bounce.get("type").asText()).isEqualTo("bounced");
        assertThat(bounce.get("provider").asText()).isEqualTo("postmark");
        assertThat(bounce.get("recipient").asText()).isEqualTo("john@example.com");
        assertThat(bounce.get("providerMessageId").asText()).isEqualTo("883953f4-6105-42a2-a16a-77a8eac79483");
        assertThat(bounce.get("bounceClass").asText()).isEqualTo("hard");
        assertThat(bounce.get("reason").asText()).isEqualTo("userunknown");
    }

    @Test
    void malformedInputSaysWhere() throws Exception {
        int code = run("webhook", "decode", "--provider", "cloudmailin", fixture("kind-not-string.json"));
        assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(cli.err()).contains("$.events[0].kind").contains("expected a string");
        assertThat(run("webhook", "decode", "--provider", "episerver", fixture("multi-event.json"))).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("providers with one").contains("cloudmailin").contains("postmark").contains("resend")
                .contains("sparkpost");
    }
}
