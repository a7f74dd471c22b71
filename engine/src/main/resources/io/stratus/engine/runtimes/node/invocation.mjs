// One invocation: builds the context, calls the handler and posts exactly one outcome.
//
// How the outcome is chosen (the first of these wins; later ones are ignored, as in Lambda):
// - the handler's promise settles (async handlers);
// - callback(err, result) with context.callbackWaitsForEmptyEventLoop === false, or context.succeed/fail/done:
//   posted at once;
// - callback(err, result) with callbackWaitsForEmptyEventLoop === true (the default): remembered, and posted
//   when the event loop drains (Node's 'beforeExit'), so timers and sockets the handler left running finish
//   first, as Lambda does. Pending work that never ends (an open DB pool) therefore runs into the timeout,
//   exactly as on Lambda, unless the function sets the flag to false;
// - the event loop drains while nothing was reported: the result is null (Lambda's behaviour for a handler
//   that neither returns a promise nor calls back);
// - a plain (non-promise) return value other than undefined from a handler declared without a callback
//   parameter: posted at once. Lambda's nodejs18-22 clients ignore such values and wait for the drain; we
//   use them, as nodejs24.x does, and keep ignoring them for (event, context, callback) handlers, whose
//   return value is often incidental (e.g. an SDK v2 request object).
import { toLogJson, toWireError } from './errors.mjs';
import { setRequestId, writeRecord } from './logging.mjs';

// Fixed for the life of the environment; read once, at the first invocation rather than at import: a pre-started
// runtime imports this module before it is adopted and its environment names the function.
let functionInfo = null;

function fixedFunctionInfo() {
    functionInfo ??= Object.freeze({
        name: process.env.AWS_LAMBDA_FUNCTION_NAME,
        version: process.env.AWS_LAMBDA_FUNCTION_VERSION,
        memoryMb: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, // a string, as Lambda's context has it
        logGroup: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
        logStream: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    });
    return functionInfo;
}

function parseJsonHeader(value) {
    if (value === undefined) {
        return undefined;
    }
    try {
        return JSON.parse(value);
    } catch {
        return undefined;
    }
}

export class Invocation {
    #api;
    #id;
    #headers;
    #body;
    #settled = false;
    // The post of the chosen outcome, while in flight or done.
    #posting = Promise.resolve();
    // [error, result] from a callback that waits for the event loop to drain.
    #deferred = null;
    #finished;

    /** @param next the {headers, body} of a GET invocation/next. */
    constructor(api, next) {
        this.#api = api;
        this.#headers = next.headers;
        this.#body = next.body;
        this.#id = next.headers['lambda-runtime-aws-request-id'];
    }

    /** True once an outcome has been chosen (it may still be in flight). */
    get settled() {
        return this.#settled;
    }

    /** Runs the handler; resolves once the outcome has been posted, rejects if posting it failed. */
    run(handler) {
        const done = new Promise((resolve, reject) => { this.#finished = { resolve, reject }; });
        setRequestId(this.#id);
        const trace = this.#headers['lambda-runtime-trace-id'];
        if (trace) {
            process.env._X_AMZN_TRACE_ID = trace;
        } else {
            delete process.env._X_AMZN_TRACE_ID;
        }
        const context = this.#context();
        const callback = (err, result) => {
            if (context.callbackWaitsForEmptyEventLoop) {
                this.#deferred ??= [err, result];
            } else {
                this.#complete(err, result);
            }
        };
        try {
            // An empty payload is treated as {} (what Lambda hands a function invoked without one).
            const event = this.#body === '' ? {} : JSON.parse(this.#body);
            const returned = handler(event, context, callback);
            if (typeof returned?.then === 'function') {
                returned.then((value) => this.succeed(value), (error) => this.fail(error));
            } else if (returned !== undefined && handler.length < 3) {
                this.succeed(returned);
            }
        } catch (error) {
            this.fail(error);
        }
        return done;
    }

    /** Called when the event loop has drained: posts the waiting callback outcome, or null. */
    drained() {
        const [err, result] = this.#deferred ?? [null, null];
        this.#complete(err, result);
    }

    succeed(result) {
        this.#complete(null, result);
    }

    /** Fails the invocation with any thrown value (a rejection with undefined is still a failure). */
    fail(error) {
        if (!this.#settled) {
            this.#settled = true;
            this.#finish(this.#sendError(error, 'Invoke Error'));
        }
    }

    /**
     * Fails the invocation because of an uncaught exception or unhandled rejection, logged under `label`.
     * Resolves once posted, but never lets run() resolve: the caller exits the process instead of asking for
     * the next event. If an outcome was already chosen, the record is only logged, and the outcome's post is
     * awaited so that exiting does not cut it off.
     */
    async abort(error, label) {
        if (this.#settled) {
            writeRecord('ERROR', [label, `\t${toLogJson(error)}`]);
            await this.#posting.catch(() => {});
            return;
        }
        this.#settled = true;
        await this.#sendError(error, label, true);
    }

    #complete(err, result) {
        if (err !== null && err !== undefined) {
            this.fail(err);
        } else if (!this.#settled) {
            this.#settled = true;
            this.#finish(this.#sendResponse(result));
        }
    }

    #finish(posted) {
        this.#posting = posted;
        posted.then(() => this.#finished.resolve(), (e) => this.#finished.reject(e));
    }

    #sendResponse(result) {
        let body;
        try {
            body = JSON.stringify(result === undefined ? null : result) ?? 'null';
        } catch {
            // Lambda's Node runtime reports an unserialisable result (cycle, BigInt) as this plain Error.
            return this.#sendError(new Error('Unable to stringify response body'), 'Invoke Error');
        }
        return this.#api.postResponse(this.#id, body);
    }

    /** `last`: the runtime ends after this post, so no next goes with it. */
    #sendError(error, label, last = false) {
        // util.format joins with a space, so the record reads "Invoke Error \t{...}" as in Lambda's logs.
        writeRecord('ERROR', [label, `\t${toLogJson(error)}`]);
        return this.#api.postError(this.#id, toWireError(error), last);
    }

    #context() {
        const headers = this.#headers;
        const fn = fixedFunctionInfo();
        const deadline = Number(headers['lambda-runtime-deadline-ms']);
        const context = {
            callbackWaitsForEmptyEventLoop: true,
            awsRequestId: this.#id,
            invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
            functionName: fn.name,
            functionVersion: fn.version,
            memoryLimitInMB: fn.memoryMb,
            logGroupName: fn.logGroup,
            logStreamName: fn.logStream,
            clientContext: parseJsonHeader(headers['lambda-runtime-client-context']),
            identity: parseJsonHeader(headers['lambda-runtime-cognito-identity']),
            getRemainingTimeInMillis: () => deadline - Date.now(),
            // Legacy API: these answer at once, whatever callbackWaitsForEmptyEventLoop says.
            succeed: (result) => this.succeed(result),
            fail: (error) => this.fail(error),
            done: (error, result) => this.#complete(error, result),
        };
        const tenant = headers['lambda-runtime-aws-tenant-id'];
        if (tenant !== undefined) {
            context.tenantId = tenant;
        }
        return context;
    }
}
