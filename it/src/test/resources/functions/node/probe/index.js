// Looks at the environment from inside a sandbox; each event.op answers one question:
//   {op:"read", path}           -> {ok:true, content} | {ok:false, code}
//   {op:"list", path}           -> {ok:true, entries} | {ok:false, code}
//   {op:"write", path, content} -> {ok:true} | {ok:false, code}
//   {op:"env"}                  -> {env, context fields, remaining, uid, cwd}
//   {op:"clientContext"}        -> context.clientContext (null when the caller sent none)
//   {op:"next", address}        -> GET /2018-06-01/runtime/invocation/next on another Runtime API address:
//                                  {ok:true, status} when it answered within 2 s, {ok:false, code} when not
const fs = require('node:fs');
const http = require('node:http');

function askForNext(address) {
    const [host, port] = address.split(':');
    return new Promise((resolve) => {
        const request = http.get({ host, port, path: '/2018-06-01/runtime/invocation/next', timeout: 2000 },
            (response) => {
                response.resume();
                resolve({ ok: true, status: response.statusCode });
            });
        request.on('timeout', () => {
            request.destroy();
            resolve({ ok: false, code: 'TIMEOUT' });
        });
        request.on('error', (e) => resolve({ ok: false, code: e.code }));
    });
}

function attempt(action) {
    try {
        return { ok: true, ...action() };
    } catch (e) {
        return { ok: false, code: e.code };
    }
}

function environment(context) {
    return {
        env: process.env,
        awsRequestId: context.awsRequestId,
        functionName: context.functionName,
        functionVersion: context.functionVersion,
        memoryLimitInMB: context.memoryLimitInMB,
        logGroupName: context.logGroupName,
        logStreamName: context.logStreamName,
        invokedFunctionArn: context.invokedFunctionArn,
        remaining: context.getRemainingTimeInMillis(),
        uid: process.getuid(),
        cwd: process.cwd(),
    };
}

exports.handler = async (event, context) => {
    switch (event.op) {
        case 'read':
            return attempt(() => ({ content: fs.readFileSync(event.path, 'utf8') }));
        case 'list':
            return attempt(() => ({ entries: fs.readdirSync(event.path).sort() }));
        case 'write':
            return attempt(() => {
                fs.writeFileSync(event.path, event.content ?? '');
                return {};
            });
        case 'env':
            return environment(context);
        case 'clientContext':
            return context.clientContext ?? null;
        case 'next':
            return askForNext(event.address);
        default:
            throw new Error(`unknown op: ${event.op}`);
    }
};
