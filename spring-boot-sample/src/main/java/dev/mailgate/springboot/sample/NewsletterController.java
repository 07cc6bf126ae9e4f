package dev.mailgate.springboot.sample;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.transport.RecipientOutcome;
import dev.mailgate.core.transport.SendResult;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.suppression.SuppressionFilter;
import dev.mailgate.suppression.unsubscribe.UnsubscribeTokens;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Sends one issue of the newsletter to a list of readers, each with their own one-click unsubscribe link. */
@RestController
class NewsletterController {
    /** One issue: the campaign (the unsubscribe scope), a subject, the text and who gets it. */
    record Issue(String campaign, String subject, String text, List<String> readers) {
    }

    /** What happened: sent to, left out (suppressed or unsubscribed), failed. */
    record Outcome(int sent, int suppressed, int failed) {
    }

    private final Transport transport;
    private final UnsubscribeTokens tokens;
    private final EmailAddress from;
    private final URI unsubscribe;

    NewsletterController(Transport transport, UnsubscribeTokens tokens, @Value("${newsletter.from}") String from,
            @Value("${newsletter.unsubscribe-url}") URI unsubscribe) {
        this.transport = transport;
        this.tokens = tokens;
        this.from = EmailAddress.parse(from);
        this.unsubscribe = unsubscribe;
    }

    @PostMapping("/newsletter")
    Outcome send(@RequestBody Issue issue) {
        List<EmailMessage> messages = new ArrayList<>();
        for (String reader : issue.readers()) {
            EmailAddress to = EmailAddress.parse(reader);
            String token = tokens.issue(to, Optional.of(issue.campaign()), Duration.ofDays(60));
            EmailMessage.Builder m = EmailMessage.builder().from(from).to(to).subject(issue.subject()).text(issue.text())
                    .metadata(SuppressionFilter.CAMPAIGN, issue.campaign());
            messages.add(tokens.addHeaders(m, unsubscribe, Optional.empty(), token).build());
        }
        int sent = 0;
        int suppressed = 0;
        int failed = 0;
        for (SendResult r : transport.sendBatch(messages)) {
            if (r instanceof SendResult.Sent s) {
                for (RecipientOutcome o : s.receipt().recipients()) {
                    if (o instanceof RecipientOutcome.Suppressed) {
                        suppressed++;
                    } else if (o instanceof RecipientOutcome.Accepted) {
                        sent++;
                    } else {
                        failed++;
                    }
                }
            } else {
                failed++;
            }
        }
        return new Outcome(sent, suppressed, failed);
    }
}
