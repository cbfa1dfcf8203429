// A Blynk-protocol test device over a real TCP socket: logs in with a token,
// sends its info, answers pings, logs events and can go away. Used by the
// console's browser tests (the cloud sees exactly what a board would send).
import net from 'node:net';

const RESPONSE = 0;
const PING = 6;
const INTERNAL = 17;
const HW_LOGIN = 29;
const EVENT_LOG = 64;

export class BlynkDevice {
  constructor(endpoint) {
    const [host, port] = endpoint.split(/:(?=\d+$)/);
    this.host = host;
    this.port = Number(port);
    this.nextId = 1;
    this.pending = new Map();
    this.buffer = Buffer.alloc(0);
  }

  connect() {
    return new Promise((resolve, reject) => {
      this.socket = net.connect({ host: this.host, port: this.port }, resolve);
      this.socket.once('error', reject);
      this.socket.on('data', (chunk) => this.onData(chunk));
      this.socket.on('close', () => {
        for (const [, p] of this.pending) p.reject(new Error('connection closed'));
        this.pending.clear();
      });
    });
  }

  send(command, fields) {
    const id = this.nextId++;
    const body = Buffer.from(fields.join('\0'), 'utf8');
    const header = Buffer.alloc(5);
    header.writeUInt8(command, 0);
    header.writeUInt16BE(id, 1);
    header.writeUInt16BE(body.length, 3);
    this.socket.write(Buffer.concat([header, body]));
    return id;
  }

  request(command, fields, timeoutMs = 10000) {
    const id = this.send(command, fields);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no response to command ${command} in ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (s) => (clearTimeout(timer), resolve(s)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
    });
  }

  onData(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    while (this.buffer.length >= 5) {
      const command = this.buffer.readUInt8(0);
      const id = this.buffer.readUInt16BE(1);
      const length = this.buffer.readUInt16BE(3);
      if (command === RESPONSE) {
        this.buffer = this.buffer.subarray(5);
        this.pending.get(id)?.resolve(length);
        this.pending.delete(id);
        continue;
      }
      if (this.buffer.length < 5 + length) return;
      this.buffer = this.buffer.subarray(5 + length);
      if (command === PING) {
        const header = Buffer.alloc(5);
        header.writeUInt8(RESPONSE, 0);
        header.writeUInt16BE(id, 1);
        header.writeUInt16BE(200, 3);
        this.socket.write(header);
      }
    }
  }

  // Logs in and sends the info a Blynk library sends; resolves with the login status.
  async login(token, { templateId, firmware = '1.0.0', heartbeat = 45 } = {}) {
    const status = await this.request(HW_LOGIN, [token]);
    if (status !== 200) return status;
    const info = ['ver', '1.3.2', 'h-beat', String(heartbeat), 'buff-in', '1024', 'dev', 'ESP32', 'fw', firmware];
    if (templateId) info.push('tmpl', templateId);
    const infoStatus = await this.request(INTERNAL, info);
    if (infoStatus !== 200) throw new Error(`info answered ${infoStatus}`);
    return status;
  }

  logEvent(code, description) {
    return this.request(EVENT_LOG, [code, description]);
  }

  close() {
    return new Promise((resolve) => {
      if (!this.socket || this.socket.destroyed) return resolve();
      this.socket.once('close', resolve);
      this.socket.end();
    });
  }
}
