// The console: the control API (admin.yaml) in a page. Every value list comes from the served spec.
"use strict";

const TOKEN_KEY = "batchops.adminToken";
const DEVELOPMENT_ADMIN_TOKEN = "admin-dev-token";
const view = { token: sessionStorage.getItem(TOKEN_KEY) || DEVELOPMENT_ADMIN_TOKEN, tenant: "", state: null,
               lists: null, requests: [], lastSeq: 0, since: null, stateText: "", faultsText: "" };

const $ = (id) => document.getElementById(id);

function say(text, isError) {
  $("status").textContent = text;
  $("status").className = isError ? "error" : "";
}

async function api(method, path, body) {
  const headers = { "X-Batchops-Admin-Token": view.token };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch("/_batchops/" + path, { method, headers,
    body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) {
    const error = await response.json().catch(() => ({}));
    throw new Error(`${response.status} ${error.error_code || ""} ${error.error_msg || response.statusText}`);
  }
  return response.status === 204 ? null : response.json();
}

async function act(work, done) {
  try {
    // A work that returns false was called off (a question answered no): nothing to report.
    if ((await work()) !== false && done) say(done, false);
  } catch (failure) {
    say(failure.message, true);
  }
}

/** The enums of admin.yaml (which takes some from sms.yaml and drs.yaml): states, statuses, operations. */
async function loadLists() {
  const specs = {};
  const spec = async (name) => specs[name] || (specs[name] = await (await fetch(`/openapi/${name}.json`)).json());
  const enumOf = async (name, schema) => {
    const found = (await spec(name)).components.schemas[schema];
    if (!found.$ref) return found.enum;
    const [file, pointer] = found.$ref.split("#");
    return enumOf(file.replace("./", "").replace(".yaml", ""), pointer.split("/").pop());
  };
  view.lists = { taskStates: await enumOf("admin", "TaskState"), sourceStates: await enumOf("admin", "SourceServerState"),
                 jobStatuses: await enumOf("admin", "JobStatus"), operations: await enumOf("admin", "ServiceOperation") };
  fillSelect($("fault-operation"), view.lists.operations, view.lists.operations[0]);
}

function fillSelect(select, values, selected) {
  select.replaceChildren(...values.map((value) => {
    const option = document.createElement("option");
    option.value = value;
    option.textContent = value;
    option.selected = value === selected;
    return option;
  }));
  return select;
}

function cell(row, content) {
  const td = document.createElement("td");
  if (content instanceof Node) td.append(content); else td.textContent = content ?? "";
  row.append(td);
  return td;
}

function fillTable(table, records, toRow, empty) {
  const body = table.tBodies[0];
  if (records.length === 0) {
    const row = document.createElement("tr");
    const td = cell(row, empty);
    td.colSpan = table.tHead.rows[0].cells.length;
    td.className = "empty";
    body.replaceChildren(row);
    return;
  }
  body.replaceChildren(...records.map((record) => {
    const row = document.createElement("tr");
    toRow(row, record);
    return row;
  }));
}

function tenantsOf(state) {
  const tenants = new Map();
  const count = (id, kind) => {
    const tenant = tenants.get(id) || { id, sources: 0, tasks: 0, jobs: 0 };
    tenant[kind]++;
    tenants.set(id, tenant);
  };
  state.sms.sources.forEach((s) => count(s.domain_id, "sources"));
  state.sms.tasks.forEach((t) => count(t.domain_id, "tasks"));
  state.drs.jobs.forEach((j) => count(j.project_id, "jobs"));
  return [...tenants.values()].sort((a, b) => a.id.localeCompare(b.id));
}

function renderTenants() {
  const tenants = tenantsOf(view.state);
  if (!tenants.some((t) => t.id === view.tenant)) view.tenant = tenants.length ? tenants[0].id : "";
  const select = $("tenant");
  select.replaceChildren(...tenants.map((t) => {
    const option = document.createElement("option");
    option.value = t.id;
    const parts = [];
    if (t.sources || t.tasks) parts.push(`SMS account: ${t.sources} source servers, ${t.tasks} tasks`);
    if (t.jobs) parts.push(`DRS project: ${t.jobs} jobs`);
    option.textContent = `${t.id} (${parts.join("; ")})`;
    option.selected = t.id === view.tenant;
    return option;
  }));
}

function renderRecords() {
  const tenant = view.tenant;
  const { sms, drs } = view.state;
  // A tenant is an SMS account (domain) or a DRS project: show the tables of what it has.
  const hasSms = sms.sources.some((s) => s.domain_id === tenant) || sms.tasks.some((t) => t.domain_id === tenant);
  const hasDrs = drs.jobs.some((j) => j.project_id === tenant);
  $("sources").closest("section").hidden = !hasSms && hasDrs;
  $("tasks").closest("section").hidden = !hasSms && hasDrs;
  $("jobs").closest("section").hidden = !hasDrs && hasSms;
  fillTable($("sources"), sms.sources.filter((s) => s.domain_id === tenant), (row, source) => {
    row.dataset.id = source.id;
    cell(row, source.id);
    cell(row, source.name);
    const connected = document.createElement("input");
    connected.type = "checkbox";
    connected.checked = source.connected;
    const change = () => put(`sms/accounts/${enc(tenant)}/sources/${enc(source.id)}/state`,
      { state: state.value, connected: connected.checked }, `source server ${source.id}: ${state.value}`);
    const state = stateSelect(view.lists.sourceStates, source.state, `state of ${source.id}`, change);
    connected.addEventListener("change", change);
    cell(row, state);
    cell(row, connected);
  }, "No source servers in this account.");
  fillTable($("tasks"), sms.tasks.filter((t) => t.domain_id === tenant), (row, task) => {
    row.dataset.id = task.id;
    cell(row, task.id);
    cell(row, task.name);
    cell(row, task.source_id);
    cell(row, stateSelect(view.lists.taskStates, task.state, `state of ${task.id}`, (state) =>
      put(`sms/accounts/${enc(tenant)}/tasks/${enc(task.id)}/state`, { state }, `task ${task.id}: ${state}`)));
  }, "No tasks in this account.");
  fillTable($("jobs"), drs.jobs.filter((j) => j.project_id === tenant), (row, job) => {
    row.dataset.id = job.id;
    cell(row, job.id);
    cell(row, job.name);
    cell(row, stateSelect(view.lists.jobStatuses, job.status, `status of ${job.id}`, (status) =>
      put(`drs/projects/${enc(tenant)}/jobs/${enc(job.id)}/status`, { status }, `job ${job.id}: ${status}`)));
  }, "No jobs in this project.");
  renderRequests();
}

const enc = encodeURIComponent;

/** A select of the given values; choosing one calls {@code change} with it. */
function stateSelect(values, current, label, change) {
  const select = fillSelect(document.createElement("select"), values, current);
  select.className = "state";
  select.setAttribute("aria-label", label);
  select.addEventListener("change", () => change(select.value));
  return select;
}

/** Sets a state through the control API, then shows the state as the server has it. */
function put(path, body, done) {
  return act(async () => {
    await api("PUT", path, body);
    await refreshState();
  }, done);
}

async function refreshState() {
  const state = await api("GET", "state");
  const text = JSON.stringify(state);
  // A change of state redraws the tables; none leaves a select the user is about to use alone.
  if (text === view.stateText) return;
  view.stateText = text;
  view.state = state;
  renderTenants();
  renderRecords();
}

async function refreshFaults() {
  const { faults } = await api("GET", "faults");
  // As with the state: the poll redraws the rules only when they changed, so a Remove button
  // stays the one the user is about to click.
  const text = JSON.stringify(faults);
  if (text === view.faultsText) return;
  view.faultsText = text;
  fillTable($("faults"), faults, (row, fault) => {
    row.dataset.id = fault.id;
    const rule = fault.rule;
    cell(row, fault.id);
    cell(row, rule.operation);
    const answer = [];
    if (rule.response) answer.push(`${rule.response.status} ${rule.response.error_code}`);
    if (rule.latency_ms) answer.push(`after ${rule.latency_ms} ms`);
    if (rule.drop_connection) answer.push("drops the connection");
    if (rule.failed_jobs) answer.push(`fails ${rule.ids ? `jobs ${rule.ids.join(", ")}` : "the jobs named"} with ${rule.failed_jobs.error_code}`);
    if (rule.times) answer.push(`${rule.times} times`);
    cell(row, answer.join(", "));
    cell(row, String(fault.fired));
    const remove = document.createElement("button");
    remove.type = "button";
    remove.textContent = "Remove";
    remove.addEventListener("click", () => act(async () => {
      await api("DELETE", `faults/${enc(fault.id)}`);
      await refreshFaults();
    }, `fault rule ${fault.id} removed`));
    cell(row, remove);
  }, "No fault rules: every request is answered as the cloud would.");
}

async function refreshRequests() {
  const query = view.since ? `?since=${enc(view.since)}` : "";
  const listing = await api("GET", "requests" + query);
  let added = false;
  for (const request of listing.requests) {
    if (request.seq > view.lastSeq) {
      view.requests.unshift(request);
      view.lastSeq = request.seq;
      view.since = request.time;
      added = true;
    }
  }
  if (listing.total === 0 && view.requests.length > 0) {
    view.requests = [];
    added = true;
  }
  view.requests.length = Math.min(view.requests.length, 500);
  if (added) renderRequests();
}

function renderRequests() {
  const shown = view.requests.filter((r) => !view.tenant || r.tenant === view.tenant || !r.tenant);
  fillTable($("requests"), shown, (row, r) => {
    row.dataset.seq = r.seq;
    if (r.status === undefined || r.status >= 400) row.className = "error";
    cell(row, String(r.seq));
    cell(row, r.time.replace("T", " ").slice(0, 23));
    cell(row, r.operation);
    cell(row, r.principal || r.refused || "");
    cell(row, r.tenant);
    cell(row, (r.ids || []).join(", "));
    cell(row, r.status === undefined ? "dropped" : String(r.status));
    cell(row, r.error_code);
    cell(row, r.latency_ms.toFixed(1));
  }, "No requests to this tenant yet.");
}

async function refreshAll() {
  await refreshState();
  await refreshFaults();
  await refreshRequests();
}

async function connect() {
  view.token = $("admin-token").value || DEVELOPMENT_ADMIN_TOKEN;
  sessionStorage.setItem(TOKEN_KEY, view.token);
  view.stateText = "";
  view.faultsText = "";
  await act(async () => {
    await refreshAll();
    say("connected", false);
  });
}

function wire() {
  $("admin-token").value = view.token;
  $("login").addEventListener("submit", (event) => { event.preventDefault(); connect(); });
  $("tenant").addEventListener("change", () => { view.tenant = $("tenant").value; renderRecords(); });
  $("refresh").addEventListener("click", () => act(async () => { view.stateText = ""; view.faultsText = ""; await refreshAll(); }));
  $("reset").addEventListener("click", () => act(async () => {
    if (!window.confirm("Remove every source server, task and job of every tenant?")) return false;
    await api("POST", "reset");
    await refreshState();
  }, "every source server, task and job removed"));
  $("clear-journal").addEventListener("click", () => act(async () => {
    if (!window.confirm("Clear the request journal?")) return false;
    await api("DELETE", "requests");
    view.requests = [];
    renderRequests();
  }, "journal cleared"));
  $("new-fault").addEventListener("submit", (event) => {
    event.preventDefault();
    const rule = { operation: $("fault-operation").value };
    const status = $("fault-status").value;
    const code = $("fault-code").value.trim();
    if (status || code) rule.response = { status: Number(status || 500), error_code: code };
    if ($("fault-times").value) rule.times = Number($("fault-times").value);
    if ($("fault-latency").value) rule.latency_ms = Number($("fault-latency").value);
    if ($("fault-drop").checked) rule.drop_connection = true;
    act(async () => {
      await api("POST", "faults", rule);
      await refreshFaults();
    }, `fault rule added on ${rule.operation}`);
  });
}

async function poll() {
  try {
    await refreshRequests();
    await refreshState();
    await refreshFaults();
  } catch (failure) {
    say(failure.message, true);
  }
  setTimeout(poll, 1000);
}

wire();
loadLists().then(connect).then(() => setTimeout(poll, 1000));
