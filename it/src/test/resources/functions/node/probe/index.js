// Looks at the environment from inside a sandbox; each event.op answers one question:
//   {op:"read", path}           -> {ok:true, content} | {ok:false, code}
//   {op:"list", path}           -> {ok:true, entries} | {ok:false, code}
//   {op:"write", path, content} -> {ok:true} | {ok:false, code}
//   {op:"env"}                  -> {env, context fields, remaining, uid, cwd}
//   {op:"clientContext"}        -> context.clientContext (null when the caller sent none)
const fs = require('node:fs');

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
        default:
            throw new Error(`unknown op: ${event.op}`);
    }
};
