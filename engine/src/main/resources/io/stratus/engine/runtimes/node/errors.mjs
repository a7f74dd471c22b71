// Error types the runtime reports on its own behalf, and the two JSON shapes an error takes:
// the body posted to the Runtime API ("trace") and the record written to the log ("stack").
import { types } from 'node:util';

// JS class names cannot contain dots, so the Lambda names live on the prototypes; a stack captured at
// construction then starts with e.g. "Runtime.ImportModuleError: ...", as Lambda's own errors do.
function runtimeError(name) {
    const type = class extends Error {};
    type.prototype.name = name;
    return type;
}

export const MalformedHandlerName = runtimeError('Runtime.MalformedHandlerName');
export const HandlerNotFound = runtimeError('Runtime.HandlerNotFound');
export const ImportModuleError = runtimeError('Runtime.ImportModuleError');
export const UserCodeSyntaxError = runtimeError('Runtime.UserCodeSyntaxError');
export const UnhandledPromiseRejection = runtimeError('Runtime.UnhandledPromiseRejection');

function isError(value) {
    return value instanceof Error || types.isNativeError(value);
}

function typeOf(error) {
    const name = error.name;
    if (typeof name === 'string' && name !== '') {
        return name;
    }
    return error.constructor?.name || 'Error';
}

function lines(stack) {
    return typeof stack === 'string' ? stack.split('\n') : [];
}

/**
 * The error document posted to /invocation/{id}/error and /init/error. An Error becomes its name, message and
 * stack lines; any other thrown value (a string, an object, null) becomes its JS type and String(value) with an
 * empty trace, which is what callers of Lambda's Node runtime see for `throw "boom"`.
 */
export function toWireError(thrown) {
    try {
        if (isError(thrown)) {
            const errorMessage = String(thrown.message ?? '');
            return { errorType: typeOf(thrown), errorMessage, trace: lines(thrown.stack) };
        }
        return { errorType: typeof thrown, errorMessage: String(thrown), trace: [] };
    } catch {
        // A getter on the thrown value itself threw (or a Symbol was thrown); report that instead of dying.
        return { errorType: 'Runtime.UnknownReason', errorMessage: 'The thrown value could not be read', trace: [] };
    }
}

// Log records keep an error's own enumerable fields (code, errno, custom data) and show nested errors
// (a rejection's reason, a cause) the same way.
function logReplacer(_key, value) {
    if (!isError(value)) {
        return value;
    }
    const { name: _name, message: _message, stack: _stack, ...own } = value;
    return { errorType: typeOf(value), errorMessage: value.message, ...own, stack: lines(value.stack) };
}

/**
 * The JSON text Lambda's Node runtime writes after "Invoke Error" / "Uncaught Exception" in the log. Non-Error
 * values, and errors whose extra fields cannot be serialised (cycles, BigInt), get the wire fields only.
 */
export function toLogJson(thrown) {
    if (isError(thrown)) {
        try {
            return JSON.stringify(thrown, logReplacer);
        } catch {
            // fall through to the fields every error has
        }
    }
    const wire = toWireError(thrown);
    return JSON.stringify({ errorType: wire.errorType, errorMessage: wire.errorMessage, stack: wire.trace });
}
