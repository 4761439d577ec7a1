/*
 * Keeps the date locale (moment.js) in step with the language the webapp shows.
 *
 * Part of this project's Chinese translation of the Camunda 7.24 webapps, see
 * docs/webapp-translations.md. The same file is shipped for every app
 * (<app>/custom-scripts/date-locale.js) and registered in <app>/scripts/config.js
 * with customScripts: ['custom-scripts/date-locale.js'].
 *
 * Why: each app loads the preferred locale file (zh.json) and the fallback one (en.json)
 * at the same time. For every file that arrives, the app's localeLoader callback calls
 * moment.defineLocale/updateLocale(<that file's language>, file.dateLocales), and moment
 * switches its global locale to that language. When en.json arrives last, relative
 * dates ("2 years ago") stay English although the labels are Chinese.
 *
 * What: this script wraps the app's "localeLoader" service. Every time a locale file has
 * applied its dateLocales, the date locale of the language actually in use
 * ($translate.proposedLanguage() while loading, else $translate.use()) is applied again
 * through the app's own callback, so the last word is always the current language. It
 * does the same after $translateChangeEnd. Nothing changes for browsers whose language
 * is English (the current language is then "en").
 *
 * How it is loaded: 7.24 imports custom scripts as ES modules after it has created the
 * AngularJS module "cam.<app>.custom" and before it bootstraps the app, so config and run
 * blocks can still be added to that module. The file has no default export (a default
 * export would be taken for a frontend plugin).
 */

const angular = window.angular;
const base = document.querySelector('base');
const appName = base && base.getAttribute('app-name');

// locale key ("en", "zh") -> the locale file that was loaded for it (with its dateLocales)
const loadedLocaleFiles = {};
// the app's own callback that applies a locale file's dateLocales to moment
let applyDateLocales = null;
// the language whose dateLocales were applied last
let appliedLanguage = null;
let $injector = null;

function currentLanguage() {
  if (!$injector || !$injector.has('$translate')) {
    return null;
  }
  const $translate = $injector.get('$translate');
  return $translate.proposedLanguage() || $translate.use() || null;
}

function reapplyCurrentDateLocale() {
  let language;
  try {
    language = currentLanguage();
  } catch (e) {
    // $translate is still being created (the loader ran synchronously from the cache);
    // the next scheduled call or $translateChangeEnd will do it.
    return;
  }
  const file = language && loadedLocaleFiles[language];
  if (!file || !applyDateLocales || appliedLanguage === language) {
    return;
  }
  applyDateLocales(null, file, language);
  appliedLanguage = language;
  // re-render relative dates that were already shown (angular-moment's am-time-ago)
  $injector.get('$rootScope').$broadcast('amMoment:localeChanged');
}

function scheduleReapply() {
  if ($injector) {
    $injector.get('$rootScope').$evalAsync(reapplyCurrentDateLocale);
  }
}

if (!angular || !appName) {
  console.warn('date-locale.js: AngularJS or <base app-name> not found; date locale not fixed');
} else {
  const customModule = angular.module('cam.' + appName + '.custom');

  customModule.config([
    '$provide',
    function ($provide) {
      $provide.decorator('localeLoader', [
        '$delegate',
        '$injector',
        function (loadLocaleFile, injector) {
          $injector = injector;
          return function (options) {
            const appCallback = options && options.callback;
            if (typeof appCallback !== 'function') {
              return loadLocaleFile(options);
            }
            applyDateLocales = appCallback;
            return loadLocaleFile(
              angular.extend({}, options, {
                callback: function (error, file, key) {
                  appCallback(error, file, key);
                  if (!error && file && file.dateLocales && key) {
                    loadedLocaleFiles[key] = file;
                    appliedLanguage = key;
                    scheduleReapply();
                  }
                }
              })
            );
          };
        }
      ]);
    }
  ]);

  customModule.run([
    '$rootScope',
    '$injector',
    function ($rootScope, injector) {
      $injector = injector;
      $rootScope.$on('$translateChangeEnd', reapplyCurrentDateLocale);
      $rootScope.$on('$translateLoadingSuccess', scheduleReapply);
      scheduleReapply();
    }
  ]);
}
