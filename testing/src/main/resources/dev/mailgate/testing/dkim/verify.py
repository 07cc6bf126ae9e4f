#!/usr/bin/python3
# Independent DKIM verifier for the tests: Debian's python3-dkim (dkimpy) with the public keys taken from a record
# file ("<name> <TXT value>" per line) instead of DNS. Prints "PASS <file>" or "FAIL <file> <reason>" per message.
import sys, dkim, logging

records = {}
with open(sys.argv[1]) as f:
    for line in f:
        if line.strip():
            name, value = line.rstrip("\n").split(" ", 1)
            records[name.lower().rstrip(".")] = value.encode()

def lookup(name, timeout=5):
    return records.get(name.decode().lower().rstrip("."))

for path in sys.argv[2:]:
    with open(path, "rb") as f:
        data = f.read()
    log = []
    class Collect(logging.Handler):
        def emit(self, record):
            log.append(record.getMessage())
    logger = logging.getLogger("dkim-test")
    logger.handlers = [Collect()]
    logger.setLevel(logging.DEBUG)
    try:
        ok = dkim.verify(data, logger=logger, dnsfunc=lookup, minkey=1024)
    except Exception as e:
        ok = False
        log.append(repr(e))
    print(("PASS " if ok else "FAIL ") + path + ("" if ok else " " + " | ".join(log[-2:]).replace("\n", " ")))
