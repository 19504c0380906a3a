// Idle sign-out (等保 2.0): submit the logout form after the configured minutes without input.
(function () {
  const form = document.getElementById('idle-logout');
  if (!form) return;
  const minutes = parseInt(form.dataset.idleMinutes || '30', 10);
  let timer;
  const reset = () => { clearTimeout(timer); timer = setTimeout(() => form.submit(), minutes * 60 * 1000); };
  ['mousemove', 'keydown', 'click', 'scroll', 'touchstart'].forEach(e => document.addEventListener(e, reset, { passive: true }));
  reset();
})();
