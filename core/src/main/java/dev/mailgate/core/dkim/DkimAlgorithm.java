package dev.mailgate.core.dkim;

/** The signing algorithms of the {@code a=} tag, with the key type of the DNS record's {@code k=} tag. */
public enum DkimAlgorithm {
    /** RFC 6376 section 3.3.1; keys of 1024 to 4096 bits (RFC 8301 forbids fewer than 1024). */
    RSA_SHA256("rsa-sha256", "rsa"),
    /** RFC 8463: PureEdDSA over the SHA-256 hash of the signed data. */
    ED25519_SHA256("ed25519-sha256", "ed25519");

    private final String tag;
    private final String keyType;

    DkimAlgorithm(String tag, String keyType) {
        this.tag = tag;
        this.keyType = keyType;
    }

    /** The {@code a=} value. */
    public String tag() {
        return tag;
    }

    /** The {@code k=} value of the key record. */
    public String keyType() {
        return keyType;
    }
}
