// Same as hello, as an ES module (.mjs).
export const handler = async (event) => ({ statusCode: 200, body: `Hello, ${event.name ?? 'World'}!` });
