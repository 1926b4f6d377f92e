// export_validators.js — the npm validators e2e 46.x (export_e2e.py) runs on
// gifkit model export's output, each printing one JSON line:
//   node export_validators.js table-schema-profile DESCRIPTOR.json
//     {"valid": bool, "errors": [...]}: npm tableschema's own check of a descriptor
//   node export_validators.js table-schema-data DESCRIPTOR.json DATA.csv
//     {"valid": bool, "errors": [...]}: the CSV's rows read and cast by npm tableschema
//   node export_validators.js shacl SHAPES.ttl DATA.nt
//     {"conforms": bool, "results": [...]}: rdf-validate-shacl over the data (n3 parses both)
//   node export_validators.js batch JOBS.json
//     one line of the results of a list of [command, args...], in order: one start of node
//     for a case's files (node takes most of a case's time)
// The packages are tests/e2e/package.json's, installed by scripts/setup.sh.
'use strict';
const fs = require('fs');
const path = require('path');

const here = path.join(__dirname, 'node_modules');

async function tableSchemaProfile(descriptor) {
  const { Schema } = require(path.join(here, 'tableschema'));
  const schema = await Schema.load(descriptor);
  return { valid: schema.valid, errors: schema.errors.map((e) => String(e.message || e)) };
}

async function tableSchemaData(descriptor, csv) {
  const { Table } = require(path.join(here, 'tableschema'));
  const table = await Table.load(csv, { schema: descriptor });
  const errors = [];
  try {
    await table.read({
      forceCast: true,
      extended: true,
      cast: true,
    }).then((rows) => {
      // With forceCast a row that fails is its error (with the cast errors inside).
      for (const row of rows) {
        if (!(row instanceof Error)) continue;
        errors.push(`row ${row.rowNumber}: ${row.message}`);
        for (const inner of row.errors || []) errors.push(`row ${row.rowNumber}: ${inner.message}`);
      }
    });
  } catch (error) {
    errors.push(String(error.message || error));
    for (const inner of error.errors || []) errors.push(String(inner.message || inner));
  }
  return { valid: errors.length === 0, errors };
}

function parseInto(text, format) {
  const N3 = require(path.join(here, 'n3'));
  const store = new N3.Store();
  store.addQuads(new N3.Parser({ format }).parse(text));
  return store;
}

async function shacl(shapesFile, dataFile) {
  // rdf-validate-shacl is an ES module.
  const { default: SHACLValidator } = await import(path.join(here, 'rdf-validate-shacl', 'index.js'));
  const shapes = parseInto(fs.readFileSync(shapesFile, 'utf8'), 'text/turtle');
  const data = parseInto(fs.readFileSync(dataFile, 'utf8'), 'application/n-triples');
  const validator = new SHACLValidator(shapes);
  const report = await validator.validate(data);
  return {
    conforms: report.conforms,
    results: report.results.map((r) => ({
      focus: r.focusNode && r.focusNode.value,
      path: r.path && r.path.value,
      component: r.sourceConstraintComponent && r.sourceConstraintComponent.value,
      message: r.message.map((m) => m.value),
    })),
  };
}

async function run(command, ...args) {
  if (command === 'table-schema-profile') return tableSchemaProfile(args[0]);
  if (command === 'table-schema-data') return tableSchemaData(args[0], args[1]);
  if (command === 'shacl') return shacl(args[0], args[1]);
  throw new Error(`unknown command ${command}`);
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  let result;
  if (command === 'batch') {
    result = [];
    for (const job of JSON.parse(fs.readFileSync(args[0], 'utf8'))) result.push(await run(...job));
  } else {
    result = await run(command, ...args);
  }
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((error) => {
  process.stderr.write(String(error.stack || error) + '\n');
  process.exit(2);
});
