/*
 * A person's name in one piece (姓名, e.g. 李法明): the application stores it as the first name with an empty last
 * name, because the webapps show "firstName lastName" (organization.PersonNames). The user forms of Admin (create,
 * edit, first admin set-up) and of Welcome (own profile) ask for a last name as required: this hides that field and
 * lets the form be saved without it, and hides the always empty last-name column of Admin's user tables; the
 * first-name field is labelled 姓名 in locales/zh.json. A name typed as 姓 and 名 through the REST API is joined by the
 * server. Loaded as an ES module through customScripts in scripts/config.js;
 * no default export (that would be taken for a frontend plugin). docs/organization.md.
 */

const LAST_NAME_FIELDS = '#inputLastname, #user-profile-lastname';
/** Column headers of the last name in Admin's user tables (always empty). */
const LAST_NAME_HEADERS = ['姓', '姓*', 'Last Name', 'Lastname'];

function patch() {
  document.querySelectorAll(LAST_NAME_FIELDS).forEach(input => {
    const group = input.closest('.form-group');
    if (group && group.style.display !== 'none') {
      group.style.display = 'none';
    }
    const angular = window.angular;
    const model = angular && angular.element(input).controller('ngModel');
    if (model && !model.$personNameOptional) {
      model.$personNameOptional = true;
      model.$validators.required = () => true;
      model.$validate();
    }
  });
}

/** Hides the always empty last-name column of the user tables. */
function hideColumns() {
  document.querySelectorAll('table th').forEach(th => {
    const isLastName = th.getAttribute('sort-by-property') === 'lastName'
      || LAST_NAME_HEADERS.includes(th.textContent.trim());
    if (!isLastName) {
      return;
    }
    const index = th.cellIndex;
    const table = th.closest('table');
    table.querySelectorAll('tr').forEach(tr => {
      const cell = tr.cells[index];
      if (cell && cell.style.display !== 'none') {
        cell.style.display = 'none';
      }
    });
  });
}

new MutationObserver(() => {
  patch();
  hideColumns();
}).observe(document.documentElement, {childList: true, subtree: true});
window.addEventListener('hashchange', patch);
patch();
hideColumns();
