// @ts-check
// The results view's script: clicks and keys on rows go to the extension (reveal the KPI
// in the file); the extension sends new content ("update") and a KPI to show ("focus").
(function () {
  const vscode = acquireVsCodeApi();
  const root = /** @type {HTMLElement} */ (document.getElementById('root'));
  /** @type {{ selected?: string, uri?: string, open?: string[] }} */
  const state = vscode.getState() || {};
  // The KPI file shown: VS Code hands this state back to restore the view after a reload.
  if (root.dataset.document && state.uri !== root.dataset.document) {
    state.uri = root.dataset.document;
    delete state.selected;
    delete state.open;
    vscode.setState(state);
  }

  // Breakdown sections (<details data-key="kpi/column">) stay open across updates and reloads.
  function reopen() {
    const open = new Set(state.open || []);
    root.querySelectorAll('details[data-key]').forEach((d) => {
      if (d instanceof HTMLDetailsElement && open.has(d.dataset.key || '')) d.open = true;
    });
  }
  root.addEventListener(
    'toggle',
    (event) => {
      const d = event.target;
      if (!(d instanceof HTMLDetailsElement) || !d.dataset.key) return;
      const open = new Set(state.open || []);
      if (d.open) open.add(d.dataset.key);
      else open.delete(d.dataset.key);
      state.open = [...open];
      vscode.setState(state);
    },
    true,
  );

  /** The next (or previous) KPI row, past breakdown rows. @param {HTMLElement} row @param {boolean} down */
  function nextRow(row, down) {
    let next = down ? row.nextElementSibling : row.previousElementSibling;
    while (next && !next.classList.contains('kpi')) next = down ? next.nextElementSibling : next.previousElementSibling;
    return /** @type {HTMLElement | null} */ (next);
  }

  /** @param {string | undefined} id */
  function rowOf(id) {
    if (!id) return null;
    return /** @type {HTMLElement | null} */ (Array.from(root.querySelectorAll('tr.kpi')).find((r) => r instanceof HTMLElement && r.dataset.id === id) || null);
  }

  /** @param {HTMLElement | null} row @param {boolean} [scroll] */
  function select(row, scroll) {
    root.querySelectorAll('tr.kpi.selected').forEach((r) => r.classList.remove('selected'));
    if (!row) return;
    row.classList.add('selected');
    state.selected = row.dataset.id;
    vscode.setState(state);
    if (scroll) {
      row.scrollIntoView({ block: 'center' });
      row.classList.remove('flash');
      void row.offsetWidth; // restart the animation
      row.classList.add('flash');
    }
  }

  /** @param {HTMLElement} row */
  function reveal(row) {
    select(row);
    vscode.postMessage({ type: 'reveal', index: Number(row.dataset.index), id: row.dataset.id });
  }

  root.addEventListener('click', (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    const button = /** @type {HTMLElement | null} */ (target.closest('[data-command]'));
    if (button) {
      vscode.postMessage({ type: button.dataset.command });
      return;
    }
    const row = /** @type {HTMLElement | null} */ (target.closest('tr.kpi'));
    if (row) reveal(row);
  });

  root.addEventListener('keydown', (event) => {
    const row = /** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (event.target).closest('tr.kpi'));
    if (!row) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      reveal(row);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = nextRow(row, event.key === 'ArrowDown');
      if (next) {
        next.focus();
        select(next);
      }
    }
  });

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message.type === 'update') {
      const scroll = window.scrollY;
      root.innerHTML = message.html;
      reopen();
      window.scrollTo(0, scroll);
      select(rowOf(state.selected));
    } else if (message.type === 'focus') {
      select(rowOf(message.id), true);
    }
  });

  reopen();
  select(rowOf(state.selected));
  vscode.postMessage({ type: 'ready' });
})();
