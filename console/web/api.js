// The one module that talks to the server. Every call goes through request(), so request signing (SigV4) can be
// added here alone. Errors become ApiError carrying the service's own type and message.

export class ApiError extends Error {
  constructor(status, type, message) {
    super(message || `HTTP ${status}`);
    this.status = status;
    this.type = type || `HTTP ${status}`;
  }
}

const LAMBDA = '/2015-03-31/functions';
const URLS = '/2021-10-31/functions';
const enc = encodeURIComponent;

async function request(method, path, { body, headers = {}, raw = false } = {}) {
  const init = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    init.headers['Content-Type'] ??= 'application/json';
  }
  const response = await fetch(path, init);
  if (!response.ok) {
    const text = await response.text();
    let doc = {};
    try { doc = JSON.parse(text); } catch { doc = { message: text }; }
    const type = response.headers.get('x-amzn-ErrorType')?.split(':')[0] || doc.__type || doc.Type;
    throw new ApiError(response.status, type, doc.message || doc.Message || doc.errorMessage || text);
  }
  if (raw) return response;
  if (response.status === 204) return {};
  const text = await response.text();
  return text ? JSON.parse(text) : {};
}

function events(target, body) {
  return request('POST', '/', {
    body,
    headers: { 'X-Amz-Target': `AWSEvents.${target}`, 'Content-Type': 'application/x-amz-json-1.1' },
  });
}

// Follows Marker/NextMarker (Lambda), NextToken (EventBridge) or nextToken (API Gateway) to the end.
async function all(fetchPage, itemsOf, nextOf) {
  const items = [];
  let token;
  do {
    const page = await fetchPage(token);
    items.push(...(itemsOf(page) || []));
    token = nextOf(page);
  } while (token);
  return items;
}

export const lambda = {
  list: () => all((m) => request('GET', `${LAMBDA}?MaxItems=50${m ? `&Marker=${enc(m)}` : ''}`),
    (p) => p.Functions, (p) => p.NextMarker),
  get: (name) => request('GET', `${LAMBDA}/${enc(name)}`),
  config: (name) => request('GET', `${LAMBDA}/${enc(name)}/configuration`),
  create: (spec) => request('POST', `${LAMBDA}`, { body: spec }),
  remove: (name) => request('DELETE', `${LAMBDA}/${enc(name)}`),
  updateCode: (name, zipBase64) => request('PUT', `${LAMBDA}/${enc(name)}/code`, { body: { ZipFile: zipBase64 } }),
  updateConfig: (name, spec) => request('PUT', `${LAMBDA}/${enc(name)}/configuration`, { body: spec }),
  invoke: (name, payload) => request('POST', `${LAMBDA}/${enc(name)}/invocations`, {
    body: payload, headers: { 'X-Amz-Log-Type': 'Tail', 'Content-Type': 'application/json' }, raw: true,
  }),
  addPermission: (name, statement) => request('POST', `${LAMBDA}/${enc(name)}/policy`, { body: statement }),
  removePermission: (name, sid) => request('DELETE', `${LAMBDA}/${enc(name)}/policy/${enc(sid)}`),
  policy: (name) => request('GET', `${LAMBDA}/${enc(name)}/policy`),
  versions: (name) => all((m) => request('GET', `${LAMBDA}/${enc(name)}/versions?MaxItems=50${m ? `&Marker=${enc(m)}` : ''}`),
    (p) => p.Versions, (p) => p.NextMarker),
  publish: (name, description) => request('POST', `${LAMBDA}/${enc(name)}/versions`, { body: { Description: description } }),
  aliases: (name) => all((m) => request('GET', `${LAMBDA}/${enc(name)}/aliases?MaxItems=50${m ? `&Marker=${enc(m)}` : ''}`),
    (p) => p.Aliases, (p) => p.NextMarker),
  createAlias: (name, spec) => request('POST', `${LAMBDA}/${enc(name)}/aliases`, { body: spec }),
  deleteAlias: (name, alias) => request('DELETE', `${LAMBDA}/${enc(name)}/aliases/${enc(alias)}`),
  concurrency: (name) => request('GET', `/2019-09-30/functions/${enc(name)}/concurrency`),
  putConcurrency: (name, n) => request('PUT', `/2017-10-31/functions/${enc(name)}/concurrency`,
    { body: { ReservedConcurrentExecutions: n } }),
  deleteConcurrency: (name) => request('DELETE', `/2017-10-31/functions/${enc(name)}/concurrency`),
  eventInvokeConfig: (name) => request('GET', `/2019-09-25/functions/${enc(name)}/event-invoke-config`),
  putEventInvokeConfig: (name, spec) => request('PUT', `/2019-09-25/functions/${enc(name)}/event-invoke-config`,
    { body: spec }),
  url: (name) => request('GET', `${URLS}/${enc(name)}/url`),
  createUrl: (name, spec) => request('POST', `${URLS}/${enc(name)}/url`, { body: spec }),
  deleteUrl: (name) => request('DELETE', `${URLS}/${enc(name)}/url`),
};

export const gateway = {
  apis: () => all((t) => request('GET', `/v2/apis${t ? `?nextToken=${enc(t)}` : ''}`), (p) => p.items, (p) => p.nextToken),
  createApi: (spec) => request('POST', '/v2/apis', { body: spec }),
  deleteApi: (id) => request('DELETE', `/v2/apis/${enc(id)}`),
  integrations: (id) => all((t) => request('GET', `/v2/apis/${enc(id)}/integrations${t ? `?nextToken=${enc(t)}` : ''}`),
    (p) => p.items, (p) => p.nextToken),
  createIntegration: (id, spec) => request('POST', `/v2/apis/${enc(id)}/integrations`, { body: spec }),
  routes: (id) => all((t) => request('GET', `/v2/apis/${enc(id)}/routes${t ? `?nextToken=${enc(t)}` : ''}`),
    (p) => p.items, (p) => p.nextToken),
  createRoute: (id, spec) => request('POST', `/v2/apis/${enc(id)}/routes`, { body: spec }),
  deleteRoute: (id, routeId) => request('DELETE', `/v2/apis/${enc(id)}/routes/${enc(routeId)}`),
  deleteIntegration: (id, integrationId) => request('DELETE', `/v2/apis/${enc(id)}/integrations/${enc(integrationId)}`),
  stages: (id) => all((t) => request('GET', `/v2/apis/${enc(id)}/stages${t ? `?nextToken=${enc(t)}` : ''}`),
    (p) => p.items, (p) => p.nextToken),
  createStage: (id, spec) => request('POST', `/v2/apis/${enc(id)}/stages`, { body: spec }),
};

export const rules = {
  list: () => all((t) => events('ListRules', t ? { NextToken: t } : {}), (p) => p.Rules, (p) => p.NextToken),
  targets: (rule) => all((t) => events('ListTargetsByRule', t ? { Rule: rule, NextToken: t } : { Rule: rule }),
    (p) => p.Targets, (p) => p.NextToken),
  put: (spec) => events('PutRule', spec),
  putTargets: (rule, targets) => events('PutTargets', { Rule: rule, Targets: targets }),
  removeTargets: (rule, ids) => events('RemoveTargets', { Rule: rule, Ids: ids }),
  remove: (rule) => events('DeleteRule', { Name: rule }),
};

// Stratus's own endpoints: saved test events (only the console needs them) and function logs.
const CONSOLE = '/_stratus/console/functions';
export const stratus = {
  testEvents: (name) => request('GET', `${CONSOLE}/${enc(name)}/test-events`).then((r) => r.TestEvents),
  saveTestEvent: (name, eventName, json) => request('PUT', `${CONSOLE}/${enc(name)}/test-events/${enc(eventName)}`,
    { body: { Event: json } }),
  deleteTestEvent: (name, eventName) => request('DELETE', `${CONSOLE}/${enc(name)}/test-events/${enc(eventName)}`),
  metrics: (name, minutes) => request('GET', `/_stratus/metrics/${enc(name)}?minutes=${minutes}`),
  logs: (name, { startTime = 0, filter = '', nextToken, limit } = {}) => {
    const q = new URLSearchParams({ startTime: String(startTime) });
    if (filter) q.set('filter', filter);
    if (nextToken) q.set('nextToken', nextToken);
    if (limit) q.set('limit', String(limit));
    return request('GET', `/_stratus/logs/${enc(name)}?${q}`);
  },
};

// Polls until a function can be invoked with its latest code and configuration.
export async function waitUntilReady(name, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const c = await lambda.config(name);
    if (c.State === 'Failed') throw new ApiError(0, c.StateReasonCode || 'Failed', c.StateReason);
    if (c.LastUpdateStatus === 'Failed') throw new ApiError(0, c.LastUpdateStatusReasonCode, c.LastUpdateStatusReason);
    if (c.State === 'Active' && c.LastUpdateStatus !== 'InProgress') return c;
    if (Date.now() > deadline) throw new ApiError(0, 'Timeout', `${name} is still ${c.State}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
