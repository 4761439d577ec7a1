/* The overview: filters, counts per state, the phase picture, the table, 通报 and exports. */
'use strict';

(function () {
  const form = document.getElementById('filters');
  const STATES = [['OVERDUE', '逾期'], ['NOT_STARTED', '未启动'], ['DUE_SOON', '临近期限'], ['DONE_LATE', '逾期完成'],
    ['ON_TRACK', '正常推进'], ['DONE', '按期完成']];
  const COLOURS = {OVERDUE: '#c0392b', NOT_STARTED: '#7f1d1d', DUE_SOON: '#e67e22', DONE_LATE: '#d4a017',
    ON_TRACK: '#27ae60', DONE: '#1e7e4a'};
  const PHASES = [['NOT_STARTED', '未启动'], ['MATERIALS', '部门材料报送'], ['DRAFTING', '起草报告'], ['REVIEW', '审核'],
    ['DELIBERATION', '审议'], ['ISSUANCE', '签发制发'], ['FILING_AND_PUBLICATION', '报送与公开'], ['ARCHIVING', '归档'],
    ['OTHER', '其他环节'], ['PROCESSING', '系统处理中'], ['FINISHED', '已完成']];
  let page = 0;
  const size = 50;
  // answers arrive in any order: only the latest question's is shown
  let loadAsked = 0;
  let lateAsked = 0;

  const thisYear = new Date().getFullYear();
  const params0 = new URLSearchParams(location.search);
  for (let y = thisYear; y >= thisYear - 5; y--) {
    form.year.append(Desk.el('option', {value: y}, y + '年度'));
  }
  form.year.value = params0.get('year') || String(thisYear - 1);
  if (!form.year.value) {
    form.year.value = String(thisYear - 1);
    Desk.fail('链接中的年度无效（' + params0.get('year') + '），已改为' + (thisYear - 1) + '年度。');
  }
  STATES.forEach(([v, l]) => form.state.append(Desk.el('option', {value: v}, l)));
  PHASES.forEach(([v, l]) => form.phase.append(Desk.el('option', {value: v}, l)));
  // a region from the link is kept before the list knows its name (the regions come with the rows)
  if (params0.get('under')) {
    form.under.append(Desk.el('option', {value: params0.get('under')}, params0.get('under')));
  }
  ['under', 'type', 'level', 'state', 'phase', 'q', 'sort'].forEach(k => {
    if (params0.get(k)) {
      form[k].value = params0.get(k);
    }
  });
  // a value from the link that the lists do not offer is dropped, not sent as an empty choice
  ['type', 'level', 'state', 'phase', 'sort'].forEach(k => {
    if (params0.get(k) && !form[k].value) {
      form[k].selectedIndex = 0;
    }
  });
  // 通报 date: empty means today on the server's calendar (China)

  function query(extra) {
    const p = new URLSearchParams();
    new FormData(form).forEach((v, k) => { if (v) { p.set(k, v); } });
    Object.entries(extra || {}).forEach(([k, v]) => p.set(k, v));
    return p;
  }

  async function load() {
    const p = query({page, size});
    history.replaceState(null, '', '?' + query().toString());
    document.getElementById('export').href = '/api/reports/overview.xlsx?' + query().toString();
    try {
      const asked = ++loadAsked;
      const data = await Desk.get('/api/reports?' + p.toString());
      if (asked !== loadAsked) {
        return;
      }
      Desk.clear();
      counts(data);
      phases(data);
      onTime(data.onTime);
      rows(data);
      regions(data);
    } catch (e) {
      if (e.message !== '401') {
        Desk.fail(e.message);
      }
    }
  }

  function counts(data) {
    const box = document.getElementById('counts');
    box.replaceChildren(...data.counts.map(c => {
      const b = Desk.el('button', {type: 'button', class: 'count ' + c.colour, 'data-state': c.state,
        title: '只看“' + c.label + '”'}, Desk.el('strong', {}, c.count), Desk.el('span', {}, c.label));
      b.addEventListener('click', () => { form.state.value = form.state.value === c.state ? '' : c.state; page = 0; load(); });
      return b;
    }));
  }

  /** Horizontal bars per phase, each split into its states' counts: which phase holds the late ones. */
  function phases(data) {
    const rows = data.phases.filter(p => Object.values(p.counts).some(n => n > 0));
    const max = Math.max(1, ...rows.map(p => Object.values(p.counts).reduce((a, b) => a + b, 0)));
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    const h = 22;
    svg.setAttribute('viewBox', '0 0 520 ' + (rows.length * h + 4));
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', '各阶段单位数');
    rows.forEach((p, i) => {
      const label = document.createElementNS(ns, 'text');
      label.setAttribute('x', 0);
      label.setAttribute('y', i * h + 15);
      label.textContent = p.label;
      svg.append(label);
      let x = 110;
      STATES.forEach(([s, l]) => {
        const n = p.counts[s] || 0;
        if (n > 0) {
          const w = Math.max(2, 360 * n / max);
          const r = document.createElementNS(ns, 'rect');
          r.setAttribute('x', x);
          r.setAttribute('y', i * h + 3);
          r.setAttribute('width', w);
          r.setAttribute('height', h - 6);
          r.setAttribute('fill', COLOURS[s]);
          const t = document.createElementNS(ns, 'title');
          t.textContent = p.label + ' · ' + l + '：' + n;
          r.append(t);
          svg.append(r);
          x += w;
        }
      });
      const total = document.createElementNS(ns, 'text');
      total.setAttribute('x', x + 6);
      total.setAttribute('y', i * h + 15);
      total.textContent = Object.values(p.counts).reduce((a, b) => a + b, 0);
      svg.append(total);
    });
    document.getElementById('phases').replaceChildren(svg);
  }

  /** The bar's filled part; its width set through the CSSOM, which the page's style policy allows. */
  function fill(r) {
    const f = Desk.el('span', {class: 'fill'});
    f.style.width = Math.round((r || 0) * 100) + '%';
    return f;
  }

  function onTime(o) {
    const pct = r => (r === null || r === undefined) ? '—' : Math.round(r * 100) + '%';
    const bar = (label, r) => Desk.el('div', {class: 'rate'}, Desk.el('span', {}, label),
      Desk.el('span', {class: 'bar'}, fill(r)),
      Desk.el('strong', {}, pct(r)));
    document.getElementById('ontime').replaceChildren(bar(o.year + '年度', o.rate), bar(o.previousYear + '年度', o.previousRate));
  }

  function rows(data) {
    const body = document.querySelector('#rows tbody');
    body.replaceChildren(...data.rows.map(r => {
      const name = r.href ? Desk.el('a', {href: r.href}, r.name) : r.name;
      const next = r.next ? [r.next.taskName, Desk.el('br'), Desk.day(r.next.date) + '　'
        + (r.next.workingDaysOverdue ? '逾期' + r.next.workingDaysOverdue + '个工作日' : '剩余' + r.next.workingDaysLeft + '个工作日')] : '';
      const filed = r.filings.filter(f => f.status !== 'OUTSTANDING').length;
      const filings = r.filings.length === 0 ? '' : Desk.el('span', {title: r.filings.map(f => f.recipient + '：' + f.statusLabel).join('\n')},
        filed + '/' + r.filings.length + ' 已报送');
      const pub = !r.publication ? '' : r.publication.url
        ? Desk.el('a', {href: r.publication.url, target: '_blank', rel: 'noopener'}, r.publication.statusLabel) : r.publication.statusLabel;
      const action = r.canUrge ? Desk.el('a', {href: r.href + '#urge', class: 'button small'}, '催办') : '';
      return Desk.el('tr', {'data-entity': r.entity, 'data-state': r.state},
        Desk.el('td', {}, name, r.parentName ? Desk.el('div', {class: 'muted'}, r.parentName) : ''),
        Desk.el('td', {}, r.typeLabel + (r.levelLabel ? ' · ' + r.levelLabel : '')),
        Desk.el('td', {}, r.phaseLabel),
        Desk.el('td', {}, Desk.badge(r.stateLabel, r.colour)),
        Desk.el('td', {}, next),
        Desk.el('td', {}, filings),
        Desk.el('td', {}, pub),
        Desk.el('td', {}, action));
    }));
    const pages = Math.max(1, Math.ceil(data.matching / size));
    document.getElementById('summary').textContent = data.year + '年度：可查看 ' + data.total + ' 个单位，符合条件 '
      + data.matching + ' 个（统计日 ' + data.today
      + (data.asOf ? '，数据时间 ' + new Date(data.asOf).toLocaleTimeString('zh-CN',
        { hour12: false, timeZone: 'Asia/Shanghai' }) : '') + '）';
    document.getElementById('pageinfo').textContent = '第 ' + (page + 1) + ' / ' + pages + ' 页';
    document.getElementById('prev').disabled = page === 0;
    document.getElementById('next').disabled = page + 1 >= pages;
  }

  /** The region filter offers every government among the rows seen so far, with its name once a row shows it. */
  function regions(data) {
    data.rows.filter(r => r.type === 'GOVERNMENT').forEach(r => {
      const known = Array.from(form.under.options).find(o => o.value === r.entity);
      if (!known) {
        form.under.append(Desk.el('option', {value: r.entity}, r.name));
      } else if (known.textContent === r.entity) {
        known.textContent = r.name;
      }
    });
  }

  async function late() {
    const box = document.getElementById('late');
    const at = document.getElementById('at').value.trim();
    if (at && !/^\d{4}-\d{2}-\d{2}$/.test(at)) {
      box.replaceChildren(Desk.el('p', {class: 'error'}, '截至日期须为 yyyy-MM-dd 格式，例如 2026-04-01。'));
      return;
    }
    const p = query(at ? {at} : {});
    p.delete('state');
    p.delete('phase');
    p.delete('sort'); // the 通报 keeps its own order and takes no sort (the server refuses what it does not take)
    try {
      const asked = ++lateAsked;
      const data = await Desk.get('/api/reports/late?' + p.toString());
      if (asked !== lateAsked) {
        return; // a later question was asked meanwhile: its answer is the one to show
      }
      document.getElementById('late-xlsx').href = '/api/reports/late.xlsx?' + p.toString();
      document.getElementById('late-docx').href = '/api/reports/late.docx?' + p.toString();
      if (data.count === 0) {
        box.replaceChildren(Desk.el('p', {}, '截至 ' + data.at + '，没有超过法定期限未报送或未公开的单位。'));
        return;
      }
      box.replaceChildren(Desk.el('p', {}, '截至 ' + data.at + '，共 ' + data.count + ' 个单位未按时报送或公开：'),
        Desk.el('table', {id: 'late-table'}, Desk.el('thead', {}, Desk.el('tr', {}, Desk.el('th', {}, '单位'),
          Desk.el('th', {}, '报送截止'), Desk.el('th', {}, '报送情况'), Desk.el('th', {}, '公开截止'),
          Desk.el('th', {}, '公开情况'))),
        Desk.el('tbody', {}, data.entities.map(e => Desk.el('tr', {'data-entity': e.entity},
          Desk.el('td', {}, e.name), Desk.el('td', {}, Desk.day(e.filingDeadline)), Desk.el('td', {}, e.filingStatus),
          Desk.el('td', {}, Desk.day(e.publicationDeadline)), Desk.el('td', {}, e.publicationStatus))))));
    } catch (e) {
      if (e.message !== '401') {
        box.replaceChildren(Desk.el('p', {class: 'error'}, e.message));
      }
    }
  }

  form.addEventListener('submit', e => { e.preventDefault(); page = 0; load(); late(); });
  document.getElementById('prev').addEventListener('click', () => { page = Math.max(0, page - 1); load(); });
  document.getElementById('next').addEventListener('click', () => { page++; load(); });
  document.getElementById('late-show').addEventListener('click', late);
  document.getElementById('at').addEventListener('change', late);
  Desk.who();
  load();
  late();
})();
