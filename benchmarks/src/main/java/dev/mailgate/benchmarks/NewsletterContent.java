package dev.mailgate.benchmarks;

/** The ~5 KB message both benchmarks build: text + HTML with a few UTF-8 characters, one recipient, Reply-To, an X- header. */
final class NewsletterContent {
    static final String FROM = "news@example.com";
    static final String FROM_NAME = "Mailgate Team";
    static final String TO = "ana.lopez@example.org";
    static final String REPLY_TO = "support@example.com";
    static final String SUBJECT = "Your November newsletter — Grüße aus Köln";
    static final String CAMPAIGN_HEADER = "X-Campaign";
    static final String CAMPAIGN = "nov-2026";
    static final String TEXT;
    static final String HTML;

    static {
        StringBuilder text = new StringBuilder("Hello Ana,\n\nhere is what happened in November — café news and more.\n\n");
        StringBuilder html = new StringBuilder("<html><body><h1>Hello Ana,</h1>\n<p>Here is what happened in November &mdash; café news.</p>\n");
        int item = 1;
        while (text.length() < 2300) {
            text.append(item).append(". Our team shipped feature number ").append(item)
                    .append(", which makes sending mail faster and keeps lists clean.\n");
            item++;
        }
        item = 1;
        while (html.length() < 2700) {
            html.append("<p><b>").append(item).append(".</b> Our team shipped feature number ").append(item)
                    .append(", which makes sending mail <i>faster</i>.</p>\n");
            item++;
        }
        TEXT = text.append("\nRegards,\nthe Mailgate team\n").toString();
        HTML = html.append("</body></html>\n").toString();
    }

    private NewsletterContent() {
    }
}
