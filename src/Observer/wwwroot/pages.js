// The pages: nodes, processes, supervision trees, names and groups, one process. Each draws the
// latest view into a fresh element; the entry module swaps it in.
import { state, hooks, h, shortName, pidNode, pidLink, fmtRate, fmtDuration, reachable, allProcesses, findProcess, findSupervisor } from "./common.js";
import { actionsAllowed, childAction, exitAction } from "./actions.js";

export const pages = {
  nodes: { title: "Nodes", draw: drawNodes },
  processes: { title: "Processes", draw: drawProcesses, setup: setupProcesses },
  supervision: { title: "Supervision", draw: drawSupervision },
  names: { title: "Names & groups", draw: drawNames },
  process: { title: "Process", draw: drawProcess },
};

function drawNodes(root) {
  const nodes = state.view.nodes;
  root.append(h("h2", {}, "Nodes"));
  root.append(h("table", { "data-testid": "nodes-table" },
    h("thead", {}, h("tr", {}, h("th", {}, "Node"), h("th", {}, "Status"), h("th", { class: "num" }, "Uptime"),
      h("th", { class: "num" }, "Processes"), h("th", { class: "num" }, "Connections"), h("th", { class: "num" }, "Tick time"))),
    h("tbody", {}, nodes.map((n) => h("tr", { "data-testid": "node-row", "data-node": n.name },
      h("td", {}, h("b", {}, n.name), n.name === state.view.observer ? h("span", { class: "muted" }, " (this node)") : null,
        n.hidden ? h("span", { class: "muted" }, " (hidden connection)") : null),
      h("td", {}, n.reachable ? h("span", { class: "up" }, "up") : h("span", { class: "down", title: n.error || "" }, "unreachable")),
      h("td", { class: "num" }, n.snapshot ? fmtDuration(n.snapshot.uptime) : "—"),
      h("td", { class: "num" }, n.snapshot ? n.snapshot.processCount : "—"),
      h("td", { class: "num" }, n.snapshot ? n.snapshot.connections.length : "—"),
      h("td", { class: "num" }, n.snapshot && n.snapshot.tickTimeMs ? fmtDuration(n.snapshot.tickTimeMs) : "—"))))));

  // Who is connected to whom: each node's own word for it.
  const names = nodes.map((n) => n.name);
  root.append(h("h2", {}, "Connections"));
  root.append(h("table", { class: "matrix", "data-testid": "connection-matrix" },
    h("thead", {}, h("tr", {}, h("th", {}, "from \\ to"), names.map((c) => h("th", {}, c)))),
    h("tbody", {}, nodes.map((row) => h("tr", {}, h("th", {}, row.name), names.map((col) => {
      if (col === row.name) return h("td", { class: "self" }, "");
      const linked = row.snapshot?.connections.some((c) => c.peer === col);
      return h("td", { title: linked ? row.name + " → " + col : "" }, linked ? "●" : "");
    }))))));

  const rows = [];
  for (const n of reachable()) {
    const tick = n.snapshot.tickTimeMs || 60000;
    for (const c of n.snapshot.connections) {
      const rate = n.rates.find((r) => r.peer === c.peer) || {};
      const health = c.sinceReceivedMs <= tick / 2 ? "ok" : c.sinceReceivedMs <= (tick * 3) / 4 ? "late" : "silent";
      rows.push(h("tr", { "data-testid": "connection-row", "data-from": n.name, "data-to": c.peer },
        h("td", {}, n.name), h("td", {}, c.peer), h("td", {}, (c.outgoing ? "dialled" : "accepted") + (c.hidden ? ", hidden" : "")),
        h("td", { class: "health-" + health, title: "last heard " + c.sinceReceivedMs + " ms ago; tick time " + tick + " ms" }, health + " (" + c.sinceReceivedMs + " ms)"),
        h("td", { class: "num" }, fmtRate(rate.bytesReceivedPerSecond || 0) + "B/s"),
        h("td", { class: "num" }, fmtRate(rate.bytesSentPerSecond || 0) + "B/s"),
        h("td", { class: "num" }, fmtRate(rate.framesReceivedPerSecond || 0) + "/s"),
        h("td", { class: "num" }, fmtRate(rate.framesSentPerSecond || 0) + "/s"),
        h("td", { class: "num" }, c.queuedFrames)));
    }
  }
  root.append(h("table", { "data-testid": "connections-table" },
    h("thead", {}, h("tr", {}, ["From", "To", "Direction", "Tick health"].map((t) => h("th", {}, t)),
      ["In", "Out", "Frames in", "Frames out", "Queued"].map((t) => h("th", { class: "num" }, t)))),
    h("tbody", {}, rows.length ? rows : h("tr", {}, h("td", { colspan: 9, class: "empty" }, "No connections")))));
}

const processColumns = [
  { key: "pid", title: "Pid" }, { key: "node", title: "Node" }, { key: "behaviour", title: "Behaviour" },
  { key: "name", title: "Name" }, { key: "mailboxLength", title: "Mailbox", num: true },
  { key: "messagesHandled", title: "Handled", num: true }, { key: "links", title: "Links", num: true },
  { key: "monitors", title: "Monitors", num: true },
];

function sortValue(p, key) {
  switch (key) {
    case "behaviour": return shortName(p.behaviour);
    case "name": return p.registeredName || p.globalName || "";
    case "links": return p.links.length;
    case "monitors": return p.monitors.length + p.monitoredBy.length;
    default: return p[key];
  }
}

function setupProcesses(root) {
  const input = h("input", { type: "search", placeholder: "Filter: behaviour, name, pid or node", "data-testid": "process-filter", value: state.filter });
  input.addEventListener("input", () => { state.filter = input.value; hooks.draw(); });
  root.append(h("div", { class: "toolbar" }, input, h("span", { id: "process-count", class: "muted" })));
  root.append(h("div", { id: "page-body" }));
}

function drawProcesses(root) {
  const needle = state.filter.trim().toLowerCase();
  let list = allProcesses();
  if (needle) {
    list = list.filter((p) => [p.pid, p.node, p.behaviour, p.registeredName, p.globalName].some((t) => t && t.toLowerCase().includes(needle)));
  }
  const { key, desc } = state.sort;
  list.sort((a, b) => {
    const x = sortValue(a, key), y = sortValue(b, key);
    const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
    return desc ? -c : c;
  });
  document.getElementById("process-count").textContent = list.length + " processes";
  root.append(h("table", { "data-testid": "processes-table" },
    h("thead", {}, h("tr", {}, processColumns.map((c) => h("th", {
      "data-sort": c.key, class: (c.num ? "num " : "") + (key === c.key ? (desc ? "sorted-desc" : "sorted-asc") : ""),
      onclick: () => { state.sort = { key: c.key, desc: state.sort.key === c.key ? !state.sort.desc : !!c.num }; hooks.draw(); },
    }, c.title)))),
    h("tbody", {}, list.map((p) => h("tr", { "data-testid": "process-row", "data-pid": p.pid, "data-node": p.node },
      h("td", {}, pidLink(p.pid)), h("td", {}, p.node),
      h("td", { title: p.behaviour }, shortName(p.behaviour), p.isSupervisor ? h("span", { class: "muted" }, " (supervisor)") : null),
      h("td", {}, p.registeredName || "", p.globalName ? h("span", { class: "muted" }, (p.registeredName ? ", " : "") + "global: " + p.globalName) : null),
      h("td", { class: "num" }, p.mailboxLength), h("td", { class: "num" }, p.messagesHandled),
      h("td", { class: "num" }, p.links.length), h("td", { class: "num", title: "monitors / monitored by" }, p.monitors.length + " / " + p.monitoredBy.length))))));
}

function drawSupervision(root) {
  const nodes = reachable();
  if (!nodes.length) { root.append(h("p", { class: "empty" }, "No node answered.")); return; }
  for (const n of nodes) {
    const sups = n.snapshot.supervisors;
    const pids = new Set(sups.map((s) => s.pid));
    const roots = sups.filter((s) => !sups.some((o) => o.children.some((c) => c.pid === s.pid)));
    root.append(h("h2", {}, n.name));
    if (!roots.length) root.append(h("p", { class: "empty" }, "No supervisors."));
    for (const s of roots) root.append(drawTree(s, n, s.pid, pids));
  }
}

function drawTree(sup, node, path, pids) {
  const open = state.expanded.has(path);
  const toggle = h("button", {
    class: "toggle", "data-testid": "toggle", "aria-expanded": String(open), title: open ? "Collapse" : "Expand",
    onclick: () => { open ? state.expanded.delete(path) : state.expanded.add(path); hooks.draw(); },
  }, open ? "▾" : "▸");
  const left = sup.intensity - sup.restartsInPeriod;
  const box = h("div", { class: "sup", "data-testid": "supervisor", "data-pid": sup.pid, "data-behaviour": shortName(sup.behaviour) },
    h("div", { class: "sup-head" }, toggle, h("b", { title: sup.behaviour }, shortName(sup.behaviour)), pidLink(sup.pid),
      h("span", { class: "muted" }, sup.strategy), h("span", { "data-testid": "intensity" },
        "intensity left " + Math.max(0, left) + " of " + sup.intensity + " in " + sup.period + " s"),
      h("span", { class: "muted" }, sup.children.length + " children")));
  if (!open) return box;
  box.append(h("table", { "data-testid": "children-table" },
    h("thead", {}, h("tr", {}, ["Child", "Status", "Pid", "Behaviour", "Restart"].map((t) => h("th", {}, t)),
      h("th", { class: "num" }, "Restarts"), h("th", {}, "Last exit reason"), h("th", {}, "Actions"))),
    h("tbody", {}, sup.children.map((c) => h("tr", { "data-testid": "child-row", "data-child": c.id },
      h("td", {}, h("b", {}, c.id), c.type === "Supervisor" ? h("span", { class: "muted" }, " (supervisor)") : null),
      h("td", { class: "status-" + c.status, "data-testid": "child-status" }, c.status),
      h("td", {}, pidLink(c.pid)), h("td", { title: c.behaviour }, shortName(c.behaviour)), h("td", {}, c.restart),
      h("td", { class: "num", "data-testid": "child-restarts" }, c.restarts),
      h("td", { class: "muted" }, c.lastExitReason || ""),
      h("td", {}, actionsAllowed() ? [
        h("button", { class: "danger", "data-testid": "terminate-child", disabled: c.status !== "Running",
          onclick: () => childAction(sup.pid, c.id, true) }, "Terminate"), " ",
        h("button", { "data-testid": "restart-child", disabled: c.status !== "Terminated",
          onclick: () => childAction(sup.pid, c.id, false) }, "Restart"),
      ] : null))))));
  for (const c of sup.children) {
    if (c.pid && pids.has(c.pid)) box.append(drawTree(node.snapshot.supervisors.find((s) => s.pid === c.pid), node, path + "/" + c.id, pids));
  }
  return box;
}

function drawNames(root) {
  const names = new Map();
  for (const n of reachable()) for (const g of n.snapshot.globalNames) names.set(g.name, g.pid);
  root.append(h("h2", {}, "Global names"));
  root.append(h("table", { "data-testid": "global-names-table" },
    h("thead", {}, h("tr", {}, h("th", {}, "Name"), h("th", {}, "Pid"), h("th", {}, "Node"))),
    h("tbody", {}, names.size ? [...names].sort().map(([name, pid]) => h("tr", { "data-testid": "global-name-row", "data-name": name },
      h("td", {}, h("b", {}, name)), h("td", {}, pidLink(pid)), h("td", {}, pidNode(pid))))
      : h("tr", {}, h("td", { colspan: 3, class: "empty" }, "No global names")))));

  const groups = new Map();
  for (const n of reachable()) {
    for (const g of n.snapshot.groups) {
      const key = g.scope + "\u0000" + g.group;
      if (!groups.has(key)) groups.set(key, { scope: g.scope, group: g.group, members: [] });
      groups.get(key).members.push(...g.localMembers);
    }
  }
  root.append(h("h2", {}, "Process groups"));
  root.append(h("table", { "data-testid": "groups-table" },
    h("thead", {}, h("tr", {}, h("th", {}, "Scope"), h("th", {}, "Group"), h("th", { class: "num" }, "Members"), h("th", {}, "Pids"))),
    h("tbody", {}, groups.size ? [...groups.values()].sort((a, b) => (a.scope + a.group).localeCompare(b.scope + b.group)).map((g) =>
      h("tr", { "data-testid": "group-row", "data-group": g.group },
        h("td", {}, g.scope), h("td", {}, h("b", {}, g.group)), h("td", { class: "num" }, g.members.length),
        h("td", {}, g.members.map((m, i) => [i ? ", " : "", pidLink(m)]))))
      : h("tr", {}, h("td", { colspan: 4, class: "empty" }, "No process groups")))));
}

function drawProcess(root) {
  const pid = state.route[1] || "";
  const p = findProcess(pid);
  root.append(h("h2", {}, "Process ", h("span", { class: "pid", "data-testid": "detail-pid" }, pid)));
  if (!p) {
    root.append(h("p", { class: "empty", "data-testid": "detail-missing" }, "Not running, or its node is not in view."));
    return;
  }
  const list = (pids) => pids.length ? pids.map((x, i) => [i ? ", " : "", pidLink(x)]) : h("span", { class: "muted" }, "none");
  root.append(h("dl", { class: "facts", "data-testid": "process-facts" },
    h("dt", {}, "Node"), h("dd", {}, p.node),
    h("dt", {}, "Behaviour"), h("dd", { "data-testid": "detail-behaviour" }, p.behaviour),
    h("dt", {}, "Registered name"), h("dd", {}, p.registeredName || "—"),
    h("dt", {}, "Global name"), h("dd", {}, p.globalName || "—"),
    h("dt", {}, "Mailbox"), h("dd", {}, p.mailboxLength),
    h("dt", {}, "Messages handled"), h("dd", {}, p.messagesHandled),
    h("dt", {}, "Traps exits"), h("dd", {}, p.trapExits ? "yes" : "no"),
    h("dt", {}, "Parent"), h("dd", {}, pidLink(p.parent)),
    h("dt", {}, "Links"), h("dd", { "data-testid": "detail-links" }, list(p.links)),
    h("dt", {}, "Monitors"), h("dd", {}, list(p.monitors)),
    h("dt", {}, "Monitored by"), h("dd", {}, list(p.monitoredBy))));
  if (actionsAllowed()) {
    root.append(h("div", { class: "toolbar" }, h("button", { class: "danger", "data-testid": "exit-button", onclick: () => exitAction(p.pid) }, "Send exit signal…")));
  }
  const sup = p.isSupervisor ? findSupervisor(p.pid) : null;
  if (sup) {
    root.append(h("h2", {}, "Children"));
    const pids = new Set(reachable().flatMap((n) => n.snapshot.supervisors.map((s) => s.pid)));
    state.expanded.add(sup.pid);
    root.append(drawTree(sup, reachable().find((n) => n.name === p.node), sup.pid, pids));
  }
}
