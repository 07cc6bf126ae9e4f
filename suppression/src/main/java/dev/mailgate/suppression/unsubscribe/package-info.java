/** One-click unsubscribe (RFC 8058, RFC 2369): signed tokens for the headers, and the endpoint that receives them. */
package dev.mailgate.suppression.unsubscribe;
