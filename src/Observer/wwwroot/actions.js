// The three actions, each confirmed in a dialog and sent with the access token in a header.
import { state, h } from "./common.js";

export function actionsAllowed() { return !!state.view?.actionsEnabled; }

function confirmAction(text, extra) {
  const dialog = document.getElementById("confirm");
  document.getElementById("confirm-text").textContent = text;
  const holder = document.getElementById("confirm-extra");
  holder.replaceChildren(...(extra ? [extra] : []));
  document.getElementById("confirm-token-label").hidden = !!state.token;
  document.getElementById("confirm-token").value = "";
  return new Promise((resolve) => {
    const ok = document.getElementById("confirm-ok"), cancel = document.getElementById("confirm-cancel");
    const done = (answer) => {
      ok.onclick = cancel.onclick = dialog.oncancel = null;
      if (answer && !state.token) {
        state.token = document.getElementById("confirm-token").value.trim();
        sessionStorage.setItem("typed-observer-token", state.token);
      }
      dialog.close();
      resolve(answer);
    };
    ok.onclick = () => done(true);
    cancel.onclick = () => done(false);
    dialog.oncancel = () => done(false);
    dialog.showModal();
  });
}

async function post(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Typed-Observer-Token": state.token },
    body: JSON.stringify(body),
  });
  let answer = { ok: response.ok, error: response.ok ? null : "HTTP " + response.status };
  try { answer = await response.json(); } catch { /* an empty answer: keep the status */ }
  if (response.status === 401) { state.token = ""; sessionStorage.removeItem("typed-observer-token"); }
  toast(answer.ok ? "Done" : answer.error || "Refused", !answer.ok);
  return answer.ok;
}

export async function childAction(supervisor, child, terminate) {
  const verb = terminate ? "Terminate" : "Restart";
  if (await confirmAction(verb + " child " + child + " of supervisor " + supervisor + "?")) {
    await post(terminate ? "api/terminate-child" : "api/restart-child", { pid: supervisor, child });
  }
}

export async function exitAction(pid) {
  const select = h("select", { "data-testid": "exit-reason" },
    h("option", { value: "kill" }, "kill (cannot be trapped)"), h("option", { value: "shutdown" }, "shutdown"),
    h("option", { value: "normal" }, "normal"), h("option", { value: "custom" }, "custom…"));
  const custom = h("input", { type: "text", placeholder: "custom reason", "data-testid": "exit-custom" });
  custom.hidden = true;
  select.addEventListener("change", () => { custom.hidden = select.value !== "custom"; });
  const extra = h("div", {}, h("label", {}, "Reason ", select), h("label", {}, custom));
  if (await confirmAction("Send an exit signal to " + pid + "?", extra)) {
    await post("api/exit", { pid, reason: select.value === "custom" ? custom.value : select.value });
  }
}

let toastTimer = 0;
function toast(text, error) {
  const el = document.getElementById("toast");
  el.textContent = text;
  el.className = "shown" + (error ? " error" : "");
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.className = ""; }, 4000);
}
