package dev.mailgate.suppression.callback;

import java.io.IOException;
import java.net.InetAddress;
import java.util.UUID;

/** A publisher's default name in the outbox's claims: host and process, plus a random part, unique per publisher. */
final class HolderName {
    private static final int MAX = 200;

    private HolderName() {
    }

    static String unique() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "host";
        }
        String id = host + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString().substring(0, 8);
        return id.length() > MAX ? id.substring(id.length() - MAX) : id;
    }
}
