/** {@code mailgate completion}: the shell completion script, generated from the command model. */
package dev.mailgate.cli.completion;
