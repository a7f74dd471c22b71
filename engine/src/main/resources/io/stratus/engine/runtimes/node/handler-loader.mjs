// Resolves a handler string "[dir/]file.export[.nested]" to a function, the way Lambda's Node runtime does
// (spec/runtime-api.md §6.3). Failures are thrown as the Runtime.* errors callers see from Lambda.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HandlerNotFound, ImportModuleError, MalformedHandlerName, UserCodeSyntaxError } from './errors.mjs';

// CommonJS code is required from the runtime's entry file, so a missing module's "Require stack" ends with
// .../index.mjs, as in Lambda's messages.
const requireFromRuntime = createRequire(new URL('./index.mjs', import.meta.url));

/** Splits a handler string into the module part ("src/app") and the export path (["handlers", "main"]). */
export function parseHandler(handler) {
    if (!handler) {
        throw new MalformedHandlerName(`Bad handler '${handler ?? ''}': set _HANDLER to [dir/]file.export`);
    }
    if (handler.includes('..')) {
        throw new MalformedHandlerName(`'${handler}' is not a valid handler name: '..' is not allowed in it`);
    }
    // Split at the first dot after the last slash: dots in directory names belong to the module path.
    const dot = handler.indexOf('.', handler.lastIndexOf('/') + 1);
    const exportPath = dot < 0 ? [] : handler.slice(dot + 1).split('.');
    if (dot < 1 || exportPath.includes('')) {
        throw new MalformedHandlerName(`Bad handler '${handler}': expected [dir/]file.export`);
    }
    return { modulePart: handler.slice(0, dot), exportPath };
}

/** Loads the module and returns the handler function; throws Runtime.* errors or whatever the module threw. */
export async function loadHandler(taskRoot, handler) {
    const { modulePart, exportPath } = parseHandler(handler);
    const module = await loadModule(taskRoot, modulePart);
    let target = module;
    for (const key of exportPath) {
        target = target?.[key];
    }
    if (target === undefined) {
        throw new HandlerNotFound(`${handler} is undefined or not exported`);
    }
    if (typeof target !== 'function') {
        throw new HandlerNotFound(`${handler} is not a function`);
    }
    return target;
}

async function loadModule(taskRoot, modulePart) {
    try {
        return await importUserModule(taskRoot, modulePart);
    } catch (e) {
        throw classifyLoadError(e);
    }
}

// Lambda's order: the exact (extensionless) file, .js (CommonJS unless its package says "type": "module"),
// .mjs, .cjs; failing all of those, Node's own resolution from the task root (node_modules, NODE_PATH).
async function importUserModule(taskRoot, modulePart) {
    const base = resolve(taskRoot, modulePart);
    if (isFile(base)) {
        return requireFromRuntime(base);
    }
    if (isFile(`${base}.js`)) {
        return isModulePackage(dirname(base)) ? importFile(`${base}.js`) : requireFromRuntime(`${base}.js`);
    }
    if (isFile(`${base}.mjs`)) {
        return importFile(`${base}.mjs`);
    }
    if (isFile(`${base}.cjs`)) {
        return requireFromRuntime(`${base}.cjs`);
    }
    const resolved = requireFromRuntime.resolve(modulePart, { paths: [taskRoot, dirname(base)] });
    return requireFromRuntime(resolved);
}

function importFile(file) {
    return import(pathToFileURL(file).href);
}

function isFile(path) {
    return statSync(path, { throwIfNoEntry: false })?.isFile() === true;
}

// The nearest package.json decides how Node itself would treat a .js file.
function isModulePackage(dir) {
    for (let current = dir; ; current = dirname(current)) {
        const manifest = join(current, 'package.json');
        if (isFile(manifest)) {
            try {
                return JSON.parse(readFileSync(manifest, 'utf8')).type === 'module';
            } catch {
                return false;
            }
        }
        if (dirname(current) === current) {
            return false;
        }
    }
}

// Missing modules and syntax errors get Lambda's Runtime.* types, with the original text as the message
// (e.g. "Error: Cannot find module 'x'\nRequire stack:\n- ..."); anything else the module threw is kept as is.
function classifyLoadError(e) {
    if (e?.code === 'MODULE_NOT_FOUND' || e?.code === 'ERR_MODULE_NOT_FOUND') {
        return new ImportModuleError(String(e));
    }
    if (e instanceof SyntaxError) {
        const wrapped = new UserCodeSyntaxError(String(e));
        // Keep the file, line and caret Node puts in front of a syntax error's stack; Lambda drops them.
        wrapped.stack = `${wrapped.name}: ${wrapped.message}\n${e.stack}`;
        return wrapped;
    }
    return e;
}
