package dev.mailgate.springboot.autoconfigure.properties;

/**
 * {@code mailgate.bounce.*}: the bounce mailbox the poller reads over IMAP (the CRM seed's bounce settings).
 */
public class BounceMailboxProperties {
    /** Poll the bounce mailbox. */
    private boolean enabled = false;
    /** The IMAP server. */
    private String host;
    /** The IMAP port; 993 for implicit TLS, 143 otherwise. */
    private Integer port;
    /** The mailbox user. */
    private String username;
    /** The mailbox password. */
    private String password;
    /** implicit-tls (the default), starttls or none. */
    private String security;
    /** The folder to monitor (INBOX by default). */
    private String folder;
    /** Where handled bounces are moved. */
    private String processedFolder;
    /** Where mail that is no bounce is moved (never deleted). */
    private String notBounceFolder;
    /** The bounce address; mail to other addresses is not read as a bounce. */
    private String bounceAddress;
    /** The wait between passes when IDLE is not used. */
    private java.time.Duration pollInterval;
    /** Wait with IMAP IDLE (RFC 2177) where the server supports it, instead of polling. */
    private boolean idle = true;
    /** Allow security=none with a password (a local test server only). */
    private boolean allowPlaintext = false;
    /** A file of the Message-IDs already handled, so a restart between handling and moving handles nothing twice. */
    private String processedFile = "./mailgate-bounces-processed.log";
    /** The name of a Spring SSL bundle whose trust store the IMAP connection trusts. */
    private String sslBundle;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
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

    public String getSecurity() {
        return security;
    }

    public void setSecurity(String security) {
        this.security = security;
    }

    public String getFolder() {
        return folder;
    }

    public void setFolder(String folder) {
        this.folder = folder;
    }

    public String getProcessedFolder() {
        return processedFolder;
    }

    public void setProcessedFolder(String processedFolder) {
        this.processedFolder = processedFolder;
    }

    public String getNotBounceFolder() {
        return notBounceFolder;
    }

    public void setNotBounceFolder(String notBounceFolder) {
        this.notBounceFolder = notBounceFolder;
    }

    public String getBounceAddress() {
        return bounceAddress;
    }

    public void setBounceAddress(String bounceAddress) {
        this.bounceAddress = bounceAddress;
    }

    public java.time.Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(java.time.Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public boolean isIdle() {
        return idle;
    }

    public void setIdle(boolean idle) {
        this.idle = idle;
    }

    public boolean isAllowPlaintext() {
        return allowPlaintext;
    }

    public void setAllowPlaintext(boolean allowPlaintext) {
        this.allowPlaintext = allowPlaintext;
    }

    public String getProcessedFile() {
        return processedFile;
    }

    public void setProcessedFile(String processedFile) {
        this.processedFile = processedFile;
    }

    public String getSslBundle() {
        return sslBundle;
    }

    public void setSslBundle(String sslBundle) {
        this.sslBundle = sslBundle;
    }
}
