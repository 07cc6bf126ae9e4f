/** Runnable programs: the README's demo, and examples to copy. */
package dev.mailgate.examples;
