package dev.mailgate.core.transport;

import dev.mailgate.core.MailException;
import dev.mailgate.core.internal.AsyncSupport;
import dev.mailgate.core.message.OutboundMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends messages. Implementations are thread-safe and hold resources (connections), so close them.
 *
 * <p>Every failure is a {@link MailException}; its {@link MailException#isRetrySafe()} says whether sending the
 * same message again can cause a duplicate.
 */
public interface Transport extends AutoCloseable {

    /**
     * Sends one message and waits for the server's verdict.
     *
     * @return the receipt, with an outcome per envelope recipient; a recipient the server refused is reported
     *         there while the others were accepted
     * @throws dev.mailgate.core.validation.ValidationException when the message breaks a rule (nothing was sent)
     * @throws MailException for every other failure
     */
    SendReceipt send(OutboundMessage message);

    /** Sends without blocking the caller. The default runs {@link #send} on {@link #defaultExecutor()}. */
    default CompletableFuture<SendReceipt> sendAsync(OutboundMessage message) {
        return CompletableFuture.supplyAsync(() -> send(message), defaultExecutor());
    }

    /**
     * The shared pool of daemon threads that asynchronous sends use unless given another executor: sending
     * blocks on I/O, so it must not occupy the common fork-join pool, nor keep the JVM alive.
     */
    static java.util.concurrent.Executor defaultExecutor() {
        return AsyncSupport.executor();
    }

    /**
     * Sends every message, in order, and reports each result; one failure does not stop the others. The default
     * sends one after the other; pooled transports send concurrently.
     */
    default List<SendResult> sendBatch(Collection<? extends OutboundMessage> messages) {
        List<SendResult> results = new ArrayList<>(messages.size());
        for (OutboundMessage m : messages) {
            try {
                results.add(new SendResult.Sent(m, send(m)));
            } catch (MailException e) {
                results.add(new SendResult.Failed(m, e));
            }
        }
        return results;
    }

    /** Releases connections; sends after close fail. Never throws a checked exception. */
    @Override
    void close();
}
