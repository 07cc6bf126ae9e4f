package dev.mailgate.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.message.RawMessage;
import dev.mailgate.core.suppression.SuppressionList;
import dev.mailgate.core.transport.RecipientOutcome;
import dev.mailgate.core.transport.SendReceipt;
import dev.mailgate.core.transport.SendResult;
import dev.mailgate.suppression.store.InMemorySuppressionStore;
import dev.mailgate.testing.RecordingTransport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuppressionFilterTest {
    private final Suppressions suppressions = new Suppressions(new InMemorySuppressionStore(), SuppressionPolicy.defaults());
    private final RecordingTransport recording = new RecordingTransport();
    private final SuppressionFilter filter = new SuppressionFilter(recording, suppressions);

    {
        suppressions.add(EmailAddress.parse("gone@example.org"), SuppressionList.SUPPRESSED, Optional.empty(), "hard bounce");
        suppressions.add(EmailAddress.parse("left@example.org"), SuppressionList.UNSUBSCRIBED, Optional.of("nov"), "unsubscribed");
    }

    private static EmailMessage newsletter(String campaign, String to) {
        return EmailMessage.builder().from("news@example.com").to(to).subject("News").text("Hi").metadata(SuppressionFilter.CAMPAIGN, campaign)
                .build();
    }

    @Test
    void blockedRecipientsAreLeftOutAndReported() {
        SendReceipt r = filter.send(newsletter("nov", "ana@example.org, gone@example.org, left@example.org"));
        assertThat(recording.last().message().envelope().recipients()).extracting(EmailAddress::address).containsExactly("ana@example.org");
        assertThat(r.accepted()).extracting(EmailAddress::address).containsExactly("ana@example.org");
        assertThat(r.recipients()).filteredOn(o -> o instanceof RecipientOutcome.Suppressed)
                .extracting(o -> ((RecipientOutcome.Suppressed) o).reason()).containsExactly("suppressed", "unsubscribed");
    }

    /** Issue 19: entries were keyed by the local part as written. */
    @Test
    void recipientsMatchWithoutCase() {
        SendReceipt r = filter.send(newsletter("nov", "Gone@Example.ORG, GONE@example.org, ana@example.org"));
        assertThat(recording.last().message().envelope().recipients()).extracting(EmailAddress::address).containsExactly("ana@example.org");
        assertThat(r.recipients()).filteredOn(o -> o instanceof RecipientOutcome.Suppressed).hasSize(2);
    }

    /** The CRM seed's "Address exclusion policy" as the filter's setting. */
    @Test
    void underTheGlobalExclusionPolicyAnUnsubscribeFromAnyCampaignExcludes() {
        SuppressionFilter global = new SuppressionFilter(recording, suppressions, ExclusionPolicy.GLOBAL);
        SendReceipt r = global.send(newsletter("dec", "left@example.org, ana@example.org"));
        assertThat(r.accepted()).extracting(EmailAddress::address).containsExactly("ana@example.org");
        List<SendResult> batch = global.sendBatch(List.of(newsletter("dec", "left@example.org"), newsletter("jan", "ana@example.org")));
        assertThat(((SendResult.Sent) batch.get(0)).receipt().accepted()).isEmpty();
        assertThat(filter.send(newsletter("dec", "left@example.org")).accepted()).as("Campaigns, the default").hasSize(1);
    }

    @Test
    void aCampaignUnsubscribeDoesNotBlockOtherCampaigns() {
        SendReceipt r = filter.send(newsletter("dec", "left@example.org"));
        assertThat(r.accepted()).extracting(EmailAddress::address).containsExactly("left@example.org");
    }

    @Test
    void withNobodyLeftNothingIsSent() {
        SendReceipt r = filter.send(newsletter("nov", "gone@example.org"));
        assertThat(recording.count()).isZero();
        assertThat(r.suppressed()).extracting(EmailAddress::address).containsExactly("gone@example.org");
        assertThat(r.providerMessageId()).isEmpty();
    }

    @Test
    void rawMessagesAreFilteredAgainstTheGlobalLists() {
        RawMessage raw = RawMessage.of(("From: news@example.com\r\nTo: ana@example.org, gone@example.org\r\nSubject: x\r\n"
                + "Message-ID: <r1@example.com>\r\n\r\nHi\r\n").getBytes(StandardCharsets.US_ASCII));
        SendReceipt r = filter.send(raw);
        assertThat(r.suppressed()).extracting(EmailAddress::address).containsExactly("gone@example.org");
        assertThat(recording.last().message().envelope().recipients()).extracting(EmailAddress::address).containsExactly("ana@example.org");
    }

    @Test
    void batchesAreFilteredMessageByMessageAndKeepTheirOrder() {
        List<EmailMessage> batch = List.of(newsletter("nov", "gone@example.org"), newsletter("nov", "ana@example.org, left@example.org"),
                newsletter("dec", "left@example.org"));
        List<SendResult> results = filter.sendBatch(batch);
        assertThat(results).extracting(SendResult::message).containsExactlyElementsOf(batch);
        assertThat(((SendResult.Sent) results.get(0)).receipt().suppressed()).hasSize(1);
        assertThat(((SendResult.Sent) results.get(1)).receipt().accepted()).extracting(EmailAddress::address).containsExactly("ana@example.org");
        assertThat(((SendResult.Sent) results.get(2)).receipt().accepted()).hasSize(1);
        assertThat(recording.count()).isEqualTo(2);
    }
}
