// node_run.js — runs the page's program (gifkit.js, the browser build) in Node.js, as a
// command: `node tools/browser/node_run.js build-browser/page/gifkit.js validate FILE -f json`.
// Each argument naming an existing file is copied into the module's in-memory file system
// as /work/NAME (the page does the same with a dropped file) and named so; the standard
// output, the messages and the exit code are the program's. The demo shows with it that
// the page's program gives the command's verdict; the tests use Chromium (e2e 71.x).
"use strict";
const fs = require("fs");
const path = require("path");

async function main() {
  const [script, ...args] = process.argv.slice(2);
  if (!script || !args.length) {
    process.stderr.write("usage: node node_run.js PATH/gifkit.js COMMAND [ARGS…]\n");
    return 2;
  }
  const createGifkit = require(path.resolve(script));
  const gifkit = await createGifkit();
  gifkit.FS.mkdir("/work");
  const given = args.map((arg) => {
    if (!fs.existsSync(arg) || !fs.statSync(arg).isFile()) return arg;
    const inside = "/work/" + path.basename(arg);
    gifkit.FS.writeFile(inside, fs.readFileSync(arg));
    return inside;
  });
  const result = gifkit.run(given);
  process.stdout.write(Buffer.from(result.out));
  process.stderr.write(Buffer.from(result.err));
  return result.code;
}

main().then((code) => { process.exitCode = code; },
  (error) => { process.stderr.write(`node_run.js: ${error}\n`); process.exitCode = 2; });
