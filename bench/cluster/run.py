#!/usr/bin/env python3
"""The cluster benchmarks of issue 11 (bench/README.md, "bench/cluster"), each against a fresh
`scripts/cluster up` (PostgreSQL in a temporary directory as an unprivileged user, Redis,
NODES nodes with --proxy-protocol, HAProxy in front of the first three for the REST calls).

  idle      N (100,000) fresh devices connect straight to the NODES (6) nodes, spread evenly
            (`onboard-fleet --ports ... --proxy-v2`: each connection starts with the PROXY v2
            header HAProxy would send, so the nodes' per-IP limits see 127.1.0.x). Gives the
            activations/s across the cluster (every login is a first activation on
            PostgreSQL) and, once all are ready, the connections held and the nodes' summed
            RSS per connection.
  failover  N (50,000) devices on NODES (4) nodes; once all are ready, one node is killed -9
            and its devices reconnect to one of the others (at random) after 0..SPREAD s; measures
            the time until every device is ready again (the generator's view) and until the
            live nodes' onboard_devices_online adds up to N again (the cluster's view).
  command   bench/cluster/cross_node_command.py against 3 nodes (p50/p99 of an HTTP update on
            node2 to the HARDWARE frame of a device on node1).

  bench/cluster/run.py idle [--devices 100000 --nodes 6 --processes 8]
  bench/cluster/run.py failover [--devices 50000 --nodes 4 --spread 2]
  bench/cluster/run.py command [--count 2000]

Needs the release build: cmake --preset release &&
cmake --build --preset release --target onboard-cloud onboard-fleet
"""
import argparse
import os
import re
import signal
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FLEET = os.environ.get("FLEET", os.path.join(ROOT, "build/release/bin/onboard-fleet"))
CLUSTER_DIR = os.environ.get("ONBOARD_CLUSTER_DIR", "/tmp/onboard-cluster-bench")
# Ports 1000 above scripts/cluster's defaults: bench/fleet/run.sh and a `scripts/cluster up` of
# one's own may run at the same time.
OFFSET = int(os.environ.get("ONBOARD_CLUSTER_PORT_OFFSET", "1000"))
REST_PORT = 18080 + OFFSET  # HAProxy (plain) of scripts/cluster
PROXY_LOCAL = b"\r\n\r\n\x00\r\nQUIT\n\x20\x00\x00\x00"
# Lifted limits: the whole fleet is one user on a few dozen addresses of one machine.
SERVE_FLAGS = ("--log-level warn --max-prelogin-per-ip 100000 --max-new-connections-per-ip 1000000 "
               "--provisioning-per-minute 0 --token-failures-per-ip 1000000")


def node_port(i):
    return 18100 + OFFSET + i


def load():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def log(*args):
    print(time.strftime("%H:%M:%S"), *args, flush=True)


def cluster(action, nodes):
    if action == "down":
        # The nodes' logs outlive the cluster's directory: why a device was refused, say.
        keep = CLUSTER_DIR + "-logs"
        os.makedirs(keep, exist_ok=True)
        for i in range(1, nodes + 1):
            log_path = os.path.join(CLUSTER_DIR, f"node{i}", "log")
            if os.path.exists(log_path):
                with open(log_path, "rb") as src, open(os.path.join(keep, f"node{i}.log"), "wb") as dst:
                    dst.write(src.read())
    env = dict(os.environ, ONBOARD_CLUSTER_DIR=CLUSTER_DIR, ONBOARD_CLUSTER_NODES=str(nodes),
               ONBOARD_CLUSTER_PORT_OFFSET=str(OFFSET),
               ONBOARD_CLUSTER_SERVE_FLAGS=os.environ.get("SERVE_FLAGS", SERVE_FLAGS))
    subprocess.run([os.path.join(ROOT, "scripts/cluster"), action], env=env, check=action == "up",
                   stdout=None if action == "up" else subprocess.DEVNULL)


def node_pid(i):
    with open(os.path.join(CLUSTER_DIR, f"node{i}", "pid")) as f:
        return int(f.read())


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def metrics(port):
    """A node's /metrics (asked directly, with the PROXY LOCAL header its health checks send)."""
    import socket
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=3)
        s.sendall(PROXY_LOCAL + b"GET /metrics HTTP/1.0\r\n\r\n")
        out = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            out += chunk
        s.close()
    except OSError:
        return {}
    values = {}
    for line in out.decode(errors="replace").splitlines():
        m = re.match(r"^([a-z_]+(?:\{[^}]*\})?) ([0-9.eE+-]+)$", line)
        if m:
            values[m.group(1)] = float(m.group(2))
    return values


def provision(devices, path):
    t = time.time()
    subprocess.run([FLEET, "--port", str(REST_PORT), "--password", "admin-password", "-n", str(devices),
                    "--rest-connections", "8", "--provision-only", "--tokens-out", path], check=True)
    log(f"provisioned {devices} in {time.time() - t:.1f} s (load {load()})")


def start_fleet(args, ports, extra, out_path):
    cmd = [FLEET, "--ports", ",".join(str(p) for p in ports), "--proxy-v2", "--tokens-in", args.tokens,
           "-n", str(args.devices), "--processes", str(args.processes), "--sources", str(args.sources),
           "--http-port", str(REST_PORT), "--ready-timeout", "900", "--settle", "3"] + extra
    log(" ".join(cmd))
    out = open(out_path, "w")
    return subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT), out_path


def wait_line(path, pattern, proc, limit_s):
    deadline = time.time() + limit_s
    while time.time() < deadline:
        with open(path) as f:
            text = f.read()
        if re.search(pattern, text, re.M):
            return text
        if proc.poll() is not None:
            raise SystemExit(f"onboard-fleet ended early:\n{text}")
        time.sleep(0.2)
    raise SystemExit(f"no '{pattern}' from onboard-fleet within {limit_s} s")


def idle(args):
    cluster("up", args.nodes)
    try:
        provision(args.devices, args.tokens)
        pids = [node_pid(i) for i in range(1, args.nodes + 1)]
        base = [rss_kb(p) for p in pids]
        log(f"nodes' RSS before: {sum(base) / 1024:.1f} MB ({', '.join(f'{b / 1024:.1f}' for b in base)})")
        ports = [node_port(i) for i in range(1, args.nodes + 1)]
        proc, path = start_fleet(args, ports, ["--duration", "10"], os.path.join(CLUSTER_DIR, "fleet.out"))
        wait_line(path, r"^window starts", proc, 1200)
        held = [rss_kb(p) for p in pids]
        online = [metrics(p).get("onboard_devices_online", 0) for p in ports]
        proc.wait()
        with open(path) as f:
            print(f.read(), end="")
        total_online = int(sum(online))
        delta = sum(held) - sum(base)
        log(f"nodes' RSS holding: {sum(held) / 1024:.1f} MB ({', '.join(f'{h / 1024:.1f}' for h in held)})")
        log(f"online per node: {', '.join(str(int(o)) for o in online)} = {total_online}")
        if total_online:
            log(f"RSS per connection: {delta / total_online:.2f} KB (increase), "
                f"{sum(held) / total_online:.2f} KB (whole RSS) over {total_online} (load {load()})")
    finally:
        cluster("down", args.nodes)


def failover(args):
    cluster("up", args.nodes)
    try:
        provision(args.devices, args.tokens)
        ports = [node_port(i) for i in range(1, args.nodes + 1)]
        proc, path = start_fleet(args, ports, ["--duration", "600", "--reconnect", str(args.spread)],
                                 os.path.join(CLUSTER_DIR, "fleet.out"))
        wait_line(path, r"^window starts", proc, 1200)
        victim = args.nodes
        before = [metrics(p).get("onboard_devices_online", 0) for p in ports]
        log(f"online per node: {', '.join(str(int(o)) for o in before)}; kill -9 node{victim} (load {load()})")
        killed = time.time()
        os.kill(node_pid(victim), 9)
        live = ports[:victim - 1]
        cluster_view = None
        while proc.poll() is None:
            online = sum(metrics(p).get("onboard_devices_online", 0) for p in live)
            if cluster_view is None and online >= args.devices:
                cluster_view = time.time() - killed
                log(f"live nodes count {int(online)} online {cluster_view:.2f} s after the kill")
            if time.time() - killed > 600:
                break
            time.sleep(0.2)
        proc.wait()
        with open(path) as f:
            print(f.read(), end="")
        log(f"load {load()}")
    finally:
        cluster("down", args.nodes)


def command(args):
    cluster("up", 3)
    try:
        subprocess.run([sys.executable, os.path.join(ROOT, "bench/cluster/cross_node_command.py"), "--count",
                        str(args.count), "--node1", str(node_port(1)), "--node2", str(node_port(2))], check=True)
    finally:
        cluster("down", 3)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("scenario", choices=["idle", "failover", "command"])
    ap.add_argument("--devices", type=int)
    ap.add_argument("--nodes", type=int)
    ap.add_argument("--processes", type=int, default=8, help="generator processes")
    ap.add_argument("--sources", type=int, default=64, help="source addresses 127.1.0.x")
    ap.add_argument("--spread", type=float, default=2.0, help="failover: reconnect delay 0..SPREAD s")
    ap.add_argument("--count", type=int, default=2000, help="command: updates per path")
    args = ap.parse_args()
    # Stopped (TERM, or INT even when started in the background): the cluster still goes down.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    signal.signal(signal.SIGINT, lambda *_: sys.exit(1))
    if args.scenario == "idle":
        args.devices = args.devices or 100_000
        args.nodes = args.nodes or 6
    elif args.scenario == "failover":
        args.devices = args.devices or 50_000
        args.nodes = args.nodes or 4
    args.tokens = os.path.join("/tmp", f"onboard-cluster-bench-{args.scenario}.tokens")
    if args.scenario != "command" and not os.access(FLEET, os.X_OK):
        raise SystemExit(f"no {FLEET}: cmake --build --preset release --target onboard-cloud onboard-fleet")
    log(f"{args.scenario}: load {load()}")
    {"idle": idle, "failover": failover, "command": command}[args.scenario](args)


if __name__ == "__main__":
    main()
