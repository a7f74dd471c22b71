// Function-URL / HTTP API test function: what it returns depends on the query parameter "mode".
exports.handler = async (event) => {
  const mode = (event.queryStringParameters || {}).mode || 'event';
  switch (mode) {
    case 'event':
      return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) };
    case 'string':
      return 'hello';
    case 'object':
      return { hello: 'world' };
    case 'list':
      return ['hello', 3, true];
    case 'number':
      return 3.1;
    case 'custom':
      return {
        statusCode: 201,
        headers: { 'Content-Type': 'text/plain', 'X-Custom': 'yes', 'Access-Control-Allow-Origin': 'https://fn.example' },
        cookies: ['s=1; Max-Age=60', 't=2; Path=/'],
        body: 'created',
      };
    case 'binary':
      return {
        statusCode: 200,
        headers: { 'content-type': 'application/octet-stream' },
        isBase64Encoded: true,
        body: event.isBase64Encoded ? event.body : Buffer.from(event.body || '').toString('base64'),
      };
    case 'throw':
      throw new Error('boom');
    default:
      return { statusCode: 400, body: 'unknown mode ' + mode };
  }
};
