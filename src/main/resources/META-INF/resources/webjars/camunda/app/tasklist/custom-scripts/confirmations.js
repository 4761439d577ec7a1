/*
 * What a clerk sees on starting a case and completing a task in Tasklist.
 *
 * - The start form (forms/kickoff.form) has a select "报告单位" whose options come from the variable
 *   "startableEntities" (valuesKey). Tasklist gives a start form no variables, so this script fills them in when
 *   Tasklist loads the form: from GET /api/reports/startable, the entities the user may start, by name (the server
 *   decides, and the start checks it again); the year field gets that answer's default year (last year, Beijing
 *   time) when the form has none.
 * - After the start: a confirmation naming the entity and year, with a link to the case page on the desk.
 * - After each completed task (any form: Camunda Forms, embedded, generic): a confirmation naming the task.
 *
 * Loaded as an ES module through customScripts in scripts/config.js, before the app starts; no default export
 * (that would be taken for a frontend plugin). docs/tasks.md, "Confirmations".
 */

const angular = window.angular;
const zh = (((navigator.languages && navigator.languages[0]) || navigator.language || '').toLowerCase()
  .split('-')[0] === 'zh');
const ENTITY_OPTIONS = 'startableEntities';
const START_FORM = /\/process-definition\/[^/?]+\/deployed-start-form(\?|$)/;
const originalFetch = window.fetch.bind(window);
// entity code -> name, from the last /api/reports/startable answer
const entityNames = {};

function escapeHtml(text) {
  const div = document.createElement('div');
  div.textContent = text == null ? '' : String(text);
  return div.innerHTML;
}

function eachComponent(components, visit) {
  (components || []).forEach(c => {
    visit(c);
    eachComponent(c.components, visit);
  });
}

async function withStartChoices(response) {
  let schema;
  try {
    schema = await response.clone().json();
  } catch (e) {
    return response;
  }
  const fields = [];
  eachComponent(schema && schema.components, c => fields.push(c));
  const entityField = fields.find(c => c.valuesKey === ENTITY_OPTIONS);
  if (!entityField) {
    return response;
  }
  let choices = null;
  try {
    const answer = await originalFetch('/api/reports/startable',
      {credentials: 'same-origin', headers: {Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest'}});
    choices = answer.ok ? await answer.json() : null;
  } catch (e) {
    choices = null;
  }
  delete entityField.valuesKey;
  if (!choices) {
    // without the list the code can still be typed; the start checks it as always
    entityField.type = 'textfield';
    entityField.description = (zh ? '无法读取可启动的单位，请输入单位代码（如 bayan）'
      : 'Could not load the entities; enter the entity code (e.g. bayan)');
  } else {
    const started = zh ? '（' + choices.year + '年度已启动）' : ' (' + choices.year + ' started)';
    entityField.values = choices.entities.map(e => {
      entityNames[e.code] = e.name;
      return {label: e.name + (e.started ? started : ''), value: e.code};
    });
    if (choices.entities.length === 1 && !choices.entities[0].started) {
      entityField.defaultValue = choices.entities[0].code;
    }
    const year = fields.find(c => c.key === 'reportingYear');
    if (year && year.defaultValue === undefined) {
      year.defaultValue = choices.year;
    }
  }
  return new Response(JSON.stringify(schema), {status: 200, headers: {'Content-Type': 'application/json'}});
}

window.fetch = function (input, init) {
  const url = typeof input === 'string' ? input : (input && input.url) || '';
  const answer = originalFetch(input, init);
  return START_FORM.test(url) ? answer.then(res => (res.ok ? withStartChoices(res) : res)) : answer;
};

function variable(data, name) {
  const v = data && data.variables && data.variables[name];
  return v && typeof v === 'object' && 'value' in v ? v.value : v;
}

/**
 * Wraps a resource method: before(data) runs first (its answer is kept), after(data, result, kept) once the call
 * succeeded, whether the caller waits on a callback or on the promise.
 */
function wrap(resource, method, before, after) {
  const original = resource && resource[method];
  if (typeof original !== 'function' || original.__camWrapped) {
    return;
  }
  const wrapped = function (data, done) {
    let kept;
    try {
      kept = before(data);
    } catch (e) {
      kept = undefined;
    }
    let told = false;
    const tell = result => {
      if (!told) {
        told = true;
        try {
          after(data, result, kept);
        } catch (e) {
          console.warn('confirmations.js', e);
        }
      }
    };
    const callback = typeof done === 'function' ? function (err, result) {
      if (!err) {
        tell(result);
      }
      return done.apply(this, arguments);
    } : done;
    const answer = original.call(this, data, callback);
    if (answer && typeof answer.then === 'function') {
      answer.then(tell, () => undefined);
    }
    return answer;
  };
  wrapped.__camWrapped = true;
  resource[method] = wrapped;
}

function currentTaskName(taskId) {
  const active = document.querySelector('.tasks-list li.task.active h4.task a');
  const heading = document.querySelector('.task-details .names h2, [cam-tasklist-task] .names .task');
  const text = (heading && heading.textContent.trim()) || (active && active.textContent.trim());
  return text || taskId;
}

// form-js writes "Search" into a searchable select
if (zh) {
  new MutationObserver(() => {
    document.querySelectorAll('.fjs-form-field-select input[placeholder="Search"]').forEach(input => {
      input.placeholder = '输入名称查找';
    });
  }).observe(document.documentElement, {childList: true, subtree: true});
}

if (angular) {
  angular.module('cam.tasklist.custom').run(['camAPI', 'Notifications', '$timeout', function (camAPI, Notifications,
                                                                                     $timeout) {
    // A notification goes to the last panel opened: the start dialog's own, gone when the dialog closes. So the
    // confirmation waits until no dialog is open (at most ten seconds).
    const tell = (message, tries = 0) => {
      if (document.querySelector('.modal-dialog') && tries < 100) {
        $timeout(() => tell(message, tries + 1), 100);
      } else {
        Notifications.addMessage(message);
      }
    };
    wrap(camAPI.resource('process-definition'), 'submitForm', () => undefined, data => {
      const entity = variable(data, 'entityCode');
      const year = variable(data, 'reportingYear');
      if (!entity || !year) {
        return; // another process
      }
      const name = entityNames[entity] || entity;
      const href = '/desk/case.html?entity=' + encodeURIComponent(entity) + '&year=' + encodeURIComponent(year);
      // all in the status: the panel writes "<status>: <message>", and a Chinese sentence wants no colon
      tell({
        type: 'success',
        unsafe: true,
        status: (zh
          ? escapeHtml(name) + escapeHtml(year) + '年度法治政府建设年度报告已启动。'
          : 'The ' + escapeHtml(year) + ' annual report of ' + escapeHtml(name) + ' has started.')
          + ' <a class="cam-case-link" href="' + escapeHtml(href) + '">' + (zh ? '查看案件进度' : 'Open the case') + '</a>'
      });
    });
    // the task's name is read before the list forgets the task
    const confirmCompletion = (data, result, name) => tell({
      type: 'success',
      duration: 15000,
      status: zh ? '“' + name + '”已办结。' : '"' + name + '" is done.' // escaped by Notifications
    });
    const tasks = camAPI.resource('task');
    wrap(tasks, 'submitForm', data => currentTaskName(data && data.id), confirmCompletion);
    wrap(tasks, 'complete', data => currentTaskName(data && data.id), confirmCompletion);
  }]);
}
