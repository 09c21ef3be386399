// The benchmark a page runs, the same in ipcscope's lab and in the raw wry webview. It uses
// `window.api` ({ rt, blast, count, report }), which each side provides its own way.
(async () => {
  const started = Date.now();
  const ROUND_TRIPS = 2000;
  const BLAST = 20000;
  // Warm up both paths before timing them.
  for (let i = 0; i < 200; i++) await api.rt(i);

  let t0 = performance.now();
  for (let i = 0; i < ROUND_TRIPS; i++) await api.rt(i);
  const roundTripUs = ((performance.now() - t0) * 1000) / ROUND_TRIPS;

  t0 = performance.now();
  for (let i = 0; i < BLAST; i++) api.blast(i);
  const blastLoopMs = performance.now() - t0;
  // The count comes back only after every blast message before it was handled.
  const received = await api.count();
  const sendsPerSecond = BLAST / ((performance.now() - t0) / 1000);

  api.report({ started, roundTripUs, sendsPerSecond, blastLoopMs, received, blast: BLAST });
})();
