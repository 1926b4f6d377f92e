// app.js — the behaviour of gifkit serve's page (index.html): each form asks
// the service's JSON API on the same origin and shows the answer as tables in
// its aria-live result region; API errors ({"error":{"code","message"}}) are
// shown as messages. Plain JavaScript, no framework, nothing from elsewhere.
"use strict";

// ---- small helpers ---------------------------------------------------------

// An element with attributes and children (strings become text nodes).
function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

// A failure the API explained: status, code and message.
class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

// Fetches path on this origin; the parsed JSON answer, or throws ApiError.
async function api(path, options) {
  let response;
  try {
    response = await fetch(path, options);
  } catch (failure) {
    throw new ApiError(0, "network", "サーバーに接続できません (cannot reach the server): " + failure.message);
  }
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch (_) {
    body = null;
  }
  if (!response.ok) {
    const error = body && body.error ? body.error : {};
    throw new ApiError(response.status, error.code || "http-" + response.status,
                       error.message || text.slice(0, 200) || response.statusText);
  }
  return body;
}

// Replaces the content of the result region with nodes.
function show(region, ...nodes) {
  region.replaceChildren(...nodes.filter((node) => node !== null && node !== undefined));
}

// A message for an error (an ApiError or anything thrown).
function errorMessage(error) {
  const code = error.code ? ` [${error.code}${error.status ? " " + error.status : ""}]` : "";
  return el("p", { class: "error", role: "alert" }, "エラー (error)" + code + ": " + error.message);
}

// Runs task for a form's result region: a busy note first, errors as messages.
async function run(region, task) {
  region.setAttribute("aria-busy", "true");
  show(region, el("p", { class: "busy" }, "処理中… (working)"));
  try {
    await task();
  } catch (error) {
    show(region, errorMessage(error));
  } finally {
    region.removeAttribute("aria-busy");
  }
}

// A table: caption, header labels, rows of cells (strings or nodes).
function table(caption, headers, rows, className) {
  return el("table", { class: className || null },
    el("caption", {}, caption),
    el("thead", {}, el("tr", {}, headers.map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, rows.map((cells) => el("tr", {}, cells.map((c) => el("td", {}, c))))));
}

// A two-column table of label → value, skipping empty values.
function facts(caption, pairs) {
  const rows = pairs.filter(([, value]) => value !== "" && value !== null && value !== undefined)
    .map(([label, value]) => el("tr", {}, el("th", { scope: "row" }, label), el("td", {}, value)));
  return el("table", { class: "facts" }, el("caption", {}, caption), el("tbody", {}, rows));
}

function query(parameters) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== "" && value !== null && value !== undefined) search.set(name, value);
  }
  return search.toString();
}

// A link to the GSI map at a point (opened by the person; nothing is fetched).
function mapLink(lat, lon) {
  return el("a", { href: `https://maps.gsi.go.jp/#16/${lat}/${lon}/`, rel: "noopener noreferrer",
                   target: "_blank" }, "地理院地図で見る (GSI map)");
}

// ---- registry info -----------------------------------------------------------

async function loadRegistryInfo() {
  const line = document.getElementById("registry-info");
  try {
    const info = await api("/v1/registry");
    const date = info.dataDate ? `データ日付 ${info.dataDate}` : "データ日付なし";
    line.textContent = `レジストリ (registry): ${date} · gifkit ${info.gifkitVersion || ""}`;
  } catch (error) {
    line.replaceChildren(errorMessage(error));
  }
}

// ---- corporations ------------------------------------------------------------

// A code with its name, as the service answers both (kindName, closeCauseName…:
// the registry's tables, one copy).
function named(code, name) {
  return name ? `${name} (${code})` : code;
}

function addressOf(record) {
  return [record.prefectureName, record.cityName, record.streetNumber].join("") ||
    record.addressOutside || "";
}

// 閉鎖 with its date, or 存続.
function statusOf(record) {
  if (!record.closeDate) return el("span", { class: "open" }, "存続 (open)");
  return el("span", { class: "closed" }, `閉鎖 ${record.closeDate} (closed)`);
}

function corporationFacts(record) {
  return facts(`${record.name} の登記情報 (record)`, [
    ["法人番号 (number)", record.corporateNumber],
    ["商号・名称 (name)", record.name],
    ["フリガナ (furigana)", record.furigana],
    ["英語表記 (English)", record.enName],
    ["法人種別 (kind)", named(record.kind, record.kindName)],
    ["所在地 (address)", addressOf(record)],
    ["郵便番号 (postcode)", record.postCode],
    ["状態 (status)", statusOf(record)],
    ["閉鎖事由 (close cause)", named(record.closeCause, record.closeCauseName)],
    ["承継先法人番号 (successor)", record.successorCorporateNumber],
    ["法人番号指定日 (assigned)", record.assignmentDate],
    ["更新日 (updated)", record.updateDate],
  ]);
}

async function searchCorporations(form, region, offset) {
  const text = form.q.value.trim();
  if (/^\d{13}$/.test(text)) {
    const record = await api(`/v1/corporations/${text}`);
    show(region, corporationFacts(record));
    return;
  }
  const parameters = { [form.field.value]: text, pref: form.pref.value.trim(),
                       open_only: form.open_only.checked ? "1" : "", limit: 20, offset };
  const page = await api(`/v1/corporations?${query(parameters)}`);
  if (page.results.length === 0) {
    show(region, el("p", {}, `「${text}」に一致する法人はありません (no match)`));
    return;
  }
  const rows = page.results.map((r) => [
    el("button", { type: "button", class: "link", "data-number": r.corporateNumber }, r.corporateNumber),
    r.name, r.furigana, named(r.kind, r.kindName), addressOf(r), statusOf(r), r.match]);
  const nodes = [table(`「${text}」の検索結果 ${page.offset + 1}–${page.offset + page.results.length} 件 (results)`,
    ["法人番号", "商号・名称", "フリガナ", "種別", "所在地", "状態", "一致 (match)"], rows)];
  const pager = el("p", { class: "pager" });
  if (page.offset > 0) {
    pager.append(el("button", { type: "button", "data-offset": Math.max(0, page.offset - page.limit) },
                    "← 前へ (previous)"));
  }
  if (page.more) {
    pager.append(el("button", { type: "button", "data-offset": page.offset + page.limit }, "次へ (next) →"));
  }
  nodes.push(pager);
  show(region, ...nodes);
}

function setUpCorporations() {
  const form = document.getElementById("corp-form");
  const region = document.getElementById("corp-result");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(region, () => searchCorporations(form, region, 0));
  });
  region.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    if (button.dataset.number) {
      form.q.value = button.dataset.number;
      run(region, () => searchCorporations(form, region, 0));
    } else if (button.dataset.offset) {
      run(region, () => searchCorporations(form, region, Number(button.dataset.offset)));
    }
  });
}

// ---- addresses ---------------------------------------------------------------

const LEVELS = { unknown: "不明", prefecture: "都道府県まで", city: "市区町村まで", machiaza: "町字まで",
                 machiaza_detail: "町字の先まで", residential_block: "街区まで",
                 residential_detail: "住居番号まで", parcel: "地番まで" };

function coordinates(lat, lon) {
  if (lat === null || lat === undefined || lon === null || lon === undefined) return "";
  return el("span", {}, `${lat}, ${lon} `, mapLink(lat, lon));
}

function addressFacts(result) {
  const level = result.match_level;
  const levelText = LEVELS[level] ? `${LEVELS[level]} (${level})` : level;
  const gif = result.gif || {};
  return facts("正規化の結果 (normalized)", [
    ["入力 (input)", result.input],
    ["正規化した住所 (output)", result.output],
    ["一致レベル (match level)", levelText],
    ["全国地方公共団体コード (lg_code)", result.lg_code],
    ["町字ID (machiaza_id)", result.machiaza_id],
    ["都道府県", result.pref],
    ["郡", result.county],
    ["市区町村", result.city],
    ["政令市区", result.ward],
    ["大字・町", result.oaza_cho],
    ["丁目", result.chome],
    ["小字", result.koaza],
    ["街区 (block)", result.blk_num],
    ["住居番号 (residence)", [result.rsdt_num, result.rsdt_num2].filter(Boolean).join("-")],
    ["地番 (parcel)", [result.prc_num1, result.prc_num2, result.prc_num3].filter(Boolean).join("-")],
    ["残り (others)", result.others],
    ["郵便番号 (postcode)", result.postal_code],
    ["座標 (lat, lon)", coordinates(result.lat, result.lon)],
    ["座標のレベル (coordinate level)", result.coordinate_level],
    ["GIF 住所 (streetAddress)", [gif.prefecture, gif.cityAndCounty, gif.streetAddress, gif.cityBlock]
      .filter(Boolean).join(" ")],
    ["あいまい (ambiguous)", result.ambiguous ? "はい (yes)" : ""],
    ["理由 (reason)", result.reason],
  ]);
}

async function reverseGeocode(form, region) {
  const lat = form.lat.value.trim();
  const lon = form.lon.value.trim();
  const point = el("p", {}, `座標 (point): ${lat}, ${lon} `, mapLink(lat, lon));
  try {
    const answer = await api(`/v1/addresses/reverse?${query({ lat, lon })}`);
    const found = Array.isArray(answer.results) ? answer.results[0] : answer;
    show(region, point, found ? addressFacts(found) : el("p", {}, "住所が見つかりません (none found)"));
  } catch (error) {
    const note = error.status === 404
      ? el("p", { class: "note" }, "この地点の住所はわかりません (no address answered here)")
      : null;
    show(region, point, note, errorMessage(error));
  }
}

function setUpAddresses() {
  const form = document.getElementById("addr-form");
  const region = document.getElementById("addr-result");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(region, async () => {
      const result = await api(`/v1/addresses/normalize?${query({ q: form.q.value.trim() })}`);
      show(region, addressFacts(result));
    });
  });
  const reverse = document.getElementById("rev-form");
  const reverseRegion = document.getElementById("rev-result");
  reverse.addEventListener("submit", (event) => {
    event.preventDefault();
    run(reverseRegion, () => reverseGeocode(reverse, reverseRegion));
  });
}

// ---- characters ----------------------------------------------------------------

// The characters of text as a person sees them (a base with its selector is one).
function characters(text) {
  if (typeof Intl !== "undefined" && Intl.Segmenter) {
    return Array.from(new Intl.Segmenter("ja", { granularity: "grapheme" }).segment(text),
                      (part) => part.segment);
  }
  return Array.from(text);
}

function yesNo(value) {
  return value ? el("span", { class: "yes" }, "○ 含む") : el("span", { class: "no" }, "× 含まない");
}

// The 縮退 replacement: in the set, the candidates, or why there is none.
function replacementOf(info) {
  const replacement = info.replacement || {};
  if (replacement.inSet) return "不要 (in the set)";
  const candidates = (replacement.candidates || []).map((c) => `${c.character} (${c.rule})`);
  if (candidates.length === 0) return `なし (none)${replacement.whyNone ? ": " + replacement.whyNone : ""}`;
  return candidates.join(" / ") + (replacement.unique ? "" : " — 人が選ぶ (a person chooses)");
}

async function checkCharacters(form, region) {
  const set = form.charset.value;
  const distinct = [...new Set(characters(form.q.value).filter((c) => c.trim() !== ""))].slice(0, 60);
  const rows = [];
  let outside = 0;
  for (const character of distinct) {
    let info;
    try {
      info = await api(`/v1/characters/${encodeURIComponent(character)}?${query({ to: set })}`);
    } catch (error) {
      rows.push([el("span", { class: "char" }, character), "", "", "", "", error.message]);
      continue;
    }
    const inSet = info.replacement && info.replacement.inSet;
    if (!inSet) outside += 1;
    rows.push([el("span", { class: "char" }, character), info.codePoints.join(" "), yesNo(info.jisx0208),
               yesNo(info.jisx0213), inSet ? yesNo(true) : el("span", { class: "no" }, "× 集合外"),
               replacementOf(info)]);
  }
  const title = form.charset.selectedOptions[0].textContent;
  const summary = el("p", { class: outside ? "warn" : "ok" }, outside
    ? `${outside} 文字が ${title} にありません (${outside} outside ${set})`
    : `すべて ${title} の文字です (all in ${set})`);
  show(region, summary, table("文字ごとの結果 (per character)",
    ["文字", "符号位置", "JIS X 0208", "JIS X 0213", `選んだ集合: ${title}`, "縮退 (replacement)"], rows, "chars"));
}

function setUpCharacters() {
  const form = document.getElementById("chars-form");
  const region = document.getElementById("chars-result");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(region, () => checkCharacters(form, region));
  });
}

// ---- validate ------------------------------------------------------------------

// The records of a CSV/TSV text: fields split at delimiter, quotes ("" inside).
function parseCsv(text, delimiter) {
  const records = [];
  let record = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field === "") {
      quoted = true;
    } else if (c === delimiter) {
      record.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else {
      field += c;
    }
  }
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

// The text of a file's bytes: UTF-8 (BOM dropped), else Shift_JIS (cp932).
function decode(bytes, encoding) {
  const cp932 = /932|shift|sjis/i.test(encoding || "");
  if (!cp932) {
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch (_) { /* not UTF-8: try Shift_JIS */ }
  }
  return new TextDecoder("shift_jis").decode(bytes);
}

const SHOWN_ROWS = 500;

// The file's rows as a table, the cells with problems marked (class bad).
function dataTable(name, records, problems) {
  const byCell = new Map();
  for (const problem of problems) {
    const key = `${problem.row}:${problem.column}`;
    if (!byCell.has(key)) byCell.set(key, []);
    byCell.get(key).push(problem);
  }
  const header = records[0] || [];
  const width = Math.max(...records.map((r) => r.length), 0);
  const head = el("tr", {}, el("th", { scope: "col" }, "行 (row)"),
    Array.from({ length: width }, (_, i) => el("th", { scope: "col", class: byCell.has(`1:${i + 1}`) ? "bad" : null },
                                                header[i] === undefined ? "" : header[i])));
  const body = records.slice(1, SHOWN_ROWS + 1).map((record, index) => {
    const row = index + 2;  // the header is row 1
    const rowProblems = byCell.get(`${row}:0`);
    return el("tr", { class: rowProblems ? "bad-row" : null, "data-row": row },
      el("th", { scope: "row", title: rowProblems ? rowProblems.map((p) => p.message).join("\n") : null }, row),
      Array.from({ length: width }, (_, i) => {
        const found = byCell.get(`${row}:${i + 1}`);
        const value = record[i] === undefined ? "" : record[i];
        if (!found) return el("td", { "data-column": i + 1 }, value);
        const message = found.map((p) => `${p.code}: ${p.message}`).join("\n");
        return el("td", { class: "bad", "data-column": i + 1, title: message },
                  value, el("span", { class: "sr-only" }, ` (問題: ${message})`));
      }));
  });
  const more = records.length - 1 > SHOWN_ROWS
    ? el("p", { class: "note" }, `先頭 ${SHOWN_ROWS} 行のみ表示 (first ${SHOWN_ROWS} rows shown)`) : null;
  return [el("div", { class: "scroll tall" },
    el("table", { class: "data" }, el("caption", {}, `${name} のデータ (問題のあるセルに印) — data, bad cells marked`),
       el("thead", {}, head), el("tbody", {}, body))), more];
}

function problemsTable(problems) {
  const severity = { error: "エラー", warning: "警告", info: "情報" };
  return el("div", { class: "scroll" }, table("問題の一覧 (problems)",
    ["行", "列", "項目", "値", "重要度", "コード", "内容 (message)", "修正案 (suggestion)"],
    problems.map((p) => [String(p.row), String(p.column), p.field || "", p.value || "",
                         el("span", { class: p.severity }, severity[p.severity] || p.severity),
                         el("code", {}, p.code), p.message, p.suggestion || ""]), "problems"));
}

// What the page offers when no model fits a file (no-model-fits): the
// models of GET /v1/models in a list; choosing one validates the file again
// with it (retry).
async function modelChooser(retry) {
  const answer = await api("/v1/models");
  const select = el("select", { id: "val-model-list", name: "model-list" },
    el("option", { value: "" }, "— モデルを選ぶ (choose a model) —"),
    answer.models.map((m) => el("option", { value: m.id },
      `${m.id} ${m.label}${m.fileName ? " _" + m.fileName : ""} (${m.items} 項目${m.partial ? ", partial" : ""})`)));
  select.addEventListener("change", () => {
    if (select.value) retry(select.value);
  });
  return el("p", { class: "note" }, el("label", { for: "val-model-list" },
    "合うモデルがありません。一覧からモデルを選んでください (no model fits: choose a model in the list) "), select);
}

// A file the service could not validate (422: no-model-fits, file-error) is
// shown as a report of that one problem on the whole file, not as a failure.
function unvalidatedReport(error) {
  return { valid: false, tasks: [{ model: "", stats: {}, errors: [
    { row: 0, column: 0, field: "", value: "", severity: "error", code: error.code,
      message: error.message, suggestion: "" }] }] };
}

async function validateFile(file, model, region, retry) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const parameters = { filename: file.name, format: "json", model };
  let report;
  try {
    report = await api(`/v1/validate?${query(parameters)}`, { method: "POST", body: bytes,
      headers: { "Content-Type": "application/octet-stream" } });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 422) throw error;
    report = unvalidatedReport(error);
  }
  const task = (report.tasks || [])[0] || {};
  const problems = task.errors || [];
  const noModel = problems.some((p) => p.code === "no-model-fits");
  for (const p of problems) {  // the CLI's --model is not the page's way
    if (p.code === "no-model-fits") p.suggestion = "一覧からモデルを選んでください (choose a model in the list)";
  }
  const stats = task.stats || report.stats || {};
  const verdict = el("p", { class: report.valid ? "ok" : "warn", id: "val-verdict" },
    `${report.valid ? "合格 (PASS)" : "不合格 (FAIL)"} — ${file.name}: モデル ${task.model || "?"}, ` +
    `${stats.rows ?? "?"} 行, エラー ${stats.errors ?? 0}, 警告 ${stats.warnings ?? 0}, 情報 ${stats.infos ?? 0}` +
    (task.truncated ? " (一部のみ表示 truncated)" : ""));
  const nodes = [verdict];
  if (noModel) nodes.push(await modelChooser(retry));
  if (!/\.xlsx$/i.test(file.name)) {
    const delimiter = task.format === "tsv" || /\.tsv$/i.test(file.name) ? "\t" : ",";
    nodes.push(...dataTable(file.name, parseCsv(decode(bytes, task.encoding), delimiter), problems));
  }
  nodes.push(problems.length ? problemsTable(problems) : el("p", {}, "問題はありません (no problems)"));
  show(region, ...nodes);
}

function setUpValidate() {
  const form = document.getElementById("val-form");
  const region = document.getElementById("val-result");
  const drop = document.getElementById("val-drop");
  const start = (file) => run(region, () => validateFile(file, form.model.value.trim(), region, (model) => {
    form.model.value = model;
    start(file);
  }));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (form.file.files.length > 0) start(form.file.files[0]);
  });
  form.file.addEventListener("change", () => {
    if (form.file.files.length > 0) start(form.file.files[0]);
  });
  for (const type of ["dragenter", "dragover"]) {
    drop.addEventListener(type, (event) => {
      event.preventDefault();
      drop.classList.add("over");
    });
  }
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    const file = event.dataTransfer.files[0];
    if (file) start(file);
  });
}

document.addEventListener("DOMContentLoaded", () => {
  setUpCorporations();
  setUpAddresses();
  setUpCharacters();
  setUpValidate();
  loadRegistryInfo();
});
