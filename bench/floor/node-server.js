// Floor for warm Node.js requests: the handler called by a bare http.createServer, no platform.
// Usage: node node-server.js HANDLER_FILE   (prints "listening PORT" once ready; port chosen by the OS)
'use strict';
const http = require('http');
const { handler } = require(process.argv[2]);

http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
        const raw = Buffer.concat(chunks).toString();
        const body = JSON.stringify(await handler(raw ? JSON.parse(raw) : {}));
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
        res.end(body);
    });
}).listen(0, '127.0.0.1', function () {
    console.log(`listening ${this.address().port}`);
});
