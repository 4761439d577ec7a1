/* The case page: facts, deadlines against actual dates, the timeline, records, material, drafts, filings, publication. */
'use strict';

(async function () {
  const TASK_OF_MILESTONE = {
    MATERIALS: ['UserTask_SubmitDepartmentMaterial'], FIRST_DRAFT: ['UserTask_DraftReport'],
    INTERNAL_REVIEW: ['UserTask_InternalReview'],
    REVIEW_GATE: ['UserTask_ExecutiveMeetingReview', 'UserTask_LeadershipMeetingReview', 'UserTask_PrincipalSignOff'],
    ISSUANCE: ['UserTask_SignAndIssue'], FILING: ['UserTask_FileWithRecipient', 'UserTask_CopyToSupervisingOffice'],
    SECRECY_REVIEW: ['UserTask_SecrecyReview'], PUBLICATION: ['ServiceTask_PublishReport']
  };
  const params = new URLSearchParams(location.search);
  let entity = params.get('entity');
  let year = params.get('year');
  Desk.who();
  try {
    if (params.get('task')) {
      const ref = await Desk.get('/api/tasks/' + encodeURIComponent(params.get('task')) + '/case');
      entity = ref.entity;
      year = ref.year;
      history.replaceState(null, '', ref.href);
    }
    if (!entity || !year) {
      Desk.fail('未指定案件（entity 和 year）。');
      return;
    }
    const base = '/api/reports/' + encodeURIComponent(entity) + '/' + encodeURIComponent(year);
    const timeline = await Desk.get(base + '/timeline');
    document.getElementById('title').textContent = timeline.entityName + ' · ' + timeline.year + '年度法治政府建设年度报告';
    document.title = timeline.entityName + timeline.year + '年度 · 督办台';
    let view = null;
    try {
      view = await Desk.get(base);
    } catch (e) {
      view = null; // a department's owner may read the timeline of its entity only through the desk's rule
    }
    facts(view, timeline);
    deadlines(view, timeline);
    tasks(timeline);
    records(timeline);
    if (view) {
      materials(view);
      filings(view);
      publications(view);
      archive(view);
      drafts(await Desk.get(base + '/documents').catch(() => []));
      empty('#materials', 5);
      empty('#drafts', 4);
      empty('#filings', 4);
    }
    if (timeline.canUrge) {
      urges(base, view);
    }
  } catch (e) {
    if (e.message !== '401') {
      Desk.fail(e.message);
    }
  }

  function facts(view, t) {
    const dl = Desk.el('dl', {});
    const add = (k, v) => dl.append(Desk.el('dt', {}, k), Desk.el('dd', {}, v || '—'));
    add('报告单位', t.entityName);
    add('年度', t.year);
    if (view) {
      add('当前环节', view.phase);
      add('状态', view.state === 'COMPLETED' ? '已完成' : view.state === 'ACTIVE' ? '进行中' : view.state);
      add('依据通知', view.notice);
      const open = view.openTasks.map(o => o.name + (o.due ? '（期限 ' + Desk.day(o.due) + '）' : '') + (o.staffed ? '' : '【无人可办】'));
      add('待办事项', open.join('；'));
    }
    document.getElementById('facts').replaceChildren(dl);
  }


  function deadlines(view, timeline) {
    const t = timeline;
    const body = document.querySelector('#deadlines tbody');
    if (!view) {
      return;
    }
    body.replaceChildren(...view.deadlines.map(d => {
      const done = t.tasks.filter(x => (TASK_OF_MILESTONE[d.milestone] || []).includes(x.task) && x.outcome === 'COMPLETED');
      const open = t.tasks.some(x => (TASK_OF_MILESTONE[d.milestone] || []).includes(x.task) && x.outcome === 'OPEN');
      const last = done.map(x => x.ended).sort().pop();
      let publishedAt = null;
      if (d.milestone === 'PUBLICATION') {
        publishedAt = (view.publications || []).map(p => p.publishedAt).filter(Boolean).sort()[0];
      }
      const actual = publishedAt || (open ? null : last);
      const today = timeline.today;
      const late = actual ? Desk.day(actual) > d.date : today > d.date;
      const state = actual ? (late ? Desk.badge('逾期完成', 'amber') : Desk.badge('按期', 'green'))
        : late ? Desk.badge('已逾期', 'red') : open ? '办理中' : '';
      return Desk.el('tr', {}, Desk.el('td', {}, d.name), Desk.el('td', {}, d.date), Desk.el('td', {}, Desk.time(actual)),
        Desk.el('td', {}, state));
    }));
  }

  function tasks(t) {
    document.querySelector('#timeline tbody').replaceChildren(...t.tasks.map(x => Desk.el('tr', {'data-task': x.task},
      Desk.el('td', {}, x.name), Desk.el('td', {}, x.assigneeName ? x.assigneeName + '（' + x.assignee + '）' : '未认领'),
      Desk.el('td', {}, Desk.time(x.started)), Desk.el('td', {}, Desk.time(x.ended)), Desk.el('td', {}, Desk.day(x.due)),
      Desk.el('td', {}, x.outcome === 'CANCELLED' ? '已取消' : x.late ? Desk.badge(x.outcome === 'OPEN' ? '已逾期' : '逾期完成', x.outcome === 'OPEN' ? 'red' : 'amber')
        : x.outcome === 'OPEN' ? '办理中' : '按期完成'))));
  }

  function records(t) {
    const dl = document.getElementById('records');
    dl.replaceChildren(...t.records.flatMap(r => [Desk.el('dt', {}, r.label), Desk.el('dd', {}, r.value)]));
    if (t.records.length === 0) {
      dl.append(Desk.el('dd', {}, '尚无记录'));
    }
  }

  /** A table without rows says so. */
  function empty(selector, columns) {
    const body = document.querySelector(selector + ' tbody');
    if (!body.children.length) {
      body.append(Desk.el('tr', {}, Desk.el('td', {colspan: columns, class: 'muted'}, '暂无')));
    }
  }

  function materials(view) {
    document.querySelector('#materials tbody').replaceChildren(...(view.materials || []).map(m => Desk.el('tr', {},
      Desk.el('td', {}, m.departmentName), Desk.el('td', {}, m.statusZh), Desk.el('td', {}, m.versions),
      Desk.el('td', {}, m.latest ? m.latest.submittedByName : ''), Desk.el('td', {}, m.latest ? Desk.time(m.latest.submittedAt) : ''))));
  }

  function drafts(list) {
    document.querySelector('#drafts tbody').replaceChildren(...list.map(d => Desk.el('tr', {},
      Desk.el('td', {}, '第' + d.version + '稿'), Desk.el('td', {}, d.fileName), Desk.el('td', {}, d.createdByName || d.createdBy),
      Desk.el('td', {}, Desk.time(d.createdAt)))));
  }

  function filings(view) {
    const outcome = {RECEIPTED: '已回执', AWAITING_RECEIPT: '待回执', EXEMPT: '免报'};
    document.querySelector('#filings tbody').replaceChildren(...(view.filings || []).map(f => Desk.el('tr', {},
      Desk.el('td', {}, f.recipient + (f.kind === 'COPY' ? '（抄送）' : '')), Desk.el('td', {}, f.channel || ''),
      Desk.el('td', {}, f.filedOn || ''), Desk.el('td', {}, (outcome[f.outcome] || f.outcome)
        + (f.receiptNumber ? '：' + f.receiptNumber : '') + (f.exemptionReason ? '：' + f.exemptionReason : '')))));
  }

  function publications(view) {
    const list = document.getElementById('publications');
    list.replaceChildren(...(view.publications || []).map(p => Desk.el('li', {},
      (p.status === 'PUBLISHED' || p.status === 'VERIFIED') ? '已公开：' : '待发布：',
      p.url ? Desk.el('a', {href: p.url, target: '_blank', rel: 'noopener'}, p.url) : '',
      p.publishedAt ? '（' + Desk.time(p.publishedAt) + '）' : '')));
    if (!view.publications || view.publications.length === 0) {
      list.append(Desk.el('li', {}, '尚未公开'));
    }
  }

  function archive(view) {
    const p = document.getElementById('archive');
    p.replaceChildren(view.archive ? Desk.el('a', {href: view.archive.href}, '下载归档包（' + view.archive.fileName + '）') : '案件结束后生成归档包');
  }

  async function urges(base, view) {
    const section = document.getElementById('urge');
    section.hidden = view && view.state !== 'ACTIVE';
    const list = async () => {
      const items = await Desk.get(base + '/urges');
      document.getElementById('urges').replaceChildren(...items.map(u => Desk.el('li', {},
        Desk.time(u.urgedAt) + ' ' + u.urgedByName + '：' + u.message + '（发出' + u.mails + '封邮件）')));
    };
    const box = document.getElementById('urge-message');
    if (location.hash === '#urge' && !section.hidden) {
      section.scrollIntoView();
      box.focus();
    }
    document.getElementById('urge-send').addEventListener('click', async () => {
      const out = document.getElementById('urge-result');
      if (box.value.trim() && !window.confirm('将向本案件当前待办事项的办理人员发送催办邮件，确定发送吗？')) {
        return;
      }
      try {
        const u = await Desk.post(base + '/urges', {message: box.value});
        out.textContent = '已催办，发出' + u.mails + '封邮件。';
        out.className = 'ok';
        box.value = '';
        await list();
      } catch (e) {
        out.textContent = e.message;
        out.className = 'error';
      }
    });
    await list();
  }
})();
