/**
 * The one way every JSON webhook and callback codec reads its payload: a size bound before parsing, parse errors
 * that name the line and column, and the optional-text reading providers' event JSON needs. Jackson is an optional
 * dependency of core; a codec module that uses this package requires {@code com.fasterxml.jackson.databind} itself.
 */
package dev.mailgate.core.json;
