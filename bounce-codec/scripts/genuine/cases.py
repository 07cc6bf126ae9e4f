"""The causes injected into genuine bounces (issue 17), and what each must be classified as.

One row per case: id (the recipient's local part, or the session-level domain s-<id>.test), who is imitated, the
SMTP stage the refusal comes at, the reply (lines), the reason in core's BounceReason vocabulary, and the source of
the reply text. The expected class follows from the reason the way dev.mailgate.bounce.Verdict defines it (hard only
when the address itself is bad: userunknown, hostunknown, hasmoved, or a permanent notaccept). The expected status is
the enhanced status code of the reply (RFC 3463) when it has one, else the Status: the reporting MTA wrote. Nothing
here is read from the classifier's output.

A temporary refusal (4xx) that the MTA gave up on (the queue lifetime is zero) keeps the reason of the refusal; only a
failure without any reply (refused or silent connection) is `expired`.

Sources (the reply texts are what those receivers send, as their pages quote them; a source marked "(wording ours)"
gave the code and its meaning but not a full reply line, so the words around the code are ours):
  GMAIL   Google Workspace Admin Help, "Gmail SMTP errors and codes", https://support.google.com/a/answer/3726730
  MS      Microsoft Learn, "Email non-delivery reports and SMTP errors in Exchange Online",
          https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online
          and the Outlook.com postmaster error page (SC-001, S3150), https://sendersupport.olc.protection.outlook.com/pm/
  YAHOO   Yahoo Sender Hub, "SMTP error codes", https://senders.yahooinc.com/smtp-error-codes/ and help.yahoo.com SLN3436
  ICLOUD  Apple, "Postmaster information for iCloud Mail", https://support.apple.com/en-us/HT204137 (codes as listed
          on https://smtp.codes/icloud)
  GMX     GMX / WEB.DE postmaster pages, https://postmaster.gmx.net/en/error-messages , https://postmaster.web.de
          (as listed on https://smtp.codes/unitedinternet/)
  ORANGE  Orange postmaster, OFR codes, https://postmaster.orange.fr
  MIMECAST Mimecast, "Mimecast SMTP Error Codes",
          https://community.mimecast.com/s/article/Mimecast-SMTP-Error-Codes-842605754
  PROOFPOINT Proofpoint Dynamic Reputation / IP check, https://ipcheck.proofpoint.com/ and Proofpoint Essentials
          "SMTP error codes"
  BARRACUDA Barracuda Campus, "Barracuda Reputation Block List" https://www.barracudacentral.org/rbl and the
          Email Security Gateway's "550 permanent failure for one or more recipients (addr:blocked)" reply
  RFC     RFC 5321 reply codes, RFC 3463 / IANA enhanced status codes, RFC 7505 (null MX), RFC 7208 (SPF)
"""

# stage: GREETING, EHLO, MAIL (session level: selected by the IP the MTA connects to), RCPT, DATA (after the final
# dot) (per recipient: selected by the local part at 127.0.0.1).
# (id, provider, stage, reply lines, reason, source)
CASES = [
    # ---- Gmail
    ("gm-unknown", "GMAIL", "RCPT", ["550-5.1.1 The email account that you tried to reach does not exist. Please try",
        "550-5.1.1 double-checking the recipient's email address for typos or",
        "550-5.1.1 unnecessary spaces. For more information, go to",
        "550 5.1.1  https://support.google.com/mail/?p=NoSuchUser x1si123456ejb.12 - gsmtp"], "userunknown", "GMAIL 550 5.1.1"),
    ("gm-disabled", "GMAIL", "RCPT", ["550-5.2.1 The email account that you tried to reach is disabled. For more",
        "550 5.2.1 information, go to https://support.google.com/mail/?p=DisabledUser x2si1 - gsmtp"], "suspend", "GMAIL 550 5.2.1"),
    ("gm-overquota", "GMAIL", "RCPT", ["452-4.2.2 The recipient's inbox is out of storage space. Please direct the",
        "452-4.2.2 recipient to",
        "452 4.2.2  https://support.google.com/mail/?p=OverQuotaTemp x3si1 - gsmtp"], "mailboxfull", "GMAIL 452 4.2.2"),
    ("gm-overquota-perm", "GMAIL", "DATA", ["552-5.2.2 The recipient's inbox is out of storage space and inactive. Please direct",
        "552-5.2.2 the recipient to",
        "552 5.2.2  https://support.google.com/mail/?p=OverQuotaPerm x4si1 - gsmtp"], "mailboxfull", "GMAIL 552 5.2.2"),
    ("gm-rate", "GMAIL", "RCPT", ["450-4.2.1 The user you are trying to contact is receiving mail too quickly.",
        "450-4.2.1 Please resend your message at a later time. If the user is able to",
        "450-4.2.1 receive mail at that time, your message will be delivered.",
        "450 4.2.1  https://support.google.com/mail/?p=ReceivingRate x5si1 - gsmtp"], "speeding", "GMAIL 450 4.2.1"),
    ("gm-spam", "GMAIL", "DATA", ["550-5.7.1 [127.0.0.1] Our system has detected that this message is likely",
        "550-5.7.1 unsolicited mail. To reduce the amount of spam sent to Gmail, this",
        "550-5.7.1 message has been blocked. For more information, go to",
        "550 5.7.1  https://support.google.com/mail/?p=UnsolicitedMessageError x6si1 - gsmtp"], "spamdetected", "GMAIL 550 5.7.1"),
    ("gm-iprate", "GMAIL", "RCPT", ["421-4.7.0 [127.0.0.1] Our system has detected an unusual rate of",
        "421-4.7.0 unsolicited mail originating from your IP address. To protect our",
        "421-4.7.0 users from spam, mail sent from your IP address has been temporarily",
        "421 4.7.0 blocked. For more information, go to https://support.google.com/mail/?p=UnsolicitedRateLimitError x7si1 - gsmtp"],
        "blocked", "GMAIL 421 4.7.0"),
    ("gm-dmarc", "GMAIL", "DATA", ["550-5.7.26 Unauthenticated email from mta.mailgate.test is not accepted due to",
        "550-5.7.26 domain's DMARC policy. Please contact the administrator of",
        "550-5.7.26 mta.mailgate.test domain if this was a legitimate mail. To learn about the",
        "550 5.7.26 DMARC initiative, go to https://support.google.com/mail/?p=DmarcRejection x8si1 - gsmtp"], "authfailure", "GMAIL 550 5.7.26"),
    ("gm-unauth", "GMAIL", "DATA", ["550-5.7.26 This mail has been blocked because the sender is unauthenticated.",
        "550-5.7.26 Gmail requires all senders to authenticate with either SPF or DKIM.",
        "550-5.7.26  Authentication results: DKIM = did not pass SPF [mta.mailgate.test] with ip: [127.0.0.1] = did not pass",
        "550 5.7.26  For instructions on setting up authentication, go to https://support.google.com/mail/answer/81126#authentication x9si1 - gsmtp"],
        "authfailure", "GMAIL 550 5.7.26"),
    ("gm-spf", "GMAIL", "DATA", ["550-5.7.27 The sender's SPF record has a hard fail (-all) and the sending IP",
        "550 5.7.27 is not listed. https://support.google.com/mail/answer/81126 x10si1 - gsmtp"], "authfailure", "GMAIL 550 5.7.27 (wording ours)"),
    ("gm-ptr", "GMAIL", "RCPT", ["550-5.7.25 [127.0.0.1] The IP address sending this message does not have a",
        "550-5.7.25 PTR record setup, or the corresponding forward DNS entry does not",
        "550-5.7.25 point to the sending IP. As a policy, Gmail does not accept messages",
        "550 5.7.25 from IPs with missing PTR records. x11si1 - gsmtp"], "requireptr", "GMAIL 550 5.7.25"),
    ("gm-toobig", "GMAIL", "DATA", ["552-5.3.4 Your message exceeded Google's message size limits. For more information,",
        "552 5.3.4 go to https://support.google.com/mail/?p=MaxSizeError x12si1 - gsmtp"], "mesgtoobig", "GMAIL 552 5.3.4"),
    ("gm-virus", "GMAIL", "DATA", ["552-5.7.0 This message was blocked because its content presents a potential",
        "552-5.7.0 security issue. Please visit",
        "552 5.7.0  https://support.google.com/mail/?p=BlockedMessage x13si1 - gsmtp"], "virusdetected", "GMAIL 552 5.7.0"),
    ("gm-msgid", "GMAIL", "DATA", ["550-5.7.1 Messages missing a valid Message-ID header are not accepted. For more",
        "550 5.7.1 information, go to https://support.google.com/mail/?p=RfcMessageNonCompliant x14si1 - gsmtp"], "notcompliantrfc", "GMAIL 550 5.7.1"),
    ("gm-relay", "GMAIL", "RCPT", ["550-5.7.0 Mail relay denied [127.0.0.1]. Invalid credentials for relay for",
        "550 5.7.0 one of the domains in: mta.mailgate.test (as obtained from HELO and MAIL FROM). x15si1 - gsmtp"], "norelaying", "GMAIL 550 5.7.0"),
    ("gm-gcdp", "GMAIL", "DATA", ["550 5.7.1 This message violates example.com email policy. - gcdp x16si1 - gsmtp"], "policyviolation", "GMAIL 550 5.7.1 gcdp"),
    ("gm-lowrep", "GMAIL", "DATA", ["550-5.7.1 [127.0.0.1] This message has been blocked because it has a very low",
        "550-5.7.1 reputation. Visit https://support.google.com/mail/?p=UnsolicitedMessageError",
        "550 5.7.1 for more information. x17si1 - gsmtp"], "badreputation", "GMAIL 550 5.7.1 reputation (wording ours)"),
    ("s-gm-tls", "GMAIL", "MAIL", ["530 5.7.0 Must issue a STARTTLS command first. x18si1 - gsmtp"], "securityerror", "GMAIL 530 5.7.0"),
    ("s-gm-busy", "GMAIL", "GREETING", ["421 4.7.0 Try again later, closing connection. x19si1 - gsmtp"], "toomanyconn", "GMAIL 421 4.7.0 (HELO-stage DoS guard)"),
    # ---- Microsoft 365 / Outlook.com
    ("ms-unknown", "MS", "RCPT", ["550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient {a} not found by SMTP address lookup"], "userunknown", "MS 5.1.10"),
    ("ms-recipnotfound", "MS", "RCPT", ["550 5.1.1 RESOLVER.ADR.RecipNotFound; not found"], "userunknown", "MS 5.1.1"),
    ("ms-dbeb", "MS", "RCPT", ["550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [AM0PR01MB1234.eurprd01.prod.exchangelabs.com]"], "userunknown", "MS 5.4.1 (directory-based edge blocking)"),
    ("ms-banned", "MS", "RCPT", ["550 5.7.606 Access denied, banned sending IP [127.0.0.1]. To request removal from this list please visit https://sender.office.com/ and follow the directions. For more information please go to  http://go.microsoft.com/fwlink/?LinkID=526655 AS(1430)"], "blocked", "MS 5.7.606"),
    ("ms-quota", "MS", "DATA", ["554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded; Failed to process message due to a permanent exception"], "mailboxfull", "MS 5.2.2"),
    ("ms-dmarc", "MS", "DATA", ["550 5.7.509 Access denied, sending domain mta.mailgate.test does not pass DMARC verification and has a DMARC policy of reject. [AM0PR01MB1234.eurprd01.prod.exchangelabs.com]"], "authfailure", "MS 5.7.509"),
    ("ms-spf", "MS", "DATA", ["550 5.7.23 The message was rejected because of Sender Policy Framework violation"], "authfailure", "MS 5.7.23"),
    ("ms-toobig", "MS", "DATA", ["552 5.3.4 Message size exceeds fixed maximum message size"], "mesgtoobig", "MS 5.3.4"),
    ("ms-restricted", "MS", "RCPT", ["550 5.7.1 RESOLVER.RST.AuthRequired; authentication required [Stage: CreateMessage]"], "securityerror", "MS 5.7.1 AuthRequired (wording ours)"),
    ("ms-mailboxunavailable", "MS", "RCPT", ["550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302). [DM6NAM10FT012.eop-nam10.prod.protection.outlook.com]"], "userunknown", "MS Outlook.com 5.5.0 mailbox unavailable"),
    ("ms-throttle", "MS", "RCPT", ["451 4.7.500 Server busy. Please try again later from [127.0.0.1]. (S77719) [BN8NAM12FT034.eop-nam12.prod.protection.outlook.com]"], "speeding", "MS 4.7.500 (wording ours)"),
    ("s-ms-blocklist", "MS", "MAIL", ["550 5.7.1 Unfortunately, messages from [127.0.0.1] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. [BY2NAM01FT030.eop-nam01.prod.protection.outlook.com]"],
        "blocked", "MS Outlook.com S3150"),
    ("s-ms-sc001", "MS", "MAIL", ["550 SC-001 (BAY004-MC1F31) Unfortunately, messages from 127.0.0.1 weren't sent. Please contact your Internet service provider. You can tell your provider that Hotmail does not relay dynamically-assigned IP ranges. For more information, please visit http://www.hotmail.com/postmaster."],
        "blocked", "MS Outlook.com SC-001"),
    # ---- Yahoo / AOL
    ("yh-unknown", "YAHOO", "RCPT", ["554 delivery error: dd This user doesn't have a yahoo.com account ({a}) [0] - mta1234.mail.gq1.yahoo.com"], "userunknown", "YAHOO 554 dd"),
    ("yh-disabled", "YAHOO", "RCPT", ["554 delivery error: dd Sorry your message to {a} cannot be delivered. This account has been disabled or discontinued [#102]. - mta1234.mail.bf1.yahoo.com"], "suspend", "YAHOO 554 dd disabled"),
    ("yh-policy", "YAHOO", "DATA", ["554 5.7.9 Message not accepted for policy reasons.  See https://senders.yahooinc.com/error-codes"], "policyviolation", "YAHOO 554 5.7.9"),
    ("yh-unauth", "YAHOO", "DATA", ["550 5.7.9 This mail has been blocked because the sender is unauthenticated. Yahoo requires all senders to authenticate with either SPF or DKIM."], "authfailure", "YAHOO 550 5.7.9 (2024 sender requirements)"),
    ("yh-dmarc", "YAHOO", "DATA", ["554 5.7.9 Message not accepted for policy reasons.  See https://postmaster.yahooinc.com/error-codes - DMARC policy of mta.mailgate.test requires rejection"], "authfailure", "YAHOO 554 5.7.9 DMARC (wording ours)"),
    ("yh-aol-unknown", "YAHOO", "RCPT", ["550 5.1.1 <{a}>: Recipient address rejected: aol.com"], "userunknown", "YAHOO AOL 550 5.1.1"),
    ("s-yh-tss04", "YAHOO", "MAIL", ["421 4.7.0 [TSS04] Messages from 127.0.0.1 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes"],
        "badreputation", "YAHOO 421 4.7.0 TSS04"),
    ("s-yh-ts03", "YAHOO", "MAIL", ["421 4.7.1 [TS03] All messages from 127.0.0.1 will be permanently deferred; Retrying will NOT succeed. See https://postmaster.yahooinc.com/error-codes"],
        "blocked", "YAHOO 421 4.7.1 TS03"),
    ("s-yh-bl21", "YAHOO", "MAIL", ["553 5.7.1 [BL21] Connections will not be accepted from 127.0.0.1, because the ip is in Spamhaus's list; see https://postmaster.yahooinc.com/error-codes"],
        "blocked", "YAHOO 553 5.7.1 BL21"),
    # ---- iCloud
    ("ic-unknown", "ICLOUD", "RCPT", ["550 5.1.1 <{a}>: user does not exist"], "userunknown", "ICLOUD 550 5.1.1"),
    # Expected userunknown, not suspend (changed after first sight): the receiver answers 5.1.1, "bad destination
    # mailbox address" (RFC 3463 section 3.2), permanently (5yz, RFC 5321 section 4.2.1), and the address is one its
    # owner switched off; the shared samples read the same reply so. A deactivation the owner may undo is still not
    # a mailbox that takes mail, and nothing in the reply says "try later".
    ("ic-inactive", "ICLOUD", "RCPT", ["550 5.1.1 <{a}>: inactive email address"], "userunknown", "ICLOUD 550 5.1.1 inactive"),
    ("ic-cs01", "ICLOUD", "DATA", ["550 5.7.1 [CS01] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137"], "policyviolation", "ICLOUD 550 5.7.1 CS01"),
    ("ic-dmarc", "ICLOUD", "DATA", ["550 5.7.1 Your message was rejected due to mta.mailgate.test's DMARC policy. See https://support.apple.com/en-us/HT204137"], "authfailure", "ICLOUD 550 5.7.1 DMARC"),
    ("ic-dbl", "ICLOUD", "DATA", ["550 5.7.1 Your email was rejected due to having a domain present in the Spamhaus DBL -- see https://www.spamhaus.org/dbl/"], "spamdetected", "ICLOUD 550 5.7.1 DBL"),
    ("ic-volume", "ICLOUD", "RCPT", ["421 4.7.1 Messages to {a} deferred due to excessive volume. Try again later - https://support.apple.com/en-us/HT204137"], "speeding", "ICLOUD 421 4.7.1"),
    ("ic-quota", "ICLOUD", "RCPT", ["552 5.2.2 <{a}>: user is over quota"], "mailboxfull", "ICLOUD 552 5.2.2 (wording ours)"),
    ("s-ic-busy", "ICLOUD", "GREETING", ["451 4.7.1 Service unavailable - try again later"], "systemerror", "ICLOUD 451 4.7.1"),
    # ---- GMX / WEB.DE (United Internet)
    ("gmx-unknown", "GMX", "RCPT", ["550 Requested action not taken: mailbox unavailable"], "userunknown", "GMX 550 mailbox unavailable"),
    ("gmx-inactive", "GMX", "RCPT", ["550 5.2.1 <{a}>: User is inactive"], "suspend", "GMX 550 5.2.1"),
    ("gmx-spf", "GMX", "RCPT", ["550 <{a}>: Reject due to SPF policy. The originating IP of the message is not permitted by the domain owner"], "authfailure", "GMX 550 SPF"),
    ("gmx-quota", "GMX", "RCPT", ["550 5.2.2 <{a}>: Benutzer hat das Speichervolumen ueberschritten. / User has exhausted allowed storage space."], "mailboxfull", "WEB.DE 550 quota"),
    ("gmx-toomany", "GMX", "RCPT", ["550 5.2.2 <{a}>: Benutzer hat zuviele Mails auf dem Server. / User has too many messages on the server."], "mailboxfull", "WEB.DE 550 too many messages"),
    ("s-gmx-policy", "GMX", "MAIL", ["554-gmx.net (mxgmx001) Nemesis ESMTP Service not available",
        "554-No SMTP service",
        "554-Reject due to policy restrictions.",
        "554 For explanation visit https://postmaster.gmx.net/en/case?c=r0601&i=ip&v=127.0.0.1&r=1MxWXx-1abc"], "blocked", "GMX 554 policy restrictions"),
    ("s-gmx-rate", "GMX", "GREETING", ["421 gmx.net (mxgmx001) Nemesis ESMTP Service not available Rate limit reached. Please try again later"], "speeding", "GMX 421 rate limit (wording ours)"),
    ("s-webde-rep", "GMX", "GREETING", ["421 web.de (mxweb001) Nemesis ESMTP Service not available Reject due to policy violations. For explanation visit https://postmaster.web.de/en/case?c=hi&i=ip&v=127.0.0.1"], "badreputation", "WEB.DE 421 policy violations (delivery rate) (wording ours)"),
    # ---- Orange
    ("or-unknown", "ORANGE", "RCPT", ["550 5.1.1 <{a}>: Adresse d au moins un destinataire invalide. Invalid recipient. OFR_416 [416]"], "userunknown", "ORANGE OFR_416"),
    ("or-full", "ORANGE", "RCPT", ["552 5.1.1 <{a}>: Boite du destinataire pleine. Recipient overquota. OFR_417 [417]"], "mailboxfull", "ORANGE OFR_417 (wording ours)"),
    ("or-spam", "ORANGE", "DATA", ["550 5.7.1 Mail rejete. Mail rejected. OFR_506 [506]"], "spamdetected", "ORANGE OFR_506 (wording ours)"),
    ("s-or-toomany", "ORANGE", "GREETING", ["421 mwinf5c10 ME Trop de connexions, veuillez verifier votre configuration. Too many connections, slow down. OFR004_104 [104]"], "toomanyconn", "ORANGE OFR004_104"),
    ("s-or-refused", "ORANGE", "GREETING", ["421 mwinf5c10 ME Service refuse. Veuillez essayer plus tard. Service refused, please try later. OFR_999 [999]"], "blocked", "ORANGE OFR_999"),
    ("s-or-blocklist", "ORANGE", "GREETING", ["554 mwinf5c10 ME Adresse IP source bloquee pour incident de spam. Client host blocked for spamming issues. OFR006_102 Ref http://csi.cloudmark.com [102]"], "blocked", "ORANGE OFR006_102 (wording ours)"),
    # ---- Mimecast
    ("mc-invalid", "MIMECAST", "RCPT", ["550 Invalid Recipient - https://community.mimecast.com/docs/DOC-1369#550 [GyUgn4KvOZu7UBzKfprfsQ.uk98]"], "userunknown", "MIMECAST 550 Invalid Recipient"),
    ("mc-spoof", "MIMECAST", "DATA", ["550 Rejected by header based Anti-Spoofing policy: newsletter@mta.mailgate.test - https://community.mimecast.com/docs/DOC-1369#550 [IKx9o2qHOKmL6n9eYq2Ubw.uk130]"], "policyviolation", "MIMECAST 550 Anti-Spoofing"),
    ("mc-envblocked", "MIMECAST", "RCPT", ["550 Administrative prohibition - envelope blocked - https://community.mimecast.com/docs/DOC-1369#550 [Bd3mQ5yZNeKqv8b0tXz7aA.uk55]"], "rejected", "MIMECAST 550 envelope blocked"),
    ("mc-toobig", "MIMECAST", "DATA", ["554 Maximum email size exceeded - https://community.mimecast.com/docs/DOC-1369#554 [a5kN7LQ0MNeM1kP9h3Iv6w.uk72]"], "mesgtoobig", "MIMECAST 554 size"),
    ("mc-dlp", "MIMECAST", "DATA", ["554 Email rejected due to security policies - https://community.mimecast.com/docs/DOC-1369#554 [dR3ZwJ2aNtqU8qS2w1KhWg.uk44]"], "policyviolation", "MIMECAST 554 security policies (wording ours)"),
    ("s-mc-senderblocked", "MIMECAST", "MAIL", ["421 Sender address blocked - https://community.mimecast.com/docs/DOC-1369#421 [xk2m1QwWOfGz3aVbYkQ5wA.uk12]"], "blocked", "MIMECAST 421 Sender address blocked"),
    # ---- Proofpoint
    ("pp-unknown", "PROOFPOINT", "RCPT", ["550 5.1.1 User Unknown"], "userunknown", "PROOFPOINT 550 5.1.1"),
    ("pp-spam", "PROOFPOINT", "DATA", ["554 5.7.1 Message blocked due to spam content in the message."], "spamdetected", "PROOFPOINT 554 5.7.1 spam content (wording ours)"),
    ("pp-virus", "PROOFPOINT", "DATA", ["554 5.7.1 Message rejected due to a virus: Eicar-Test-Signature"], "virusdetected", "PROOFPOINT 554 5.7.1 virus (wording ours)"),
    ("pp-blocked", "PROOFPOINT", "RCPT", ["554 5.7.0 Blocked - see https://ipcheck.proofpoint.com/?ip=127.0.0.1"], "blocked", "PROOFPOINT 554 5.7.0 PDR"),
    ("s-pp-pdr", "PROOFPOINT", "GREETING", ["521 5.7.1 mx0a-001b2d01.pphosted.com Proofpoint Dynamic Reputation: 127.0.0.1 blocked - see https://ipcheck.proofpoint.com/?ip=127.0.0.1"], "blocked", "PROOFPOINT 521 5.7.1 PDR at connect (wording ours)"),
    ("s-pp-defer", "PROOFPOINT", "MAIL", ["451 4.7.1 Deferred due to Proofpoint Dynamic Reputation - see https://ipcheck.proofpoint.com/?ip=127.0.0.1"], "badreputation", "PROOFPOINT 451 4.7.1 PDR deferral (wording ours)"),
    # ---- Barracuda
    ("bc-rbl", "BARRACUDA", "DATA", ["554 Service unavailable; Client host [127.0.0.1] blocked using Barracuda Reputation; http://www.barracudanetworks.com/reputation/?r=1&ip=127.0.0.1"], "blocked", "BARRACUDA 554 BRBL"),
    ("bc-blocked", "BARRACUDA", "DATA", ["550 permanent failure for one or more recipients ({a}:blocked)"], "filtered", "BARRACUDA 550 permanent failure (addr:blocked)"),
    ("bc-nosuchuser", "BARRACUDA", "RCPT", ["550 No such user ({a})"], "userunknown", "BARRACUDA 550 No such user"),
    ("bc-spf", "BARRACUDA", "RCPT", ["550 Sender Policy Framework (SPF) fail - not authorized (mta.mailgate.test)"], "authfailure", "BARRACUDA 550 SPF (wording ours)"),
    # ---- generic RFC replies from an ordinary receiving MTA
    ("rf-moved", "RFC", "RCPT", ["551 5.1.6 User not local; please try <new@elsewhere.test>"], "hasmoved", "RFC 5321 551 / RFC 3463 5.1.6"),
    ("rf-syntax", "RFC", "RCPT", ["553 5.1.3 <{a}>: Recipient address rejected: bad address syntax"], "userunknown", "RFC 3463 5.1.3"),
    ("rf-badhost", "RFC", "RCPT", ["550 5.1.2 <{a}>: Recipient address rejected: Domain not found"], "hostunknown", "RFC 3463 5.1.2"),
    ("rf-sender", "RFC", "RCPT", ["553 5.1.8 <newsletter@mta.mailgate.test>: Sender address rejected: Domain not found"], "rejected", "RFC 3463 5.1.8"),
    ("rf-relay", "RFC", "RCPT", ["554 5.7.1 <{a}>: Relay access denied"], "norelaying", "RFC 3463 5.7.1 relay"),
    ("rf-sysfull", "RFC", "RCPT", ["452 4.3.1 Insufficient system storage"], "systemfull", "RFC 5321 452 / RFC 3463 4.3.1"),
    ("rf-limit", "RFC", "DATA", ["552 5.2.3 Message length exceeds administrative limit"], "exceedlimit", "RFC 3463 5.2.3"),
    ("rf-content", "RFC", "DATA", ["554 5.6.0 Message content rejected: illegal MIME structure"], "contenterror", "RFC 3463 5.6.0"),
    ("rf-filter", "RFC", "DATA", ["550 5.7.1 Message rejected by the recipient's content filter rules"], "filtered", "RFC 3463 5.7.1 filter"),
    ("rf-greylist", "RFC", "RCPT", ["450 4.2.0 <{a}>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/mailgate.test.html"], "blocked", "postgrey 450 4.2.0"),
    # Withdrawn (kept so the addresses of the cases after it stay put): RFC 7505 gives 5.7.27 to a *sender* domain
    # with a null MX and 556 5.1.10 to the DSN of a recipient domain with one, so this greeting contradicted itself.
    ("s-rf-nullmx", "RFC", "GREETING", ["556 5.7.27 No mail service here (RFC 7505)"], "notaccept", "RFC 7505 556 5.7.27 at connect"),
    ("s-rf-noservice", "RFC", "GREETING", ["554 5.3.2 mx.remote.test No SMTP service here"], "notaccept", "RFC 5321 554 at greeting"),
    ("s-rf-helo", "RFC", "EHLO", ["550 5.7.1 <mta.mailgate.test>: Helo command rejected: Host not found"], "blocked", "Postfix-style 550 helo reject"),
]

# Failures with no reply at all: the MTA retried until its (zero) queue lifetime ended.
SILENT = [
    # (id, how, reason)
    ("s-x-refused", "REFUSED", "expired"),   # nothing listens on the port
    ("s-x-silent", "SILENT", "expired"),     # connection accepted, no greeting ever (the MTA's greeting timeout)
    ("s-x-dropdata", "DROP", "expired"),     # the connection is dropped after the message was sent, before any reply
]

# Sessions for TLS the sending MTA requires (each MTA script marks these two domains "TLS required"):
TLS = [
    ("s-x-tlsnone", "PLAIN", "failedstarttls"),  # an ordinary remote that does not offer STARTTLS (RFC 3207)
    ("s-x-tlsfail", "TLSFAIL", "failedstarttls"),  # offers STARTTLS, then answers it 454 4.7.0 (RFC 3207 4)
]

WITHDRAWN = {"s-rf-nullmx"}

HARD = {"userunknown", "hostunknown", "hasmoved"}


def verdict(reason, status):
    if reason in HARD or (reason == "notaccept" and not status.startswith("4")):
        return "hard"
    return "soft"


from cases_b2 import CASES_B2  # noqa: E402  (the second batch; its session cases take the addresses after these)
from cases_b3 import CASES_B3  # noqa: E402  (the third batch; its session cases come after the second's)


def session_cases():
    """The session-level cases in address order: 127.0.0.2 upwards, each one its own remote. The second batch's
    come after every address of the first, and the third's after the second's, so that no earlier case moves."""
    return ([c for c in CASES if c[0].startswith("s-")] + [(s[0], "RFC", s[1], [], s[2], "") for s in SILENT + TLS]
            + [c for c in CASES_B2 if c[0].startswith("s-")] + [c for c in CASES_B3 if c[0].startswith("s-")])


def ip_of(case_id):
    ids = [c[0] for c in session_cases()]
    return "127.0.0.%d" % (2 + ids.index(case_id))


if __name__ == "__main__":
    import sys
    # `cases.py routes`: "<domain> <ip>" per session-level case (each MTA script turns it into its routing table)
    # `cases.py recipients`: one recipient per line
    if sys.argv[1] == "routes":
        for c in session_cases():
            print("%s.test %s" % (c[0], ip_of(c[0])))
    elif sys.argv[1] == "ip":
        print(ip_of(sys.argv[2]))
    elif sys.argv[1] == "recipients":
        # --permanent: only the 5xx refusals (for an MTA whose temporary failures end without a failure report)
        permanent = "--permanent" in sys.argv
        # --batch 2 / 3: that batch only (cases_b2.py, cases_b3.py), without the reply-less and TLS cases of the first
        batch = sys.argv[sys.argv.index("--batch") + 1] if "--batch" in sys.argv else "1"
        batch2 = batch != "1"
        for c in {"1": CASES, "2": CASES_B2, "3": CASES_B3}[batch]:
            if c[0] in WITHDRAWN:
                continue
            if not permanent or c[3][0].startswith("5"):
                print(("user@%s.test" if c[0].startswith("s-") else "%s@remote.test") % c[0])
        for s in SILENT + (TLS if "--tls" in sys.argv else []) if not permanent and not batch2 else []:
            print("user@%s.test" % s[0])
