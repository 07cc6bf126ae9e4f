/** {@code mailgate render}: a message described in JSON, rendered as an .eml. */
package dev.mailgate.cli.render;
