// Same as hello, in the legacy callback style; the reply comes from a timer to prove the runtime waits for it.
exports.handler = (event, context, callback) => {
    setTimeout(() => callback(null, { statusCode: 200, body: `Hello, ${event.name ?? 'World'}!` }), 10);
};
