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
  customScripts: ['custom-scripts/date-locale.js', 'custom-scripts/person-name.js'],
  // person-name.js: a person's name in one piece (姓名); the last-name field is hidden (docs/organization.md).
  // Added for this project: the header and the page title say what the system is ("<vendor> <name>").
  app: {
    name: '首页',
    vendor: '法治政府建设年度报告系统'
  },
  // Added for this project: links for the people who use the system, instead of Camunda's default link to its
  // English documentation (which this list replaces).
  links: [
    {
      label: '督办台',
      href: '/desk/index.html',
      description: '各单位年度报告进度、逾期提醒、催办与通报'
    },
    {
      label: '法治政府建设年度报告公开专栏',
      href: '/public/reports',
      description: '已公开的各单位法治政府建设年度报告'
    }
  ],
  // app: {
  //   name: 'Todos',
  //   vendor: 'Company'
  // },
  // customScripts: [
  //   // If you have a folder called 'my-custom-script' (in the 'welcome' folder)
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
  // links: [
  //   {
  //     label: 'Angular.js Docs',
  //     href: 'https://code.angularjs.org/1.2.16/docs',
  //     description: 'Almost interesting'
  //   },
  //   {
  //     label: 'XKCD',
  //     href: 'http://xkcd.org',
  //     description: 'Nerdy comic'
  //   },
  //   {
  //     label: 'Slashdot',
  //     href: 'https://slashdot.org',
  //     description: 'News for nerds, stuff that matter'
  //   }
  // ],
  // csrfCookieName: 'XSRF-TOKEN',
  // disableWelcomeMessage: false
};
