// Greets event.name; the simplest CommonJS async handler.
exports.handler = async (event) => ({ statusCode: 200, body: `Hello, ${event.name ?? 'World'}!` });
