// Asks the browser to fetch and compile the chart library (Streamlit's plotly chunk) now, in the
// background, instead of when the first chart reaches the page: on a first visit that chunk (4.7 MB)
// was requested only after the page's figures had been computed and sent. A modulepreload neither runs
// the code nor blocks the page; the import that Streamlit does later finds it compiled.
// data = {chunk: "PlotlyChart.<hash>.js"}, a file next to Streamlit's own main script.
export default function (component) {
  const chunk = component.data && component.data.chunk;
  if (!chunk || document.querySelector("link[data-talenta-preload]")) return;
  const main = document.querySelector('script[type="module"][src*="/static/js/"]');
  if (!main) return;
  const link = document.createElement("link");
  link.rel = "modulepreload";
  link.href = new URL(chunk, main.src).href;
  link.dataset.talentaPreload = chunk;
  document.head.appendChild(link);
}
