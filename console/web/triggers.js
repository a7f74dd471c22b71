// Finding, adding and removing a function's triggers through the public APIs only: HTTP APIs (API Gateway v2),
// its function URL, and EventBridge rules whose targets name it.
import { gateway, lambda, rules } from './api.js';

const arnParts = (functionArn) => {
  const [, , , region, account] = functionArn.split(':');
  return { region, account };
};
const namesFunction = (uri, functionArn) => uri === functionArn || uri.startsWith(`${functionArn}:`)
  || uri.includes(`/functions/${functionArn}/`) || uri.includes(`/functions/${functionArn}:`);
const ignoreMissing = (e) => { if (e.status !== 404) throw e; };

export async function listTriggers(fn) {
  const [http, url, schedules] = await Promise.all([httpTriggers(fn), urlTrigger(fn), ruleTriggers(fn)]);
  return [...http, ...url, ...schedules];
}

async function httpTriggers(fn) {
  const found = [];
  for (const api of await gateway.apis()) {
    const integrations = (await gateway.integrations(api.apiId))
      .filter((i) => namesFunction(i.integrationUri || '', fn.FunctionArn));
    if (integrations.length === 0) continue;
    const ids = new Set(integrations.map((i) => `integrations/${i.integrationId}`));
    const [routes, stages] = await Promise.all([gateway.routes(api.apiId), gateway.stages(api.apiId)]);
    for (const route of routes.filter((r) => ids.has(r.target))) {
      const path = route.routeKey === '$default' ? '/' : route.routeKey.split(' ')[1];
      const urls = stages.map((s) => `${api.apiEndpoint}${s.stageName === '$default' ? '' : `/${s.stageName}`}${path}`);
      found.push({ kind: 'HTTP API', id: `api:${api.apiId}:${route.routeId}`, title: `${api.name} (${api.apiId})`,
        detail: route.routeKey, urls, api, route, integrationId: route.target.split('/')[1] });
    }
  }
  return found;
}

async function urlTrigger(fn) {
  try {
    const config = await lambda.url(fn.FunctionName);
    const cors = config.Cors ? `CORS: origins ${(config.Cors.AllowOrigins || []).join(', ') || 'none'}` : 'no CORS';
    return [{ kind: 'Function URL', id: 'url', title: `Auth type ${config.AuthType}`, detail: cors,
      urls: [config.FunctionUrl], config }];
  } catch (e) {
    ignoreMissing(e);
    return [];
  }
}

async function ruleTriggers(fn) {
  const found = [];
  for (const rule of await rules.list()) {
    const targets = (await rules.targets(rule.Name)).filter((t) => namesFunction(t.Arn, fn.FunctionArn));
    if (targets.length) {
      found.push({ kind: rule.ScheduleExpression ? 'Schedule' : 'EventBridge rule', id: `rule:${rule.Name}`,
        title: rule.Name, detail: rule.ScheduleExpression || rule.EventPattern, state: rule.State, urls: [], rule, targets });
    }
  }
  return found;
}

// The HTTP trigger the Lambda console adds: API "{fn}-API", route ANY /{fn}, stage "default", and the permission.
export async function addHttpTrigger(fn) {
  const name = fn.FunctionName;
  const { region, account } = arnParts(fn.FunctionArn);
  const api = await gateway.createApi({ name: `${name}-API`, protocolType: 'HTTP' });
  const integration = await gateway.createIntegration(api.apiId, {
    integrationType: 'AWS_PROXY', integrationUri: fn.FunctionArn, payloadFormatVersion: '2.0' });
  await gateway.createRoute(api.apiId, { routeKey: `ANY /${name}`, target: `integrations/${integration.integrationId}` });
  await gateway.createStage(api.apiId, { stageName: 'default', autoDeploy: true });
  await lambda.addPermission(name, {
    StatementId: `console-apigateway-${api.apiId}`, Action: 'lambda:InvokeFunction',
    Principal: 'apigateway.amazonaws.com', SourceArn: `arn:aws:execute-api:${region}:${account}:${api.apiId}/*/*/${name}`,
  });
  return `${api.apiEndpoint}/default/${name}`;
}

export async function addUrlTrigger(fn, { authType, cors }) {
  const config = await lambda.createUrl(fn.FunctionName, cors ? { AuthType: authType, Cors: cors } : { AuthType: authType });
  if (authType === 'NONE') {
    await lambda.addPermission(fn.FunctionName, {
      StatementId: 'FunctionURLAllowPublicAccess', Action: 'lambda:InvokeFunctionUrl', Principal: '*',
      FunctionUrlAuthType: 'NONE',
    }).catch((e) => { if (e.type !== 'ResourceConflictException') throw e; });
  }
  return config.FunctionUrl;
}

export async function addScheduleTrigger(fn, { ruleName, expression }) {
  const { RuleArn } = await rules.put({ Name: ruleName, ScheduleExpression: expression, State: 'ENABLED',
    Description: `Schedule for ${fn.FunctionName}, added in the Stratus console` });
  const failed = await rules.putTargets(ruleName, [{ Id: fn.FunctionName.slice(0, 64), Arn: fn.FunctionArn }]);
  if (failed.FailedEntryCount) throw new Error(failed.FailedEntries[0].ErrorMessage);
  await lambda.addPermission(fn.FunctionName, {
    StatementId: `console-events-${ruleName}`.slice(0, 100), Action: 'lambda:InvokeFunction',
    Principal: 'events.amazonaws.com', SourceArn: RuleArn,
  }).catch((e) => { if (e.type !== 'ResourceConflictException') throw e; });
}

// Removes a trigger and the permission the console gave it; an HTTP API or rule left with nothing is deleted.
export async function removeTrigger(fn, trigger) {
  const name = fn.FunctionName;
  if (trigger.kind === 'HTTP API') {
    const { api, route, integrationId } = trigger;
    await gateway.deleteRoute(api.apiId, route.routeId);
    const left = await gateway.routes(api.apiId);
    if (!left.some((r) => r.target === `integrations/${integrationId}`)) {
      await gateway.deleteIntegration(api.apiId, integrationId);
    }
    if (left.length === 0) await gateway.deleteApi(api.apiId);
    await lambda.removePermission(name, `console-apigateway-${api.apiId}`).catch(ignoreMissing);
  } else if (trigger.kind === 'Function URL') {
    await lambda.deleteUrl(name);
    await lambda.removePermission(name, 'FunctionURLAllowPublicAccess').catch(ignoreMissing);
  } else {
    const { rule, targets } = trigger;
    await rules.removeTargets(rule.Name, targets.map((t) => t.Id));
    if ((await rules.targets(rule.Name)).length === 0) await rules.remove(rule.Name);
    await lambda.removePermission(name, `console-events-${rule.Name}`.slice(0, 100)).catch(ignoreMissing);
  }
}
