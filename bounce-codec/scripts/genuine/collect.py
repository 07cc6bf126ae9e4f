"""Files the notices an MTA returned as fixtures (issue 17): one .eml per case, an expected.tsv beside them.

Usage: collect.py <mta> <mbox-or-maildir> <local-cases.tsv> <out-dir> [--local-only]
  <mta>             fixture prefix and directory (postfix, exim, ...); the newsletter's Message-ID is <mta>-<case>@...
  <local-cases.tsv> the MTA script's own cases: id, recipient, reason, status ('' = the Status the MTA wrote)
  <out-dir>         genuine/<mta>; every 4th case (sorted by id) goes to validation/, the rest to development/

The expectation comes from cases.py (the injected cause), never from a classifier. Status: the enhanced code of the
injected reply when it has one, otherwise the Status: field the MTA wrote for that recipient (RFC 3464 2.3.4).
"""
import email, email.policy, mailbox, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cases import CASES, CASES_B2, CASES_B3, SILENT, TLS, verdict

mta, box, local_tsv, out = sys.argv[1:5]
expect = {}
for c in CASES + CASES_B2 + CASES_B3:
    rcpt = ("user@%s.test" if c[0].startswith("s-") else "%s@remote.test") % c[0]
    # after the reply code ("550 5.1.1", Cisco's "550 #5.1.0") or, qmail's way, at the end ("... (#5.7.1)")
    m = (re.match(r"^\d{3}[ -]#?([245]\.\d{1,3}\.\d{1,3})\b", c[3][0])
         or re.search(r"\(#([245]\.\d{1,3}\.\d{1,3})\)$", c[3][-1]))
    expect[c[0]] = (rcpt, c[4], m.group(1) if m else "")
for s in SILENT + TLS:
    expect[s[0]] = ("user@%s.test" % s[0], s[2], "")
if "--local-only" in sys.argv:  # a batch of the script's own cases only (e.g. make-postfix-dns-bounces.sh)
    expect = {}
for line in open(local_tsv):
    if line.strip() and not line.startswith("#"):
        cid, rcpt, reason, status = (line.rstrip("\n").split("\t") + [""])[:4]
        expect[cid] = (rcpt, reason, status)

if os.path.isdir(box):
    src = mailbox.Maildir(box, factory=None, create=False)
else:
    src = mailbox.mbox(box, create=False)

found = {}
for key in src.keys():
    raw = src.get_bytes(key)
    text = raw.decode("utf-8", "replace")
    ids = re.findall(r"<%s-([a-z0-9-]+)@mta\.mailgate\.test>" % re.escape(mta), text, re.I)
    if not ids:
        print("skipping a message that names no case:", text.split("\n", 12)[:12], file=sys.stderr); continue
    cid = ids[0].lower()
    if cid not in expect:
        print("unknown case", cid, file=sys.stderr); continue
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    status_field = ""
    for part in msg.walk():
        if part.get_content_type() == "message/delivery-status":
            body = part.get_payload()
            blocks = body if isinstance(body, list) else []
            texts = [b.as_string() for b in blocks] if blocks else [str(body)]
            for t in texts:
                if re.search(re.escape(expect[cid][0]), t, re.I):
                    m = re.search(r"^Status:\s*([245]\.\d{1,3}\.\d{1,3})", t, re.M | re.I)
                    if m: status_field = m.group(1)
    if "delayed" in text.lower() and re.search(r"^Action:\s*delayed", text, re.M | re.I):
        print("skipping a delay warning for", cid, file=sys.stderr); continue
    if cid in found:
        print("second notice for", cid, "kept the first", file=sys.stderr); continue
    found[cid] = (raw, status_field)

ordered = sorted(found)
rows = {"development": [], "validation": []}
for i, cid in enumerate(ordered):
    raw, status_field = found[cid]
    rcpt, reason, status = expect[cid]
    status = status or status_field
    if not status:
        print("no status for", cid, "- left out", file=sys.stderr); continue
    part = "validation" if i % 4 == 3 else "development"
    d = os.path.join(out, part); os.makedirs(d, exist_ok=True)
    name = "%s-%s.eml" % (mta, cid)
    with open(os.path.join(d, name), "wb") as f: f.write(raw)
    rows[part].append("\t".join([name, rcpt, verdict(reason, status), reason, status]))
for part, lines in rows.items():
    if not lines: continue
    with open(os.path.join(out, part, "expected.tsv"), "w") as f:
        f.write("# Genuine %s bounces (issue 17), made by bounce-codec/scripts/genuine/make-%s-bounces.sh; %s part.\n"
                "# Expected per recipient, decided from the cause injected (scripts/genuine/cases.py), not from a classifier:\n"
                "# file, recipient, class, reason, status\n" % (mta, mta, part))
        f.write("\n".join(lines) + "\n")
b2 = {c[0] for c in CASES_B2}
b3 = {c[0] for c in CASES_B3}
batch = b3 if set(found) & b3 else b2 if set(found) & b2 else set(expect) - b2 - b3
missing = sorted(batch - set(found))  # of the batch that was sent (the second batch's notices name only its cases)
print("%s: %d cases filed (%d development, %d validation); no notice for: %s" % (
    mta, len(rows["development"]) + len(rows["validation"]), len(rows["development"]), len(rows["validation"]),
    " ".join(missing) or "none"))
