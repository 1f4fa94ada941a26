// The check peer for `npm run bench`: Red Hat's yaml-language-server (the engine of the
// YAML extension) validating one file against schemas/kpis.schema.json, as a whole
// process: start it over stdio, initialize, open the file, wait for its diagnostics, exit.
// Usage: node yls-peer.cjs FILE SCHEMA. Prints the number of diagnostics.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const [file, schema] = process.argv.slice(2).map((p) => path.resolve(p));
const server = spawn(process.execPath, [require.resolve('yaml-language-server/bin/yaml-language-server'), '--stdio'], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const uri = pathToFileURL(file).href;
const settings = { yaml: { validate: true, schemas: { [pathToFileURL(schema).href]: [path.basename(file)] }, schemaStore: { enable: false } } };
let nextId = 1;
const pending = new Map();

function send(message) {
  const body = JSON.stringify({ jsonrpc: '2.0', ...message });
  server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}
function request(method, params) {
  const id = nextId++;
  send({ id, method, params });
  return new Promise((resolve) => pending.set(id, resolve));
}

let buffer = Buffer.alloc(0);
server.stdout.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const headerEnd = buffer.indexOf('\r\n\r\n');
    if (headerEnd < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString())[1]);
    if (buffer.length < headerEnd + 4 + length) return;
    const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString());
    buffer = buffer.subarray(headerEnd + 4 + length);
    onMessage(message);
  }
});

function onMessage(message) {
  if (message.id !== undefined && pending.has(message.id) && message.method === undefined) {
    pending.get(message.id)(message.result);
    pending.delete(message.id);
  } else if (message.method === 'workspace/configuration') {
    send({ id: message.id, result: message.params.items.map((item) => (item.section === 'yaml' ? settings.yaml : null)) });
  } else if (message.method === 'textDocument/publishDiagnostics' && message.params.uri === uri) {
    process.stdout.write(String(message.params.diagnostics.length));
    request('shutdown').then(() => {
      send({ method: 'exit' });
      setTimeout(() => process.exit(0), 50).unref();
    });
  } else if (message.id !== undefined && message.method !== undefined) {
    send({ id: message.id, result: null }); // any other request of the server's: no answer needed
  }
}

(async () => {
  await request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(path.dirname(file)).href,
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: {} } },
  });
  send({ method: 'initialized', params: {} });
  send({ method: 'workspace/didChangeConfiguration', params: { settings } });
  send({
    method: 'textDocument/didOpen',
    params: { textDocument: { uri, languageId: 'yaml', version: 1, text: fs.readFileSync(file, 'utf8') } },
  });
})();
setTimeout(() => {
  console.error('yaml-language-server gave no diagnostics within 120 s');
  process.exit(2);
}, 120_000).unref();
