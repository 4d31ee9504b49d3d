/**
 * The console's one script, served at /assets/console.js: live redraws from server-sent events, and the operator
 * action buttons (a JSON POST with the session's CSRF token). Pages work without it, live updates and actions
 * aside. Plain ES2020 for the browser, kept small on purpose.
 */
export const consoleJs = `'use strict';
(() => {
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? '';
  const main = document.getElementById('main');
  const topics = (main?.dataset.live ?? '').split(' ').filter(Boolean);

  let redrawing = false;
  let again = false;
  async function redraw() {
    if (redrawing) { again = true; return; }
    // Never under someone's hands: a focused field or an open details element would be lost.
    const active = document.activeElement;
    if (active && main.contains(active) && active.matches('input, select, textarea')) return;
    if (main.querySelector('details[open]')) return;
    redrawing = true;
    try {
      const response = await fetch(location.href, { headers: { 'X-Console-Fragment': '1' } });
      if (response.status === 401) { location.href = '/sign-in'; return; }
      if (response.ok) main.innerHTML = await response.text();
    } finally {
      redrawing = false;
      if (again) { again = false; setTimeout(redraw, 1000); }
    }
  }

  function showProgress(progress) {
    const bar = document.getElementById('reprovision-progress');
    const text = document.getElementById('reprovision-text');
    if (!bar || !progress) return;
    bar.value = progress.percent;
    bar.textContent = progress.percent + '%';
    const eta = progress.etaSeconds === undefined ? '—' : Math.ceil(progress.etaSeconds) + ' s';
    text.textContent = (progress.state === 'finished' ? 'finished' : 'running') + ' · ' + Math.floor(progress.percent) + '% · ETA ' + eta + ' · ' + progress.target + ' · started by ' + progress.operator;
    const phases = document.getElementById('reprovision-phases');
    if (phases) phases.innerHTML = progress.phases.map((p) => '<tr><td>' + p.phase + '</td><td>' + p.done + '</td><td>' + p.failed + '</td><td>' + p.total + '</td></tr>').join('');
  }

  if (topics.length > 0 && 'EventSource' in window) {
    const events = new EventSource('/api/events');
    let last = 0;
    for (const topic of ['health', 'status', 'activity', 'reprovision']) {
      events.addEventListener(topic, (event) => {
        if (topic === 'reprovision') showProgress(JSON.parse(event.data));
        if (!topics.includes(topic)) return;
        const now = Date.now();
        if (now - last < 1000) return;
        last = now;
        redraw();
      });
    }
  }

  document.addEventListener('click', async (event) => {
    const button = event.target.closest('button[data-action]');
    if (!button) return;
    if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) return;
    let body = JSON.parse(button.dataset.body ?? '{}');
    if (button.dataset.bodyFrom) {
      const field = document.getElementById(button.dataset.bodyFrom);
      body = { ...body, [field.name]: field.value };
    }
    const output = button.closest('section, p')?.querySelector('output');
    button.disabled = true;
    try {
      const response = await fetch(button.dataset.action, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
        body: JSON.stringify(body),
      });
      const answer = await response.json().catch(() => ({}));
      if (output) {
        output.textContent = response.ok ? 'Done.' : (answer.message ?? answer.refusal?.reason ?? 'Refused (' + response.status + ').');
        output.className = response.ok ? 'state ok' : 'state bad';
      }
      if (answer.result && answer.result.runId) showProgress(answer.result);
      if (response.ok) setTimeout(redraw, 300);
    } finally {
      button.disabled = false;
    }
  });
})();
`;
