// Answers an HTTP API or function URL request with the event it received, so tests can check the event field by
// field. The request header x-mode picks other answers (see FUNCTIONS.md).
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

exports.handler = async (event) => {
    const headers = event.headers || {};
    switch (headers['x-mode']) {
        case 'binary':
            return {
                statusCode: 200,
                headers: {'content-type': 'application/octet-stream'},
                body: Buffer.from([0, 1, 2, 253, 254, 255]).toString('base64'),
                isBase64Encoded: true,
            };
        case 'nostatus':
            return {body: 'no status code'};
        case 'cookies':
            return {
                statusCode: 201,
                headers: {'content-type': 'text/plain', 'x-single': 'one'},
                multiValueHeaders: {'x-multi': ['a', 'b']},
                cookies: ['c1=v1', 'c2=v2; Max-Age=60'],
                body: 'created',
            };
        case 'sleep':
            await sleep(1500);
            return {statusCode: 200, body: 'slept'};
        default:
            return {
                statusCode: 200,
                headers: {'content-type': 'application/json', 'x-echo': 'yes'},
                body: JSON.stringify(event),
            };
    }
};
