// Same as hello, as an ES module in a .js file: package.json declares "type": "module".
export const handler = async (event) => ({ statusCode: 200, body: `Hello, ${event.name ?? 'World'}!` });
