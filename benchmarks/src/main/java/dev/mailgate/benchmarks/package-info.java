/** JMH benchmarks; each compares Mailgate with a baseline measured in the same run. */
package dev.mailgate.benchmarks;
