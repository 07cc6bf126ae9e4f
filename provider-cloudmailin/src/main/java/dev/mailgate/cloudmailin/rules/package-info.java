/**
 * CloudMailin's pre-send rules: From in the sending domain, MAIL FROM on the envelope ({@code mta.}) domain and,
 * optionally, transactional mail only. Rule ids are {@code cloudmailin.*}.
 */
package dev.mailgate.cloudmailin.rules;
