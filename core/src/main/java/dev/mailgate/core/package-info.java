/** Entry points to Mailgate: provider lookup ({@link dev.mailgate.core.Mailgate}) and the root exception. */
package dev.mailgate.core;
