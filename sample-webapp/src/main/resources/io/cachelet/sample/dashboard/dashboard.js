// The Cachelet dashboard: polls the admin endpoints and draws what they say. No dependencies.
"use strict";

const API = "cache/";
const POLL_MS = 2000;
const HISTORY_MS = 5 * 60 * 1000;
const WINDOW_MS = 60 * 1000;
const COLOURS = ["#2f6fec", "#e8590c", "#2b8a3e", "#c2255c", "#7048e8", "#0b7285", "#a07c00"];
const SVG = "http://www.w3.org/2000/svg";

const history = []; // {at, series: {name: {hits, lookups}}}
const colours = new Map();

function token() {
  return sessionStorage.getItem("cachelet-admin-token") || "";
}

async function call(method, path) {
  // A custom header makes the browser preflight any cross-site copy of this call, and the
  // admin servlet refuses state-changing calls without it.
  const headers = { "X-Cachelet-Admin": "1" };
  if (token()) {
    headers.Authorization = "Bearer " + token();
  }
  const response = await fetch(API + path, { method, headers, cache: "no-store" });
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    body = { error: "not JSON (" + response.status + ")" };
  }
  return { status: response.status, body };
}

function text(element, value) {
  element.textContent = value;
  return element;
}

function cell(row, value, className) {
  const td = row.insertCell();
  if (className) {
    td.className = className;
  }
  text(td, value);
  return td;
}

function percent(ratio) {
  return (ratio * 100).toFixed(1) + " %";
}

function say(message, isError) {
  const element = document.getElementById("message");
  text(element, message);
  element.className = isError ? "badge error" : "";
}

function colour(name) {
  if (!colours.has(name)) {
    colours.set(name, COLOURS[colours.size % COLOURS.length]);
  }
  return colours.get(name);
}

async function refreshHealth() {
  const { status, body } = await call("GET", "health");
  const badge = document.getElementById("health");
  if (status === 401 || status === 403) {
    badge.className = "badge error";
    text(document.getElementById("health-status"), "LOCKED");
    text(document.getElementById("health-detail"), "enter the admin token");
    return false;
  }
  badge.className = "badge " + body.status;
  text(document.getElementById("health-status"), body.status);
  const latency = body.latencyMillis == null ? "no reply" : body.latencyMillis.toFixed(2) + " ms";
  text(document.getElementById("health-detail"),
      body.backend + " · " + latency + " · breaker " + body.breaker);
  return true;
}

function fillRoutes(routes) {
  const tbody = document.querySelector("#routes-table tbody");
  tbody.replaceChildren();
  for (const [name, r] of Object.entries(routes)) {
    const row = tbody.insertRow();
    row.dataset.route = name;
    cell(row, name).title = r.pattern;
    cell(row, r.hits, "num hits");
    cell(row, r.misses, "num misses");
    cell(row, percent(r.hitRatio), "num ratio");
    cell(row, r.staleHits, "num");
    const reasons = Object.entries(r.bypassReasons).map(([k, v]) => k + " " + v).join(", ");
    cell(row, r.bypasses, "num").title = reasons || "none";
    const button = document.createElement("button");
    button.className = "purge";
    button.dataset.route = name;
    text(button, "Purge");
    button.addEventListener("click", () => purge(name));
    row.insertCell().append(button);
  }
}

function fillCaches(caches) {
  const tbody = document.querySelector("#caches-table tbody");
  tbody.replaceChildren();
  for (const [name, c] of Object.entries(caches)) {
    const row = tbody.insertRow();
    row.dataset.cache = name;
    cell(row, name);
    cell(row, c.hits, "num hits");
    cell(row, c.misses, "num misses");
    cell(row, percent(c.hitRatio), "num ratio");
    cell(row, c.loads, "num");
    cell(row, c.loadTimeMillis.toFixed(1), "num");
    const button = document.createElement("button");
    button.className = "clear";
    text(button, "Clear");
    button.addEventListener("click", () => clearCache(name));
    row.insertCell().append(button);
  }
}

function fillTop(top) {
  const tbody = document.querySelector("#top-urls tbody");
  tbody.replaceChildren();
  for (const entry of top) {
    const row = tbody.insertRow();
    cell(row, entry.route);
    cell(row, entry.url, "url");
    cell(row, entry.requests, "num");
    cell(row, entry.hits, "num");
  }
}

function record(stats) {
  const series = {};
  for (const [name, r] of Object.entries(stats.routes)) {
    series["route " + name] = { hits: r.hits + r.staleHits, lookups: r.hits + r.staleHits + r.misses };
  }
  for (const [name, c] of Object.entries(stats.caches)) {
    series["cache " + name] = { hits: c.hits, lookups: c.hits + c.misses };
  }
  const now = Date.now();
  history.push({ at: now, series });
  while (history.length > 0 && history[0].at < now - HISTORY_MS - WINDOW_MS) {
    history.shift();
  }
}

// the hit ratio of one series over the window ending at history[i]; null when nothing was asked
function windowRatio(name, i) {
  const end = history[i];
  let start = null;
  for (let j = i - 1; j >= 0; j--) {
    if (history[j].at < end.at - WINDOW_MS) {
      break;
    }
    start = history[j];
  }
  const b = end.series[name];
  if (!b) {
    return null;
  }
  const a = start && start.series[name] ? start.series[name] : { hits: 0, lookups: 0 };
  const lookups = b.lookups - a.lookups;
  if (start === null) {
    return b.lookups > 0 ? b.hits / b.lookups : null;
  }
  return lookups > 0 ? (b.hits - a.hits) / lookups : null;
}

function draw() {
  const svg = document.getElementById("chart");
  const legend = document.getElementById("legend");
  svg.replaceChildren();
  legend.replaceChildren();
  const width = 800;
  const height = 240;
  const left = 40;
  const bottom = 20;
  for (const level of [0, 0.5, 1]) {
    const y = (height - bottom) * (1 - level) + (level === 1 ? 4 : 0);
    const line = document.createElementNS(SVG, "line");
    line.setAttribute("class", "grid");
    line.setAttribute("x1", left);
    line.setAttribute("x2", width);
    line.setAttribute("y1", y);
    line.setAttribute("y2", y);
    svg.append(line);
    const label = document.createElementNS(SVG, "text");
    label.setAttribute("class", "axis");
    label.setAttribute("x", 2);
    label.setAttribute("y", y + 4);
    label.textContent = level * 100 + "%";
    svg.append(label);
  }
  if (history.length === 0) {
    return;
  }
  const now = history[history.length - 1].at;
  // the x axis spans what was seen, at least 30 s and at most five minutes
  const span = Math.min(HISTORY_MS, Math.max(30 * 1000, now - history[0].at));
  const x = (at) => left + ((at - (now - span)) / span) * (width - left);
  const y = (ratio) => 4 + (height - bottom - 4) * (1 - ratio);
  const names = Object.keys(history[history.length - 1].series).sort();
  for (const name of names) {
    let d = "";
    let pen = "M";
    for (let i = 0; i < history.length; i++) {
      if (history[i].at < now - span) {
        continue;
      }
      const ratio = windowRatio(name, i);
      if (ratio === null) {
        pen = "M";
        continue;
      }
      d += pen + x(history[i].at).toFixed(1) + " " + y(ratio).toFixed(1) + " ";
      pen = "L";
    }
    const path = document.createElementNS(SVG, "path");
    path.setAttribute("class", "series");
    path.setAttribute("stroke", colour(name));
    path.setAttribute("d", d.trim());
    path.dataset.series = name;
    svg.append(path);
    const item = document.createElement("li");
    item.style.setProperty("--swatch", colour(name));
    text(item, name);
    legend.append(item);
  }
}

async function refresh() {
  try {
    if (!(await refreshHealth())) {
      return;
    }
    const { status, body } = await call("GET", "stats");
    if (status !== 200) {
      say("stats: " + body.error, true);
      return;
    }
    fillRoutes(body.routes);
    fillCaches(body.caches);
    fillTop(body.topUrls);
    record(body);
    draw();
    const f = body.filter;
    text(document.getElementById("totals"),
        f.hits + " hits, " + f.misses + " misses, " + f.bypasses + " bypasses, "
        + f.stored + " stored");
    text(document.getElementById("updated"), new Date().toLocaleTimeString());
  } catch (e) {
    say("The sample does not answer: " + e.message, true);
  }
}

async function purge(route) {
  const { status, body } = await call("POST", "routes/" + encodeURIComponent(route) + "/purge");
  say(status === 200 ? "Purged route " + route + "." : "Purge failed: " + body.error, status !== 200);
  refresh();
}

async function clearCache(name) {
  const { status, body } = await call("POST", "caches/" + encodeURIComponent(name) + "/clear");
  say(status === 200 ? "Cleared cache " + name + " (" + body.cleared + " entries)."
      : "Clear failed: " + body.error, status !== 200);
  refresh();
}

document.getElementById("tag-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const tag = document.getElementById("tag-input").value.trim();
  const { status, body } = await call("POST", "tags/" + encodeURIComponent(tag) + "/invalidate");
  say(status === 200 ? "Invalidated tag " + tag + " (" + body.invalidated + " entries)."
      : "Invalidation failed: " + body.error, status !== 200);
  refresh();
});

document.getElementById("token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  sessionStorage.setItem("cachelet-admin-token", document.getElementById("token").value.trim());
  refresh();
});

refresh();
setInterval(refresh, POLL_MS);
