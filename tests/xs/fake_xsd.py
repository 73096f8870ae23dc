#!/usr/bin/env python3
# tests/xs/fake_xsd.py MODE SOCKET - a unix socket that is not a working
# xenstored, for the timeout and message tests:
#   silent   accepts every connection and never answers
#   garbage  answers every request with 16 bytes of garbage header (a
#            payload length far beyond xenstore's 4096)
#   close    accepts and closes at once
#   badtype  answers with a well-formed reply of another message type
# Runs until killed; the socket is bound before the first line "ready".
import os, socket, struct, sys, threading

mode, path = sys.argv[1], sys.argv[2]
try:
    os.unlink(path)
except FileNotFoundError:
    pass
srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
srv.bind(path)
srv.listen(64)
print("ready", flush=True)
held = []

def serve(c):
    try:
        while True:
            hdr = c.recv(16)
            if len(hdr) < 16:
                return
            typ, req, tx, ln = struct.unpack("<IIII", hdr)
            while ln:
                got = c.recv(ln)
                if not got:
                    return
                ln -= len(got)
            if mode == "garbage":
                c.sendall(b"\xde\xad\xbe\xef" * 4)
            elif mode == "badtype":
                body = b"OK\0"
                c.sendall(struct.pack("<IIII", 0x7f, req, tx, len(body)) + body)
    except OSError:
        return

while True:
    c, _ = srv.accept()
    if mode == "silent":
        held.append(c)          # read nothing, answer nothing
    elif mode == "close":
        c.close()
    else:
        threading.Thread(target=serve, args=(c,), daemon=True).start()
