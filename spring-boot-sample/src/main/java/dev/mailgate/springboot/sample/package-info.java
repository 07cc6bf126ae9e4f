/** A newsletter application on the Mailgate Spring Boot starter (see {@link dev.mailgate.springboot.sample.NewsletterApplication}). */
package dev.mailgate.springboot.sample;
