// Draws ECharts options built on the server (Features/Statistics/Dashboard/ChartOption.cs) for EChart.razor.
// ECharts itself (wwwroot/lib/echarts, vendored) is loaded once, on the first chart, never from a CDN.
// Each chart follows its container's width (ResizeObserver) and is disposed when the component goes away.

let loading = null;

function loadEcharts() {
    if (window.echarts) return Promise.resolve(window.echarts);
    if (!loading) {
        loading = new Promise((resolve, reject) => {
            const script = document.createElement('script');
            script.src = new URL('../lib/echarts/echarts.min.js', import.meta.url).href;
            script.onload = () => resolve(window.echarts);
            script.onerror = () => { loading = null; reject(new Error('ECharts 未能加载')); };
            document.head.appendChild(script);
        });
    }
    return loading;
}

const charts = new Map(); // element -> { chart, option, observer }

function draw(el, entry, echarts) {
    // A hidden container (table view) has no width: draw once it is shown.
    if (el.clientWidth === 0 || el.clientHeight === 0) return;
    if (!entry.chart) entry.chart = echarts.init(el, null, { renderer: 'svg', locale: 'ZH' });
    if (entry.option) {
        entry.chart.setOption(entry.option, { notMerge: true });
        entry.option = null;
        el.dataset.rendered = 'true';
    } else {
        entry.chart.resize();
    }
}

export async function render(el, optionJson) {
    const echarts = await loadEcharts();
    if (!el || !el.isConnected) return;
    let entry = charts.get(el);
    if (!entry) {
        entry = { chart: null, option: null, observer: null };
        entry.observer = new ResizeObserver(() => draw(el, entry, echarts));
        entry.observer.observe(el);
        charts.set(el, entry);
    }
    entry.option = JSON.parse(optionJson);
    draw(el, entry, echarts);
}

export function dispose(el) {
    const entry = charts.get(el);
    if (!entry) return;
    entry.observer.disconnect();
    if (entry.chart) entry.chart.dispose();
    charts.delete(el);
}

// For tests and diagnostics: how many charts are alive on the page.
export function count() {
    return charts.size;
}
