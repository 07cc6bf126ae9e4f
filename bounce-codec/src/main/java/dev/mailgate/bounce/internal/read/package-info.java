/**
 * Internal, not exported: the readers of each report format (DSN fields, feedback reports, SES JSON, list
 * refusals, MTAs' own words) and the indexes that keep them linear: every mention of every address found in one
 * pass ({@code MentionIndex}), reply lines precomputed once ({@code ReplySignals}).
 */
package dev.mailgate.bounce.internal.read;
