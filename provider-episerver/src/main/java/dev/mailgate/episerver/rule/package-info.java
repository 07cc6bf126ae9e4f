/**
 * The Episerver seed's eleven rule specifications, one {@link dev.mailgate.core.validation.Rule} per file, checked on
 * the rendered message before anything is sent; {@link dev.mailgate.episerver.rule.EpiserverRules} lists them.
 */
package dev.mailgate.episerver.rule;
