// Reports each invocation to a collector over HTTP (event.url) and fails when the collector answers 500, so a
// test decides which attempts fail. Destination records (no event.url) are reported to the URL in
// requestPayload.url.
const http = require('http');

function post(url, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {method: 'POST', headers: {'content-type': 'application/json',
      'content-length': Buffer.byteLength(body)}}, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
    req.on('error', reject);
    req.end(body);
  });
}

exports.handler = async (event, context) => {
  if (event.sleepMs) {
    await new Promise((resolve) => setTimeout(resolve, event.sleepMs));
  }
  // Events the test does not write (a schedule's) carry no url: the function's COLLECTOR_URL variable names it.
  const url = event.url || (event.requestPayload && event.requestPayload.url) || process.env.COLLECTOR_URL;
  const status = await post(url, JSON.stringify({requestId: context.awsRequestId, event}));
  if (status !== 200) {
    throw new Error('the collector said to fail');
  }
  return {reported: true};
};
