/*
 * The supervision desk (督办台) from Tasklist, with the same login: a link in the header, and the link beside a task's
 * process name (↗, Camunda's link to Cockpit, which only administrators may open) leads to the task's case page on
 * the desk instead. Loaded as an ES module through customScripts in scripts/config.js; no default export (that would
 * be taken for a frontend plugin). docs/supervision.md.
 */

const DESK = '/desk/index.html';

function taskId() {
  const match = /[?&]task=([^&]+)/.exec(window.location.hash || '');
  return match ? decodeURIComponent(match[1]) : null;
}

function patch() {
  const nav = document.querySelector('nav.cam-nav.app-menu > ul');
  if (nav && !document.getElementById('desk-link')) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.id = 'desk-link';
    a.href = DESK;
    a.textContent = '督办台';
    a.title = '法治政府建设年度报告督办台：各单位进度、逾期、催办与通报';
    li.appendChild(a);
    nav.insertBefore(li, nav.firstChild);
  }
  const id = taskId();
  document.querySelectorAll('a[href*="/cockpit/"]').forEach(a => {
    if (id) {
      a.href = '/desk/case.html?task=' + encodeURIComponent(id);
      a.title = '在督办台查看本案件';
      a.removeAttribute('target');
    }
  });
}

new MutationObserver(patch).observe(document.documentElement, {childList: true, subtree: true});
window.addEventListener('hashchange', patch);
patch();
