// The benchmark a page runs, the same in ipcscope's lab and in the raw wry webview. It uses
// `window.api` ({ rt, blast, count, report }), which each side provides its own way.
(async () => {
  const started = Date.now();
  const ROUND_TRIPS = 2000;
  const BLAST = 20000;
  // Round trips of one string of each size (bytes), and how many of each are timed.
  const BIG = [[64 << 10, 20], [1 << 20, 8], [4 << 20, 5], [16 << 20, 3]];
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

  // Median milliseconds of a round trip per size; a string that comes back changed is an error.
  const bigMs = {};
  for (const [size, reps] of BIG) {
    const text = 'ipc '.repeat(size / 4);
    await api.rt(text);
    const times = [];
    for (let i = 0; i < reps; i++) {
      const t = performance.now();
      const back = await api.rt(text);
      times.push(performance.now() - t);
      if (back !== text) throw new Error(`the ${size}-byte string came back changed`);
    }
    times.sort((a, b) => a - b);
    bigMs[size] = times[times.length >> 1];
  }

  api.report({ started, roundTripUs, sendsPerSecond, blastLoopMs, received, blast: BLAST, bigMs });
})().catch((e) => api.report({ error: String(e && e.stack || e) }));
