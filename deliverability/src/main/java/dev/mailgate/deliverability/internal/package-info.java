/** Implementation details: the DNS wire format, the SPF evaluator, tag-list parsing. Not exported. */
package dev.mailgate.deliverability.internal;
