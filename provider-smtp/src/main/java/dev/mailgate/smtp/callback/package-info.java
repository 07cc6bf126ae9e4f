/**
 * The callback format of the generic SMTP integration seed: bounces and unsubscribes POSTed to the marketing
 * platform's callback URL as {@code [{"event":"hardbounce","data":[{"e":..,"ts":..}]}]}.
 */
package dev.mailgate.smtp.callback;
