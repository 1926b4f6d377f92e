// page.js — runs gifkit (gifkit.js: the program compiled to WebAssembly, with the
// models and the published data the checks read) on a file dropped on the page:
// `validate` gives the verdict and the html report, `transform` the fixed file with its
// change log and review list. The file is written to the module's in-memory file
// system and never leaves this computer; the page makes no network request.
"use strict";

const state = { gifkit: null, registry: null };
const $ = (id) => document.getElementById(id);
const decoder = new TextDecoder();
const MODELS = "/gifkit/models";
const DATA = "/gifkit/data";

// The module, for the tests and the console.
function gifkitModule() {
  return state.gifkit;
}

function say(text) {
  $("state").textContent = text;
}

// `gifkit ARGS…` in the page: {code, out, err} with out and err as text.
function gifkit(args) {
  const result = state.gifkit.run(args);
  return { code: result.code, out: result.out, err: decoder.decode(result.err) };
}

function common() {
  const args = ["--models", MODELS, "--data", DATA];
  const model = $("model").value;
  if (model) args.push("--model", model);
  if (state.registry) args.push("--registry", state.registry);
  return args;
}

// The outputs of the last check, by file name (the links' bytes; read by the tests).
window.gifkitDownloads = {};

function download(name, bytes, type) {
  window.gifkitDownloads[name] = bytes;
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([bytes], { type }));
  link.download = name;
  link.textContent = name;
  const item = document.createElement("li");
  item.appendChild(link);
  $("downloads").appendChild(item);
}

function fsRead(path) {
  try {
    return state.gifkit.FS.readFile(path);
  } catch (e) {
    return null;
  }
}

// Validates /work/NAME and shows the verdict and the counts (the first result); then the
// html report, and the fixed file, the change log and the review list of transform.
async function check(name) {
  const started = performance.now();
  const input = "/work/" + name;
  const json = gifkit(["validate", input, "--format", "json", ...common()]);
  const reportText = decoder.decode(json.out);
  let report = null;
  try {
    report = JSON.parse(reportText);
  } catch (e) {
    report = null;
  }
  const verdict = $("verdict");
  $("result").hidden = false;
  $("downloads").textContent = "";
  window.gifkitDownloads = {};
  $("report").removeAttribute("src");
  if (json.code === 0) {
    verdict.textContent = "✓ " + name + ": valid (exit 0)";
    verdict.className = "ok";
  } else if (json.code === 1) {
    verdict.textContent = "✗ " + name + ": not valid (exit 1)";
    verdict.className = "bad";
  } else {
    verdict.textContent = "! " + name + ": could not be checked (exit " + json.code + ")";
    verdict.className = "error";
  }
  $("counts").textContent = report && report.stats ? summary(report) : json.err.trim();
  if (json.out.length) download(name + ".report.json", json.out, "application/json");
  const resultSeconds = (performance.now() - started) / 1000;
  document.body.dataset.resultSeconds = resultSeconds.toFixed(3);
  say("Checked " + name + " in " + resultSeconds.toFixed(2) + " s, on this computer; writing the report…");
  // Let the verdict show before the rest holds the thread.
  await new Promise((resolve) => setTimeout(resolve, 0));

  const html = gifkit(["validate", input, "--format", "html", "-o", "/work/report.html", ...common()]);
  const page = fsRead("/work/report.html");
  if (page) {
    $("report").src = URL.createObjectURL(new Blob([page], { type: "text/html" }));
    download(name + ".report.html", page, "text/html");
  }
  const stem = name.replace(/\.[^.]*$/, "");
  const fixed = "/work/" + stem + ".gif.csv";
  const transform = gifkit(["transform", input, "-o", fixed, "--log", "/work/changes.ndjson",
    "--review", "/work/review.csv", ...common()]);
  for (const [path, label, type] of [[fixed, stem + ".gif.csv", "text/csv"],
    ["/work/changes.ndjson", stem + ".changes.ndjson", "application/x-ndjson"],
    ["/work/review.csv", stem + ".review.csv", "text/csv"]]) {
    const bytes = fsRead(path);
    if (bytes) download(label, bytes, type);
  }
  if (transform.code > 1) {
    $("counts").textContent += "\ntransform: " + transform.err.trim();
  }
  const seconds = (performance.now() - started) / 1000;
  window.gifkitLast = { name, code: json.code, report, reportText, err: json.err, html: html.code,
    transform: transform.code, transformErr: transform.err, resultSeconds, seconds };
  document.body.dataset.seconds = seconds.toFixed(3);
  document.body.dataset.exitCode = String(json.code);
  document.body.dataset.state = "done";
  say("Checked " + name + " in " + resultSeconds.toFixed(2) + " s (report and fixed file in " +
    seconds.toFixed(2) + " s), on this computer.");
}

// "1,346 rows: 3 errors, 12 warnings" from a json report's stats.
function summary(report) {
  const stats = report.stats;
  return stats.rows.toLocaleString("en") + " rows: " + stats.errors + " errors, " +
    stats.warnings + " warnings, " + stats.infos + " notes";
}

function clearWork() {
  const FS = state.gifkit.FS;
  for (const entry of FS.readdir("/work")) {
    if (entry !== "." && entry !== "..") FS.unlink("/work/" + entry);
  }
}

async function openFile(file) {
  if (!state.gifkit) return;
  document.body.dataset.state = "running";
  say("Checking " + file.name + "…");
  const bytes = new Uint8Array(await file.arrayBuffer());
  clearWork();
  state.gifkit.FS.writeFile("/work/" + file.name, bytes);
  // Let the page show its state before the check holds the thread.
  await new Promise((resolve) => setTimeout(resolve, 0));
  try {
    await check(file.name);
  } catch (e) {
    document.body.dataset.state = "failed";
    say("The check failed: " + e);
  }
}

async function openRegistry(file) {
  const FS = state.gifkit.FS;
  const path = "/registry/" + file.name;
  FS.writeFile(path, new Uint8Array(await file.arrayBuffer()));
  const info = gifkit(["registry", "info", path]);
  if (info.code === 0) {
    state.registry = path;
    $("registry-note").textContent = "Registry " + file.name + ": the registry checks are made.";
  } else {
    state.registry = null;
    $("registry-note").textContent = "Not a registry gifkit can read: " + info.err.trim();
  }
}

function listModels() {
  const list = gifkit(["model", "list", "--format", "json"]);
  if (list.code !== 0) return;
  let models = [];
  try {
    models = JSON.parse(decoder.decode(list.out));
  } catch (e) {
    return;
  }
  for (const model of Array.isArray(models) ? models : models.models || []) {
    const option = document.createElement("option");
    option.value = model.id;
    option.textContent = model.id + (model.label ? " — " + model.label : "");
    $("model").appendChild(option);
  }
}

async function start() {
  const started = performance.now();
  state.gifkit = await createGifkit();
  state.gifkit.FS.mkdir("/work");
  state.gifkit.FS.mkdir("/registry");
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  document.body.dataset.startSeconds = seconds;
  // Since the page was asked for: its files read, the program compiled and started.
  document.body.dataset.readySeconds = (performance.now() / 1000).toFixed(3);
  document.body.dataset.state = "ready";
  say("Ready (gifkit " + state.gifkit.version() + ", started in " + seconds + " s). Drop a file.");
  // The models are listed when the list is first opened: reading them all takes as long
  // as a check, and most files pick their model by the header.
  const models = $("model");
  const listOnce = () => {
    if (models.options.length <= 1) listModels();
  };
  models.addEventListener("focus", listOnce);
  models.addEventListener("pointerdown", listOnce);
  $("file").addEventListener("change", (event) => {
    if (event.target.files.length) openFile(event.target.files[0]);
  });
  $("registry").addEventListener("change", (event) => {
    if (event.target.files.length) openRegistry(event.target.files[0]);
  });
  const drop = $("drop");
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    if (event.dataTransfer.files.length) openFile(event.dataTransfer.files[0]);
  });
}

start().catch((e) => {
  document.body.dataset.state = "failed";
  say("The checker could not start: " + e);
});
