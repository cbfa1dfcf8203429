// Usage: node socket-bridge.mjs FROM TO    (each tcp:HOST:PORT or unix:PATH)
// Accepts connections on FROM and pipes each to a new connection to TO. The
// demo runs one inside the world's internet host (unix socket -> the cloud)
// and one on this machine (127.0.0.1 -> that unix socket): a path in the
// shared filesystem crosses network namespaces, so a browser here reaches the
// console of the cloud in the world. Prints "listening ADDRESS" when ready.
import net from 'node:net';
import { rmSync } from 'node:fs';

const parse = (spec) => {
  if (spec?.startsWith('unix:')) return { path: spec.slice(5) };
  const m = spec?.match(/^tcp:(.+):(\d+)$/);
  if (!m) {
    console.error(`socket-bridge: '${spec}' is not tcp:HOST:PORT or unix:PATH`);
    process.exit(2);
  }
  return { host: m[1], port: Number(m[2]) };
};

const [from, to] = [parse(process.argv[2]), parse(process.argv[3])];
const server = net.createServer((client) => {
  const upstream = net.connect(to);
  client.pipe(upstream);
  upstream.pipe(client);
  const end = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', end);
  upstream.on('error', end);
  client.on('close', end);
  upstream.on('close', end);
});
if (from.path) rmSync(from.path, { force: true });
server.listen(from, () => {
  const a = server.address();
  console.log(`listening ${typeof a === 'string' ? a : `${a.address}:${a.port}`}`);
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
