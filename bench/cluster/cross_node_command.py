#!/usr/bin/env python3
"""p50/p99 of a command for a device through another node, against `scripts/cluster up`.

A device logs in on node1 (directly, with a PROXY v2 header as HAProxy would send); then
COUNT times, one at a time: an HTTP `update` of V1 is sent to node2 (cross-node: through
Redis to node1) or to node1 itself (same node, the baseline), and the time from sending the
request to the device reading its HARDWARE frame is recorded.

  scripts/cluster up && bench/cluster/cross_node_command.py [--count 2000]
"""
import argparse
import json
import socket
import struct
import time
import urllib.parse

PROXY_LOCAL = b"\r\n\r\n\x00\r\nQUIT\n\x20\x00\x00\x00"
HW_LOGIN, HARDWARE, INTERNAL, RESPONSE = 29, 20, 17, 0


def connect(port):
    s = socket.create_connection(("127.0.0.1", port))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    s.sendall(PROXY_LOCAL)
    return s


def http(port, method, path, body=None, token=None):
    s = connect(port)
    data = json.dumps(body).encode() if body is not None else b""
    head = f"{method} {path} HTTP/1.1\r\nHost: bench\r\nConnection: close\r\nContent-Length: {len(data)}\r\n"
    if token:
        head += f"Authorization: Bearer {token}\r\n"
    s.sendall(head.encode() + b"Content-Type: application/json\r\n\r\n" + data)
    out = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        out += chunk
    s.close()
    status = int(out[9:12])
    return status, out.split(b"\r\n\r\n", 1)[1]


def frame(command, msg_id, body):
    return struct.pack(">BHH", command, msg_id, len(body)) + body


def read_frame(s):
    head = b""
    while len(head) < 5:
        head += s.recv(5 - len(head))
    command, msg_id, length = struct.unpack(">BHH", head)
    if command == RESPONSE:
        return command, msg_id, b""
    body = b""
    while len(body) < length:
        body += s.recv(length - len(body))
    return command, msg_id, body


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p / 100))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--node1", type=int, default=18101)
    ap.add_argument("--node2", type=int, default=18102)
    args = ap.parse_args()

    _, body = http(args.node1, "POST", "/api/v1/login", {"email": "admin@example.com", "password": "admin-password"})
    bearer = json.loads(body)["token"]
    _, body = http(args.node1, "POST", "/api/v1/templates", {"name": "Bench"}, bearer)
    template = json.loads(body)["id"]
    _, body = http(args.node1, "POST", "/api/v1/provisioning", {"templateId": template}, bearer)
    token = json.loads(body)["token"]

    device = connect(args.node1)
    device.sendall(frame(HW_LOGIN, 1, token.encode()))
    assert read_frame(device)[0] == RESPONSE
    info = b"\x00".join([b"h-beat", b"60", b"buff-in", b"1024", b"tmpl", template.encode()])
    device.sendall(frame(INTERNAL, 2, info))
    read_frame(device)
    time.sleep(1)  # the claim in Redis is made from the node's own thread

    for name, port in (("same node", args.node1), ("cross node", args.node2)):
        times = []
        for i in range(args.count):
            started = time.perf_counter()
            status, _ = http(port, "GET", "/external/api/update?" + urllib.parse.urlencode({"token": token, "V1": str(i)}))
            assert status == 200, status
            while True:
                command, _, body = read_frame(device)
                if command == HARDWARE and body.endswith(str(i).encode()):
                    break
            times.append((time.perf_counter() - started) * 1000)
        with open("/proc/loadavg") as f:
            load = f.read().split()[0]
        print(f"{name}: {args.count} updates, HTTP request to HARDWARE frame p50 {percentile(times, 50):.2f} ms, "
              f"p99 {percentile(times, 99):.2f} ms (load {load})")


if __name__ == "__main__":
    main()
