/**
 * Reading bounce mails, complaints and auto-replies: {@link dev.mailgate.bounce.BounceParser} turns one message into a
 * {@link dev.mailgate.bounce.BounceReport} (RFC 3464 delivery status, RFC 5965 feedback reports, RFC 3834
 * auto-replies, MTAs' own words), with a {@link dev.mailgate.bounce.Verdict} and reason per recipient, and from there
 * into core events. Nothing here throws on bad input, and the time of a parse grows linearly with every dimension of
 * the message (docs/reliability.md).
 */
package dev.mailgate.bounce;
