// A minimal HTTP/1.1 client over one keep-alive TCP connection, for the Runtime API only.
//
// Why not node:http: its agent, request and message layers cost about four times the CPU of this file per
// invocation, and warm overhead is what the platform is benchmarked on. The Runtime API needs little: requests
// in order (several may be in flight: the runtime sends its next behind its post), no redirects, no TLS.
// Responses may use Content-Length, chunked encoding or read-until-close; interim 1xx responses are skipped.
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

    /** Bytes received after the complete response: the start of the next one. */
    leftover() {
        return this.#buffer ?? Buffer.alloc(0);
    }

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

/** One keep-alive connection; reconnects on the next request after the server closed it. */
export class HttpConnection {
    #host;
    #port;
    #hostHeader;
    #socket = null;
    // The requests in flight, oldest first: {parser, resolve, reject}. Responses arrive in this order.
    #pending = [];

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
        return this.pipeline([{ method, path, headers, body }])[0];
    }

    /**
     * Sends several requests in one write, without waiting for answers in between; answers an array of
     * promises, one per request, as request() does. `written` (optional) is called once the bytes left.
     */
    pipeline(requests, written) {
        const socket = this.#socket ?? this.#open();
        socket.ref();
        const answers = requests.map(() => new Promise((resolve, reject) => {
            this.#pending.push({ parser: new ResponseParser(), resolve, reject });
        }));
        // Heads and bodies in order; one string and one write unless a body is large, which then goes out in
        // one writev of the parts instead of one more copy of it.
        const parts = [];
        let large = false;
        for (const { method, path, headers, body } of requests) {
            const length = body === undefined ? '' : `Content-Length: ${Buffer.byteLength(body)}\r\n`;
            parts.push(`${method} ${path} HTTP/1.1\r\nHost: ${this.#hostHeader}\r\n${headers}${length}\r\n`);
            if (body !== undefined) {
                large ||= body.length >= SMALL_BODY_CHARS;
                parts.push(body);
            }
        }
        if (!large) {
            socket.write(parts.length === 1 ? parts[0] : parts.join(''), written);
        } else {
            socket.cork();
            for (const part of parts) {
                socket.write(part);
            }
            socket.write('', written);
            socket.uncork();
        }
        return answers;
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
        let bytes = chunk;
        while (this.#pending.length > 0 && bytes.length > 0) {
            const pending = this.#pending[0];
            let response;
            try {
                response = pending.parser.feed(bytes);
            } catch (error) {
                socket.destroy();
                this.#onClose(socket, error);
                return;
            }
            if (response === undefined) {
                return;
            }
            bytes = pending.parser.leftover();
            this.#pending.shift();
            if (response.close) {
                this.#socket = null;
                socket.destroy();
                pending.resolve(response);
                this.#failAll(connectionReset('after a response that closed it'));
                return;
            }
            if (this.#pending.length === 0) {
                socket.unref();
            }
            pending.resolve(response);
        }
        // Bytes nobody asked for are ignored.
    }

    #onClose(socket, error) {
        if (socket !== this.#socket) {
            return;
        }
        this.#socket = null;
        const first = this.#pending.shift();
        if (first !== undefined) {
            const response = first.parser.end();
            if (response !== undefined) {
                first.resolve(response);
            } else {
                first.reject(error);
            }
        }
        this.#failAll(error);
    }

    #failAll(error) {
        const failed = this.#pending;
        this.#pending = [];
        for (const pending of failed) {
            pending.reject(error);
        }
    }
}
