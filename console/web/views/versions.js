// Versions and aliases: publish a version, list them, create aliases (with a weighted second version), delete.
import { lambda } from '../api.js';
import { ago, busy, confirmDialog, errorBox, field, h, spinner, toast } from '../ui.js';

export function versionsTab(fn) {
  const versionList = h('div', { id: 'versions' }, spinner('Loading versions…'));
  const aliasList = h('div', { id: 'aliases' }, spinner('Loading aliases…'));
  const errors = h('div');
  let versions = [];
  const versionSelects = [];

  const load = async () => {
    try {
      const [v, a] = await Promise.all([lambda.versions(fn.FunctionName), lambda.aliases(fn.FunctionName)]);
      versions = v.filter((x) => x.Version !== '$LATEST');
      versionList.replaceChildren(versions.length ? table(['Version', 'Description', 'Code SHA-256', 'Published'],
        versions.map((x) => [x.Version, x.Description || '', h('code', {}, x.CodeSha256.slice(0, 16) + '…'), ago(x.LastModified)]))
        : h('p', { class: 'muted' }, 'No versions yet: publish one to freeze the current code and configuration.'));
      aliasList.replaceChildren(a.length ? table(['Alias', 'Version', 'Weights', 'Description', ''], a.map((x) => [
        x.Name, x.FunctionVersion, weights(x), x.Description || '',
        h('button', { class: 'ghost danger', onclick: () => removeAlias(x.Name) }, 'Delete')]))
        : h('p', { class: 'muted' }, 'No aliases.'));
      for (const select of versionSelects) {
        const keep = select.value;
        select.replaceChildren(...(select.dataset.optional ? [h('option', { value: '' }, 'none')] : []),
          ...[{ Version: '$LATEST' }, ...versions].map((x) => h('option', { value: x.Version }, x.Version)));
        if (keep) select.value = keep;
      }
    } catch (e) {
      errors.replaceChildren(errorBox(e));
    }
  };
  const removeAlias = (alias) => confirmDialog({
    title: `Delete alias ${alias}?`, text: 'Its function URL, if any, is deleted with it.', action: 'Delete',
    onConfirm: async () => { await lambda.deleteAlias(fn.FunctionName, alias); toast(`Deleted alias ${alias}.`); await load(); },
  });

  const description = h('input', { type: 'text', id: 'version-description', placeholder: 'optional', size: 40 });
  const publish = h('button', { class: 'primary', id: 'publish' }, 'Publish new version');
  const publishErrors = h('div');
  publish.addEventListener('click', () => busy(publish, async () => {
    const v = await lambda.publish(fn.FunctionName, description.value);
    toast(`Published version ${v.Version}.`);
    description.value = '';
    await load();
  }, publishErrors));

  const aliasName = h('input', { type: 'text', id: 'alias-name', placeholder: 'live' });
  const aliasVersion = h('select', { id: 'alias-version' });
  const extraVersion = h('select', { id: 'alias-extra-version', 'data-optional': 'yes' });
  const extraWeight = h('input', { type: 'number', id: 'alias-weight', min: 0, max: 100, value: 10 });
  versionSelects.push(aliasVersion, extraVersion);
  const aliasErrors = h('div');
  const create = h('button', { class: 'primary', id: 'create-alias' }, 'Create alias');
  create.addEventListener('click', () => busy(create, async () => {
    const spec = { Name: aliasName.value.trim(), FunctionVersion: aliasVersion.value };
    if (extraVersion.value) {
      spec.RoutingConfig = { AdditionalVersionWeights: { [extraVersion.value]: Number(extraWeight.value) / 100 } };
    }
    await lambda.createAlias(fn.FunctionName, spec);
    toast(`Created alias ${spec.Name}.`);
    aliasName.value = '';
    await load();
  }, aliasErrors));

  load();
  return { el: h('div', {},
    h('div', { class: 'panel' }, h('h2', {}, 'Versions'), h('div', { class: 'row' }, field('Description', description), publish),
      publishErrors, versionList, errors),
    h('div', { class: 'panel' }, h('h2', {}, 'Aliases'),
      h('div', { class: 'row' }, field('Name', aliasName), field('Version', aliasVersion),
        field('Additional version', extraVersion), field('Weight (%)', extraWeight), create),
      aliasErrors, aliasList)) };
}

function weights(alias) {
  const extra = alias.RoutingConfig?.AdditionalVersionWeights || {};
  const entries = Object.entries(extra);
  if (!entries.length) return '100%';
  const rest = 1 - entries.reduce((s, [, w]) => s + w, 0);
  return [`${alias.FunctionVersion}: ${Math.round(rest * 100)}%`, ...entries.map(([v, w]) => `${v}: ${Math.round(w * 100)}%`)].join(', ');
}

function table(head, rows) {
  return h('table', { class: 'list' }, h('thead', {}, h('tr', {}, ...head.map((t) => h('th', {}, t)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c))))));
}
