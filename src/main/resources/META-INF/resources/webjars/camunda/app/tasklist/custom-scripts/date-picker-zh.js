/*
 * Chinese date pickers for a Chinese browser: the Camunda Forms date fields (form-js renders them with flatpickr,
 * which knows only English) get Chinese month and weekday names, weeks starting on Monday, and yyyy-MM-dd for what
 * is shown and typed (the placeholder too); an embedded HTML form's <input type="date"> gets the same picker
 * instead of the browser's own. English browsers keep everything as it was.
 *
 * What form-js submits does not change: it takes the picked or typed day from flatpickr as a date and serializes it
 * itself (yyyy-MM-dd); flatpickr's format only decides how the day is shown and how typing is read. An embedded
 * form reads the input's text, which is yyyy-MM-dd as before.
 *
 * Loaded as an ES module through customScripts in scripts/config.js; no default export (that would be taken for a
 * frontend plugin). docs/webapp-translations.md, "Date pickers".
 */

const language = ((navigator.languages && navigator.languages[0]) || navigator.language || '').toLowerCase();

if (language.split('-')[0] === 'zh') {
  const FORMAT = 'Y-m-d';
  const PLACEHOLDER = 'yyyy-MM-dd';
  const LOCALE = {
    weekdays: {
      shorthand: ['日', '一', '二', '三', '四', '五', '六'],
      longhand: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六']
    },
    months: {
      shorthand: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
      longhand: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月']
    },
    firstDayOfWeek: 1,
    rangeSeparator: ' 至 ',
    weekAbbreviation: '周',
    scrollTitle: '滚动切换',
    toggleTitle: '点击切换 12/24 小时制',
    amPM: ['上午', '下午'],
    yearAriaLabel: '年',
    monthAriaLabel: '月',
    hourAriaLabel: '时',
    minuteAriaLabel: '分',
    time_24hr: true,
    ordinal: () => ''
  };

  const localize = instance => {
    if (!instance || !instance.config || instance.__camZh) {
      return;
    }
    instance.__camZh = true;
    instance.set({locale: LOCALE, ariaDateFormat: 'Y年n月j日'});
    if (!instance.config.enableTime && !instance.config.noCalendar) {
      instance.set('dateFormat', FORMAT);
      instance.input.placeholder = PLACEHOLDER;
    }
    if (instance.calendarContainer) {
      instance.calendarContainer.classList.add('cam-zh');
    }
  };

  const pickDate = input => {
    // an embedded form's native date field: flatpickr in Chinese on a text field that keeps yyyy-MM-dd
    if (typeof window.flatpickr !== 'function' || input._flatpickr) {
      return;
    }
    input.type = 'text';
    input.placeholder = PLACEHOLDER;
    input.autocomplete = 'off';
    localize(window.flatpickr(input, {dateFormat: FORMAT, allowInput: true, locale: LOCALE}));
  };

  const scan = () => {
    document.querySelectorAll('.fjs-datepicker input.fjs-input').forEach(input => localize(input._flatpickr));
    document.querySelectorAll('input[type=date]').forEach(pickDate);
  };

  new MutationObserver(scan).observe(document.documentElement, {childList: true, subtree: true});
  scan();
}
