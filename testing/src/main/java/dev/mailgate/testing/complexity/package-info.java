/**
 * Test support, not part of the library's API for sending mail: a check that a parser's time grows at most linearly
 * with one hostile dimension of its input (addresses, headers, parts, nesting, line length). Mailgate's own modules
 * use it for the complexity tests of every parser of untrusted input (docs/reliability.md); it lives here, the one
 * module every module's tests depend on, so that the measuring rules are written once.
 */
package dev.mailgate.testing.complexity;
