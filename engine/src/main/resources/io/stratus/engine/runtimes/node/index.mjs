// Stratus Node.js runtime client. Speaks only the Lambda Runtime API (spec/runtime-api.md §2-§4); uses nothing
// but Node's own modules, and runs on nodejs18.x-22.x.
//
// Started as `node [flags] $LAMBDA_RUNTIME_DIR/index.mjs` with cwd = LAMBDA_TASK_ROOT. The client needs no flags;
// the server may add V8 heap limits derived from the function's memory size.
//
// Life of the process: patch console → load the handler (init) → loop { next → run handler → post outcome }.
// A failed init is logged, posted to /init/error and ends the process. An uncaught exception or unhandled
// rejection fails the current invocation and ends the process, because the function's state is then unknown;
// the server starts a fresh environment for the next event.
import { toLogJson, toWireError, UnhandledPromiseRejection } from './errors.mjs';
import { loadHandler } from './handler-loader.mjs';
import { Invocation } from './invocation.mjs';
import { patchConsole, writeRecord, writeStdout } from './logging.mjs';
import { RuntimeApi } from './runtime-api.mjs';

// The statuses Lambda's Node runtime is seen to exit with ("Runtime exited with error: exit status 129").
const EXIT_UNCAUGHT_EXCEPTION = 129;
const EXIT_UNHANDLED_REJECTION = 128;
const EXIT_RUNTIME_FAILURE = 1;
// Node's status for a top-level await that never settles, which is how Lambda's client ends in that case.
const EXIT_UNSETTLED_INIT = 13;

patchConsole();
const api = new RuntimeApi(process.env.AWS_LAMBDA_RUNTIME_API ?? '');
let initialising = true;
let crashing = false;
/** The invocation being served; null between invocations. */
let current = null;

process.on('uncaughtException', (error) => crash(error, 'Uncaught Exception', EXIT_UNCAUGHT_EXCEPTION));
process.on('unhandledRejection', (reason) =>
    crash(rejectionError(reason), 'Unhandled Promise Rejection', EXIT_UNHANDLED_REJECTION));
// The loop drains only while a handler runs (an idle runtime always has a pending next), which is when
// Lambda posts a waiting callback result, or null for a handler that never reported one. Draining during init
// means the handler module awaits something that can never settle.
process.on('beforeExit', () => {
    if (initialising && !crashing) {
        fatal(new Error('the handler module never finished loading: a top-level await never settled'),
            EXIT_UNSETTLED_INIT);
    } else if (current !== null && !current.settled) {
        current.drained();
    }
});

function rejectionError(reason) {
    let text;
    try {
        text = String(reason);
    } catch {
        text = Object.prototype.toString.call(reason);
    }
    const error = new UnhandledPromiseRejection(text);
    error.reason = reason;
    return error;
}

async function reportInitError(error, label) {
    writeRecord('ERROR', [label, `\t${toLogJson(error)}`]);
    await api.postInitError(toWireError(error));
}

async function crash(error, label, status) {
    if (crashing) {
        return;
    }
    crashing = true;
    try {
        if (current !== null) {
            await current.abort(error, label);
        } else if (initialising) {
            await reportInitError(error, label);
        } else {
            writeRecord('ERROR', [label, `\t${toLogJson(error)}`]);
        }
    } finally {
        process.exit(status);
    }
}

function fatal(error, status = EXIT_RUNTIME_FAILURE) {
    writeStdout(`Stratus runtime failure: ${String(error?.stack ?? error).replaceAll('\n', '\r')}\n`);
    process.exit(status);
}

// A pre-started runtime: wait for the function that adopts it and take on that function's environment. Module
// resolution read NODE_PATH at start-up, so it reads it again.
async function adopt() {
    const environment = await api.adopt();
    for (const name of Object.keys(process.env)) {
        delete process.env[name];
    }
    Object.assign(process.env, environment);
    (await import('node:module')).default._initPaths();
}

async function main() {
    if (process.env.STRATUS_SPARE === '1') {
        await adopt();
    }
    let handler;
    try {
        handler = await loadHandler(process.env.LAMBDA_TASK_ROOT || process.cwd(), process.env._HANDLER);
        // Node reports a rejection nobody handled only after the microtasks of the current turn; one turn of the
        // loop lets a rejection left behind by module code count as the init failure it is.
        await new Promise((resolve) => setImmediate(resolve));
    } catch (error) {
        await crash(error, 'Uncaught Exception', EXIT_UNCAUGHT_EXCEPTION);
        return;
    }
    initialising = false;
    while (!crashing) {
        const next = await api.next();
        if (crashing) {
            return;
        }
        current = new Invocation(api, next);
        await current.run(handler);
        current = null;
    }
}

main().catch(fatal);
