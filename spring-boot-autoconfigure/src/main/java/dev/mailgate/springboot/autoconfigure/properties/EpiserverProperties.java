package dev.mailgate.springboot.autoconfigure.properties;

/**
 * {@code mailgate.episerver.*}: the episerver provider's keys (EpiserverProvider.configKeys()) under their own
 * names, and ssl-bundle for trust material from spring.ssl.bundle.*.
 */
public class EpiserverProperties {
    /** The domain delegated to Episerver; From addresses must be in it. */
    private String sendingDomain;
    /** Where Episerver forwards returned mail; not in the sending domain. */
    private String bounceForwardingAddress;
    /** The SMTP user name. */
    private String username;
    /** The SMTP password. */
    private String password;
    /** The SMTP API server; Episerver's by default. */
    private String host;
    /** The SMTP port (default 25; STARTTLS is required). */
    private Integer port;
    /** Comma-separated valid X-bm-mailing codes. */
    private String mailingCodes;
    /** A PKCS12/JKS file of trusted certificates. */
    private String trustStore;
    /** The trust store's password. */
    private String trustStorePassword;
    /** The daily sending quota; 0 for none. */
    private Long maxPerDay;
    /** The name of a Spring SSL bundle whose trust store the connection trusts. */
    private String sslBundle;

    /** The keys the episerver provider reads; ssl-bundle is applied by the auto-configuration. */
    public java.util.Map<String, String> toMap() {
        return new ProviderKeys().put("sending-domain", sendingDomain).put("bounce-forwarding-address", bounceForwardingAddress).put("username", username).put("password", password).put("host", host).put("port", port).put("mailing-codes", mailingCodes).put("trust-store", trustStore).put("trust-store-password", trustStorePassword).put("max-per-day", maxPerDay).build();
    }

    public String getSendingDomain() {
        return sendingDomain;
    }

    public void setSendingDomain(String sendingDomain) {
        this.sendingDomain = sendingDomain;
    }

    public String getBounceForwardingAddress() {
        return bounceForwardingAddress;
    }

    public void setBounceForwardingAddress(String bounceForwardingAddress) {
        this.bounceForwardingAddress = bounceForwardingAddress;
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

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getMailingCodes() {
        return mailingCodes;
    }

    public void setMailingCodes(String mailingCodes) {
        this.mailingCodes = mailingCodes;
    }

    public String getTrustStore() {
        return trustStore;
    }

    public void setTrustStore(String trustStore) {
        this.trustStore = trustStore;
    }

    public String getTrustStorePassword() {
        return trustStorePassword;
    }

    public void setTrustStorePassword(String trustStorePassword) {
        this.trustStorePassword = trustStorePassword;
    }

    public Long getMaxPerDay() {
        return maxPerDay;
    }

    public void setMaxPerDay(Long maxPerDay) {
        this.maxPerDay = maxPerDay;
    }

    public String getSslBundle() {
        return sslBundle;
    }

    public void setSslBundle(String sslBundle) {
        this.sslBundle = sslBundle;
    }
}
