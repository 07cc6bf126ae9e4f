package dev.mailgate.springboot.autoconfigure;

import java.util.Map;

/** What the health check asks of the bounce poller: is it running, and did a pass finish lately. */
interface PollerState {
    /** @param details what the health report shows */
    record Snapshot(boolean alive, Map<String, Object> details) {
    }

    Snapshot snapshot();
}
