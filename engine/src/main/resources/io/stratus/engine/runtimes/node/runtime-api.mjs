// Client of the Lambda Runtime API (/2018-06-01/runtime). One keep-alive connection carries every call. An
// invocation's outcome goes out with the following next behind it in the same write (pipelined): the server answers
// both together once the next event is there, so the runtime wakes once per invocation instead of twice.
import { HttpConnection } from './http-connection.mjs';
import { fenceOutput } from './logging.mjs';

const BASE = '/2018-06-01/runtime';
const JSON_TYPE = 'Content-Type: application/json\r\n';
// A reset after a next was parked this long is taken for an idle timeout rather than a server that is gone.
const IDLE_CUT_MS = 1000;

// Header values must be printable Latin-1 without CR/LF; an error name is user data and may hold anything.
function headerSafe(value) {
    return String(value).replace(/[^\t\x20-\x7e]/g, (c) => encodeURIComponent(c));
}

export class RuntimeApi {
    #connection;
    // The next sent behind the last post, not yet consumed: a promise of its reply, or null.
    #nextAhead = null;

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
        const reply = await this.#nextReply();
        if (reply.status !== 200) {
            throw new Error(`GET invocation/next answered ${reply.status}: ${reply.body}`);
        }
        return reply;
    }

    async #nextReply() {
        const ahead = this.#nextAhead;
        this.#nextAhead = null;
        if (ahead !== null) {
            try {
                return await ahead;
            } catch (e) {
                // Cut with its post (a server refusing a large body closes the connection) or while parked: ask
                // again on a new connection, as below.
                if (e.code !== 'ECONNRESET' && e.code !== 'EPIPE') {
                    throw e;
                }
            }
        }
        return this.#getReconnecting(`${BASE}/invocation/next`);
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
     * Posts a result (JSON text) with the next request behind it, which next() then waits for. Resolves once the
     * post has been written: the server owns the invocation's fate from there (a 413 is its
     * Function.ResponseSizeTooLarge), so posts never reject for HTTP or connection reasons. A server that is
     * really gone ends the runtime at the next next.
     */
    async postResponse(requestId, body) {
        return this.#post(`${BASE}/invocation/${requestId}/response`, JSON_TYPE, body, true);
    }

    /**
     * Posts an invocation error: wire = {errorType, errorMessage, trace}. With `last`, no next follows (the runtime
     * is ending) and it resolves once the server answered. Otherwise as postResponse.
     */
    async postError(requestId, wire, last = false) {
        return this.#postFailure(`${BASE}/invocation/${requestId}/error`, wire, !last);
    }

    /** Posts an init failure (the runtime then ends). Resolves once the server answered, or the connection failed. */
    async postInitError(wire) {
        return this.#postFailure(`${BASE}/init/error`, wire, false);
    }

    async #postFailure(path, wire, andNext) {
        const headers = `${JSON_TYPE}Lambda-Runtime-Function-Error-Type: ${headerSafe(wire.errorType)}\r\n`;
        return this.#post(path, headers, JSON.stringify(wire), andNext);
    }

    async #post(path, headers, body, andNext) {
        const fenced = `${headers}Stratus-Output-Fence: ${fenceOutput()}\r\n`;
        try {
            if (!andNext) {
                await this.#connection.request('POST', path, fenced, body);
                return;
            }
            let written;
            const sent = new Promise((resolve) => { written = resolve; });
            const [posted, next] = this.#connection.pipeline([
                { method: 'POST', path, headers: fenced, body },
                { method: 'GET', path: `${BASE}/invocation/next`, headers: '', body: undefined },
            ], written);
            // The post's answer comes with the next event; a failure of either shows in next().
            posted.catch(() => {});
            next.catch(() => {});
            this.#nextAhead = next;
            await Promise.race([sent, posted]);
        } catch (e) {
            // A server refusing a large body may answer early and reset the connection while we still write.
            if (typeof e.code === 'string') {
                return;
            }
            throw e;
        }
    }
}
