/*
 * People by their names (姓名) in a task's history tab: Camunda shows the user id of whoever acted (e.g. bayan_office)
 * and of a changed assignee or owner. This replaces each with the person's name from GET /api/tasks/{id}/people (the
 * people the task's history names, for whoever may read the task; Camunda's own user profiles are closed to other
 * users); the id stays in the tooltip. Loaded as an ES module through customScripts in
 * scripts/config.js; no default export (that would be taken for a frontend plugin). docs/organization.md.
 */

const ID = /^[A-Za-z0-9_-]+$/;
const PERSON_PROPERTIES = ['assignee', 'owner'];
/** Per task: a promise of {user id: name}, read again when the history names someone not yet known. */
const people = new Map();

function root() {
  return window.location.pathname.split('/camunda/app/')[0];
}

function taskId() {
  const match = /[?&]task=([^&]+)/.exec(window.location.hash || '');
  return match ? decodeURIComponent(match[1]) : null;
}

function load(task) {
  const loaded = fetch(root() + '/api/tasks/' + encodeURIComponent(task) + '/people',
    {credentials: 'same-origin', headers: {Accept: 'application/json'}})
    .then(r => (r.ok ? r.json() : []))
    .then(list => Object.fromEntries(list.map(p => [p.id, p.name])))
    .catch(() => ({}));
  people.set(task, loaded);
  return loaded;
}

/** The person's name, or null for an id the task's history does not name (a value that only looks like one). */
async function nameOf(id) {
  const task = taskId();
  if (!task) {
    return null;
  }
  let known = await (people.get(task) || load(task));
  if (!(id in known)) {
    known = await load(task);
  }
  return known[id] && known[id] !== id ? known[id] : null;
}

function show(element, id) {
  element.dataset.personId = id;
  nameOf(id).then(name => {
    if (name && element.textContent.trim() === id) {
      element.textContent = name;
      element.title = id;
    }
  });
}

function patch() {
  document.querySelectorAll('.operation-user:not([data-person-id])').forEach(el => {
    const id = el.textContent.trim();
    if (ID.test(id)) {
      show(el, id);
    }
  });
  document.querySelectorAll('.event-property').forEach(property => {
    const raw = property.textContent.trim().toLowerCase();
    const translated = {'办理人': 'assignee', '受理人': 'assignee', '所有者': 'owner', '拥有者': 'owner'}[raw] || raw;
    if (!PERSON_PROPERTIES.includes(translated)) {
      return;
    }
    const values = property.parentElement
      ? property.parentElement.querySelectorAll('.new-value span:not([data-person-id]), .original-value span:not([data-person-id])')
      : [];
    values.forEach(el => {
      const id = el.textContent.trim();
      if (ID.test(id)) {
        show(el, id);
      }
    });
  });
}

new MutationObserver(patch).observe(document.documentElement, {childList: true, subtree: true, characterData: true});
patch();
