// Function log output. Every console call becomes one record on stdout in Lambda's Node text format:
//   <ISO-8601 UTC ms>\t<requestId>\t<LEVEL>\t<message>
// Writes are synchronous so that everything an invocation logged is in the pipe before its result is posted;
// the server attributes lines to an invocation by their arrival before the response.
import { writeSync } from 'node:fs';
import { format } from 'node:util';

const STDOUT = 1;

// Lambda prints the literal "undefined" for lines written before the first invocation (during init).
let requestId = 'undefined';

/** Sets the request id stamped on records from now on. */
export function setRequestId(id) {
    requestId = id;
}

// Sleep without spinning, for the rare non-blocking stdout that reports EAGAIN when the pipe is full.
const pause = new Int32Array(new SharedArrayBuffer(4));

/** Writes raw text to stdout, synchronously and completely. Output errors (a closed pipe) are dropped. */
export function writeStdout(text) {
    const bytes = Buffer.from(text, 'utf8');
    let offset = 0;
    while (offset < bytes.length) {
        try {
            offset += writeSync(STDOUT, bytes, offset, bytes.length - offset);
        } catch (e) {
            if (e.code !== 'EAGAIN') {
                return;
            }
            Atomics.wait(pause, 0, 0, 1);
        }
    }
}

/** Writes one log record; embedded newlines become \r so that the record stays one line. */
export function writeRecord(level, args) {
    const message = format(...args).replaceAll('\n', '\r');
    writeStdout(`${new Date().toISOString()}\t${requestId}\t${level}\t${message}\n`);
}

/**
 * Routes console.* through writeRecord. Levels as Lambda prints them; console.trace prints no stack there, and
 * console.fatal exists in Lambda's runtime, so functions calling it must not crash here either.
 */
export function patchConsole() {
    const levels = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE',
        fatal: 'FATAL' };
    for (const [method, level] of Object.entries(levels)) {
        console[method] = (...args) => writeRecord(level, args);
    }
}
