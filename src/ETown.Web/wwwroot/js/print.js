// Print buttons (#15 item 6): any element with data-print opens the browser's print dialog. Delegated from the document
// because Blazor re-renders the buttons; no inline handler, so the CSP keeps script-src 'self'.
document.addEventListener('click', e => {
  if (e.target instanceof Element && e.target.closest('[data-print]')) { e.preventDefault(); window.print(); }
});
