package dev.mailgate.springboot.autoconfigure.properties;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code mailgate.unsubscribe.*}: RFC 8058 one-click unsubscribe. Tokens are signed with the current key; tokens
 * of every listed key verify, so a key is rotated by adding a new one, making it current, and dropping the old one
 * once its tokens have expired.
 */
public class UnsubscribeProperties {
    /** The path the List-Unsubscribe-Post request is POSTed to. */
    private String path = "/mailgate/unsubscribe";
    /** The id of the key new tokens are signed with; the endpoint is mounted only when it is set. */
    private String currentKey;
    /** The signing keys by id, each Base64 (at least 32 random bytes). */
    private Map<String, String> keys = new LinkedHashMap<>();

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getCurrentKey() {
        return currentKey;
    }

    public void setCurrentKey(String currentKey) {
        this.currentKey = currentKey;
    }

    public Map<String, String> getKeys() {
        return keys;
    }

    public void setKeys(Map<String, String> keys) {
        this.keys = keys;
    }
}
