// The caseworker's preview page: a form generated from the decision's JSON, findings placed
// next to the fields they concern, a timeline of the case's dates, and the letter beside it.
// Plain JavaScript, no build step; every Danish word comes from fields.json and labels.json.
"use strict";
(() => {
  const data = JSON.parse(document.getElementById("page-data").textContent);
  const T = data.fields.text, LABELS = data.fields.labels;
  const LONG = new Set(data.fields.long), CODES = data.labels;
  const $ = (id) => document.getElementById(id);
  const form = $("form"), jsonArea = $("json"), statusBox = $("status"), letter = $("letter");
  // model is the decision as last read from the screen; readable says whether the screen (the
  // JSON box) can be read at all; validBody is the exact body the service last found valid. The
  // buttons send body(), and the final one only when it is validBody: what is on screen.
  let model = null, readable = false, validBody = null, seq = 0, timer = null;
  const body = () => (readable && model && typeof model === "object" && !Array.isArray(model) ? JSON.stringify(model) : null);

  // ----- paths: ["granted", 0, "start_date"] <-> "granted[0].start_date" (the API's field paths)
  const pathOf = (parts) => parts.reduce((s, p) => (typeof p === "number" ? `${s}[${p}]` : s ? `${s}.${p}` : p), "");
  const parentPath = (p) => p.replace(/(\[\d+\]|\.?[^.[\]]+)$/, "");
  const idOf = (path) => "f-" + path.replace(/[^A-Za-z0-9]/g, (c) => "_" + c.charCodeAt(0).toString(16));
  const labelOf = (key) => LABELS[key] || key;
  // nameOf is a field's Danish name; a criterion of the standard (assessment.criteria) is named
  // by the standard's words for it.
  // by the standard's words for it; a field named by its parent has its own name ("Leverandørens
  // navn", where the form's box already says "Leverandør").
  const SINGULAR = data.fields.singular || {}, LABELS_IN = data.fields.labelsIn || {};
  const nameOf = (parts, key) =>
    (parts[parts.length - 2] === "criteria" && CODES.criterion && CODES.criterion[key]) ||
    (typeof parts[parts.length - 2] === "string" && LABELS_IN[`${parts[parts.length - 2]}.${key}`]) ||
    labelOf(key);
  // itemName names an entry of a list: "Bevilget nr. 1"; a plain value by its singular, "Ugedag nr. 1".
  const itemName = (key, i, plain) => `${(plain && SINGULAR[key]) || labelOf(key)} ${T.item} ${i + 1}`;
  // lowerFirst: "Startdato" inside a name is "startdato", but "CPR-nummer" stays.
  const lowerFirst = (s) => (/^.\p{Lu}/u.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1));
  const fill = (s, vars) => s.replace(/\{(\w+)\}/g, (_, k) => vars[k]);

  function setAt(obj, parts, value) {
    let o = obj;
    for (const p of parts.slice(0, -1)) o = o[p];
    o[parts[parts.length - 1]] = value;
  }

  // ----- the form, driven by the request schemas that /openapi.json publishes: which fields a
  // kind has and in which order, their types, enums, dates and lists. fields.json holds only the
  // Danish names. Keys the schema does not know are shown too (the service reports them).
  const SCHEMAS = data.schemas;
  // The codes that depend on the standard (activities, courses, the standards' ids) are those of
  // the packs the service serves: take their enums from the description it publishes.
  (function servedEnums(mine, served) {
    if (!mine || !served || typeof mine !== "object") return;
    if (served.enum) mine.enum = served.enum;
    for (const k of Object.keys(mine)) if (typeof served[k] === "object") servedEnums(mine[k], served[k]);
  })(SCHEMAS, data.servedSchemas);
  // Each kind's request schema, as the kinds declare them (a body without kind is data.defaultKind).
  const KIND_SCHEMA = data.kinds;
  const schemaOf = (m) => ({ $ref: "#/" + (KIND_SCHEMA[m.kind || data.defaultKind] || "") });
  const resolve = (s) => {
    while (s && s.$ref) s = SCHEMAS[s.$ref.split("/").pop()];
    return s || {};
  };
  const types = (s) => [].concat(s.type || []);
  // categoryOf finds the labels.json category that names every value of an enum.
  const categoryOf = (values) => {
    const codes = (values || []).filter((v) => v !== null);
    if (!codes.length) return null;
    return Object.values(CODES).find((c) => c && !Array.isArray(c) && codes.every((v) => v in c)) || null;
  };
  // blank is a new entry for a list: what its schema requires, empty. A choice (an enum) is
  // left unpicked (""), so that nothing is chosen for the caseworker; the page flags it.
  function blank(schema) {
    const s = resolve(schema), t = types(s);
    if (s.enum) return s.enum.includes(null) ? null : "";
    if (t[0] === "array") return [];
    if (t[0] === "object") {
      const o = {};
      for (const k of s.required || []) o[k] = blank(s.properties[k]);
      return o;
    }
    if (t[0] === "boolean") return false;
    if (t[0] === "number" || t[0] === "integer") return 0;
    return "";
  }

  function build() {
    showStandard();
    form.replaceChildren();
    if (model && typeof model === "object" && !Array.isArray(model)) {
      buildObject(form, model, schemaOf(model), []);
    }
    showUndo();
  }

  // ----- a removal can be undone: the removed entry is kept, and "Fortryd" beside its list puts
  // it back where it was, until another entry is removed or another decision is loaded.
  let undo = null; // { parts, item, name }
  function showUndo() {
    const list = undo && form.querySelector(`fieldset[data-path="${CSS.escape(pathOf(undo.parts.slice(0, -1)))}"]`);
    if (!list) return;
    const p = document.createElement("p");
    p.className = "undo-box";
    p.append(fill(T.removed, { name: undo.name }) + " " + (undo.change ? undo.change + " " : ""));
    const b = button(p, fill(T.undoRemove, { name: undo.name }), "undo", undo.parts);
    b.classList.add("undo");
    list.querySelector("legend").after(p);
  }

  // ----- the decision's result (granted, partly granted, refused; a reassessment's outcome):
  // when an edit changes it, the live region under the status says so.
  function resultOf(m) {
    if (!m || typeof m !== "object" || Array.isArray(m)) return "";
    const kind = m.kind || data.defaultKind;
    if (kind === "decision") {
      const g = Array.isArray(m.granted) && m.granted.length > 0, r = Array.isArray(m.refused) && m.refused.length > 0;
      return T.result[g && r ? "partly" : g ? "granted" : r ? "refused" : "none"];
    }
    if (kind === "reassessment" && typeof m.outcome === "string") return (CODES.outcome || {})[m.outcome] || m.outcome;
    return "";
  }
  let shownResult = "";
  function noteResult(fresh) {
    const notice = $("result-notice");
    if (fresh) {
      notice.textContent = "";
      shownResult = "";
    }
    if (!readable) return;
    const now = resultOf(model);
    if (now && shownResult && now !== shownResult) notice.textContent = fill(T.resultChanged, { from: shownResult, to: now });
    shownResult = now;
  }

  // buildObject lays out an object's keys in the schema's order, then any the schema lacks.
  function buildObject(parent, obj, schema, parts) {
    const props = resolve(schema).properties || {};
    let keys = [...Object.keys(props).filter((k) => k in obj), ...Object.keys(obj).filter((k) => !(k in props))];
    if (parts.length === 0) keys = keys.filter((k) => k !== "standard"); // the standard picker above the form sets it
    for (const k of keys) buildValue(parent, obj[k], props[k] || {}, [...parts, k], k);
  }

  function fieldset(parent, legend, path) {
    const fs = document.createElement("fieldset");
    fs.dataset.path = path;
    const lg = document.createElement("legend");
    lg.textContent = legend;
    fs.append(lg);
    parent.append(fs);
    return fs;
  }

  function button(parent, text, action, parts) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "list-" + action;
    b.textContent = text;
    b.dataset.action = action;
    b.dataset.list = JSON.stringify(parts);
    parent.append(b);
    return b;
  }

  function buildValue(parent, val, schema, parts, key) {
    const path = pathOf(parts), s = resolve(schema);
    if (Array.isArray(val)) {
      const fs = fieldset(parent, labelOf(key), path);
      val.forEach((item, i) => {
        const name = itemName(key, i, !(item && typeof item === "object"));
        let box = fs;
        if (item && typeof item === "object") {
          box = fieldset(fs, name, pathOf([...parts, i]));
          buildObject(box, item, s.items || {}, [...parts, i]);
        } else {
          buildLeaf(fs, item, s.items || {}, [...parts, i], key, name);
          box = fs.lastChild;
        }
        if (s.items) button(box, fill(T.removeItem, { name }), "remove", [...parts, i]).dataset.name = name;
      });
      if (val.length === 0) {
        const p = document.createElement("p");
        p.textContent = T.none;
        fs.append(p);
      }
      if (s.items) button(fs, fill(T.addItem, { list: labelOf(key) }), "add", parts);
    } else if (val && typeof val === "object") {
      const fs = fieldset(parent, labelOf(key), path);
      buildObject(fs, val, s, parts);
    } else if (val === null && types(s).includes("object")) {
      const fs = fieldset(parent, labelOf(key), path);
      const p = document.createElement("p");
      p.textContent = T.none;
      fs.append(p);
      button(fs, fill(T.addItem, { list: labelOf(key) }), "add", parts);
    } else {
      buildLeaf(parent, val, s, parts, key, nameOf(parts, key));
    }
  }

  const isDate = (v) => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) && !isNaN(Date.parse(v + "T00:00:00Z")) &&
    new Date(v + "T00:00:00Z").toISOString().startsWith(v);

  function buildLeaf(parent, val, schema, parts, key, label) {
    const path = pathOf(parts), s = resolve(schema);
    const wrap = document.createElement("div");
    wrap.className = "field";
    wrap.dataset.path = path;
    const lab = document.createElement("label");
    lab.textContent = label;
    let ctl;
    const category = categoryOf(s.enum);
    if (typeof val === "boolean") {
      ctl = document.createElement("input");
      ctl.type = "checkbox";
      ctl.checked = val;
      wrap.classList.add("check");
    } else if (category && (val === null || typeof val === "string")) {
      ctl = document.createElement("select");
      const options = s.enum.filter((v) => v !== null).map((v) => [v, category[v]]);
      if (val === null || s.enum.includes(null) || types(s).includes("null")) options.unshift(["", T.none]);
      else if (val === "") {
        options.unshift(["", T.choose]); // not picked yet: a finding until it is
        ctl.dataset.choose = "1";
      }
      if (val !== null && val !== "" && !s.enum.includes(val)) options.push([val, val]);
      for (const [code, text] of options) ctl.add(new Option(text, code));
      ctl.value = val ?? "";
    } else if (LONG.has(key) || (typeof val === "string" && val.length > 70)) {
      ctl = document.createElement("textarea");
      ctl.value = val ?? "";
    } else {
      ctl = document.createElement("input");
      ctl.type = s.format === "date" && (val === "" || isDate(val)) ? "date" : "text";
      ctl.value = val ?? "";
    }
    ctl.id = idOf(path);
    lab.htmlFor = ctl.id;
    ctl.dataset.path = path;
    ctl.dataset.parts = JSON.stringify(parts);
    if (ctl.type === "checkbox") wrap.append(ctl, lab);
    else wrap.append(lab, ctl);
    parent.append(wrap);
  }

  // Adding and removing entries of a list (or an optional object) changes the decision, redraws
  // the form and puts focus where the caseworker goes on: the new entry, or the list's button.
  form.addEventListener("click", (e) => {
    const b = e.target.closest("button[data-action]");
    if (!b || !model || !readable) return;
    const parts = JSON.parse(b.dataset.list);
    if (b.dataset.action === "undo") {
      let list = model;
      for (const p of parts.slice(0, -1)) list = list == null ? list : list[p];
      const at = parts[parts.length - 1];
      if (Array.isArray(list) && undo) list.splice(Math.min(at, list.length), 0, undo.item);
      undo = null;
      changed(pathOf(parts));
      return;
    }
    let schema = schemaOf(model), o = model;
    for (const p of parts.slice(0, b.dataset.action === "remove" ? -1 : undefined)) {
      const s = resolve(schema);
      schema = typeof p === "number" ? s.items : (s.properties || {})[p];
      o = o[p];
    }
    let focus;
    if (b.dataset.action === "remove") {
      const before = resultOf(model);
      undo = { parts, item: o.splice(parts[parts.length - 1], 1)[0], name: b.dataset.name };
      const after = resultOf(model);
      undo.change = before && after && before !== after ? fill(T.resultChanged, { from: before, to: after }) : "";
      focus = pathOf(parts.slice(0, -1));
    } else if (Array.isArray(o)) {
      o.push(blank(resolve(schema).items));
      focus = pathOf([...parts, o.length - 1]);
    } else {
      setAt(model, parts, blank({ ...resolve(schema), type: "object" }));
      focus = pathOf(parts);
    }
    changed(focus);
  });

  // changed redraws the form after a change of the decision's shape and puts focus where the
  // caseworker goes on: the entry's first field, or its list's first button ("Fortryd" after
  // a removal).
  function changed(focus) {
    jsonArea.value = JSON.stringify(model, null, 2);
    build();
    const box = form.querySelector(`[data-path="${CSS.escape(focus)}"]`);
    const target = box && (box.matches("[data-parts]") ? box : box.querySelector("button.undo, [data-parts], button"));
    if (target) target.focus();
    edited();
  }

  function onField(e) {
    const ctl = e.target;
    if (!ctl.dataset || !ctl.dataset.parts || !model || !readable) return; // locked: the JSON box rules
    let v = ctl.type === "checkbox" ? ctl.checked : ctl.value;
    if (ctl.tagName === "SELECT" && v === "") v = ctl.dataset.choose ? "" : null;
    setAt(model, JSON.parse(ctl.dataset.parts), v);
    jsonArea.value = JSON.stringify(model, null, 2);
    edited();
  }
  form.addEventListener("input", onField);
  form.addEventListener("change", onField);

  // ----- the JSON text
  // jsonError says in Danish where the JSON breaks, by line and column (the browser's message
  // gives a position, in its own language).
  function jsonError(text, message) {
    let m = /line (\d+) column (\d+)/.exec(message);
    if (!m && (m = /position (\d+)/.exec(message))) {
      const before = text.slice(0, Number(m[1])).split("\n");
      m = [null, before.length, before[before.length - 1].length + 1];
    }
    if (!text.trim()) return T.jsonEmpty;
    return m ? fill(T.jsonErrorAt, { line: m[1], col: m[2] }) : T.jsonErrorSomewhere;
  }

  // lock makes the form read-only while the JSON box cannot be read, and says why: the JSON
  // box is then the one source of truth, and nothing typed there is rewritten by the form.
  function lock(yes) {
    for (const c of form.querySelectorAll("input, select, textarea, button")) {
      if (c.tagName === "SELECT" || c.tagName === "BUTTON" || c.type === "checkbox") c.disabled = yes;
      else c.readOnly = yes;
    }
    stdPicker.disabled = yes;
    $("form-locked").hidden = !yes;
    if (yes) form.setAttribute("aria-describedby", "form-locked");
    else form.removeAttribute("aria-describedby");
  }

  function fromText() {
    const err = $("json-error");
    try {
      model = JSON.parse(jsonArea.value);
      readable = true;
      lock(false);
      err.hidden = true;
      jsonArea.removeAttribute("aria-invalid");
    } catch (e) {
      readable = false;
      err.textContent = jsonError(jsonArea.value, e.message);
      err.hidden = false;
      jsonArea.setAttribute("aria-invalid", "true");
      jsonArea.setAttribute("aria-describedby", "json-error");
      lock(true);
      stale(err.textContent);
      return;
    }
    build();
    edited();
  }
  jsonArea.addEventListener("input", fromText);

  function load(obj) {
    model = structuredClone(obj);
    readable = true;
    lock(false);
    undo = null;
    noteResult(true);
    noteOffers(true);
    jsonArea.value = JSON.stringify(model, null, 2);
    $("json-error").hidden = true;
    build();
    check();
  }

  // ----- the standard: the caseworker may name a version; without one, the service takes the
  // version in force on the letter's date, and the page says which it used.
  const stdPicker = $("standard");
  function showStandard() {
    const named = model && typeof model === "object" && typeof model.standard === "string" ? model.standard : "";
    if (named && ![...stdPicker.options].some((o) => o.value === named)) stdPicker.add(new Option(named, named));
    stdPicker.value = named;
  }
  stdPicker.addEventListener("change", () => {
    if (!readable || !model || typeof model !== "object" || Array.isArray(model)) return;
    if (stdPicker.value) model.standard = stdPicker.value;
    else delete model.standard;
    jsonArea.value = JSON.stringify(model, null, 2);
    edited();
  });
  function standardUsed(id) {
    $("standard-used").textContent = id ? fill(T.standardUsed, { name: data.standards[id] || id }) : "";
  }
  // ----- where the decision on screen came from, so that nothing is replaced without asking.
  // source is "example", "handover" (from the case system) or "own" (a file); loadedBody is
  // the body as it was loaded. The picker names the example on screen, or none.
  const picker = $("example");
  let source = "none", sourceName = "", loadedBody = null;
  function setSource(kind, name) {
    source = kind;
    sourceName = name || "";
    loadedBody = body();
    syncPicker();
  }
  // syncPicker names what is on screen: an example as loaded, an edited example as such (its
  // result may no longer be what its name says), a handed-over decision, or a file.
  function syncPicker() {
    const editedExample = source === "example" && body() !== loadedBody;
    const option = source === "example" && picker.querySelector(`option[value="${CSS.escape(sourceName)}"]`);
    $("example-current").textContent = source === "handover" ? T.sourceHandover : source === "own" ? T.sourceOwn
      : editedExample && option ? fill(T.sourceEdited, { name: option.textContent }) : T.sourceNone;
    picker.value = source === "example" && !editedExample ? sourceName : "";
  }
  // A handed-over decision, edits and text that cannot be read are lost when replaced: ask.
  const mustAsk = () => source === "handover" || !readable || body() !== loadedBody;
  function confirmReplace(what) {
    if (!mustAsk()) return Promise.resolve(true);
    const dlg = $("replace-dialog");
    const text = source === "handover" ? T.replaceHandover : !readable ? T.replaceUnreadable : T.replaceEdited;
    $("replace-text").textContent = fill(text, { what });
    dlg.returnValue = "";
    dlg.showModal();
    return new Promise((resolve) => dlg.addEventListener("close", () => resolve(dlg.returnValue === "replace"), { once: true }));
  }
  picker.addEventListener("change", async () => {
    const name = picker.value, revert = syncPicker;
    if (!name || !(await confirmReplace(fill(T.replaceExample, { name: picker.selectedOptions[0].textContent })))) {
      revert();
      return;
    }
    load(data.examples[name]);
    setSource("example", name);
  });
  $("upload").addEventListener("change", async (e) => {
    const f = e.target.files[0];
    if (!f) return;
    if (await confirmReplace(fill(T.replaceFile, { name: f.name }))) {
      jsonArea.value = await f.text();
      $("json-box").open = true;
      undo = null;
      noteResult(true);
      noteOffers(true);
      fromText();
      setSource("own");
    }
    e.target.value = "";
  });

  // ----- checking and previewing
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(check, 350);
  }

  // edited: the decision on screen changed, so nothing checked before holds for it until the
  // service has answered for this very body.
  function edited() {
    noteResult(false);
    syncPicker();
    validBody = null;
    buttons();
    schedule();
  }

  // buttons sets every download button (and only here): a letter can be fetched for the body
  // on screen unless it cannot be read or the service could not draw it or did not answer for
  // it (blockedBody); the final letter only for the very body the service found valid.
  let blockedBody = null;
  function buttons() {
    const b = body(), fetchable = b !== null && b !== blockedBody, final = fetchable && b === validBody;
    $("download-draft").disabled = !fetchable;
    $("download-final").disabled = !final;
    $("download-message").disabled = !final;
    $("final-hint").hidden = final;
  }

  // letterMatches marks the letter frame as showing, or not showing, the decision on screen,
  // and says why not (why is one of fields.json's stale* sentences).
  function letterMatches(yes, why) {
    document.querySelector(".preview").classList.toggle("stale", !yes);
    $("letter-stale").hidden = yes;
    if (!yes) $("letter-stale").textContent = why || T.staleUnreadable;
  }

  // stale: the screen holds something that cannot be read, so the letter, the timeline and the
  // status say so, and nothing can be downloaded until it reads again.
  function stale(message) {
    seq++;
    clearTimeout(timer);
    validBody = null;
    clearFindings();
    setStatus(message, false);
    letterMatches(false, T.staleUnreadable);
    $("timeline").replaceChildren();
    buttons();
  }

  // The credential: a token typed once and kept for this tab only (sessionStorage), sent as a
  // bearer token; behind a reverse proxy that authenticates caseworkers, none is needed here.
  const TOKEN_KEY = "afgorelsesbreve-token";
  async function post(url, body, accept) {
    const headers = { "Content-Type": "application/json", Accept: accept };
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = "Bearer " + token;
    const res = await fetch(url, { method: "POST", headers, body, credentials: "same-origin" });
    if (res.status === 401) {
      $("token-form").hidden = false;
      $("token").focus();
      throw new Error("unauthorized");
    }
    return res;
  }
  $("token-form").addEventListener("submit", (e) => {
    e.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $("token").value.trim());
    $("token").value = "";
    $("token-form").hidden = true;
    check();
  });

  async function check() {
    const mine = ++seq, sent = body();
    if (sent === null) return;
    noteOffers(false);
    statusBox.textContent = T.checking;
    statusBox.className = ""; // neither ok nor bad until the service has answered for this body
    try {
      const [v, p] = await Promise.all([post("/v1/validations", sent, "application/json"), post("/v1/previews", sent, "text/html")]);
      if (v.status >= 500 || p.status >= 500) throw new Error("down");
      const [answer, html] = await Promise.all([v.json(), p.ok ? p.text() : null]);
      if (mine !== seq) return; // a newer edit is on its way
      $("retry").hidden = true;
      standardUsed(v.ok ? answer.standard : "");
      if (v.ok) {
        showFindings(answer);
        timeline(answer.dates || {});
      } else {
        showFindings({ valid: false, errors: answer.errors || [], warnings: [], problem: answer.detail });
        $("timeline").replaceChildren();
      }
      validBody = v.ok && answer.valid ? sent : null;
      notInForce = (v.ok && (answer.warnings || []).find((w) => w.rule === "standard_not_in_force")) || null;
      blockedBody = html === null ? sent : null;
      if (html !== null) showLetter(html);
      letterMatches(html !== null, T.staleService);
      buttons();
    } catch (e) {
      if (mine !== seq) return;
      failed(e, sent);
    }
  }

  // failed: the service did not answer (or the token is missing) for sent. Nothing can be
  // fetched for it; the page says so and offers "Prøv igen".
  function failed(e, sent) {
    const unauthorized = e.message === "unauthorized";
    setStatus(unauthorized ? T.unauthorized : T.network, false);
    $("retry").hidden = unauthorized;
    validBody = null;
    blockedBody = sent;
    letterMatches(false, unauthorized ? T.staleUnauthorized : T.staleDown);
    buttons();
  }
  $("retry").addEventListener("click", () => check());

  // showLetter replaces the letter and keeps the reader's place in it.
  function showLetter(html) {
    const win = letter.contentWindow, y = win && win.document.documentElement ? win.scrollY : 0;
    letter.addEventListener("load", () => {
      letter.contentWindow.scrollTo(0, y);
      letterSays();
    }, { once: true });
    letter.srcdoc = html;
  }

  // letterSays shows, beside the facts, the target-group sentence the letter prints, so that
  // the caseworker sees a fact and the reason the citizen reads side by side.
  function letterSays() {
    document.querySelectorAll(".letter-says").forEach((n) => n.remove());
    const said = letter.contentDocument && letter.contentDocument.querySelector('[data-ref="decision.assessment.target_group"]');
    const facts = form.querySelector('fieldset[data-path="assessment.facts"], fieldset[data-path="decision.assessment.facts"]');
    if (!said || !facts) return;
    const p = document.createElement("p");
    p.className = "letter-says";
    p.textContent = fill(T.letterSays, { text: said.textContent });
    facts.querySelector("legend").after(p);
  }

  function setStatus(text, ok) {
    statusBox.textContent = text;
    statusBox.className = ok ? "ok" : "bad";
  }

  function clearFindings() {
    document.querySelectorAll(".finding.dyn").forEach((n) => n.remove());
    form.querySelectorAll("[aria-invalid]").forEach((n) => {
      n.removeAttribute("aria-invalid");
      n.removeAttribute("aria-describedby");
    });
    $("other-findings").replaceChildren();
  }

  // fieldName names a field as the caseworker sees it, in the words of the form and the letter,
  // never as a JSON path: "Bevilget nr. 1 (Aktivitetscentret Solsikken), startdato" (the
  // server's draft box says the same without the entry's own name).
  function fieldName(path) {
    const parts = [], names = [];
    path.replace(/([^.[\]]+)|\[(\d+)\]/g, (_, k, i) => parts.push(k !== undefined ? k : Number(i)));
    let o = model;
    for (const [i, p] of parts.entries()) {
      o = o == null ? undefined : o[p];
      if (typeof p !== "number") continue;
      if (i === parts.length - 1) {
        const one = itemName(parts[i - 1], p, true);
        names.push(names.length ? lowerFirst(one) : one);
        continue;
      }
      const own = o && (o.offer || o.help || o.name);
      names.push(itemName(parts[i - 1], p, false) + (typeof own === "string" && own ? ` (${own})` : ""));
    }
    const last = parts[parts.length - 1];
    if (typeof last === "string") {
      const leaf = nameOf(parts, last);
      names.push(names.length ? lowerFirst(leaf) : leaf);
    }
    return names.join(", ") || path;
  }

  function findTarget(path) {
    for (let p = path; p; p = parentPath(p)) {
      const el = form.querySelector(`[data-path="${CSS.escape(p)}"]`);
      if (el) return el;
    }
    return null;
  }

  // pageFindings adds what the page itself sees to the service's answer: a choice not picked
  // yet is one finding beside its select (in place of the service's own for that field).
  function pageFindings(res) {
    const unpicked = [...form.querySelectorAll("select[data-choose]")].filter((s) => s.value === "").map((s) => s.dataset.path);
    // A date the service cannot use, in a field with a calendar: the message says to pick one
    // (the service's asks for year-month-day, which fits a text field, not a calendar).
    const picker = (f) => f.rule === "invalid_format" && form.querySelector(`input[type=date][data-path="${CSS.escape(f.field)}"]`);
    const errors = (res.errors || []).filter((f) => !unpicked.includes(f.field)).map((f) => (picker(f) ? { ...f, message: T.datePick } : f));
    for (const field of unpicked) errors.push({ field, rule: "unpicked", message: T.unpicked });
    const warnings = [...(res.warnings || [])], named = transportNamesOther();
    if (named) warnings.push({ field: named.field, rule: "transport_offer_not_granted", message: fill(T.transportOffer, { name: named.name }) });
    return { ...res, errors, warnings };
  }

  // ----- the offers the transport text may name: every offer and refused help the decision has
  // held since it was loaded (noted as each body is checked), so that a renamed offer is known.
  let offersSeen = new Set();
  function noteOffers(fresh) {
    if (fresh) offersSeen = new Set();
    const d = readable && model && typeof model === "object" ? (model.decision && typeof model.decision === "object" ? model.decision : model) : {};
    for (const g of Array.isArray(d.granted) ? d.granted : []) if (g && typeof g.offer === "string" && g.offer.trim()) offersSeen.add(g.offer.trim());
    for (const r of Array.isArray(d.refused) ? d.refused : []) if (r && typeof r.help === "string" && r.help.trim()) offersSeen.add(r.help.trim());
  }
  // transportNamesOther finds an offer the transport text names that is not granted (one the
  // caseworker renamed, or refused): the citizen would be driven to the wrong place.
  function transportNamesOther() {
    if (!readable || !model || typeof model !== "object") return null;
    const inner = model.decision && typeof model.decision === "object", d = inner ? model.decision : model;
    const means = d.transport && typeof d.transport.means === "string" ? d.transport.means.toLowerCase() : "";
    if (!means) return null;
    const granted = (Array.isArray(d.granted) ? d.granted : []).map((g) => (g && typeof g.offer === "string" ? g.offer.toLowerCase() : ""));
    const name = [...offersSeen].find((n) => n.length >= 4 && means.includes(n.toLowerCase()) && !granted.some((g) => g.includes(n.toLowerCase())));
    return name ? { name, field: (inner ? "decision." : "") + "transport.means" } : null;
  }

  function showFindings(res) {
    clearFindings();
    res = pageFindings(res);
    const all = [...(res.errors || []).map((f) => ["error", f]), ...(res.warnings || []).map((f) => ["warning", f])];
    let n = 0;
    const summary = document.createElement("ul");
    for (const [kind, f] of all) {
      const msg = document.createElement("p");
      msg.className = `finding ${kind} dyn`;
      msg.id = `finding-${++n}`;
      msg.dataset.rule = f.rule;
      msg.dataset.field = f.field;
      const tag = document.createElement("span");
      tag.className = "tag";
      tag.textContent = (kind === "error" ? "✖ " + T.error : "⚠ " + T.warning) + ":";
      msg.append(tag, document.createTextNode(" " + f.message));
      const target = f.field ? findTarget(f.field) : null;
      const li = document.createElement("li");
      if (target && target.tagName === "FIELDSET") {
        target.querySelector("legend").after(msg);
        if (target.dataset.path !== f.field) msg.append(document.createTextNode(` (${fieldName(f.field)})`));
      } else if (target) {
        target.append(msg);
        const ctl = target.querySelector("[data-parts]");
        if (ctl && target.dataset.path === f.field) {
          if (kind === "error") ctl.setAttribute("aria-invalid", "true");
          ctl.setAttribute("aria-describedby", [ctl.getAttribute("aria-describedby"), msg.id].filter(Boolean).join(" "));
        } else {
          msg.append(document.createTextNode(` (${fieldName(f.field)})`));
        }
      }
      if (target) {
        // The summary links to the finding beside its field and puts focus in the field.
        const a = document.createElement("a");
        a.href = "#" + msg.id;
        a.append(`${tag.textContent} ${fieldName(f.field)}`);
        a.addEventListener("click", (e) => {
          const ctl = target.matches("[data-parts]") ? target : target.querySelector("[data-parts], select, input, textarea");
          if (!ctl) return;
          e.preventDefault();
          ctl.focus();
          ctl.scrollIntoView({ block: "center" });
        });
        li.append(a);
      } else {
        msg.append(document.createTextNode(f.field ? ` (${fieldName(f.field)})` : ""));
        li.append(msg);
      }
      summary.append(li);
    }
    if (summary.children.length) {
      const p = document.createElement("p");
      p.textContent = T.findings;
      $("other-findings").append(p, summary);
    }
    const errors = (res.errors || []).length, warnings = (res.warnings || []).length;
    const wrong = (res.errors || []).find((f) => f.field);
    if (res.problem) setStatus(`${T.malformed} ${wrong ? `${fieldName(wrong.field)}: ${wrong.message}` : res.problem}`, false);
    else if (errors) setStatus(fill(T.invalid, { n: errors }) + (warnings ? " " + fill(T.warnings, { n: warnings }) : ""), false);
    else setStatus(warnings ? T.validWithWarnings : T.valid, true);
  }

  // ----- the timeline: the case's dates in order, evenly spaced, with their dates written out
  const short = (iso) => {
    const [y, m, d] = iso.split("-").map(Number);
    return `${d}. ${T.months[m - 1]} ${y}`;
  };

  // dateEvents collects the dates to draw: those the letter was given (the model) and those the
  // service computed (dates), each once, under its Danish label.
  function dateEvents(dates) {
    const seen = new Map();
    const add = (key, d) => {
      if (T[key] && isDate(d) && !seen.has(key)) seen.set(key, d);
    };
    const m = model || {};
    const letter = m.decision || m; // a reassessment's decision
    const grant = (letter.granted && letter.granted[0]) || {};
    for (const key of ["application_received_date", "letter_date", "complaint_received_date", "original_decision_date"]) add(key, m[key]);
    add("decision_date", letter.decision_date);
    add("start_date", grant.start_date || m.start_date);
    add("meeting", m.meeting && m.meeting.date);
    const walk = (o) => {
      for (const [key, v] of Object.entries(o || {})) {
        if (typeof v === "string") add(key, v);
        else if (Array.isArray(v)) walk(v[0]);
        else if (v && typeof v === "object") walk(v);
      }
    };
    walk(dates);
    if (seen.get("letter_received") === (m.letter_date || letter.decision_date)) seen.delete("letter_received");
    return [...seen.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  }

  // The timeline is an ordered list, one entry per date in date order, laid out by CSS as a
  // grid that wraps: no two labels can overlap at any width, and the text is ordinary text.
  function timeline(dates) {
    const events = dateEvents(dates);
    const box = $("timeline");
    box.replaceChildren();
    if (!events.length) return;
    const ol = document.createElement("ol");
    ol.className = "tl";
    const limit = dates.start_limit || (dates.decision && dates.decision.start_limit);
    for (const [k, d] of events) {
      const li = document.createElement("li");
      li.className = "tl-" + k.replace(/_/g, "-");
      const late = k === "start_date" && limit && d > limit;
      if (late) li.classList.add("late");
      const label = document.createElement("span");
      label.className = "tl-label";
      label.textContent = T[k] + (late ? " " + T.late : "");
      const time = document.createElement("time");
      time.dateTime = d;
      time.textContent = short(d);
      li.append(label, " ", time);
      ol.append(li);
    }
    box.append(ol);
  }

  // ----- downloads
  function save(blob, name) {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.append(a);
    a.click();
    setTimeout(() => {
      URL.revokeObjectURL(a.href);
      a.remove();
    }, 1000);
  }
  const nameFrom = (res, fallback) => (/filename="([^"]+)"/.exec(res.headers.get("Content-Disposition") || "") || [])[1] || fallback;

  // notInForce is the service's warning that the standard the valid body is checked under is
  // not in force on its date: the final download then asks first.
  let notInForce = null;
  function confirmStandard(message) {
    const dlg = $("confirm-dialog");
    $("confirm-text").textContent = message;
    dlg.returnValue = "";
    dlg.showModal();
    return new Promise((resolve) => dlg.addEventListener("close", () => resolve(dlg.returnValue === "ok"), { once: true }));
  }

  // Each download sends the decision on screen at the moment of the click, and the final letter
  // only when that very body was found valid.
  $("download-draft").addEventListener("click", async () => {
    const sent = body();
    if (sent === null || sent === blockedBody) return;
    try {
      const res = await post("/v1/previews", sent, "application/pdf");
      if (res.status >= 500) throw new Error("down");
      if (res.ok) save(await res.blob(), nameFrom(res, "udkast.pdf"));
      else check(); // the service says why
    } catch (e) {
      failed(e, sent);
    }
  });
  // The final letter, as PDF or as a Digital Post message: sent only when the body on screen is the one found valid, and, under a
  // standard not in force on its date, only after the caseworker confirms. Every final download
  // (route, accept, file name) goes through here. A problem with findings marks the decision as
  // not valid; one without is returned for the caller to show.
  async function downloadFinal(route, accept, fallback) {
    const sent = body();
    if (sent === null || sent !== validBody) return null;
    if (notInForce && (!(await confirmStandard(notInForce.message)) || body() !== sent || sent !== validBody)) return null;
    try {
      const res = await post(route, sent, accept);
      if (res.status >= 500) throw new Error("down");
      if (res.ok) {
        save(await res.blob(), nameFrom(res, fallback));
        return null;
      }
      const problem = await res.json();
      if (problem.errors || route === "/v1/letters") {
        validBody = null;
        showFindings(problem);
        buttons();
        return null;
      }
      return problem;
    } catch (e) {
      failed(e, sent);
      return null;
    }
  }
  $("download-final").addEventListener("click", () => downloadFinal("/v1/letters", "application/pdf", "brev.pdf"));
  $("download-message").addEventListener("click", async () => {
    const problem = await downloadFinal("/v1/messages", "application/xml", "besked.xml");
    $("message-fault").hidden = !problem;
    $("message-fault").textContent = problem ? problem.detail : "";
  });

  // ----- on a narrow screen the shortcuts stick to the top: what they (and the browser's own
  // scrolling to a focused field) bring into view is kept clear of them.
  const bar = document.querySelector(".jump");
  const pad = () => {
    document.documentElement.style.scrollPaddingTop = getComputedStyle(bar).position === "sticky" ? `${bar.offsetHeight + 8}px` : "";
  };
  new ResizeObserver(pad).observe(bar);
  window.addEventListener("resize", pad);
  pad();

  // The letter frame's focus ring: when focus moves into the letter, the frame itself does not
  // match :focus in Chromium, so the page marks it while it holds the focus.
  const ring = () => letter.classList.toggle("has-focus", document.activeElement === letter);
  window.addEventListener("blur", () => setTimeout(ring, 0));
  window.addEventListener("focus", ring);
  document.addEventListener("focusin", ring);
  document.addEventListener("focusout", () => setTimeout(ring, 0));

  // ----- start: a decision handed over by a case system, or the first example
  if (data.token) sessionStorage.setItem(TOKEN_KEY, data.token);
  if (typeof data.initial === "string") {
    jsonArea.value = data.initial;
    $("json-box").open = true;
    fromText();
    setSource("handover");
  } else {
    const first = picker.querySelector("optgroup option").value;
    load(data.examples[first]);
    setSource("example", first);
  }
})();
