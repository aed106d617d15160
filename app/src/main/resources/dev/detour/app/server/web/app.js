// Detour's page: ask a question, watch the run's events live (steps, every attempt, fallbacks and
// circuit skips), then read its report; runs list and models panel. Plain modules, no dependencies.
import { renderMarkdown } from './markdown.js';

const $ = id => document.getElementById(id);
const FINAL = new Set(['RunCompleted', 'RunFailed']);
let token = sessionStorage.getItem('detour-token') || '';
let current = null;

function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

async function api(path, options = {}) {
  const headers = Object.assign({ Accept: 'application/json' }, options.headers || {});
  if (token) headers.Authorization = 'Bearer ' + token;
  if (options.body) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, Object.assign({}, options, { headers }));
  if (response.status === 401) $('token-row').hidden = false;
  return response;
}

async function errorText(response) {
  try {
    const body = await response.json();
    return body.error ? body.error.message : response.statusText;
  } catch {
    return 'HTTP ' + response.status;
  }
}

function shortModel(ref) {
  const name = String(ref || '').split(':').slice(1).join(':') || String(ref || '');
  return name.split('/').pop().replace(/-Instruct$/, '');
}

function badge(node, status) {
  node.textContent = status.replace('_', ' ');
  node.className = 'badge s-' + status;
}

// The API's exact cost ("0.0000396") as the CLI shows it: "$0.000040", half up to 6 places; "unknown" as it is.
function dollars(cost) {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(String(cost));
  if (!match) return 'unknown';
  const fraction = match[2] || '';
  let micros = BigInt(match[1] + (fraction + '000000').slice(0, 6));
  if (fraction.length > 6 && fraction[6] >= '5') micros += 1n;
  const text = micros.toString().padStart(7, '0');
  return '$' + text.slice(0, -6) + '.' + text.slice(-6);
}

function ms(value) {
  return value >= 1000 ? (value / 1000).toFixed(1) + ' s' : value + ' ms';
}

// ---- a run followed live -------------------------------------------------------------------

class RunView {
  constructor(id) {
    this.id = id;
    this.lastSeq = 0;
    this.steps = new Map();
    this.tokens = 0;
    this.calls = 0;
    this.budget = null;
    this.ended = false;
    this.abort = new AbortController();
    $('run').hidden = false;
    $('steps').replaceChildren();
    $('log-list').replaceChildren();
    $('log-count').textContent = '0';
    $('run-tokens').textContent = '0';
    $('run-calls').textContent = '0';
    $('run-cost-row').hidden = true;
    $('run-meter').hidden = true;
    $('report').replaceChildren(el('p', 'muted', 'The report appears when the run ends.'));
    $('run-question').textContent = '';
  }

  stop() {
    this.ended = true;
    this.abort.abort();
  }

  async start() {
    const response = await api('/v1/runs/' + encodeURIComponent(this.id));
    if (!response.ok) {
      $('run-question').textContent = await errorText(response);
      return;
    }
    const detail = await response.json();
    $('run-question').textContent = detail.question;
    this.budget = detail.tokenBudget;
    this.showStatus(detail.status);
    this.showCost(detail.cost);
    this.follow();
  }

  showStatus(status) {
    this.status = status;
    badge($('run-status'), status);
    $('cancel-button').hidden = status !== 'running';
    $('resume-button').hidden = !['failed', 'cancelled', 'budget_exhausted', 'unfinished'].includes(status);
  }

  async follow() {
    let delay = 500;
    while (!this.ended) {
      try {
        const headers = { Accept: 'text/event-stream' };
        if (token) headers.Authorization = 'Bearer ' + token;
        if (this.lastSeq > 0) headers['Last-Event-ID'] = String(this.lastSeq);
        const response = await fetch('/v1/runs/' + encodeURIComponent(this.id) + '/events',
          { headers, signal: this.abort.signal, cache: 'no-store' });
        if (!response.ok) throw new Error(await errorText(response));
        $('run-stream').textContent = 'live';
        delay = 500;
        await this.read(response.body);
        if (!this.ended) await this.settle();
      } catch (failure) {
        if (this.ended) return;
        $('run-stream').textContent = 'reconnecting…';
      }
      if (!this.ended) await new Promise(resolve => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 5000);
    }
  }

  async read(body) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        this.frame(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  }

  frame(text) {
    let id = null;
    const data = [];
    for (const line of text.split('\n')) {
      if (line.startsWith('id:')) id = Number(line.slice(3).trim());
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (id === null || !data.length || id <= this.lastSeq) return;
    this.lastSeq = id;
    this.apply(JSON.parse(data.join('\n')));
  }

  // The stream ended: the run is over (or this server does not run it); read where it stands.
  async settle() {
    const response = await api('/v1/runs/' + encodeURIComponent(this.id));
    if (!response.ok) return;
    const detail = await response.json();
    if (detail.status === 'running') return;
    this.ended = true;
    this.showStatus(detail.status);
    this.showCost(detail.cost);
    $('run-stream').textContent = 'ended';
    if (detail.report) this.showReport(detail.report);
    else setTimeout(() => { if (current === this) this.settle(); }, 300);
    refreshRuns();
    refreshModels();
  }

  // What the run has cost so far, from its record, when the server has prices (the field is absent otherwise).
  showCost(cost) {
    if (cost == null) return;
    $('run-cost').textContent = dollars(cost);
    $('run-cost').title = cost === 'unknown' ? 'a model that answered has no price under pricing' : cost + ' dollars, exactly';
    $('run-cost-row').hidden = false;
  }

  // A step ended, so the run's cost moved: read it again, at most once a second.
  costSoon() {
    if (this.costTimer) return;
    this.costTimer = setTimeout(async () => {
      this.costTimer = null;
      const response = await api('/v1/runs/' + encodeURIComponent(this.id));
      if (response.ok && current === this) this.showCost((await response.json()).cost);
    }, 1000);
  }

  showReport(report) {
    const article = $('report');
    renderMarkdown(report.markdown, article);
  }

  apply(event) {
    this.log(event);
    const step = event.step ? this.step(event.step) : null;
    switch (event.type) {
      case 'RunResumed':
        this.showStatus('running');
        break;
      case 'StepStarted':
        step.status = 'running';
        break;
      case 'StepCompleted':
        step.status = 'COMPLETED';
        step.duration = event.durationMs;
        step.tokens = event.tokens.total;
        step.cost = event.cost;
        this.tokens += event.tokens.total;
        if (event.cost != null) this.costSoon();
        break;
      case 'StepFailed':
        step.status = event.failure.status;
        step.duration = event.durationMs;
        step.cost = event.cost;
        if (event.cost != null) this.costSoon();
        break;
      case 'AttemptSucceeded':
      case 'AttemptFailed':
      case 'AttemptSkipped':
        step.attempts.push(event);
        if (event.type !== 'AttemptSkipped') this.calls++;
        modelsSoon();
        break;
      case 'FallbackTaken':
        step.fallbacks.push(event);
        break;
      case 'SearchSucceeded':
      case 'SearchFailed':
      case 'SearchSkipped':
        step.searches.push(event);
        break;
      case 'RunCompleted':
        this.tokens = event.tokens.total;
        this.calls = event.modelCalls;
        break;
      default:
        break;
    }
    if (step) this.draw(step);
    $('run-tokens').textContent = this.tokens.toLocaleString() + (this.budget ? ' of ' + this.budget.toLocaleString() : '');
    $('run-calls').textContent = String(this.calls);
    if (this.budget) {
      const meter = $('run-meter');
      meter.hidden = false;
      meter.max = this.budget;
      meter.value = Math.min(this.tokens, this.budget);
      meter.textContent = Math.round(100 * this.tokens / this.budget) + '%';
    }
    if (FINAL.has(event.type)) {
      this.showStatus(event.type === 'RunCompleted' ? 'completed' : event.status.toLowerCase());
    }
  }

  log(event) {
    const detail = [event.step, event.model, event.source, event.inferenceProvider, event.kind,
      event.httpStatus && 'HTTP ' + event.httpStatus, event.from && event.from + ' → ' + event.to].filter(Boolean).join(' · ');
    const item = el('li', null, event.type + (detail ? ' — ' + detail : ''));
    item.value = event.sequence;
    item.dataset.seq = String(event.sequence);
    $('log-list').append(item);
    $('log-count').textContent = String($('log-list').children.length);
  }

  step(path) {
    let step = this.steps.get(path);
    if (!step) {
      step = { path, status: 'running', attempts: [], fallbacks: [], searches: [], node: el('li', 'step') };
      step.node.dataset.path = path;
      this.steps.set(path, step);
      $('steps').append(step.node);
    }
    return step;
  }

  draw(step) {
    const status = el('span', null);
    badge(status, step.status);
    const meta = [step.duration != null && ms(step.duration), step.tokens != null && step.tokens + ' tokens',
      step.cost != null && step.attempts.length > 0 && dollars(step.cost)].filter(Boolean).join(' · ');
    const head = el('div', 'step-head', el('span', 'step-path', step.path), status, el('span', 'step-meta', meta));
    const parts = [head];
    if (step.searches.length) parts.push(el('p', 'story', ...searchStory(step.searches)));
    if (step.attempts.length) {
      parts.push(el('p', 'story', ...story(step)));
      parts.push(attemptsTable(step.attempts));
    }
    step.node.replaceChildren(...parts);
  }
}

// "Qwen2.5-72B via novita: HTTP 500 ×3 → fell back to Qwen2.5-7B via hf-inference: OK"
function story(step) {
  const groups = [];
  for (const attempt of step.attempts) {
    let group = groups[groups.length - 1];
    if (!group || group.model !== attempt.model) {
      group = { model: attempt.model, provider: null, outcomes: [] };
      groups.push(group);
    }
    group.provider = group.provider || attempt.inferenceProvider;
    const label = attempt.outcome === 'SUCCEEDED' ? 'OK'
      : attempt.outcome === 'SKIPPED' ? 'skipped (' + String(attempt.skipReason).toLowerCase().replace('_', ' ') + ')'
        : attempt.httpStatus ? 'HTTP ' + attempt.httpStatus : attempt.kind;
    const last = group.outcomes[group.outcomes.length - 1];
    if (last && last.label === label) last.count++;
    else group.outcomes.push({ label, count: 1, outcome: attempt.outcome, kind: attempt.kind });
  }
  const nodes = [];
  groups.forEach((group, index) => {
    if (index > 0) {
      const fell = step.fallbacks.some(f => f.to === group.model);
      nodes.push(el('span', 'fallback', fell ? ' → fell back to ' : ' → '));
    }
    const name = el('span', 'model', shortModel(group.model) + (group.provider ? ' via ' + group.provider : ''));
    name.title = group.model;
    nodes.push(name, document.createTextNode(': '));
    group.outcomes.forEach((outcome, k) => {
      if (k > 0) nodes.push(document.createTextNode(', '));
      const cls = outcome.outcome === 'SUCCEEDED' ? 'ok' : outcome.outcome === 'SKIPPED' ? 'skip' : 'fail';
      const text = el('span', cls, outcome.label + (outcome.count > 1 ? ' ×' + outcome.count : ''));
      if (outcome.kind) text.title = outcome.kind;
      nodes.push(text);
    });
  });
  return nodes;
}

// "Searched pubmed: HTTP 429 ×2, OK (12 hits); europepmc: OK (8 hits)"
function searchStory(searches) {
  const bySource = new Map();
  for (const search of searches) {
    const outcomes = bySource.get(search.source) || [];
    bySource.set(search.source, outcomes);
    const label = search.outcome === 'SUCCEEDED' ? 'OK (' + search.hits + (search.hits === 1 ? ' hit)' : ' hits)')
      : search.outcome === 'SKIPPED' ? 'skipped (' + String(search.skipReason).toLowerCase().replace('_', ' ') + ')'
        : search.httpStatus ? 'HTTP ' + search.httpStatus : search.kind;
    const last = outcomes[outcomes.length - 1];
    if (last && last.label === label) last.count++;
    else outcomes.push({ label, count: 1, outcome: search.outcome });
  }
  const nodes = [document.createTextNode('Searched ')];
  [...bySource.entries()].forEach(([source, outcomes], index) => {
    if (index > 0) nodes.push(document.createTextNode('; '));
    nodes.push(el('span', 'model', source), document.createTextNode(': '));
    outcomes.forEach((outcome, k) => {
      if (k > 0) nodes.push(document.createTextNode(', '));
      const cls = outcome.outcome === 'SUCCEEDED' ? 'ok' : outcome.outcome === 'SKIPPED' ? 'skip' : 'fail';
      nodes.push(el('span', cls, outcome.label + (outcome.count > 1 ? ' ×' + outcome.count : '')));
    });
  });
  return nodes;
}

function attemptsTable(attempts) {
  const rows = attempts.map((a, i) => el('tr', null,
    el('td', null, String(i + 1)), el('td', null, shortModel(a.model)), el('td', null, a.inferenceProvider || '—'),
    el('td', null, a.outcome === 'SKIPPED' ? 'skipped' : a.outcome === 'SUCCEEDED' ? 'OK' : a.kind || 'failed'),
    el('td', null, a.httpStatus ? String(a.httpStatus) : '—'), el('td', null, ms(a.latencyMs || 0)),
    el('td', null, a.outcome === 'SUCCEEDED' ? '' : a.message || '')));
  const head = el('tr', null, ...['#', 'Model', 'Provider', 'Outcome', 'HTTP', 'Latency', 'Message'].map(h => el('th', null, h)));
  const table = el('table', null, el('thead', null, head), el('tbody', null, ...rows));
  return el('details', 'attempts', el('summary', null, attempts.length + (attempts.length === 1 ? ' attempt' : ' attempts')),
    el('div', 'table-wrap', table));
}

// ---- side panels ---------------------------------------------------------------------------

let modelsTimer = null;
function modelsSoon() {
  if (!modelsTimer) modelsTimer = setTimeout(() => { modelsTimer = null; refreshModels(); }, 1000);
}

async function refreshModels() {
  const response = await api('/v1/models');
  if (!response.ok) return;
  const body = await response.json();
  $('models').replaceChildren(...body.models.map(model => {
    const state = el('span', null);
    badge(state, model.circuit.state);
    if (model.circuit.openUntil) {
      state.textContent = 'open until ' + new Date(model.circuit.openUntil).toLocaleTimeString();
    }
    const recent = Object.entries(model.recent).map(([kind, count]) => kind + ' ' + count).join(' · ');
    const name = el('div', 'model-name', shortModel(model.model) + ' ');
    name.title = model.model;
    name.append(state);
    return el('li', null, name, el('div', 'model-line', model.model + ' · key ' + model.key),
      el('div', 'model-line', recent ? 'recent: ' + recent : 'no attempts yet'));
  }));
  if (!$('chain').placeholder) $('chain').placeholder = body.models.map(m => m.model).join(', ');
}

async function refreshRuns() {
  const response = await api('/v1/runs?limit=20');
  if (!response.ok) return;
  const body = await response.json();
  $('runs').replaceChildren(...body.runs.map(run => {
    const status = el('span', null);
    badge(status, run.status);
    const when = new Date(run.startedAt).toLocaleString() + (run.cost != null ? ' · ' + dollars(run.cost) : '');
    const link = el('a', null, status, ' ', el('span', 'q', run.question), el('span', 'when', when));
    link.href = '#run=' + encodeURIComponent(run.id);
    if (current && current.id === run.id) link.setAttribute('aria-current', 'true');
    return el('li', null, link);
  }));
}

// ---- wiring --------------------------------------------------------------------------------

function open(id) {
  if (current && current.id === id) return;
  if (current) current.stop();
  current = new RunView(id);
  current.start();
  refreshRuns();
}

function fromHash() {
  const match = /^#run=(.+)$/.exec(location.hash);
  if (match) open(decodeURIComponent(match[1]));
}

function list(text) {
  const items = text.split(',').map(s => s.trim()).filter(Boolean);
  return items.length ? items : undefined;
}

async function ask(event) {
  event.preventDefault();
  const error = $('form-error');
  error.hidden = true;
  if ($('token').value) {
    token = $('token').value.trim();
    sessionStorage.setItem('detour-token', token);
  }
  const question = $('question').value.trim();
  if (!question) {
    error.textContent = 'Write a question first.';
    error.hidden = false;
    $('question').focus();
    return;
  }
  const request = { question, chain: list($('chain').value), sources: list($('sources').value) };
  if ($('token-budget').value) request.tokenBudget = Number($('token-budget').value);
  if ($('max-iterations').value) request.maxIterations = Number($('max-iterations').value);
  const button = $('ask-button');
  button.disabled = true;
  try {
    const response = await api('/v1/runs', { method: 'POST', body: JSON.stringify(request) });
    if (response.status !== 202) {
      error.textContent = await errorText(response);
      error.hidden = false;
      return;
    }
    const accepted = await response.json();
    location.hash = 'run=' + encodeURIComponent(accepted.id);
  } finally {
    button.disabled = false;
  }
}

async function act(verb) {
  if (!current) return;
  const response = await api('/v1/runs/' + encodeURIComponent(current.id) + '/' + verb, { method: 'POST' });
  if (!response.ok) {
    $('run-stream').textContent = await errorText(response);
    return;
  }
  const id = current.id;
  current.stop();
  current = null;
  open(id);
}

$('ask-form').addEventListener('submit', ask);
$('cancel-button').addEventListener('click', () => act('cancel'));
$('resume-button').addEventListener('click', () => act('resume'));
window.addEventListener('hashchange', fromHash);
refreshModels();
refreshRuns();
fromHash();
setInterval(refreshModels, 5000);
setInterval(refreshRuns, 10000);
