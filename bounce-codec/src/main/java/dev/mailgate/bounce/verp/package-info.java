/**
 * VERP return paths: the recipient (and a signature against forgery) encoded in the envelope sender, so a bounce
 * that names nobody is still attributed.
 */
package dev.mailgate.bounce.verp;
