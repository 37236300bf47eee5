// attune live coach: judges the reply as the agent types, through the same /v1 API as everyone.
// No framework and no build step. Each keystroke restarts a short debounce; a newer request aborts
// the one in flight, and answers older than the latest request are dropped.
"use strict";
(function () {
  const DEBOUNCE_MS = 40;      // assessment: as live as the server allows
  const SLOW_DEBOUNCE_MS = 350; // statements and rewrites: heavier, and less urgent
  const BAD = /bank:(sympathy|apathy)|blame|jargon|deflect|cancel|caps|robotic|repeat/;

  const $ = (id) => document.getElementById(id);
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const customer = $("customer"), customerName = $("customer-name"), reply = $("reply");
  const ui = {
    stance: $("stance"), score: $("score"), meter: $("meter-fill"), status: $("status"),
    highlight: $("highlight"), checklist: $("checklist"), rewrites: $("rewrites"),
    statements: $("statements"), read: $("customer-read"),
  };

  // Timings for benchmarks/server.py: ms from the last keystroke to the page showing its result.
  const timings = (window.attuneTimings = []);
  let lastInputAt = 0;
  let seq = 0, shownSeq = 0, slowSeq = 0;
  let controller = null, slowController = null;
  let timer = 0, slowTimer = 0;
  let suggestSeed = 0;

  async function api(path, body, signal) {
    const res = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      credentials: "same-origin",
      body: JSON.stringify(body),
      signal,
    });
    if (res.status === 401) { window.location.assign("/login"); throw new Error("signed out"); }
    const data = await res.json();
    if (!res.ok) throw new Error(data.error ? data.error.message : "request failed");
    return data;
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v;
      else if (k === "on") for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
      else node.setAttribute(k, v);
    }
    for (const c of children) node.append(c);
    return node;
  }

  function payload() {
    const c = customer.value.trim();
    return { customer: c || null, customer_name: customerName.value.trim() || null, reply: reply.value };
  }

  // ---------------------------------------------------------------------------- assessment

  function schedule() {
    lastInputAt = performance.now();
    // the listed edits were made for the text as it was: hold them until the new ones arrive
    for (const b of ui.rewrites.querySelectorAll("button")) b.disabled = true;
    clearTimeout(timer);
    timer = setTimeout(assessNow, DEBOUNCE_MS);
    clearTimeout(slowTimer);
    slowTimer = setTimeout(slowNow, SLOW_DEBOUNCE_MS);
  }

  async function assessNow() {
    const p = payload();
    const mine = ++seq;
    const inputAt = lastInputAt;
    if (controller) controller.abort();
    if (!p.reply.trim()) { clearVerdict("Start typing your reply."); return; }
    controller = new AbortController();
    try {
      const r = await api("/v1/assess", { reply: p.reply, customer: p.customer, customer_name: p.customer_name }, controller.signal);
      if (mine < shownSeq) return;
      shownSeq = mine;
      showAssessment(r);
      timings.push(performance.now() - inputAt);
      document.body.dataset.assessed = String(mine);
    } catch (err) {
      if (err.name === "AbortError") return;
      ui.status.textContent = err.message;
      ui.status.className = "status error";
    }
  }

  function clearVerdict(message) {
    ui.stance.textContent = "–"; ui.stance.dataset.stance = "";
    ui.score.textContent = "–"; ui.meter.style.width = "0";
    ui.status.textContent = message; ui.status.className = "status";
    ui.highlight.replaceChildren(); ui.checklist.replaceChildren();
  }

  function showAssessment(r) {
    ui.stance.textContent = r.stance;
    ui.stance.dataset.stance = r.stance;
    ui.score.textContent = Math.round(r.score);
    ui.meter.style.width = Math.max(0, Math.min(100, r.score)) + "%";
    ui.status.textContent = ""; ui.status.className = "status";
    ui.highlight.replaceChildren(...highlighted(r.text, r.evidence));
    ui.checklist.replaceChildren(...Object.values(r.dimensions).map(dimensionItem));
    if (r.customer) showCustomer(r.customer);
  }

  function highlighted(text, evidence) {
    const spans = evidence.filter((e) => e.end > e.start);
    const cuts = new Set([0, text.length]);
    for (const e of spans) { cuts.add(e.start); cuts.add(e.end); }
    const points = [...cuts].sort((a, b) => a - b);
    const out = [];
    for (let i = 0; i < points.length - 1; i++) {
      const [a, b] = [points[i], points[i + 1]];
      const here = spans.filter((e) => e.start <= a && e.end >= b);
      const piece = text.slice(a, b);
      if (!here.length) { out.push(piece); continue; }
      const tips = [...new Set(here.map((e) => `${e.label.replace(/_/g, " ")}: ${e.explanation}`))];
      const bad = here.some((e) => BAD.test(e.source));
      out.push(el("mark", {
        class: "ev " + (bad ? "bad" : "good"), tabindex: "0", "data-tip": tips.join(" · "),
        "aria-label": `${piece} (${tips.join("; ")})`,
      }, piece));
    }
    return out;
  }

  function dimensionItem(d) {
    const present = d.applicable && d.score !== null && d.score >= 0.5;
    const state = !d.applicable ? "na" : present ? "ok" : "miss";
    const mark = !d.applicable ? "–" : present ? "✓" : "✗";
    const said = !d.applicable ? "not applicable" : present ? "present" : "missing";
    const li = el("li", { class: state, "data-dimension": d.name },
      el("span", { class: "mark", "aria-hidden": "true" }, mark),
      d.name.replace(/_/g, " "),
      el("span", { class: "visually-hidden" }, `: ${said}`));
    const tip = !d.applicable ? d.reason : !present ? d.suggestion || d.reason : "";
    if (tip) li.append(el("span", { class: "tip" }, tip));
    return li;
  }

  function showCustomer(a) {
    const feels = Object.entries(a.emotions).filter(([e, v]) => v >= 0.5 && e !== "neutral").sort((x, y) => y[1] - x[1]);
    const sits = Object.entries(a.situations).filter(([, v]) => v >= 0.5).sort((x, y) => y[1] - x[1]);
    const tags = [el("span", {}, "Reads as: ")];
    for (const [e, v] of feels.length ? feels : [["neutral", a.emotions.neutral || 0]]) tags.push(el("span", { class: "tag" }, `${e} ${v.toFixed(2)}`));
    for (const [s] of sits) tags.push(el("span", { class: "tag situation" }, s));
    if (a.escalation) tags.push(el("span", { class: "tag warn" }, "escalation"));
    if (a.abuse) tags.push(el("span", { class: "tag warn" }, "abuse"));
    ui.read.replaceChildren(...tags);
  }

  // --------------------------------------------------------------- statements and rewrites

  async function slowNow() {
    const p = payload();
    const mine = ++slowSeq;
    if (slowController) slowController.abort();
    slowController = new AbortController();
    const signal = slowController.signal;
    const jobs = [];
    if (p.customer) {
      jobs.push(api("/v1/suggest", { customer: p.customer, reply: p.reply.trim() || null, n: 3, seed: suggestSeed }, signal)
        .then((s) => { if (mine === slowSeq) showStatements(s); }));
    } else {
      ui.statements.replaceChildren(el("li", {}, "Paste the customer's message to get statements that fit."));
    }
    if (p.reply.trim()) {
      jobs.push(api("/v1/rewrite", { reply: p.reply, customer: p.customer }, signal)
        .then((rw) => { if (mine === slowSeq) showRewrite(rw); }));
    } else {
      ui.rewrites.replaceChildren();
    }
    try { await Promise.all(jobs); } catch (err) { if (err.name !== "AbortError") ui.status.textContent = err.message; }
  }

  function showStatements(list) {
    if (!list.length) { ui.statements.replaceChildren(el("li", {}, "No statement fits this message.")); return; }
    ui.statements.replaceChildren(...list.map((s, i) => el("li", {},
      el("p", {}, s.text, el("span", { class: "why" }, `${s.practice.replace(/_/g, " ")} · ${s.reason}`)),
      el("button", { type: "button", "data-action": "insert-statement", "aria-label": `Insert statement ${i + 1}: ${s.text}`,
        on: { click: () => insertStatement(s.text) } }, "Insert"))));
  }

  function insertStatement(text) {
    const at = reply.selectionStart ?? reply.value.length;
    const before = reply.value.slice(0, at);
    let after = reply.value.slice(reply.selectionEnd ?? at);
    if (/^\s*[.!?]/.test(after)) { // a placeholder before "." is filled, not doubled: "now." not "now. ."
      text = text.replace(/[.!?]+$/, "");
      after = after.trimStart();
    }
    const lead = before && !/\s$/.test(before) ? " " : "";
    const tail = after && !/^[\s.,;:!?]/.test(after) ? " " : "";
    reply.value = before + lead + text + tail + after;
    const caret = (before + lead + text).length;
    reply.focus();
    reply.setSelectionRange(caret, caret);
    suggestSeed += 1; // the next list never repeats the same top statement word for word
    schedule();
  }

  function showRewrite(rw) {
    if (!rw.edits.length) { ui.rewrites.replaceChildren(el("p", { class: "hint" }, "No edits: the reply reads well as it is.")); return; }
    const whole = el("div", { class: "whole" },
      el("button", { type: "button", class: "primary", "data-action": "accept-rewrite",
        on: { click: () => accept(rw, rw.text) } }, "Use the whole rewrite"));
    const edits = el("ul", { class: "edits" }, ...rw.edits.map((e, i) => el("li", {},
      el("p", {}, e.before ? el("del", {}, e.before) : "", e.before ? " → " : "", el("ins", {}, e.after || "(delete)"),
        el("span", { class: "why" }, e.reason)),
      el("button", { type: "button", "data-action": "accept-edit", "aria-label": `Accept edit ${i + 1}: ${e.reason}`,
        on: { click: () => accept(rw, applyEdit(rw.original, e)) } }, "Accept"))));
    ui.rewrites.replaceChildren(whole, edits);
  }

  function accept(rw, text) {
    // never overwrite what was typed after these edits were made
    if (reply.value !== rw.original) { schedule(); return; }
    replaceReply(text);
  }

  function applyEdit(original, e) {
    return original.slice(0, e.start) + e.after + original.slice(e.end);
  }

  function replaceReply(text) {
    reply.value = text;
    reply.focus();
    const hole = text.indexOf("[[");
    if (hole >= 0) reply.setSelectionRange(hole, text.indexOf("]]", hole) + 2); // select the first placeholder to fill
    schedule();
  }

  for (const field of [customer, customerName, reply]) field.addEventListener("input", schedule);
  schedule();
})();
