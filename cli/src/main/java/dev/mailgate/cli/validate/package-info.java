/** {@code mailgate validate}: a provider's rules against .eml files. */
package dev.mailgate.cli.validate;
