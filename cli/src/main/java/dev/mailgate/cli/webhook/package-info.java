/** {@code mailgate webhook ...}: provider webhook and callback payloads. */
package dev.mailgate.cli.webhook;
