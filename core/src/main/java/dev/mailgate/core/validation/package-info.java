/** Rules that check a rendered message before sending, reporting every violation at once. */
package dev.mailgate.core.validation;
