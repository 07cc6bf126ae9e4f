/**
 * DKIM signing (RFC 6376) with rsa-sha256 and ed25519-sha256 (RFC 8463): {@link dev.mailgate.core.dkim.DkimSigner}
 * signs rendered bytes; {@link dev.mailgate.core.dkim.DkimKeys} reads PEM keys and writes the DNS key record.
 */
package dev.mailgate.core.dkim;
