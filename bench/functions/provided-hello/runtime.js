// The `provided` hello-world: a custom runtime written the way a user would write one with Node's http module
// (keep-alive agent), calling the same hello handler as the nodejs function (index.js, copied beside it).
'use strict';
const http = require('http');
const { handler } = require('./index.js');

const [host, port] = process.env.AWS_LAMBDA_RUNTIME_API.split(':');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const BASE = '/2018-06-01/runtime/invocation';

function call(method, path, body) {
    return new Promise((resolve, reject) => {
        const headers = body === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) };
        const req = http.request({ host, port, method, path, agent, headers }, (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks).toString() }));
        });
        req.on('error', reject);
        req.end(body);
    });
}

(async () => {
    for (;;) {
        const next = await call('GET', `${BASE}/next`);
        const id = next.headers['lambda-runtime-aws-request-id'];
        try {
            const result = await handler(JSON.parse(next.body));
            await call('POST', `${BASE}/${id}/response`, JSON.stringify(result));
        } catch (e) {
            await call('POST', `${BASE}/${id}/error`, JSON.stringify({ errorMessage: String(e && e.message), errorType: 'Error' }));
        }
    }
})();
