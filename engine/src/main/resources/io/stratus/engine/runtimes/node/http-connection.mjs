// A minimal HTTP/1.1 client over one keep-alive TCP connection, for the Runtime API only.
//
// Why not node:http: its agent, request and message layers cost about four times the CPU of this file per
// invocation, and warm overhead is what the platform is benchmarked on. The Runtime API needs little: one request
// at a time, no pipelining, no redirects, no TLS. Responses may use Content-Length, chunked encoding or
// read-until-close; interim 1xx responses are skipped.
//
// The socket is unref'ed whenever no request is outstanding, so an idle connection never keeps the event loop
// alive: the runtime detects a drained loop ('beforeExit') while a handler runs, as Lambda does.
import { connect } from 'node:net';

const HEAD_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');
const MAX_HEAD_BYTES = 64 * 1024;
// Below this a request goes out as one string in one write; above it head and body are written separately
// (one writev) rather than concatenated.
const SMALL_BODY_CHARS = 64 * 1024;
// What one parsing step achieved.
const NEED_MORE = 0;
const PROGRESS = 1;
const DONE = 2;

function connectionReset(detail) {
    const error = new Error(`Runtime API connection closed ${detail}`);
    error.code = 'ECONNRESET';
    return error;
}

/** Parses one response out of the bytes a request receives; feed() says when it is complete. */
class ResponseParser {
    #buffer = null;
    #status = 0;
    #headers = null;
    #mode = 'head'; // 'head' | 'length' | 'chunked' | 'close'
    #remaining = 0;
    #parts = [];
    #closeConnection = false;

    /** Adds bytes; returns the response {status, headers, body, close} once complete, otherwise undefined. */
    feed(chunk) {
        const held = this.#buffer;
        this.#buffer = held === null || held.length === 0 ? chunk : Buffer.concat([held, chunk]);
        for (;;) {
            const step = this.#step();
            if (step === DONE) {
                return this.#result();
            }
            if (step === NEED_MORE) {
                return undefined;
            }
        }
    }

    #step() {
        switch (this.#mode) {
            case 'head': return this.#readHead();
            case 'length': return this.#readLength();
            case 'chunked': return this.#readChunk();
            default: return this.#readToClose();
        }
    }

    /** The connection ended: completes a read-until-close body, otherwise there is no response. */
    end() {
        return this.#mode === 'close' ? this.#result() : undefined;
    }

    #readHead() {
        const end = this.#buffer.indexOf(HEAD_END);
        if (end < 0) {
            if (this.#buffer.length > MAX_HEAD_BYTES) {
                throw new Error('Runtime API response head too large');
            }
            return NEED_MORE;
        }
        const lines = this.#buffer.toString('latin1', 0, end).split('\r\n');
        this.#consume(end + HEAD_END.length);
        this.#status = Number(lines[0].slice(9, 12));
        const headers = {};
        for (let i = 1; i < lines.length; i++) {
            const colon = lines[i].indexOf(':');
            const name = lines[i].slice(0, colon).trim().toLowerCase();
            const value = lines[i].slice(colon + 1).trim();
            headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
        }
        if (this.#status >= 100 && this.#status < 200) {
            return PROGRESS; // interim response; the real one follows
        }
        this.#headers = headers;
        this.#closeConnection = /\bclose\b/i.test(headers.connection ?? '');
        if (/\bchunked\b/i.test(headers['transfer-encoding'] ?? '')) {
            this.#mode = 'chunked';
        } else if (headers['content-length'] !== undefined) {
            this.#mode = 'length';
            this.#remaining = Number(headers['content-length']);
        } else if (this.#status === 204 || this.#status === 304) {
            return DONE;
        } else {
            this.#mode = 'close';
        }
        return PROGRESS;
    }

    #readLength() {
        const take = Math.min(this.#remaining, this.#buffer.length);
        if (take > 0) {
            this.#parts.push(this.#buffer.subarray(0, take));
            this.#consume(take);
            this.#remaining -= take;
        }
        return this.#remaining === 0 ? DONE : NEED_MORE;
    }

    #readChunk() {
        const lineEnd = this.#buffer.indexOf(CRLF);
        if (lineEnd < 0) {
            return NEED_MORE;
        }
        const size = parseInt(this.#buffer.toString('latin1', 0, lineEnd), 16);
        if (Number.isNaN(size)) {
            throw new Error('Runtime API sent a malformed chunk');
        }
        if (size === 0) {
            // Last chunk: "0\r\n", optional trailer lines, then an empty line; the first blank-line marker from
            // the end of the size line covers both the bare and the trailer case.
            const end = this.#buffer.indexOf(HEAD_END, lineEnd);
            if (end < 0) {
                return NEED_MORE;
            }
            this.#consume(end + HEAD_END.length);
            return DONE;
        }
        if (this.#buffer.length < lineEnd + 2 + size + 2) {
            return NEED_MORE;
        }
        this.#parts.push(this.#buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
        this.#consume(lineEnd + 2 + size + 2);
        return PROGRESS;
    }

    #readToClose() {
        if (this.#buffer.length > 0) {
            this.#parts.push(this.#buffer);
            this.#buffer = Buffer.alloc(0);
        }
        return NEED_MORE;
    }

    #consume(count) {
        this.#buffer = this.#buffer.subarray(count);
    }

    #result() {
        const body = this.#parts.length === 1 ? this.#parts[0].toString() : Buffer.concat(this.#parts).toString();
        return { status: this.#status, headers: this.#headers, body, close: this.#closeConnection };
    }
}

/** One keep-alive connection; reconnects on the next request after the server closed it. Not reentrant. */
export class HttpConnection {
    #host;
    #port;
    #hostHeader;
    #socket = null;
    // The outstanding request: {parser, resolve, reject}; null when idle.
    #pending = null;

    constructor(host, port, hostHeader) {
        this.#host = host;
        this.#port = port;
        this.#hostHeader = hostHeader;
    }

    /**
     * Sends a request and resolves to {status, headers (lower-case names), body (text)}. `headers` is a string of
     * "Name: value\r\n" lines; `body` a string or undefined. Rejects with a code'd error if the connection fails.
     */
    request(method, path, headers, body) {
        if (this.#pending !== null) {
            return Promise.reject(new Error('Runtime API request already in flight'));
        }
        const socket = this.#socket ?? this.#open();
        socket.ref();
        const length = body === undefined ? '' : `Content-Length: ${Buffer.byteLength(body)}\r\n`;
        const head = `${method} ${path} HTTP/1.1\r\nHost: ${this.#hostHeader}\r\n${headers}${length}\r\n`;
        const done = new Promise((resolve, reject) => {
            this.#pending = { parser: new ResponseParser(), resolve, reject };
        });
        if (body === undefined || body.length < SMALL_BODY_CHARS) {
            socket.write(body === undefined ? head : head + body);
        } else {
            socket.cork();
            socket.write(head);
            socket.write(body);
            socket.uncork();
        }
        return done;
    }

    #open() {
        const socket = connect({ host: this.#host, port: this.#port, noDelay: true });
        socket.on('data', (chunk) => this.#onData(socket, chunk));
        socket.on('error', (error) => this.#onClose(socket, error));
        // 'end' (the server's FIN) comes before 'close'; forgetting the socket then keeps the next request off it.
        socket.on('end', () => this.#onClose(socket, connectionReset('by the server')));
        socket.on('close', () => this.#onClose(socket, connectionReset('by the server')));
        this.#socket = socket;
        return socket;
    }

    #onData(socket, chunk) {
        const pending = this.#pending;
        if (pending === null) {
            return; // nothing was asked; ignore stray bytes
        }
        let response;
        try {
            response = pending.parser.feed(chunk);
        } catch (error) {
            socket.destroy();
            this.#onClose(socket, error);
            return;
        }
        if (response !== undefined) {
            this.#complete(socket, response);
        }
    }

    #onClose(socket, error) {
        if (socket !== this.#socket) {
            return;
        }
        this.#socket = null;
        const pending = this.#pending;
        if (pending === null) {
            return;
        }
        const response = pending.parser.end();
        this.#pending = null;
        if (response !== undefined) {
            pending.resolve(response);
        } else {
            pending.reject(error);
        }
    }

    #complete(socket, response) {
        const pending = this.#pending;
        this.#pending = null;
        if (response.close) {
            this.#socket = null;
            socket.destroy();
        } else {
            socket.unref();
        }
        pending.resolve(response);
    }
}
