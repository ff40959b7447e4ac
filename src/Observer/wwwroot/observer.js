// The Typed observer's page: one live view of the cluster (Server-Sent Events from api/events), drawn
// into plain DOM nodes. Everything from the server is shown as text (never as HTML). The only requests
// the page makes besides the feed are the three actions, each confirmed, each with the access token.
import { state, hooks, h } from "./common.js";
import { pages } from "./pages.js";

function readRoute() {
  const hash = location.hash.replace(/^#\/?/, "");
  const [page, ...rest] = hash.split("/");
  state.route = pages[page] ? [page, decodeURIComponent(rest.join("/"))] : ["nodes"];
}

function setup() {
  readRoute();
  const main = document.getElementById("main");
  main.replaceChildren();
  const page = pages[state.route[0]];
  document.title = page.title + " · Typed observer";
  for (const a of document.querySelectorAll("nav a")) a.classList.toggle("active", a.getAttribute("href") === "#/" + state.route[0]);
  if (page.setup) page.setup(main);
  else main.append(h("div", { id: "page-body" }));
  draw();
}

function draw() {
  const body = document.getElementById("page-body");
  if (!body) return;
  const fresh = h("div", { id: "page-body" });
  if (!state.view) fresh.append(h("p", { class: "empty" }, "Waiting for the first view…"));
  else pages[state.route[0]].draw(fresh);
  body.replaceWith(fresh);
}

function connect() {
  const feed = document.getElementById("feed");
  const source = new EventSource("api/events");
  source.addEventListener("view", (e) => {
    state.view = JSON.parse(e.data);
    document.getElementById("observer-node").textContent = state.view.observer;
    feed.textContent = "live · " + new Date(state.view.takenAtUnixMs).toLocaleTimeString();
    feed.className = "feed live";
    draw();
  });
  source.onerror = () => { feed.textContent = "reconnecting"; feed.className = "feed down"; };
}

// A token handed over in the address's fragment (never sent to the server) is kept for this tab only.
const fragmentToken = /^#token=([A-Za-z0-9_-]+)$/.exec(location.hash);
if (fragmentToken) {
  state.token = fragmentToken[1];
  sessionStorage.setItem("typed-observer-token", state.token);
  history.replaceState(null, "", location.pathname + location.search + "#/nodes");
}

hooks.draw = draw;
window.addEventListener("hashchange", setup);
setup();
connect();
