package dev.mailgate.springboot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.cloudmailin.webhook.CloudMailinWebhookCodec;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.suppression.EventClass;
import dev.mailgate.suppression.Suppressions;
import dev.mailgate.suppression.callback.CallbackPublisher;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Events go to the lists and the callback outbox together, and the health turns DOWN when the outbox holds more
 * than it may: here the callback URL is a closed loopback port, so nothing leaves it.
 */
class MailgateHealthTest {
    @Test
    void anEventReachesTheListsAndTheOutboxAndAStuckOutboxIsDown() throws Exception {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MailgateAutoConfiguration.class))
                .withPropertyValues("mailgate.suppression.store=memory", "mailgate.callback.url=http://127.0.0.1:9/callback",
                        "mailgate.callback.max-delay=1h", "mailgate.health.outbox-max-pending=0")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    MailgateHealth health = ctx.getBean(MailgateHealth.class);
                    assertThat(health.check().up()).isTrue();

                    List<MailEvent> events;
                    try (InputStream in = getClass().getResourceAsStream("/mailgate/cloudmailin-bounce-reply.json")) {
                        events = new CloudMailinWebhookCodec().decode(in.readAllBytes(), Instant.now());
                    }
                    ctx.getBean(MailgateEvents.class).accept(events);

                    EmailAddress user = EmailAddress.parse("user@example.net");
                    Suppressions lists = ctx.getBean(Suppressions.class);
                    assertThat(lists.store().count(user, EventClass.SOFT) + lists.store().count(user, EventClass.HARD)).isEqualTo(1);
                    assertThat(ctx.getBean(CallbackPublisher.class).pending()).isEqualTo(1);

                    MailgateHealth.Report r = health.check();
                    assertThat(r.up()).isFalse();
                    assertThat(r.details()).containsKeys("store", "outbox").doesNotContainKey("smtp");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> outbox = (Map<String, Object>) r.details().get("outbox");
                    assertThat(outbox).containsEntry("status", "DOWN").containsEntry("pending", 1);
                });
    }
}
