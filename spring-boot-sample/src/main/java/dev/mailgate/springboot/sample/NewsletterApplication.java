package dev.mailgate.springboot.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A newsletter on the Mailgate starter: POST /newsletter sends an issue through the auto-configured Transport (the
 * suppression filter leaves out bounced and unsubscribed readers), CloudMailin posts delivery events to
 * /webhooks/cloudmailin, bounces are read from the IMAP bounce mailbox, and readers unsubscribe with one click
 * (RFC 8058). Everything is set in application.properties; the application writes no Mailgate glue.
 */
@SpringBootApplication
public class NewsletterApplication {
    public static void main(String[] args) {
        SpringApplication.run(NewsletterApplication.class, args);
    }
}
