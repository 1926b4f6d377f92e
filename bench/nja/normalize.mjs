// normalize.mjs — the normalize-japanese-addresses 3.1.3 side of
// bench/run_nja_bench.sh: normalizes every line of a file with the package's
// API, offline (config.japaneseAddressesApi = the file:// URL of the tree
// write_api_tree.py wrote), one line at a time in order (each `await`ed before
// the next: the README shows one call at a time and says nothing about
// running several at once), and writes one JSON line per input line:
// {input, level, pref, city, town, addr, other}.
//   node normalize.mjs API_DIR INPUT OUTPUT.ndjson
// API_DIR holds ja.json and ja/. Lines are split like gifkit reads them: at
// "\n" (a "\r" before it dropped), a last line without a newline included.
import { readFileSync, writeFileSync, existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { config, normalize, version } from '@geolonia/normalize-japanese-addresses'

const [apiDir, input, output] = process.argv.slice(2)
if (!apiDir || !input || !output) {
  console.error('usage: node normalize.mjs API_DIR INPUT OUTPUT.ndjson')
  process.exit(2)
}
if (!existsSync(resolve(apiDir, 'ja.json'))) {
  console.error(`normalize.mjs: no ja.json in ${apiDir} (run write_api_tree.py)`)
  process.exit(2)
}
// fetches are `${api}${path}`: '.json' for ja.json, '/{pref}/{city}.json?v=…' for a city
config.japaneseAddressesApi = pathToFileURL(resolve(apiDir, 'ja')).href

const text = readFileSync(input, 'utf8')
const lines = text.split('\n')
if (lines[lines.length - 1] === '') lines.pop()
const out = []
for (const raw of lines) {
  const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw
  const r = await normalize(line)
  out.push(
    JSON.stringify({
      input: line,
      level: r.level,
      pref: r.pref ?? '',
      city: r.city ?? '',
      town: r.town ?? '',
      addr: r.addr ?? '',
      other: r.other ?? '',
    }),
  )
}
writeFileSync(output, out.join('\n') + (out.length ? '\n' : ''))
console.error(
  `normalize.mjs: normalize-japanese-addresses ${version}: ${lines.length} lines`,
)
