package dev.mailgate.springboot.autoconfigure.properties;

/**
 * {@code mailgate.cloudmailin.*}: the cloudmailin provider's keys (CloudMailinProvider.configKeys()) under their
 * own names, and ssl-bundle for trust material from spring.ssl.bundle.*.
 */
public class CloudMailinProperties {
    /** The outbound SMTP host from the CloudMailin dashboard. */
    private String host;
    /** The SMTP user name. */
    private String username;
    /** The SMTP password. */
    private String password;
    /** The sending (From) domain, e.g. example.com. */
    private String domain;
    /** The SMTP port (default 587; STARTTLS is required before AUTH). */
    private Integer port;
    /** The envelope (bounce) subdomain; mta.<domain> by default. */
    private String envelopeDomain;
    /** A key of 16+ characters for VERP return paths naming the recipient. */
    private String verpSecret;
    /** Refuse obvious bulk mail (List-Unsubscribe, Precedence: bulk). */
    private Boolean flagBulk;
    /** A PKCS12/JKS file of trusted certificates. */
    private String trustStore;
    /** The trust store's password. */
    private String trustStorePassword;
    /** The name of a Spring SSL bundle whose trust store the connection trusts. */
    private String sslBundle;

    /** The keys the cloudmailin provider reads; ssl-bundle is applied by the auto-configuration. */
    public java.util.Map<String, String> toMap() {
        return new ProviderKeys().put("host", host).put("username", username).put("password", password).put("domain", domain).put("port", port).put("envelope-domain", envelopeDomain).put("verp-secret", verpSecret).put("flag-bulk", flagBulk).put("trust-store", trustStore).put("trust-store-password", trustStorePassword).build();
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
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

    public String getDomain() {
        return domain;
    }

    public void setDomain(String domain) {
        this.domain = domain;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getEnvelopeDomain() {
        return envelopeDomain;
    }

    public void setEnvelopeDomain(String envelopeDomain) {
        this.envelopeDomain = envelopeDomain;
    }

    public String getVerpSecret() {
        return verpSecret;
    }

    public void setVerpSecret(String verpSecret) {
        this.verpSecret = verpSecret;
    }

    public Boolean getFlagBulk() {
        return flagBulk;
    }

    public void setFlagBulk(Boolean flagBulk) {
        this.flagBulk = flagBulk;
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
}
