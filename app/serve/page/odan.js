// The team page: what the team's own window shows, kept live over a
// WebSocket. The server pushes the whole view whenever it changes; the page
// only renders it and posts the team's acknowledgements and decisions.
"use strict";
(function () {
  let strings = {};      // msgid → the page's language
  let lang = document.documentElement.lang || "en";
  let csrf = "";
  let view = null;
  let clock = { minute: 0, running: false, speed: 0, at: Date.now() };
  let socket = null;
  let backoff = 500;

  const $ = (id) => document.getElementById(id);
  const t = (msgid) => strings[msgid] || msgid;
  const local = (en, ja) => (lang === "ja" && ja) ? ja : (en || ja || "");

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v;
      else if (k.startsWith("on")) node.addEventListener(k.substring(2), v);
      else if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  // Exercise time as Odan writes it: T+1d02h05m, T+3h20m, T+45m.
  function formatOffset(minutes) {
    if (minutes === null || minutes === undefined) return "—";
    const sign = minutes < 0 ? "-" : "+";
    let s = Math.round(Math.abs(minutes) * 60);
    const d = Math.floor(s / 86400), h = Math.floor(s / 3600) % 24, m = Math.floor(s / 60) % 60;
    const p = (n) => String(n).padStart(2, "0");
    if (d > 0) return `T${sign}${d}d${p(h)}h${p(m)}m`;
    if (h > 0) return `T${sign}${h}h${p(m)}m`;
    return `T${sign}${m}m`;
  }

  function formatSpan(minutes) {
    const m = Math.max(0, Math.round(minutes));
    const h = Math.floor(m / 60);
    return h > 0 ? `${h} h ${String(m % 60).padStart(2, "0")} min` : `${m} min`;
  }

  function now() {
    return clock.running ? clock.minute + (Date.now() - clock.at) / 60000 * clock.speed : clock.minute;
  }

  function translate() {
    document.documentElement.lang = lang;
    for (const node of document.querySelectorAll("[data-t]")) node.textContent = t(node.dataset.t);
    $("lang-switch").textContent = lang === "ja" ? "English" : "日本語";
  }

  async function api(path, body) {
    const reply = await fetch(path, {
      method: body ? "POST" : "GET", credentials: "same-origin",
      headers: body ? { "Content-Type": "application/json", "X-CSRF-Token": csrf } : {},
      body: body ? JSON.stringify(Object.assign({ csrf }, body)) : undefined,
    });
    if (reply.status === 401) { location.replace("/join"); throw new Error(t("Signed out")); }
    const data = await reply.json().catch(() => ({}));
    if (!reply.ok) throw new Error(data.error || reply.statusText);
    return data;
  }

  function renderInbox() {
    const list = $("inbox");
    const entries = view.inbox.slice().reverse();   // newest first
    let unread = 0;
    list.replaceChildren(...entries.map((e) => {
      const title = local(e.title, e.title_ja);
      if (e.read === null) unread++;
      const meta = [formatOffset(e.minute), e.from, e.channel, e.sharing].filter(Boolean).join(" · ");
      const buttons = el("div", { class: "actions" });
      if (e.received === null)
        buttons.append(el("button", { type: "button", class: "ack-received", onclick: () => ack(e.delivery, "received") }, t("Confirm Receipt")));
      else
        buttons.append(el("span", { class: "dim received" }, `${t("Received")} ${formatOffset(e.received)}`));
      if (e.read === null)
        buttons.append(el("button", { type: "button", class: "ack-read", onclick: () => ack(e.delivery, "read") }, t("Mark as Read")));
      else
        buttons.append(el("span", { class: "dim read" }, `${t("Read")} ${formatOffset(e.read)}`));
      return el("li", { class: e.read === null ? "delivery unread" : "delivery", "data-delivery": e.delivery, "data-inject": e.inject || "" },
        el("h3", null, title),
        el("div", { class: "meta" }, meta, e.forwarded_by ? ` · ${t("forwarded by")} ${e.forwarded_by}` : ""),
        e.body ? el("div", { class: "body" }, e.body) : null,
        buttons);
    }));
    $("inbox-empty").hidden = entries.length > 0;
    $("unread").hidden = unread === 0;
    $("unread").textContent = unread;
  }

  function renderDeadlines() {
    const minute = now();
    const rows = view.obligations.map((o) => {
      let state = o.state, when;
      if (o.met !== null) when = `${t("met")} ${formatOffset(o.met)}`;
      else if (o.due !== null && minute > o.due) { state = "late"; when = `${t("late by")} ${formatSpan(minute - o.due)}`; }
      else when = `${t("due in")} ${formatSpan(o.due - minute)}`;
      return el("li", { class: `deadline state-${state}`, "data-deadline": o.deadline },
        el("strong", null, local(o.label, o.label_ja)), " — ", el("span", { class: "when" }, when),
        el("span", { class: "dim" }, ` (${formatOffset(o.due)})`));
    });
    $("deadlines").replaceChildren(...rows);
    $("deadlines-empty").hidden = rows.length > 0;
  }

  function renderDecisions() {
    const rows = view.decisions.slice().reverse().map((d) =>
      el("li", { class: "decision", "data-event": d.event, "data-category": d.category },
        el("span", { class: "dim" }, `${formatOffset(d.minute)} · ${t(categoryName(d.category))} `),
        d.summary, d.detail ? el("span", { class: "dim" }, ` (${d.detail})`) : null));
    $("decisions").replaceChildren(...rows);
    $("decisions-empty").hidden = rows.length > 0;
  }

  function categoryName(category) {
    return { "business-continuity": "Business continuity", "disclosure": "Disclosure",
      "ministry-report": "Report to the ministry", "information-sharing": "Information sharing",
      "other": "Other" }[category] || category;
  }

  function option(value, label) { return el("option", { value }, label); }

  // The form's choices; what the user already chose survives a re-render.
  function renderForm() {
    const keep = (id) => $(id).value;
    const mitigation = keep("mitigation"), channel = keep("forward-channel");
    $("mitigation").replaceChildren(option("", t("None")),
      ...view.mitigations.map((m) => option(m.key, local(m.label, m.label_ja))));
    $("mitigation").value = mitigation;
    if (!$("ministry").value && view.ministry) $("ministry").value = view.ministry;

    const checked = (box) => new Set([...$(box).querySelectorAll("input:checked")].map((i) => i.value));
    const forwards = checked("forwards"), recipients = checked("recipients");
    const forwardable = view.inbox.filter((e) => e.inject !== null).reverse();
    $("forwards").replaceChildren(...forwardable.map((e) => el("label", null,
      el("input", { type: "checkbox", name: "deliveries", value: e.delivery, checked: forwards.has(String(e.delivery)) }),
      `${local(e.title, e.title_ja)} (${formatOffset(e.minute)})`)));
    $("forward-empty").hidden = forwardable.length > 0;
    const keyword = { ceptoar: "CEPTOAR", members: "CEPTOAR members", nisc: "NISC", ministry: "Ministry in charge" };
    $("recipients").replaceChildren(...view.recipients.map((r) => el("label", null,
      el("input", { type: "checkbox", name: "recipients", value: r.key, checked: recipients.has(r.key) }),
      r.label || r.label_ja ? local(r.label, r.label_ja) : t(keyword[r.key] || r.key))));
    $("forward-channel").replaceChildren(option("", t("Usual")), ...view.channels.map((c) => option(c, c)));
    $("forward-channel").value = channel;
  }

  function renderBoard() {
    $("board-section").hidden = view.board === null;
    if (view.board === null) return;
    $("board").replaceChildren(...view.board.map((s) => el("div", { class: "sector" },
      el("h3", null, local(s.name, s.name_ja)),
      ...s.nodes.map((n) => el("div", { class: "node", "data-node": n.id },
        el("span", null, local(n.name, n.name_ja)),
        el("div", { class: n.operability < 0.5 ? "meter low" : "meter" }, el("div", { style: `width:${Math.round(n.operability * 100)}%` })),
        el("span", null, `${Math.round(n.operability * 100)}%`))))));
  }

  function render() {
    if (!view) return;
    $("team-name").textContent = local(view.team.label, view.team.label_ja);
    $("scenario").textContent = local(view.scenario.label, view.scenario.label_ja);
    document.title = `${$("team-name").textContent} — Odan`;
    renderInbox(); renderDeadlines(); renderDecisions(); renderForm(); renderBoard();
    showCategory();
  }

  function showCategory() {
    const category = $("category").value;
    for (const set of document.querySelectorAll("fieldset[data-for]")) set.hidden = set.dataset.for !== category;
  }

  async function ack(delivery, kind) {
    try { await api("/api/ack", { delivery, ack: kind }); }
    catch (e) { alert(e.message); }
  }

  async function decide(ev) {
    ev.preventDefault();
    const form = $("decide");
    const category = $("category").value;
    const body = { category, summary: $("summary").value, by: $("by").value };
    if (category === "business-continuity") { body.bcp = $("bcp").checked; body.mitigation = $("mitigation").value; }
    if (category === "disclosure") { body.channel = $("disclosure-channel").value; body.audience = $("audience").value; }
    if (category === "ministry-report") { body.ministry = $("ministry").value; body.stage = $("stage").value; }
    if (category === "information-sharing") {
      body.deliveries = [...form.querySelectorAll("#forwards input:checked")].map((i) => Number(i.value));
      body.recipients = [...form.querySelectorAll("#recipients input:checked")].map((i) => i.value);
      body.channel = $("forward-channel").value;
    }
    const message = $("decide-message");
    try {
      await api("/api/decide", body);
      message.className = "";
      message.textContent = t("Logged");
      $("summary").value = "";
      for (const box of form.querySelectorAll(".checks input")) box.checked = false;
    } catch (e) {
      message.className = "error";
      message.textContent = e.message;
    }
  }

  function setLink(state) { $("link").dataset.state = state; $("link").textContent = t(state === "open" ? "Live" : "Reconnecting…"); }

  function connect() {
    setLink("connecting");
    socket = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/api/live`);
    socket.onopen = () => { backoff = 500; setLink("open"); };
    socket.onmessage = (msg) => {
      const data = JSON.parse(msg.data);
      if (data.clock) clock = Object.assign(data.clock, { at: Date.now() });
      if (data.view) view = data.view;
      if (data.type === "revoked") { location.replace("/join"); return; }
      render(); tick();
    };
    socket.onclose = () => {
      setLink("closed");
      // the session may have ended (revoked): /api/session says so
      setTimeout(() => api("/api/session").then(connect, () => setTimeout(connect, backoff)), backoff);
      backoff = Math.min(backoff * 2, 8000);
    };
  }

  function tick() {
    $("clock").textContent = formatOffset(now());
    if (view) renderDeadlines();
  }

  async function start() {
    const session = await api("/api/session");
    csrf = session.csrf;
    $("csrf").value = csrf;
    lang = session.lang;
    strings = await api(`/api/strings?lang=${lang}`);
    translate();
    $("category").addEventListener("change", showCategory);
    $("decide").addEventListener("submit", decide);
    $("lang-switch").addEventListener("click", async () => {
      lang = lang === "ja" ? "en" : "ja";
      document.cookie = `odan_lang=${lang}; path=/; SameSite=Strict; max-age=31536000`;
      strings = await api(`/api/strings?lang=${lang}`);
      translate(); render();
    });
    showCategory();
    connect();
    setInterval(tick, 1000);
  }

  start().catch((e) => { document.body.prepend(el("p", { class: "error" }, e.message)); });
})();
