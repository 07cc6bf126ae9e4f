package dev.mailgate.core.webhook;

import dev.mailgate.core.event.MailEvent;
import java.util.List;

/**
 * Hears what a {@link WebhookHandler} does with each request, for metrics, tracing and logs (the handling's own
 * steps; the decoded mail events themselves go to the application's {@link WebhookListener}). Every method has a
 * no-op default, so an implementation overrides only what it needs, and new steps can be added later without
 * breaking it — the style of OkHttp's {@code EventListener}.
 *
 * <p>For one request the calls come in this order, on the thread that called {@link WebhookHandler#handle}:
 * <pre>
 * requestReceived
 *   ( authenticationRefused
 *   | eventsDecoded duplicate* listenerFailed? )?
 * ( statusReturned | requestFailed )
 * </pre>
 * A request refused before authentication (405, 413) or whose payload is malformed (400) goes straight from
 * {@code requestReceived} to {@code statusReturned}. Exactly one of {@code statusReturned} and {@code requestFailed}
 * ends every request, so a listener that starts a timer or a span in {@code requestReceived} can always stop it.
 *
 * <p>A listener that throws is logged and ignored: it never changes the status, the events handed over or what is
 * recorded as seen, and the other listeners are still told. Keep the methods quick; they run on the request thread.
 *
 * <p>Listeners that keep state for a request (a timer, a span) are made per request by a {@link Factory}; one
 * stateless instance serves every request through {@code request -> listener}.
 */
public interface WebhookHandlerListener {
    /** Hears nothing. */
    WebhookHandlerListener NONE = new WebhookHandlerListener() {
    };

    /**
     * A request arrived and is about to be handled.
     *
     * @param format the handler's {@link dev.mailgate.core.event.CallbackCodec#format() format}, e.g.
     *     {@code cloudmailin-webhook}: a low-cardinality name for the endpoint
     */
    default void requestReceived(String format, WebhookRequest request) {
    }

    /**
     * The authenticator refused the request (401 follows).
     *
     * @param reason why, for the log (never a credential)
     */
    default void authenticationRefused(String reason) {
    }

    /** The payload was decoded into these events, before de-duplication (unknown kinds included). */
    default void eventsDecoded(List<MailEvent> events) {
    }

    /**
     * One decoded event is not handed over again: an earlier delivery (or an earlier copy in this request) already
     * handed it to the application.
     */
    default void duplicate(MailEvent event) {
    }

    /** The application's {@link WebhookListener} threw; 500 follows, so that the provider delivers again. */
    default void listenerFailed(Exception error) {
    }

    /** The handler answers with this response; the last call for the request. */
    default void statusReturned(WebhookResponse response) {
    }

    /**
     * Handling the request threw instead of answering (for example the {@link SeenEvents} store is unreachable); the
     * exception propagates to the adapter after this, the last call for the request.
     */
    default void requestFailed(RuntimeException error) {
    }

    /** Makes the listener of one request; called once per request, before {@link #requestReceived}. */
    @FunctionalInterface
    interface Factory {
        WebhookHandlerListener create(WebhookRequest request);
    }
}
