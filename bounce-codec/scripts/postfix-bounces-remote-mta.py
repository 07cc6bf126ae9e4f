# A scripted remote MTA for generating genuine Postfix bounces: the reply depends on the recipient's local part.
import socket, threading, sys
REPLIES = {
    "unknown": ("RCPT", "550 5.1.1 <{a}>: Recipient address rejected: User unknown in virtual mailbox table"),
    "full": ("RCPT", "552 5.2.2 <{a}>: Recipient address rejected: Mailbox full"),
    "disabled": ("RCPT", "550 5.2.1 <{a}>: Recipient address rejected: Account disabled"),
    "spam": ("DATA", "554 5.7.1 Message rejected as spam by Content Filtering"),
    "blocked": ("RCPT", "554 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org"),
    "toobig": ("DATA", "552 5.3.4 Message size exceeds fixed maximum message size"),
    "tempfail": ("RCPT", "451 4.3.0 <{a}>: Temporary lookup failure"),
}
def handle(c):
    f = c.makefile("rwb", buffering=0)
    def send(s): f.write((s + "\r\n").encode())
    send("220 mx.remote.test ESMTP")
    rcpt = None
    while True:
        line = f.readline()
        if not line: break
        cmd = line.decode(errors="replace").strip()
        u = cmd.upper()
        if u.startswith("EHLO"): send("250-mx.remote.test"); send("250 PIPELINING")
        elif u.startswith("HELO"): send("250 mx.remote.test")
        elif u.startswith("MAIL"): send("250 2.1.0 Ok")
        elif u.startswith("RCPT"):
            rcpt = cmd[cmd.index("<")+1:cmd.index(">")]
            kind = rcpt.split("@")[0]
            r = REPLIES.get(kind)
            if r and r[0] == "RCPT": send(r[1].format(a=rcpt))
            else: send("250 2.1.5 Ok")
        elif u == "DATA":
            send("354 End data with <CR><LF>.<CR><LF>")
            while True:
                l = f.readline()
                if not l or l in (b".\r\n", b".\n"): break
            r = REPLIES.get(rcpt.split("@")[0]) if rcpt else None
            send(r[1].format(a=rcpt) if r and r[0] == "DATA" else "250 2.0.0 Ok: queued as 4F2A1")
        elif u == "QUIT": send("221 2.0.0 Bye"); break
        elif u == "RSET": send("250 2.0.0 Ok")
        else: send("502 5.5.2 Error: command not recognized")
    c.close()
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", 2525)); s.listen(16)
while True:
    c, _ = s.accept(); threading.Thread(target=handle, args=(c,), daemon=True).start()
