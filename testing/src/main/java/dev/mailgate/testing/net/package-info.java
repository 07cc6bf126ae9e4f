/** A TCP proxy that cuts connections at chosen protocol steps, for fault tests against any real server. */
package dev.mailgate.testing.net;
