/* 单位名录导入: upload a registry file, follow its background import (progress, counts, lines at fault). */
'use strict';

const Registry = {
  timer: null,

  async upload(event) {
    event.preventDefault();
    Desk.clear();
    document.getElementById('refused').replaceChildren();
    const file = document.getElementById('file').files[0];
    if (!file) {
      return;
    }
    const body = new FormData();
    body.append('file', file, file.name);
    document.getElementById('start').disabled = true;
    try {
      const res = await fetch('/api/entities/import', {
        method: 'POST', credentials: 'same-origin', body: body,
        headers: Object.assign({'X-XSRF-TOKEN': await Desk.csrf()}, Desk.HEADERS)
      });
      const type = res.headers.get('Content-Type') || '';
      const answer = type.includes('json') ? await res.json() : null;
      if (res.status === 401) {
        Desk.fail('请先登录：在任务列表以管理员身份登录后再打开本页。', true);
      } else if (!res.ok) {
        Desk.fail((answer && answer.messageZh) || ('导入请求失败（' + res.status + '）'));
        ((answer && answer.details) || []).forEach(d => document.getElementById('refused').append(Desk.el('li', {}, d)));
      } else {
        Registry.follow(answer.url);
      }
    } catch (e) {
      Desk.fail('导入请求失败：' + e.message);
    } finally {
      document.getElementById('start').disabled = false;
    }
  },

  /** Only an import's own URL is followed (the page's address may name one). */
  follow(url) {
    if (!/^\/api\/entities\/imports\/[0-9a-f-]{36}$/.test(url)) {
      return;
    }
    clearTimeout(Registry.timer);
    history.replaceState(null, '', '#' + encodeURIComponent(url));
    Registry.poll(url);
  },

  async poll(url) {
    try {
      const job = await Desk.get(url);
      Registry.show(job);
      if (job.status === 'QUEUED' || job.status === 'RUNNING') {
        Registry.timer = setTimeout(() => Registry.poll(url), 1000);
      } else {
        Registry.recent();
      }
    } catch (e) {
      Desk.fail(e.message);
    }
  },

  show(job) {
    document.getElementById('current').hidden = false;
    const colour = {QUEUED: 'grey', RUNNING: 'amber', SUCCEEDED: 'green', FAILED: 'red'}[job.status];
    document.getElementById('status').replaceChildren(Desk.badge(job.statusZh, colour));
    document.getElementById('percent').textContent = job.percent + '%';
    document.getElementById('bar').setAttribute('aria-valuenow', job.percent);
    document.getElementById('fill').style.width = job.percent + '%';
    const rows = [
      ['文件', job.fileName || '（请求正文）'], ['提交', Desk.time(job.requestedAt) + ' ' + job.requestedBy],
      ['人员', job.peopleDone + ' / ' + job.peopleTotal], ['单位', job.entitiesDone + ' / ' + job.entitiesTotal],
      ['运行节点', (job.node || '—') + (job.attempts > 1 ? '（第' + job.attempts + '次运行）' : '')]];
    if (job.status === 'SUCCEEDED') {
      rows.push(['新增单位', job.created], ['更新单位', job.updated], ['新建账号', job.usersCreated],
        ['更新账号', job.usersUpdated], ['新增岗位成员', job.membershipsAdded], ['移除岗位成员', job.membershipsRemoved],
        ['完成时间', Desk.time(job.finishedAt)]);
    }
    document.getElementById('counts').replaceChildren(...rows.flatMap(([k, v]) => [Desk.el('dt', {}, k),
      Desk.el('dd', {}, v)]));
    const message = document.getElementById('message');
    message.className = job.status === 'FAILED' ? 'error' : 'ok';
    message.textContent = job.status === 'FAILED' ? job.messageZh
      : job.status === 'SUCCEEDED' ? '导入完成。' : '正在后台导入，可以关闭本页。';
    const lines = document.getElementById('lines');
    lines.hidden = !job.errors.length;
    lines.tBodies[0].replaceChildren(...job.errors.map(e => Desk.el('tr', {}, Desk.el('td', {}, e.line),
      Desk.el('td', {}, e.messageZh))));
  },

  async recent() {
    try {
      const jobs = await Desk.get('/api/entities/imports');
      document.querySelector('#recent tbody').replaceChildren(...jobs.map(job => {
        const link = Desk.el('a', {href: '#' + encodeURIComponent(job.url)}, job.statusZh);
        link.addEventListener('click', () => Registry.follow(job.url));
        const result = job.status === 'SUCCEEDED'
          ? '新增' + job.created + '、更新' + job.updated + '个单位，新建' + job.usersCreated + '个账号'
          : (job.messageZh || '');
        return Desk.el('tr', {}, Desk.el('td', {}, Desk.time(job.requestedAt)), Desk.el('td', {}, job.requestedBy),
          Desk.el('td', {}, job.fileName || ''), Desk.el('td', {}, link), Desk.el('td', {}, job.percent + '%'),
          Desk.el('td', {}, result));
      }));
    } catch (e) {
      Desk.fail(e.message);
    }
  }
};

document.getElementById('upload').addEventListener('submit', Registry.upload);
Desk.who();
Registry.recent();
if (location.hash.length > 1) {
  Registry.follow(decodeURIComponent(location.hash.substring(1)));
}
