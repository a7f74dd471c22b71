// Templates for test events, in the shapes of shared/spec/events.md.
const now = () => new Date();
const clf = (d) => {
  const m = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const p = (n) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${m}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
};
const uuid = () => crypto.randomUUID();

function httpV2(routeKey, domain, apiId) {
  const d = now();
  return {
    version: '2.0', routeKey, rawPath: '/my/path', rawQueryString: 'parameter1=value1',
    headers: { 'content-type': 'application/json', 'user-agent': 'curl/8.0' },
    queryStringParameters: { parameter1: 'value1' },
    requestContext: {
      accountId: '000000000000', apiId, domainName: domain, domainPrefix: apiId,
      http: { method: 'POST', path: '/my/path', protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'curl/8.0' },
      requestId: uuid(), routeKey, stage: '$default', time: clf(d), timeEpoch: d.getTime(),
    },
    body: '{"name":"Ada"}', isBase64Encoded: false,
  };
}

function restV1() {
  const d = now();
  return {
    resource: '/items/{id}', path: '/items/42', httpMethod: 'GET',
    headers: { Accept: '*/*' }, multiValueHeaders: { Accept: ['*/*'] },
    queryStringParameters: { q: '2' }, multiValueQueryStringParameters: { q: ['1', '2'] },
    pathParameters: { id: '42' }, stageVariables: null,
    requestContext: {
      accountId: '000000000000', apiId: 'abc123', resourceId: 'x1y2z3', resourcePath: '/items/{id}',
      httpMethod: 'GET', path: '/prod/items/42', stage: 'prod', protocol: 'HTTP/1.1', requestId: uuid(),
      requestTime: clf(d), requestTimeEpoch: d.getTime(), domainName: 'abc123.execute-api.localhost', domainPrefix: 'abc123',
      identity: { sourceIp: '192.0.2.1', userAgent: 'curl/8.0' },
    },
    body: null, isBase64Encoded: false,
  };
}

export const TEMPLATES = {
  'hello-world': () => ({ key1: 'value1', key2: 'value2', key3: 'value3' }),
  'apigateway-rest-api': restV1,
  'apigateway-http-api': () => httpV2('ANY /my/path', 'abcdef1234.execute-api.localhost', 'abcdef1234'),
  'function-url': () => httpV2('$default', 'a1b2c3.lambda-url.localhost', 'a1b2c3'),
  'eventbridge-schedule': () => ({
    version: '0', id: uuid(), 'detail-type': 'Scheduled Event', source: 'aws.events', account: '000000000000',
    time: now().toISOString().replace(/\.\d+Z$/, 'Z'), region: 'us-east-1',
    resources: ['arn:aws:events:us-east-1:000000000000:rule/my-schedule'], detail: {},
  }),
  sqs: () => ({ Records: [{
    messageId: uuid(), receiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...', body: 'Test message.',
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(Date.now()), SenderId: 'AIDAIENQZJOLO23YVJ4VO',
      ApproximateFirstReceiveTimestamp: String(Date.now()) },
    messageAttributes: {}, md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3', eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:my-queue', awsRegion: 'us-east-1',
  }] }),
  's3-put': () => ({ Records: [{
    eventVersion: '2.1', eventSource: 'aws:s3', awsRegion: 'us-east-1', eventTime: now().toISOString(),
    eventName: 'ObjectCreated:Put', userIdentity: { principalId: 'AIDAJDPLRKLG7UEXAMPLE' },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: { 'x-amz-request-id': 'C3D13FE58DE4C810', 'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD' },
    s3: { s3SchemaVersion: '1.0', configurationId: 'testConfigRule',
      bucket: { name: 'example-bucket', ownerIdentity: { principalId: 'A3NL1KOZZKExample' }, arn: 'arn:aws:s3:::example-bucket' },
      object: { key: 'test%2Fkey', size: 1024, eTag: '0123456789abcdef0123456789abcdef', sequencer: '0A1B2C3D4E5F678901' } },
  }] }),
};
