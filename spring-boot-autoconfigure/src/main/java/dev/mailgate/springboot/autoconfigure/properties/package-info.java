/**
 * The {@code mailgate.*} configuration properties, one small class per group; the provider groups keep the
 * providers' own keys.
 */
package dev.mailgate.springboot.autoconfigure.properties;
