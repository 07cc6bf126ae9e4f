/** E-mail addresses: RFC 5322 parsing with display names, quoted local parts and IDN domains. */
package dev.mailgate.core.address;
