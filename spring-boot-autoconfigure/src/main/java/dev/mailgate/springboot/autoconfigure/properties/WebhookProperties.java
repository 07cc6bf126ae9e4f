package dev.mailgate.springboot.autoconfigure.properties;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code mailgate.webhook.*}: the provider webhooks mounted on the application's server, by name:
 * {@code mailgate.webhook.endpoints.cloudmailin.path=/webhooks/cloudmailin}, {@code ...format=cloudmailin-webhook},
 * {@code ...username} and {@code ...password} (HTTP Basic, what CloudMailin and the generic callback send).
 */
public class WebhookProperties {
    /** The endpoints by name. */
    private Map<String, Endpoint> endpoints = new LinkedHashMap<>();

    /** The most bytes a webhook body may have (413 past it); InputLimits' 10 MiB by default. */
    private Integer maxBodyBytes;

    public Map<String, Endpoint> getEndpoints() {
        return endpoints;
    }

    public void setEndpoints(Map<String, Endpoint> endpoints) {
        this.endpoints = endpoints;
    }

    public Integer getMaxBodyBytes() {
        return maxBodyBytes;
    }

    public void setMaxBodyBytes(Integer maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** One webhook endpoint. */
    public static class Endpoint {
        /** The path the provider POSTs to, e.g. /webhooks/cloudmailin. */
        private String path;
        /** The codec's format id, e.g. cloudmailin-webhook or generic-smtp-callback (see CallbackCodec.format()). */
        private String format;
        /** The HTTP Basic user the provider sends. */
        private String username;
        /** The HTTP Basic password the provider sends. */
        private String password;
        /** Accept requests without credentials; only behind something else that authenticates them. */
        private boolean allowUnauthenticated;

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public String getFormat() {
            return format;
        }

        public void setFormat(String format) {
            this.format = format;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public boolean isAllowUnauthenticated() {
            return allowUnauthenticated;
        }

        public void setAllowUnauthenticated(boolean allowUnauthenticated) {
            this.allowUnauthenticated = allowUnauthenticated;
        }
    }
}
