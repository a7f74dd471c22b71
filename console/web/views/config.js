// Configuration tab: general settings, environment variables, layers, reserved concurrency, asynchronous invocation.
import { lambda, waitUntilReady } from '../api.js';
import { busy, errorBox, field, h, toast } from '../ui.js';

export function configTab(fn, refresh) {
  return { el: h('div', { class: 'config' }, general(fn, refresh), environment(fn, refresh), layers(fn, refresh),
    concurrency(fn), asyncSettings(fn)) };
}

// Saves part of the configuration with the revision shown, so a concurrent change is reported, not overwritten.
async function save(fn, refresh, spec, what) {
  await lambda.updateConfig(fn.FunctionName, { ...spec, RevisionId: fn.RevisionId });
  await waitUntilReady(fn.FunctionName);
  await refresh({ summary: true });
  toast(`Saved ${what} of ${fn.FunctionName}.`);
}

function panel(title, id, ...content) {
  return h('div', { class: 'panel', id }, h('h2', {}, title), ...content);
}

function general(fn, refresh) {
  const memory = h('input', { type: 'number', id: 'cfg-memory', min: 128, max: 10240, step: 1, value: fn.MemorySize });
  const timeout = h('input', { type: 'number', id: 'cfg-timeout', min: 1, max: 900, value: fn.Timeout });
  const storage = h('input', { type: 'number', id: 'cfg-storage', min: 512, max: 10240,
    value: fn.EphemeralStorage?.Size ?? 512 });
  const description = h('input', { type: 'text', id: 'cfg-description', value: fn.Description || '', size: 60 });
  const handler = h('input', { type: 'text', id: 'cfg-handler', value: fn.Handler || '' });
  const errors = h('div');
  const button = h('button', { class: 'primary', id: 'save-general' }, 'Save');
  button.addEventListener('click', () => busy(button, () => save(fn, refresh, {
    MemorySize: Number(memory.value), Timeout: Number(timeout.value), Description: description.value,
    EphemeralStorage: { Size: Number(storage.value) }, Handler: handler.value,
  }, 'the general configuration'), errors));
  return panel('General configuration', 'cfg-general',
    h('div', { class: 'row' }, field('Memory (MB)', memory, '128–10240'), field('Timeout (s)', timeout, '1–900'),
      field('Ephemeral storage (MB)', storage, '512–10240'), field('Handler', handler)),
    field('Description', description), errors, h('div', { class: 'actions' }, button));
}

function environment(fn, refresh) {
  const rows = h('div', { id: 'env-rows' });
  const addRow = (key = '', value = '') => {
    const row = h('div', { class: 'kv' },
      h('input', { type: 'text', placeholder: 'Key', value: key, 'aria-label': 'Key', class: 'env-key' }),
      h('input', { type: 'text', placeholder: 'Value', value, 'aria-label': 'Value', class: 'env-value' }),
      h('button', { class: 'ghost danger', title: 'Remove', onclick: () => row.remove() }, '✕'));
    rows.append(row);
  };
  Object.entries(fn.Environment?.Variables || {}).forEach(([k, v]) => addRow(k, v));
  const errors = h('div');
  const button = h('button', { class: 'primary', id: 'save-env' }, 'Save');
  button.addEventListener('click', () => busy(button, () => {
    const variables = {};
    for (const row of rows.children) {
      const key = row.querySelector('.env-key').value.trim();
      if (key) variables[key] = row.querySelector('.env-value').value;
    }
    return save(fn, refresh, { Environment: { Variables: variables } }, 'the environment variables');
  }, errors));
  return panel('Environment variables', 'cfg-env', rows,
    h('button', { class: 'secondary', onclick: () => addRow(), id: 'add-env' }, 'Add variable'),
    errors, h('div', { class: 'actions' }, button));
}

function layers(fn, refresh) {
  const text = h('textarea', { id: 'cfg-layers', rows: 3, cols: 90, placeholder: 'One layer version ARN per line' });
  text.value = (fn.Layers || []).map((l) => l.Arn).join('\n');
  const errors = h('div');
  const button = h('button', { class: 'primary', id: 'save-layers' }, 'Save');
  button.addEventListener('click', () => busy(button, () => save(fn, refresh, {
    Layers: text.value.split('\n').map((s) => s.trim()).filter(Boolean),
  }, 'the layers'), errors));
  return panel('Layers', 'cfg-layers-panel', h('p', { class: 'muted' }, 'Up to five layer versions, merged in order under /opt.'),
    text, errors, h('div', { class: 'actions' }, button));
}

function concurrency(fn) {
  const value = h('input', { type: 'number', min: 0, id: 'cfg-concurrency', placeholder: 'unreserved', disabled: true });
  const errors = h('div');
  const status = h('span', { class: 'muted' }, 'Loading…');
  const put = h('button', { class: 'primary', id: 'save-concurrency', disabled: true }, 'Save');
  const remove = h('button', { class: 'secondary', disabled: true }, 'Use unreserved');
  const show = (n) => {
    value.value = n ?? '';
    status.textContent = n === undefined ? 'Uses the unreserved account concurrency.' : `${n} reserved.`;
    value.disabled = put.disabled = remove.disabled = false;
  };
  lambda.concurrency(fn.FunctionName).then((r) => show(r.ReservedConcurrentExecutions), (e) => errors.replaceChildren(errorBox(e)));
  put.addEventListener('click', () => busy(put, async () => {
    if (value.value === '') {
      throw Object.assign(new Error('Enter a number of executions, or choose Use unreserved.'), { type: 'Value required' });
    }
    const r = await lambda.putConcurrency(fn.FunctionName, Number(value.value));
    show(r.ReservedConcurrentExecutions);
    toast('Saved reserved concurrency.');
  }, errors));
  remove.addEventListener('click', () => busy(remove, async () => {
    await lambda.deleteConcurrency(fn.FunctionName);
    show(undefined);
    toast('Removed reserved concurrency.');
  }, errors));
  return panel('Reserved concurrency', 'cfg-concurrency-panel', h('div', { class: 'row' },
    field('Reserved concurrent executions', value), status), errors, h('div', { class: 'actions' }, remove, put));
}

function asyncSettings(fn) {
  const age = h('input', { type: 'number', min: 60, max: 21600, id: 'cfg-max-age', value: 21600 });
  const retries = h('select', { id: 'cfg-retries' }, [0, 1, 2].map((n) => h('option', { value: n }, String(n))));
  retries.value = '2';
  const onSuccess = h('input', { type: 'text', id: 'cfg-on-success', placeholder: 'function ARN (optional)', size: 60 });
  const onFailure = h('input', { type: 'text', id: 'cfg-on-failure', placeholder: 'function ARN (optional)', size: 60 });
  const errors = h('div');
  const status = h('p', { class: 'muted', id: 'async-status' }, 'Loading…');
  const button = h('button', { class: 'primary', id: 'save-async', disabled: true }, 'Save');
  lambda.eventInvokeConfig(fn.FunctionName).then((c) => {
    button.disabled = false;
    age.value = c.MaximumEventAgeInSeconds ?? 21600;
    retries.value = String(c.MaximumRetryAttempts ?? 2);
    onSuccess.value = c.DestinationConfig?.OnSuccess?.Destination || '';
    onFailure.value = c.DestinationConfig?.OnFailure?.Destination || '';
    status.textContent = 'Custom settings.';
  }, (e) => {
    button.disabled = false;
    if (e.status === 404) status.textContent = 'Defaults: 2 retries, events kept up to 6 hours, no destinations.';
    else errors.replaceChildren(errorBox(e));
  });
  button.addEventListener('click', () => busy(button, async () => {
    const destination = (input) => (input.value.trim() ? { Destination: input.value.trim() } : undefined);
    await lambda.putEventInvokeConfig(fn.FunctionName, {
      MaximumEventAgeInSeconds: Number(age.value), MaximumRetryAttempts: Number(retries.value),
      DestinationConfig: { OnSuccess: destination(onSuccess), OnFailure: destination(onFailure) },
    });
    status.textContent = 'Custom settings.';
    toast('Saved asynchronous invocation settings.');
  }, errors));
  return panel('Asynchronous invocation', 'cfg-async', status,
    h('div', { class: 'row' }, field('Maximum age of event (s)', age, '60–21600'), field('Retry attempts', retries)),
    field('On success destination', onSuccess), field('On failure destination', onFailure),
    errors, h('div', { class: 'actions' }, button));
}
