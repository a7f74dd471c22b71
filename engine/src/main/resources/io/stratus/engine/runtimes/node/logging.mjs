// Function log output. Every console call becomes one record on stdout in Lambda's Node text format:
//   <ISO-8601 UTC ms>\t<requestId>\t<LEVEL>\t<message>
// Writes are synchronous so that everything an invocation logged is in the pipe before its result is posted;
// the server attributes lines to an invocation by their arrival before the response.
import { writeSync } from 'node:fs';
import { format } from 'node:util';

const STDOUT = 1;
// Output fence n is written to stdout before a post that names it in Stratus-Output-Fence: once the server has read
// fence n it has all the output that came before the post (its log lines), without watching the pipe go quiet.
// A fence is written only when something was written since the last one; otherwise the post names the last
// fence again (0: none yet), which costs the runtime a write and the server a wake-up less per quiet invocation.
const OUTPUT_FENCE = '\0stratus:output-fence:';
let fences = 0;
let unfenced = false;

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
    unfenced = true;
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

/** The number of the fence that follows everything written so far; writes a new fence when needed. */
export function fenceOutput() {
    if (unfenced) {
        writeStdout(`${OUTPUT_FENCE}${++fences}\0\n`);
        unfenced = false;
    }
    return fences;
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
    // Direct writes need a fence too (both streams are synchronous pipes; the server merges them).
    for (const stream of [process.stdout, process.stderr]) {
        const write = stream.write;
        stream.write = function writeThenFence(...args) {
            unfenced = true;
            return write.apply(this, args);
        };
    }
}
