"""A scripted remote MTA for genuine bounces (issue 17): the refusals of cases.py, at the stage each names.

127.0.0.1:PORT answers per recipient (the local part names the case, RCPT or end-of-DATA refusals); each
session-level case (greeting, EHLO, MAIL) has its own address 127.0.0.N:PORT (see cases.ip_of), so the sending MTA
is routed to it by the recipient's domain. Usage: remote-mta.py [port]   (default 2525). Logs to stderr.
"""
import os, socket, sys, threading, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cases import CASES, CASES_B2, CASES_B3, SILENT, session_cases, ip_of

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 2525
BY_ID = {c[0]: c for c in CASES + CASES_B2 + CASES_B3}


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, file=sys.stderr, flush=True)


def handle(c, session):
    f = c.makefile("rwb", buffering=0)

    def send(lines, a=""):
        for l in lines:
            f.write((l.format(a=a) + "\r\n").encode())
        if lines and lines[-1].startswith("421"):
            # 421: the server closes the transmission channel (RFC 5321 3.8, 4.2.2)
            raise ConnectionAbortedError

    how = session[2] if session else None
    if how == "PLAIN": how = None
    if how == "SILENT":
        time.sleep(600); c.close(); return
    if how == "GREETING":
        send(session[3]); log("greeting refusal", session[0])
        # a 421/554 greeting: RFC 5321 4.3.2 lets the server wait for QUIT; answer it and close
        try:
            while True:
                line = f.readline()
                if not line: break
                if line.upper().startswith(b"QUIT"): send(["221 2.0.0 Bye"]); break
                send(["503 5.5.1 Bad sequence of commands"])
        except OSError: pass
        c.close(); return
    send(["220 mx.remote.test ESMTP ready"])
    rcpts = []
    while True:
        try:
            line = f.readline()
        except OSError:
            break
        if not line: break
        cmd = line.decode(errors="replace").strip()
        u = cmd.upper()
        if u.startswith("EHLO") or u.startswith("HELO"):
            if how == "EHLO": send(session[3]); log("ehlo refusal", session[0]); continue
            send(["250-mx.remote.test"] + (["250-STARTTLS"] if how == "TLSFAIL" else []) + ["250-PIPELINING", "250-SIZE 10485760", "250-8BITMIME", "250 ENHANCEDSTATUSCODES"]
                 if u.startswith("EHLO") else ["250 mx.remote.test"])
        elif u.startswith("MAIL"):
            rcpts = []
            if how == "MAIL": send(session[3]); log("mail refusal", session[0])
            else: send(["250 2.1.0 Ok"])
        elif u.startswith("RCPT"):
            a = cmd[cmd.index("<") + 1:cmd.index(">")] if "<" in cmd else cmd[8:]
            case = BY_ID.get(a.split("@")[0].lower())
            if case and case[2] == "RCPT":
                send(case[3], a); log("rcpt refusal", case[0], a)
            else:
                send(["250 2.1.5 Ok"]); rcpts.append(a)
        elif u == "DATA":
            if not rcpts: send(["554 5.5.1 Error: no valid recipients"]); continue
            send(["354 End data with <CR><LF>.<CR><LF>"])
            while True:
                l = f.readline()
                if not l or l in (b".\r\n", b".\n"): break
            if how == "DROP":
                log("drop after data", session[0]); c.close(); return
            # one refusal for the transaction: the first recipient whose case refuses after DATA (one case per message)
            refusal = next((BY_ID[r.split("@")[0].lower()] for r in rcpts
                            if r.split("@")[0].lower() in BY_ID and BY_ID[r.split("@")[0].lower()][2] == "DATA"), None)
            if refusal:
                send(refusal[3], next(r for r in rcpts if r.split("@")[0].lower() == refusal[0])); log("data refusal", refusal[0])
            else:
                send(["250 2.0.0 Ok: queued as 4F2A1"])
        elif u == "QUIT": send(["221 2.0.0 Bye"]); break
        elif u in ("RSET", "NOOP"): send(["250 2.0.0 Ok"])
        elif u == "STARTTLS": send(["454 4.7.0 TLS not available due to local problem"])
        else: send(["502 5.5.2 Error: command not recognized"])
    c.close()


def guarded(c, session):
    try:
        handle(c, session)
    except (ConnectionAbortedError, OSError):
        pass
    finally:
        c.close()


def serve(ip, session):
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((ip, PORT)); s.listen(16)
    while True:
        c, _ = s.accept()
        threading.Thread(target=guarded, args=(c, session), daemon=True).start()


threads = [threading.Thread(target=serve, args=("127.0.0.1", None), daemon=True)]
for sc in session_cases():
    if sc[2] != "REFUSED":
        threads.append(threading.Thread(target=serve, args=(ip_of(sc[0]), sc), daemon=True))
for t in threads: t.start()
log("listening on port", PORT, "for", len(threads), "addresses")
while True: time.sleep(3600)
