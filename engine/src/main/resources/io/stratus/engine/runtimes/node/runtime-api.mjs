// Client of the Lambda Runtime API (/2018-06-01/runtime). One keep-alive connection carries every call; calls
// never overlap (next → response|error → next), which is all HttpConnection supports.
import { HttpConnection } from './http-connection.mjs';
import { writeStdout } from './logging.mjs';

const BASE = '/2018-06-01/runtime';
const JSON_TYPE = 'Content-Type: application/json\r\n';
// A reset after a next was parked this long is taken for an idle timeout rather than a server that is gone.
const IDLE_CUT_MS = 1000;
// Fence n is written to stdout before the n-th post, which names it in Stratus-Output-Fence: once the server has
// read fence n it has all the output that came before the post (its log lines), without watching the pipe go quiet.
const OUTPUT_FENCE = '\0stratus:output-fence:';

// Header values must be printable Latin-1 without CR/LF; an error name is user data and may hold anything.
function headerSafe(value) {
    return String(value).replace(/[^\t\x20-\x7e]/g, (c) => encodeURIComponent(c));
}

export class RuntimeApi {
    #connection;
    #fences = 0;

    /** @param address host:port from AWS_LAMBDA_RUNTIME_API (no scheme; IPv6 hosts in brackets). */
    constructor(address) {
        const colon = address.lastIndexOf(':');
        if (colon < 1) {
            throw new Error(`AWS_LAMBDA_RUNTIME_API must be host:port, got '${address}'`);
        }
        const host = address.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
        this.#connection = new HttpConnection(host, Number(address.slice(colon + 1)), address);
    }

    /**
     * A pre-started runtime's wait for its function: resolves to the function's environment (an object) once a
     * sandbox adopts this runtime; rejects on any answer but 200.
     */
    async adopt() {
        const reply = await this.#getReconnecting(`${BASE}/stratus/adopt`);
        if (reply.status !== 200) {
            throw new Error(`GET stratus/adopt answered ${reply.status}: ${reply.body}`);
        }
        return JSON.parse(reply.body);
    }

    /**
     * Waits, without a timeout, for the next event. Resolves to {headers, body} (headers lower-cased, body text);
     * rejects when the API answers anything but 200, which means the runtime must stop.
     */
    async next() {
        const reply = await this.#getReconnecting(`${BASE}/invocation/next`);
        if (reply.status !== 200) {
            throw new Error(`GET invocation/next answered ${reply.status}: ${reply.body}`);
        }
        return reply;
    }

    // A parked next may be cut by an idle timeout between the server and us; asking again on a new connection
    // loses nothing, since no event was delivered on the dead one. A quick failure is retried only once, so a
    // server that is gone still ends the runtime.
    async #getReconnecting(path) {
        for (let quickFailures = 0; ;) {
            const started = Date.now();
            try {
                return await this.#connection.request('GET', path, '', undefined);
            } catch (e) {
                const quick = Date.now() - started < IDLE_CUT_MS;
                const cut = e.code === 'ECONNRESET' || e.code === 'EPIPE';
                if (!cut || (quick && ++quickFailures > 1)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Posts a result (JSON text). Resolves to the HTTP status, or 0 if the connection failed before an answer:
     * either way the server owns the invocation's fate (a 413 is its Function.ResponseSizeTooLarge), so posts
     * never reject for HTTP or connection reasons. A server that is really gone ends the runtime at the next next.
     */
    async postResponse(requestId, body) {
        return this.#post(`${BASE}/invocation/${requestId}/response`, JSON_TYPE, body);
    }

    /** Posts an invocation error: wire = {errorType, errorMessage, trace}. Resolves as postResponse does. */
    async postError(requestId, wire) {
        return this.#postFailure(`${BASE}/invocation/${requestId}/error`, wire);
    }

    /** Posts an init failure (before the first next). Resolves as postResponse does. */
    async postInitError(wire) {
        return this.#postFailure(`${BASE}/init/error`, wire);
    }

    async #postFailure(path, wire) {
        const headers = `${JSON_TYPE}Lambda-Runtime-Function-Error-Type: ${headerSafe(wire.errorType)}\r\n`;
        return this.#post(path, headers, JSON.stringify(wire));
    }

    async #post(path, headers, body) {
        const fence = ++this.#fences;
        writeStdout(`${OUTPUT_FENCE}${fence}\0\n`);
        const fenced = `${headers}Stratus-Output-Fence: ${fence}\r\n`;
        try {
            return (await this.#connection.request('POST', path, fenced, body)).status;
        } catch (e) {
            // A server refusing a large body may answer early and reset the connection while we still write.
            if (typeof e.code === 'string') {
                return 0;
            }
            throw e;
        }
    }
}
