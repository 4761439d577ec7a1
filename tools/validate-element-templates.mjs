#!/usr/bin/env node
// Checks the Camunda Modeler element templates (Camunda 7 flavour) of this project; run by `npm run lint:bpmn`.
//
//   node tools/validate-element-templates.mjs [templates-dir] [bpmn-file ...]
//
// 1. Every *.json in the templates directory (default bpmn/.camunda/element-templates) is valid against the
//    element-templates JSON schema of the pinned @camunda/element-templates-json-schema, with its error messages
//    (the same check Camunda Modeler makes when it loads a template; an invalid template is silently missing there).
// 2. Each template refers to the Camunda 7 schema, has a version, and no two templates share id and version.
// 3. Every element of the BPMN files (default bpmn/*.bpmn) marked camunda:modelerTemplate refers to an existing
//    template id and version whose appliesTo fits the element, carries the template's fixed (Hidden) values, and
//    keeps to the constraints of its fields (required, pattern, dropdown choices).
// Exits 1 on any error, printing file, JSON path (or element id) and message.

import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const Ajv = require('ajv');
const ajvErrors = require('ajv-errors');

const SCHEMA_PACKAGE = '@camunda/element-templates-json-schema';
const schema = require(`${SCHEMA_PACKAGE}/resources/schema.json`);
const errorMessages = require(`${SCHEMA_PACKAGE}/resources/error-messages.json`);
const schemaVersion = require(`${SCHEMA_PACKAGE}/package.json`).version;

const args = process.argv.slice(2);
const templatesDir = args.find((a) => !a.endsWith('.bpmn')) ?? 'bpmn/.camunda/element-templates';
let bpmnFiles = args.filter((a) => a.endsWith('.bpmn'));
if (bpmnFiles.length === 0 && existsSync('bpmn')) {
  bpmnFiles = readdirSync('bpmn').filter((f) => f.endsWith('.bpmn')).map((f) => path.join('bpmn', f));
}

const problems = [];
const report = (file, where, message) => problems.push(`${file}: ${where}: ${message}`);

// ---- 1. JSON schema ----------------------------------------------------------------------------------------------

// the package ships its friendly messages separately (as the Modeler's validator merges them): add them to the schema
for (const { path: at, errorMessage } of errorMessages) {
  const node = at.reduce((n, key) => (n == null ? n : n[key]), schema);
  if (node && typeof node === 'object') {
    node.errorMessage = errorMessage;
  }
}
const ajv = new Ajv({ allErrors: true, strict: false });
ajvErrors(ajv);
const validate = ajv.compile(schema);

if (!existsSync(templatesDir) || !statSync(templatesDir).isDirectory()) {
  console.error(`element templates: directory ${templatesDir} not found`);
  process.exit(1);
}
const files = readdirSync(templatesDir).filter((f) => f.endsWith('.json')).sort();
if (files.length === 0) {
  console.error(`element templates: no *.json in ${templatesDir}`);
  process.exit(1);
}

const templates = []; // { file, where, template } of the valid ones
const invalidIds = new Map(); // template id -> file, of templates that failed the schema
for (const name of files) {
  const file = path.join(templatesDir, name);
  const text = readFileSync(file, 'utf8');
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    report(file, lineColumn(text, e), `not valid JSON: ${e.message}`);
    continue;
  }
  if (!validate(data)) {
    for (const err of relevantErrors(validate.errors, data)) {
      report(file, describePath(data, err.instancePath), err.message);
    }
    for (const t of Array.isArray(data) ? data : [ data ]) {
      if (typeof t?.id === 'string') {
        invalidIds.set(t.id, file);
      }
    }
    continue;
  }
  const list = Array.isArray(data) ? data : [ data ];
  list.forEach((template, i) => templates.push({ file, where: Array.isArray(data) ? `/${i}` : '', template }));
}

// ---- 2. project rules --------------------------------------------------------------------------------------------

const byKey = new Map();
for (const { file, where, template } of templates) {
  const at = `${where || '(root)'} ${template.id}`;
  const uri = template.$schema ?? '';
  if (!/\/@camunda\/element-templates-json-schema(@[^/]+)?\/resources\/schema\.json$/.test(uri)) {
    report(file, at, `"$schema" must be the Camunda 7 schema https://unpkg.com/${SCHEMA_PACKAGE}/resources/schema.json `
      + `(Camunda Modeler shows other templates only for Camunda 8 diagrams), found ${JSON.stringify(uri)}`);
    continue;
  }
  const pinned = uri.match(/@(\d+\.\d+\.\d+)\//)?.[1];
  if (pinned && compareVersions(pinned, schemaVersion) > 0) {
    report(file, at, `"$schema" asks for schema ${pinned}, newer than the checked ${schemaVersion}`);
  }
  if (!Number.isInteger(template.version)) {
    report(file, at, 'missing "version" (an integer; templated elements refer to it as camunda:modelerTemplateVersion)');
  }
  const key = `${template.id}@${template.version ?? '-'}`;
  if (byKey.has(key)) {
    report(file, at, `template id ${template.id} version ${template.version} is also defined in ${byKey.get(key).file}`);
  } else {
    byKey.set(key, { file, template });
  }
  template.properties.forEach((p, i) => {
    if (p.type === 'Dropdown' && p.value !== undefined && !p.choices.some((c) => c.value === p.value)) {
      report(file, `${where}/properties/${i} (${label(p)})`, `default value ${JSON.stringify(p.value)} is not one of the choices`);
    }
  });
}

// ---- 3. templated elements in the BPMN ---------------------------------------------------------------------------

let templatedElements = 0;
if (bpmnFiles.length > 0) {
  const { BpmnModdle } = await import('bpmn-moddle');
  const camunda = require('camunda-bpmn-moddle/resources/camunda.json');
  const moddle = new BpmnModdle({ camunda });
  for (const file of bpmnFiles) {
    let definitions;
    try {
      ({ rootElement: definitions } = await moddle.fromXML(readFileSync(file, 'utf8')));
    } catch (e) {
      report(file, '(root)', `cannot read the BPMN: ${e.message}`);
      continue;
    }
    for (const element of allElements(definitions)) {
      const id = element.get('camunda:modelerTemplate');
      if (!id) {
        continue;
      }
      templatedElements++;
      const at = `element ${element.id}`;
      const version = element.get('camunda:modelerTemplateVersion');
      const entry = byKey.get(`${id}@${version ?? '-'}`);
      if (!entry) {
        const known = [ ...byKey.values() ].filter((t) => t.template.id === id).map((t) => t.template.version);
        report(file, at, `camunda:modelerTemplate="${id}" camunda:modelerTemplateVersion="${version ?? ''}" matches no template`
          + (known.length ? ` (valid versions of ${id}: ${known.join(', ')})` : '')
          + (invalidIds.has(id) ? ` (${invalidIds.get(id)} defines ${id} but is invalid, see above)` : ''));
        continue;
      }
      const { template } = entry;
      if (!template.appliesTo.some((type) => element.$instanceOf(type))) {
        report(file, at, `is a ${element.$type}, template ${id} applies to ${template.appliesTo.join(', ')}`);
        continue;
      }
      checkValues(file, at, element, template);
    }
  }
}

// ---- result ------------------------------------------------------------------------------------------------------

if (problems.length > 0) {
  console.error(`element templates: ${problems.length} error(s) (schema ${SCHEMA_PACKAGE}@${schemaVersion})`);
  for (const p of problems) {
    console.error(`  ${p}`);
  }
  process.exit(1);
}
console.log(`element templates: ${templates.length} template(s) in ${files.length} file(s) of ${templatesDir} valid `
  + `against ${SCHEMA_PACKAGE}@${schemaVersion}; ${templatedElements} templated element(s) in `
  + `${bpmnFiles.join(', ') || 'no BPMN file'} consistent`);

// ---- helpers -----------------------------------------------------------------------------------------------------

/** The errors a person can act on, as Camunda Modeler picks them: own messages and data types; all others if none. */
function relevantErrors(errors, data) {
  // the schema accepts one template or an array of them: for a single template, drop "must be array" (and vice versa)
  const branch = Array.isArray(data) ? '#/oneOf/0/' : '#/oneOf/1/';
  errors = errors.filter((e) => !(e.instancePath === '' && e.schemaPath.startsWith(branch)) && e.keyword !== 'oneOf');
  const relevant = errors.filter((e) => e.keyword === 'errorMessage' || e.keyword === 'type');
  const chosen = relevant.length > 0 ? relevant : errors;
  const seen = new Set();
  return chosen.filter((e) => {
    const key = `${e.instancePath} ${e.message}`;
    return !seen.has(key) && seen.add(key);
  });
}

/** The JSON path of an error, with the label or binding of the property it is in. */
function describePath(data, pointer) {
  if (!pointer) {
    return '(root)';
  }
  const m = pointer.match(/^((?:\/\d+)?\/properties\/\d+)/);
  if (m) {
    const property = m[1].split('/').slice(1).reduce((n, key) => n?.[key], data);
    if (property && typeof property === 'object') {
      return `${pointer} (${label(property)})`;
    }
  }
  return pointer;
}

function label(property) {
  const b = property.binding ?? {};
  return [ property.label && `"${property.label}"`, b.type && `${b.type}${b.name ? ` ${b.name}` : ''}` ]
    .filter(Boolean).join(', ') || 'property';
}

function lineColumn(text, error) {
  const pos = Number(error.message.match(/position (\d+)/)?.[1]);
  if (!Number.isFinite(pos)) {
    return '(root)';
  }
  const before = text.slice(0, pos).split('\n');
  return `line ${before.length}, column ${before.at(-1).length + 1}`;
}

function compareVersions(a, b) {
  const pa = a.split('.').map(Number), pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    if (pa[i] !== pb[i]) {
      return pa[i] - pb[i];
    }
  }
  return 0;
}

function* allElements(definitions) {
  const stack = [ ...(definitions.rootElements ?? []) ];
  while (stack.length > 0) {
    const element = stack.pop();
    yield element;
    stack.push(...(element.flowElements ?? []));
  }
}

/** The template's fixed (Hidden) values and the constraints of its other fields must hold on the element. */
function checkValues(file, at, element, template) {
  const inputs = element.extensionElements?.values
    ?.filter((v) => v.$instanceOf('camunda:InputOutput'))
    .flatMap((io) => io.inputParameters ?? []) ?? [];
  for (const p of template.properties) {
    const b = p.binding;
    let actual, what;
    if (b.type === 'property') {
      actual = element.get(b.name);
      what = b.name;
    } else if (b.type === 'camunda:inputParameter') {
      actual = inputs.find((i) => i.name === b.name)?.value;
      what = `input parameter ${b.name}`;
    } else {
      continue; // the other bindings are not used by this project's templates
    }
    const text = actual === undefined || actual === null ? '' : String(actual);
    const pattern = typeof p.constraints?.pattern === 'string' ? p.constraints.pattern : p.constraints?.pattern?.value;
    if (p.type === 'Hidden') {
      if (p.value !== undefined && text !== String(p.value)) {
        report(file, at, `${what} must be ${JSON.stringify(String(p.value))} (fixed by template ${template.id}), `
          + `found ${text === '' ? 'none' : JSON.stringify(text)}`);
      }
    } else if (text === '') {
      // a dropdown without a value shows its first choice in the Modeler while the XML has none: as bad as empty
      if (p.constraints?.notEmpty || (p.type === 'Dropdown' && !p.choices.some((c) => c.value === ''))) {
        report(file, at, `${what} (${label(p)}) must not be empty`);
      }
    } else if (p.type === 'Dropdown' && !p.choices.some((c) => c.value === text)) {
      report(file, at, `${what} is ${JSON.stringify(text)}, not one of the choices of template ${template.id}`);
    } else if (pattern && !new RegExp(pattern).test(text)) {
      report(file, at, `${what} is ${JSON.stringify(text)}: ${p.constraints.pattern.message ?? `must match ${pattern}`}`);
    }
  }
}
