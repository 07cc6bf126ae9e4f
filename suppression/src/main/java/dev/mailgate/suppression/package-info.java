/**
 * Who must not be mailed: {@link dev.mailgate.suppression.Suppressions} takes events in, the
 * {@link dev.mailgate.suppression.SuppressionPolicy} decides (recipient-side failures count toward the address,
 * sender-side ones raise a {@link dev.mailgate.suppression.SenderSignal}), the store applies each event once, and
 * the {@link dev.mailgate.suppression.SuppressionFilter} leaves blocked recipients out before sending. Addresses
 * match by {@link dev.mailgate.suppression.AddressKey}. The decision table is in {@code docs/suppression.md}.
 */
package dev.mailgate.suppression;
