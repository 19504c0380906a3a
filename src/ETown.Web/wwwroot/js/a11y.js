// #15 item 7: the "跳到主要内容" link moves the keyboard focus to the page's main content. Handled here, not by the
// browser: with <base href="/"> the link "#main-content" would resolve to the home page and Blazor would navigate there.
document.addEventListener('click', function (e) {
    var link = e.target instanceof Element ? e.target.closest('a.skip-link') : null;
    if (!link) return;
    var main = document.getElementById('main-content');
    if (!main) return;
    e.preventDefault();
    e.stopPropagation();
    main.focus();
    main.scrollIntoView();
}, true);

// BootstrapBlazor's table header filters (ListTable) render an icon-only filter button and unlabelled filter fields: give
// them names from their column, the accessible name a screen reader announces (WCAG 4.1.2, axe button-name / label).
(function () {
    function column(el) {
        var th = el.closest('th');
        var text = th ? (th.querySelector('.table-text') || th).textContent.trim() : '';
        return text ? '：' + text : '';
    }
    function name() {
        document.querySelectorAll('button.btn-filter:not([aria-label])').forEach(function (b) { b.setAttribute('aria-label', '筛选' + column(b)); });
        document.querySelectorAll('.filter-item input:not([aria-label]), .filter-item select:not([aria-label]), th input:not([aria-label]):not([type=hidden]), th select:not([aria-label])').forEach(function (i) {
            if ((!i.labels || i.labels.length === 0) && !i.title && !i.placeholder && !i.getAttribute('aria-labelledby')) i.setAttribute('aria-label', '筛选条件' + column(i));
        });
    }
    var pending = false;
    new MutationObserver(function () {
        if (pending) return;
        pending = true;
        requestAnimationFrame(function () { pending = false; name(); });
    }).observe(document.documentElement, { childList: true, subtree: true });
    document.addEventListener('DOMContentLoaded', name);
})();
