package dev.mailgate.springboot.autoconfigure.properties;

import java.util.Map;
import org.springframework.core.io.Resource;

/**
 * {@code mailgate.smtp.*}: the smtp provider's keys (SmtpProvider.configKeys()) under their own names. The pool is
 * max-connections, the quota max-per-day and max-per-second. Two keys are Spring's additions: ssl-bundle (trust
 * material from spring.ssl.bundle.*, instead of trust-store) and dkim-key (the DKIM private key as a resource,
 * classpath: or file:, instead of dkim-key-file).
 */
public class SmtpProperties {
    /** The SMTP server's host name or IP address. */
    private String host;
    /** The SMTP port; 587 by default (465 with tls=implicit). */
    private Integer port;
    /** starttls (required, the default), implicit (port 465) or none (explicit opt-in). */
    private String tls;
    /** Whether the server needs AUTH; true when username is set. */
    private Boolean requiresAuth;
    /** The SMTP user name. */
    private String username;
    /** The SMTP password. */
    private String password;
    /** Allow AUTH without TLS (trusted local relays only). */
    private Boolean allowPlaintextAuth;
    /** The From address of messages that have none. */
    private String from;
    /**
     * Send text bodies 8bit (BODY=8BITMIME) where the server offers 8BITMIME (RFC 6152); true by default, false when
     * the transport signs with DKIM (RFC 6376 section 5.3).
     */
    private Boolean eightBitMime;
    /** The name sent with EHLO; set it to the sending host's name. */
    private String heloName;
    /** The daily sending quota; 0 for none. */
    private Long maxPerDay;
    /** A sending pace in messages per second; 0 for none. */
    private Long maxPerSecond;
    /** The connection pool size (default 4). */
    private Integer maxConnections;
    /** The connect timeout in milliseconds (default 30000). */
    private Long connectTimeoutMs;
    /** The wait for each reply in milliseconds (default 300000, RFC 5321 section 4.5.3.2). */
    private Long commandTimeoutMs;
    /** A PKCS12/JKS file of trusted certificates (a private CA); see also ssl-bundle. */
    private String trustStore;
    /** The trust store's password. */
    private String trustStorePassword;
    /** The name of a Spring SSL bundle (spring.ssl.bundle.*) whose trust store the connection trusts. */
    private String sslBundle;
    /** Sign with DKIM for this domain (d=); needs dkim-selector and dkim-key-file or dkim-key. */
    private String dkimDomain;
    /** The DKIM selector (s=) the public key is published under. */
    private String dkimSelector;
    /** A PEM file with the RSA or Ed25519 private key. */
    private String dkimKeyFile;
    /** The DKIM private key (PEM) as a resource: classpath:dkim.pem or file:/etc/mail/dkim.pem. */
    private Resource dkimKey;

    /** The keys the smtp provider reads; dkim-key and ssl-bundle are applied by the auto-configuration. */
    public Map<String, String> toMap() {
        return new ProviderKeys().put("host", host).put("port", port).put("tls", tls).put("requires-auth", requiresAuth)
                .put("username", username).put("password", password).put("allow-plaintext-auth", allowPlaintextAuth)
                .put("from", from).put("eight-bit-mime", eightBitMime).put("helo-name", heloName).put("max-per-day", maxPerDay).put("max-per-second", maxPerSecond)
                .put("max-connections", maxConnections).put("connect-timeout-ms", connectTimeoutMs)
                .put("command-timeout-ms", commandTimeoutMs).put("trust-store", trustStore)
                .put("trust-store-password", trustStorePassword).put("dkim-domain", dkimDomain)
                .put("dkim-selector", dkimSelector).put("dkim-key-file", dkimKeyFile).build();
    }

    public Boolean getEightBitMime() {
        return eightBitMime;
    }

    public void setEightBitMime(Boolean eightBitMime) {
        this.eightBitMime = eightBitMime;
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

    public String getTls() {
        return tls;
    }

    public void setTls(String tls) {
        this.tls = tls;
    }

    public Boolean getRequiresAuth() {
        return requiresAuth;
    }

    public void setRequiresAuth(Boolean requiresAuth) {
        this.requiresAuth = requiresAuth;
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

    public Boolean getAllowPlaintextAuth() {
        return allowPlaintextAuth;
    }

    public void setAllowPlaintextAuth(Boolean allowPlaintextAuth) {
        this.allowPlaintextAuth = allowPlaintextAuth;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getHeloName() {
        return heloName;
    }

    public void setHeloName(String heloName) {
        this.heloName = heloName;
    }

    public Long getMaxPerDay() {
        return maxPerDay;
    }

    public void setMaxPerDay(Long maxPerDay) {
        this.maxPerDay = maxPerDay;
    }

    public Long getMaxPerSecond() {
        return maxPerSecond;
    }

    public void setMaxPerSecond(Long maxPerSecond) {
        this.maxPerSecond = maxPerSecond;
    }

    public Integer getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(Integer maxConnections) {
        this.maxConnections = maxConnections;
    }

    public Long getConnectTimeoutMs() {
        return connectTimeoutMs;
    }

    public void setConnectTimeoutMs(Long connectTimeoutMs) {
        this.connectTimeoutMs = connectTimeoutMs;
    }

    public Long getCommandTimeoutMs() {
        return commandTimeoutMs;
    }

    public void setCommandTimeoutMs(Long commandTimeoutMs) {
        this.commandTimeoutMs = commandTimeoutMs;
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

    public String getSslBundle() {
        return sslBundle;
    }

    public void setSslBundle(String sslBundle) {
        this.sslBundle = sslBundle;
    }

    public String getDkimDomain() {
        return dkimDomain;
    }

    public void setDkimDomain(String dkimDomain) {
        this.dkimDomain = dkimDomain;
    }

    public String getDkimSelector() {
        return dkimSelector;
    }

    public void setDkimSelector(String dkimSelector) {
        this.dkimSelector = dkimSelector;
    }

    public String getDkimKeyFile() {
        return dkimKeyFile;
    }

    public void setDkimKeyFile(String dkimKeyFile) {
        this.dkimKeyFile = dkimKeyFile;
    }

    public Resource getDkimKey() {
        return dkimKey;
    }

    public void setDkimKey(Resource dkimKey) {
        this.dkimKey = dkimKey;
    }
}
