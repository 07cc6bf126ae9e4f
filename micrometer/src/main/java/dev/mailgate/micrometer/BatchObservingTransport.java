package dev.mailgate.micrometer;

import dev.mailgate.core.message.OutboundMessage;
import dev.mailgate.core.transport.SendReceipt;
import dev.mailgate.core.transport.SendResult;
import dev.mailgate.core.transport.Transport;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A transport whose {@code sendBatch} is the {@code mailgate.batch} observation, open in scope while the batch runs
 * so that the sends it makes on the calling thread nest under it. Everything else goes straight to the delegate.
 */
final class BatchObservingTransport implements Transport {
    private final Transport delegate;
    private final String provider;
    private final ObservationRegistry observations;

    BatchObservingTransport(Transport delegate, String provider, ObservationRegistry observations) {
        this.delegate = delegate;
        this.provider = provider;
        this.observations = observations;
    }

    @Override
    public SendReceipt send(OutboundMessage message) {
        return delegate.send(message);
    }

    @Override
    public CompletableFuture<SendReceipt> sendAsync(OutboundMessage message) {
        return delegate.sendAsync(message);
    }

    @Override
    public List<SendResult> sendBatch(Collection<? extends OutboundMessage> messages) {
        Observation batch = Observation.createNotStarted(Names.BATCH, observations).contextualName("batch " + provider)
                .lowCardinalityKeyValue(Names.PROVIDER, provider).highCardinalityKeyValue("mailgate.messages", Integer.toString(messages.size()))
                .start();
        try (Observation.Scope scope = batch.openScope()) {
            List<SendResult> results = delegate.sendBatch(messages);
            boolean allSent = results.stream().allMatch(r -> r instanceof SendResult.Sent);
            batch.lowCardinalityKeyValue(Names.OUTCOME, allSent ? "all_sent" : "some_failed");
            return results;
        } catch (RuntimeException e) {
            batch.lowCardinalityKeyValue(Names.OUTCOME, "error").error(e);
            throw e;
        } finally {
            batch.stop();
        }
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "BatchObservingTransport[" + provider + ", " + delegate + "]";
    }
}
