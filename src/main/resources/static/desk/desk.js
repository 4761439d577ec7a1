/* The desk's shared helpers: the API with the Tasklist login session, Chinese errors, elements. */
'use strict';

const Desk = {
  /** JSON, and no Basic-auth dialog of the browser's own on 401: the page sends the user to Tasklist's login. */
  HEADERS: {Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest'},

  async get(url) {
    const res = await fetch(url, {credentials: 'same-origin', headers: Desk.HEADERS});
    return Desk.answer(res);
  },

  async post(url, body) {
    const res = await fetch(url, {
      method: 'POST', credentials: 'same-origin',
      headers: Object.assign({'Content-Type': 'application/json', 'X-XSRF-TOKEN': await Desk.csrf()}, Desk.HEADERS),
      body: JSON.stringify(body)
    });
    return Desk.answer(res);
  },

  /** The login session's CSRF token (Camunda's cookie is for /camunda only), sent back with every change. */
  async csrf() {
    const res = await fetch('/api/session/csrf-token', {credentials: 'same-origin', headers: Desk.HEADERS});
    return res.ok ? (await res.json()).token : '';
  },

  async answer(res) {
    if (res.status === 401) {
      Desk.fail('请先登录：在任务列表登录后再打开督办台。', true);
      throw new Error('401');
    }
    const type = res.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await res.json() : null;
    if (!res.ok) {
      const message = (body && (body.messageZh || body.message)) || ('请求失败（' + res.status + '）');
      throw new Error(message);
    }
    return body;
  },

  /** The banner's error gone once a later call succeeded. */
  clear() {
    document.getElementById('error').hidden = true;
  },

  fail(message, login) {
    const p = document.getElementById('error');
    p.textContent = message;
    if (login) {
      const a = Desk.el('a', {href: '/camunda/app/tasklist/default/'}, '前往登录');
      p.append(' ', a);
    }
    p.hidden = false;
  },

  el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v !== null && v !== undefined) {
        e.setAttribute(k, v);
      }
    });
    children.flat().forEach(c => e.append(c instanceof Node ? c : String(c ?? '')));
    return e;
  },

  day(iso) {
    return iso ? String(iso).substring(0, 10) : '';
  },

  /** A moment as Beijing time, yyyy-MM-dd HH:mm, whatever zone the answer or the browser is in. */
  time(iso) {
    if (!iso) {
      return '';
    }
    const d = new Date(iso);
    if (isNaN(d)) {
      return String(iso);
    }
    const p = Object.fromEntries(Desk.BEIJING.formatToParts(d).map(x => [x.type, x.value]));
    return p.year + '-' + p.month + '-' + p.day + ' ' + (p.hour === '24' ? '00' : p.hour) + ':' + p.minute;
  },

  BEIJING: new Intl.DateTimeFormat('en-CA', {timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit',
    day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false}),

  badge(label, colour) {
    return Desk.el('span', {class: 'badge ' + colour}, label);
  },

  async who() {
    try {
      const res = await fetch('/camunda/api/admin/auth/user/default', {credentials: 'same-origin'});
      if (res.ok) {
        const user = await res.json();
        document.getElementById('who').textContent = '当前用户：' + user.userId;
      }
    } catch (e) {
      // the page works without the name
    }
  }
};
