/*
 * Copyright Camunda Services GmbH and/or licensed to Camunda Services GmbH
 * under one or more contributor license agreements. See the NOTICE file
 * distributed with this work for additional information regarding copyright
 * ownership. Camunda licenses this file to you under the Apache License,
 * Version 2.0; you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

export default {
  // Chinese (zh) added for this project: the webapps match the browser language
  // (part before "-", lower-cased) against availableLocales and load locales/<lang>.json.
  locales: {
    availableLocales: ["en", "zh"],
    fallbackLocale: "en"
  },
  // Added for this project: re-applies the date locale (moment.js) of the language in use
  // after the locale files have loaded; without it relative dates ("2 years ago") can stay
  // English for Chinese browsers. See custom-scripts/date-locale.js.
  // desk-link.js: the supervision desk (督办台) in the header, and the task's case page instead of Cockpit.
  // date-picker-zh.js: the forms' date pickers in Chinese (yyyy-MM-dd, weeks from Monday) for a Chinese browser.
  // task-dates.js: the due day beside the relative due date, overdue tasks in red.
  // confirmations.js: the start form's entities by name and year preset, a confirmation after a start and after
  // each completed task.
  // person-names.js: names instead of user ids in a task's history tab (docs/organization.md).
  customScripts: ['custom-scripts/date-locale.js', 'custom-scripts/desk-link.js', 'custom-scripts/date-picker-zh.js',
    'custom-scripts/task-dates.js', 'custom-scripts/confirmations.js', 'custom-scripts/person-names.js'],
  // Added for this project: the header and the page title say what the system is ("<vendor> <name>").
  app: {
    name: '任务列表',
    vendor: '法治政府建设年度报告系统'
  },

  // change the app name and vendor
  // app: {
  //   name: 'Todos',
  //   vendor: 'Company'
  // },
  //
  // configure the date format
  // "dateFormat": {
  //   "normal": "LLL",
  //   "long":   "LLLL"
  // },
  //
  // "locales": {
  //    "availableLocales": ["en", "de"],
  //    "fallbackLocale": "en"
  //  },
  // customScripts: [
  //   // If you have a folder called 'my-custom-script' (in the 'tasklist' folder)
  //   // with a file called 'customScript.js' in it
  //   // 'my-custom-script/customScript'
  // ],
  // requireJsConfig: {
  //   // AngularJS module names
  //   ngDeps: ['ui.bootstrap'],
  //   // RequireJS configuration for a complete configuration documentation see:
  //   // http://requirejs.org/docs/api.html#config
  //   deps: ['jquery', 'custom-ui'],
  //   paths: {
  //     // if you have a folder called `custom-ui` (in the `scripts` folder)
  //     // with a file called `scripts.js` in it and defining the `custom-ui` AMD module
  //     'custom-ui': 'custom-ui/scripts'
  //   }
  // },
  // csrfCookieName: 'XSRF-TOKEN',
  // disableWelcomeMessage: false,
  // assignProcessInstanceIdToTaskComment: true,

  // Descriptions translated into Chinese for this project (shown as-is, not through the
  // locale files, in the keyboard-shortcuts dialog); keys and combinations unchanged.
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: '认领当前选中的任务'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: '将焦点移到列表中的第一个过滤器'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: '将焦点移到列表中的第一个任务'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: '将焦点移到任务表单的第一个输入框'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: '打开“启动流程”对话框'
    }
  }
};
