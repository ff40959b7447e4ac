// The observer page's shared state and helpers: the latest view, DOM building (text only, never
// HTML), formatting, and the view flattened across nodes.
"use strict";

/** Set by the entry module: redraws the current page from the latest view. */
export const hooks = { draw: () => {} };

export const state = {
  view: null,            // the latest ClusterView
  route: ["nodes"],      // the hash, split: ["processes"], ["process", pid], ...
  sort: { key: "mailboxLength", desc: true },
  filter: "",
  expanded: new Set(),   // supervision trees open, by path
  token: sessionStorage.getItem("typed-observer-token") || "",
};

// ---------- small DOM helpers ----------

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export const shortName = (behaviour) => (behaviour || "").split(".").pop();
export const pidNode = (pid) => (pid || "").slice(1, -1).split(".").slice(0, -2).join(".");
export const pidLink = (pid) => pid ? h("a", { href: "#/process/" + encodeURIComponent(pid), class: "pid", "data-testid": "pid-link" }, pid) : h("span", { class: "muted" }, "—");
export const fmtRate = (n) => n >= 1e6 ? (n / 1e6).toFixed(1) + " M" : n >= 1e3 ? (n / 1e3).toFixed(1) + " k" : String(Math.round(n));
export function fmtDuration(ms) {
  const s = Math.floor(ms / 1000);
  if (s < 60) return s + " s";
  if (s < 3600) return Math.floor(s / 60) + " min " + (s % 60) + " s";
  return Math.floor(s / 3600) + " h " + Math.floor((s % 3600) / 60) + " min";
}

// ---------- the view, flattened ----------

export function reachable() { return (state.view?.nodes || []).filter((n) => n.reachable && n.snapshot); }

export function allProcesses() {
  const globals = new Map();
  for (const n of reachable()) for (const g of n.snapshot.globalNames) globals.set(g.pid, g.name);
  const list = [];
  for (const n of reachable()) {
    for (const p of n.snapshot.processes) list.push({ ...p, node: n.name, globalName: globals.get(p.pid) || null });
  }
  return list;
}

export function findProcess(pid) { return allProcesses().find((p) => p.pid === pid) || null; }

export function findSupervisor(pid) {
  for (const n of reachable()) {
    const s = n.snapshot.supervisors.find((x) => x.pid === pid);
    if (s) return s;
  }
  return null;
}
