/**
 * Injected into every document of the bench's browser page before the page's own scripts
 * (Playwright `addInitScript`; a plain script, no imports). It counts the chart grid being
 * re-created after hydration, tells whether React has hydrated an element, and measures a
 * what-if change: from dispatching the input's events until the cumulative-cash chart's line
 * has a new `d` and the next animation frame has started; and a Monte Carlo run: from the click
 * on its button until every chart of the uncertainty panel is drawn (see `mcMeasure`).
 */
(() => {
  const CURVES = 'figure[aria-labelledby="chart-cumulative"] .recharts-line-curve';
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const state = { gridSwaps: 0, workerMessageAt: 0, workers: 0 };

  // The page's workers, counted, and the time each message from one reaches the page (before
  // the page's own handler runs): the Monte Carlo's split into computing and drawing.
  const NativeWorker = window.Worker;
  if (NativeWorker) {
    window.Worker = class extends NativeWorker {
      constructor(...args) {
        super(...args);
        state.workers++;
        this.addEventListener('message', () => {
          state.workerMessageAt = performance.now();
        });
      }
    };
  }

  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.removedNodes) {
        if (node instanceof Element && node.classList.contains('grid')) state.gridSwaps++;
      }
    }
  }).observe(document, { childList: true, subtree: true });

  const curves = () =>
    Array.from(document.querySelectorAll(CURVES), (path) => path.getAttribute('d') || '').join('|');

  // Polling here rather than with Playwright's waitForFunction, which evaluates strings in the
  // page and so trips the page's Content-Security-Policy (no 'unsafe-eval').
  const poll = (condition, timeoutMs) =>
    new Promise((resolve) => {
      const deadline = performance.now() + timeoutMs;
      const check = () => {
        if (condition()) resolve(true);
        else if (performance.now() > deadline) resolve(false);
        else requestAnimationFrame(check);
      };
      check();
    });

  const PANEL = '[data-testid="uncertainty"]';
  const MARKS = '.recharts-area-area, .recharts-bar-rectangle, .recharts-line-curve, .recharts-rectangle';
  /** The panel's charts that have something drawn in them (an svg with only axes is not drawn). */
  const drawnCharts = (panel) =>
    Array.from(panel.querySelectorAll('svg.recharts-surface')).filter((svg) => svg.querySelector(MARKS))
      .length;

  window.__benchProbe = {
    state,
    curves,
    /** React has attached its props to the element: hydration reached it. */
    hydrated(id) {
      const element = document.getElementById(id);
      return !!element && Object.keys(element).some((key) => key.startsWith('__reactProps$'));
    },
    /** Resolves to the page's clock when `hydrated(id)` first holds; polls every frame. */
    waitHydrated(id, timeoutMs) {
      return poll(() => window.__benchProbe.hydrated(id), timeoutMs).then((ok) => {
        if (!ok) throw new Error(`#${id} not hydrated within ${timeoutMs} ms`);
        return performance.now();
      });
    },
    /** Resolves to true once the chart grid has been re-created, false after `timeoutMs`. */
    waitGridRecreated(timeoutMs) {
      return poll(() => state.gridSwaps > 0, timeoutMs);
    },
    input(id) {
      const element = document.getElementById(id);
      if (!element) return null;
      return { min: element.min, max: element.max, step: element.step, value: element.value };
    },
    /** The uncertainty panel's run button, enabled and hydrated: a click would start a run. */
    mcButtonReady() {
      const button = document.querySelector(`${PANEL} button`);
      return (
        !!button && !button.disabled && Object.keys(button).some((key) => key.startsWith('__reactProps$'))
      );
    },
    waitMcButton(timeoutMs) {
      return poll(() => window.__benchProbe.mcButtonReady(), timeoutMs).then((ok) => {
        if (!ok) throw new Error(`the Monte Carlo button was not ready within ${timeoutMs} ms`);
        return performance.now();
      });
    },
    /** How many of the panel's charts are drawn now. */
    mcDrawnCharts() {
      const panel = document.querySelector(PANEL);
      return panel ? drawnCharts(panel) : 0;
    },
    /**
     * Clicks the run button and resolves, once the results table is a new one (not the last
     * run's), `charts` charts of the panel are drawn and its break-even and two-way tables are
     * filled, to { resultMs, domMs, frameMs }: from
     * the click to the worker's last message (the results), to the DOM holding every chart, and
     * to the next animation frame after that; or { timedOut: true, drawn }.
     */
    mcMeasure(charts, timeoutMs) {
      const panel = document.querySelector(PANEL);
      const button = panel && panel.querySelector('button');
      if (!button) return Promise.reject(new Error('no Monte Carlo button on the page'));
      const oldTable = panel.querySelector('[data-testid="mc-table"]');
      return new Promise((resolve) => {
        let t0 = 0;
        let finished = false;
        const done = () => {
          const table = panel.querySelector('[data-testid="mc-table"]');
          return (
            !!table &&
            table !== oldTable &&
            drawnCharts(panel) >= charts &&
            !!panel.querySelector('[data-testid="break-even"] tbody tr') &&
            !!panel.querySelector('[data-testid="two-way"] tbody td')
          );
        };
        const finish = (result) => {
          if (finished) return;
          finished = true;
          observer.disconnect();
          clearTimeout(timer);
          resolve(result);
        };
        const check = () => {
          if (finished || !done()) return;
          const domMs = performance.now() - t0;
          const resultMs = state.workerMessageAt - t0;
          observer.disconnect();
          requestAnimationFrame(() => finish({ resultMs, domMs, frameMs: performance.now() - t0 }));
        };
        const observer = new MutationObserver(check);
        const timer = setTimeout(() => finish({ timedOut: true, drawn: drawnCharts(panel) }), timeoutMs);
        observer.observe(panel, { subtree: true, childList: true, attributes: true });
        t0 = performance.now();
        state.workerMessageAt = t0;
        button.click();
        check();
      });
    },
    /** Resolves to { domMs, frameMs } or { timedOut: true }. */
    measure(id, value, timeoutMs) {
      const input = document.getElementById(id);
      if (!input) return Promise.reject(new Error(`no input #${id}`));
      const before = curves();
      if (!before) return Promise.reject(new Error('no cumulative-cash line on the page'));
      return new Promise((resolve) => {
        let t0 = 0;
        let domMs = -1;
        let finished = false;
        const finish = (result) => {
          if (finished) return;
          finished = true;
          observer.disconnect();
          clearTimeout(timer);
          resolve(result);
        };
        const observer = new MutationObserver(() => {
          if (domMs >= 0 || curves() === before) return;
          domMs = performance.now() - t0;
          observer.disconnect();
          requestAnimationFrame(() => finish({ domMs, frameMs: performance.now() - t0 }));
        });
        const timer = setTimeout(() => finish({ timedOut: true }), timeoutMs);
        observer.observe(document.body, {
          subtree: true,
          childList: true,
          attributes: true,
          attributeFilter: ['d'],
        });
        t0 = performance.now();
        // The native setter: React's value tracker then sees a real change.
        setValue.call(input, String(value));
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.dispatchEvent(new Event('change', { bubbles: true }));
      });
    },
  };
})();
