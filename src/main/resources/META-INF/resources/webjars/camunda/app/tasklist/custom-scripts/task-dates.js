/*
 * Due dates a clerk can read at a glance: beside Tasklist's relative due date ("到期 8 个月前") the task list and the
 * task's header show the day itself (截止 2026-03-31, Beijing time), and an overdue task is marked in red
 * (已逾期 · 截止 2026-03-31; the list row gets a red edge). Styles in styles/user-styles.css (served by the
 * application, WebappStyles). English browsers read "Due 2026-03-31" / "Overdue · due 2026-03-31".
 *
 * Loaded as an ES module through customScripts in scripts/config.js; no default export (that would be taken for a
 * frontend plugin). docs/tasks.md, "Due dates in Tasklist".
 */

const angular = window.angular;
const zh = (((navigator.languages && navigator.languages[0]) || navigator.language || '').toLowerCase()
  .split('-')[0] === 'zh');
const DAY = new Intl.DateTimeFormat('en-CA', {timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit'});

function day(due) {
  const parts = DAY.formatToParts(new Date(due)).reduce((all, p) => Object.assign(all, {[p.type]: p.value}), {});
  return parts.year + '-' + parts.month + '-' + parts.day;
}

function taskOf(element) {
  try {
    const scope = angular.element(element).scope();
    return scope && scope.task;
  } catch (e) {
    return null;
  }
}

/** Puts (or updates) the absolute due date after the element; marks the row when overdue. */
function show(after, task, row) {
  let label = after.parentNode && after.parentNode.querySelector(':scope > .cam-due-day');
  if (!task || !task.due) {
    if (label) {
      label.remove();
    }
    if (row) {
      row.classList.remove('cam-overdue-task');
    }
    return;
  }
  const overdue = new Date(task.due).getTime() < Date.now();
  const date = day(task.due);
  const text = overdue ? (zh ? '已逾期 · 截止 ' : 'Overdue · due ') + date : (zh ? '截止 ' : 'Due ') + date;
  if (!label) {
    label = document.createElement('span');
    after.insertAdjacentElement('afterend', label);
  }
  if (label.textContent !== text) {
    label.textContent = text;
  }
  const cls = 'cam-due-day' + (overdue ? ' cam-overdue' : '');
  if (label.className !== cls) {
    label.className = cls;
  }
  if (row) {
    row.classList.toggle('cam-overdue-task', overdue);
  }
}

function patch() {
  document.querySelectorAll('.tasks-list li.task').forEach(row => {
    const dates = row.querySelector('.dates');
    const due = dates && (dates.querySelector(':scope > .due-date') || dates.firstElementChild);
    if (due) {
      show(due, taskOf(row), row);
    }
  });
  document.querySelectorAll('[cam-tasklist-task-meta] .due-date, .task-card .meta .due-date').forEach(due => {
    const item = due.closest('li');
    if (item && !due.closest('.tasks-list')) {
      show(item.lastElementChild, taskOf(item), null);
    }
  });
}

if (angular) {
  let queued = false;
  new MutationObserver(() => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(() => {
        queued = false;
        patch();
      });
    }
  }).observe(document.documentElement, {childList: true, subtree: true, characterData: true});
  setInterval(patch, 60000); // a task that falls due while the page is open
}
