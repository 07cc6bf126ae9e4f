/**
 * Publishing events to a platform's callback URL through the durable outbox, telling "the endpoint refused this
 * item" from "the endpoint is failing right now".
 */
package dev.mailgate.suppression.callback;
