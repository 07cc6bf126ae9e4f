package dev.mailgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MetricsExampleTest {
    @Test
    void theSendIsCountedTimedAndTakenFromTheQuota() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MeterRegistry meters = MetricsExample.run(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(meters.get("mailgate.send.messages").tag("provider", "newsletter").tag("outcome", "sent").counter().count()).isEqualTo(1);
        assertThat(meters.get("mailgate.send.latency").tag("provider", "newsletter").timer().count()).isEqualTo(1);
        assertThat(meters.get("mailgate.send.quota.left").tag("provider", "newsletter").gauge().value()).isEqualTo(499);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("mailgate.smtp.pool.connections");
    }
}
