package dev.mailgate.micrometer;

/** The observation names and their key names, in one place (docs/metrics.md lists them). */
final class Names {
    static final String SEND = "mailgate.send";
    static final String BATCH = "mailgate.batch";
    static final String WEBHOOK_REQUEST = "mailgate.webhook.request";
    static final String POLL = "mailgate.bounce.poll";
    static final String CALLBACK_PUBLISH = "mailgate.callback.publish";

    static final String FORMAT = "mailgate.format";
    static final String STATUS = "mailgate.status";
    static final String DESTINATION = "mailgate.destination";
    static final String OUTCOME = "mailgate.outcome";
    static final String PROVIDER = "mailgate.provider";
    static final String FOLDER = "mailgate.folder";

    private Names() {
    }
}
