#!/usr/bin/env python3
"""link_score.py — precision, recall and F1 of a record-linkage result against the truth
that bench/link_population.py wrote (issue #33 item 5), beside the exact join computed here
on the same files. Python 3, standard library only.

  link_score.py DIR [--link OUT.csv] [--name NAME] [--json] [--examples N] [--by-error]

DIR is a directory link_population.py wrote (its manifest.json says link or dedupe).

link mode: OUT.csv is `gifkit link LEFT RIGHT -f csv` output — a header, then one row per
  link whose first two columns are left_row,right_row (rows as validate counts them: the
  header is row 1); other columns are ignored. A predicted pair is a (left_row, right_row);
  listed twice, it counts once. Truth: DIR/truth.csv's pairs.
dedupe mode: OUT.csv is `gifkit link FILE -f csv` output — first columns cluster,row, one
  line per row of a cluster of two or more; rows not listed are alone. The predicted pairs
  are all pairs of rows within a cluster (a cluster of s rows has s(s-1)/2); the true pairs
  all pairs of rows of the same person (truth.csv: row,person). Counted, not listed, so a
  big cluster costs no memory.

precision = TP / predicted pairs, recall = TP / true pairs, F1 = 2PR / (P + R) (0 when
there is no predicted pair or no true pair).

The exact join (what many systems do): two rows are the same person when their raw 氏名
(the 氏名 column, else 氏 + 名 concatenated as written), 生年月日, 性別 and 住所 strings are
all equal — no normalization at all. In link mode it pairs every LEFT row with every RIGHT
row of the same key; in dedupe mode the rows of one key form a cluster.

--examples N prints N false negatives and N false positives with both rows and the error
kinds the generator applied (DIR/rows.csv); for a false positive also how the two people
are related (family: same household; twin; namesake: same 氏名; other). --by-error prints,
per error kind, how many true pairs carry it and the recall among them, and the recall by how
many of 氏名, 生年月日 and 住所 stay unequal after a perfect normalization (ITEM_OF_ERROR). In dedupe
mode these count each copy with errors: found when it shares a cluster with a copy without.
--audit AUDIT.csv scores `gifkit link --audit --id 宛名番号 FILE… -f csv`: how many of the
pairs of rows that share an id and are two people (the generator's family_id rows) it reports
as id-records-disagree, and each kind of finding (finding / pattern) with the truth of its two
rows (same person, family, twin, namesake, other) — right or WRONG.
Exit 0 when it scored, 2 when a file is missing or malformed.
"""
import argparse
import csv
import json
import os
import sys

SHIFT = 1 << 32


def fail(message):
    print(f"link_score.py: {message}", file=sys.stderr)
    sys.exit(2)


def read_rows(path):
    """A CSV as (header, rows); rows numbered from 2 (the header is row 1)."""
    if not os.path.exists(path):
        fail(f"{path} is missing")
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header is None:
            fail(f"{path} is empty")
        return header, list(reader)


def column(header, *names):
    for name in names:
        if name in header:
            return header.index(name)
    return None


def key_function(header, path):
    """The exact join's key of a row: raw 氏名 (or 氏+名), 生年月日, 性別, 住所."""
    name = column(header, "氏名")
    sei, mei = column(header, "氏"), column(header, "名")
    birth, sex, address = column(header, "生年月日"), column(header, "性別"), column(header, "住所")
    if (name is None and (sei is None or mei is None)) or None in (birth, sex, address):
        fail(f"{path}: the header lacks 氏名 (or 氏 and 名), 生年月日, 性別 or 住所")
    if name is not None:
        return lambda r: (r[name], r[birth], r[sex], r[address])
    return lambda r: (r[sei] + r[mei], r[birth], r[sex], r[address])


def prf(tp, predicted, true):
    precision = tp / predicted if predicted else 0.0
    recall = tp / true if true else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def result(name, predicted, true, tp):
    precision, recall, f1 = prf(tp, predicted, true)
    return {"method": name, "predicted_pairs": predicted, "true_pairs": true, "tp": tp,
            "fp": predicted - tp, "fn": true - tp, "precision": round(precision, 5),
            "recall": round(recall, 5), "f1": round(f1, 5)}


# ---------------------------------------------------------------- link mode
def read_link_pairs(path):
    """The set of left_row<<32|right_row of a link csv (first columns left_row,right_row)."""
    header, rows = read_rows(path)
    if header[:2] != ["left_row", "right_row"]:
        fail(f"{path}: the first columns are {header[:2]}, not left_row,right_row")
    pairs = set()
    for i, r in enumerate(rows):
        try:
            left, right = int(r[0]), int(r[1])
        except (ValueError, IndexError):
            fail(f"{path}: row {i + 2} has no row numbers: {r[:2]}")
        assert left >= 0 and right >= 0
        pairs.add(left * SHIFT + right)
    return pairs


def exact_link_pairs(left_header, left_rows, right_header, right_rows, dir_):
    lkey = key_function(left_header, os.path.join(dir_, "left.csv"))
    rkey = key_function(right_header, os.path.join(dir_, "right.csv"))
    index = {}
    for i, r in enumerate(right_rows):
        index.setdefault(rkey(r), []).append(i + 2)
    pairs = set()
    for i, r in enumerate(left_rows):
        for j in index.get(lkey(r), ()):
            pairs.add((i + 2) * SHIFT + j)
    return pairs


# ---------------------------------------------------------------- dedupe mode
def read_clusters(path, nrows):
    """Row → cluster label of a dedupe csv (first columns cluster,row)."""
    header, rows = read_rows(path)
    if header[:2] != ["cluster", "row"]:
        fail(f"{path}: the first columns are {header[:2]}, not cluster,row")
    cluster_of = {}
    for i, r in enumerate(rows):
        try:
            row = int(r[1])
        except (ValueError, IndexError):
            fail(f"{path}: line {i + 2} has no row number: {r[:2]}")
        if not 2 <= row <= nrows + 1:
            fail(f"{path}: line {i + 2}: row {row} is not a data row of records.csv")
        if row in cluster_of and cluster_of[row] != r[0]:
            fail(f"{path}: row {row} is in two clusters ({cluster_of[row]}, {r[0]})")
        cluster_of[row] = r[0]
    return cluster_of


def score_clusters(name, cluster_of, person_of):
    """Pairs within predicted clusters against pairs of the same person, by counting."""
    members = {}
    for row, c in cluster_of.items():
        members.setdefault(c, []).append(row)
    predicted = tp = 0
    for rows in members.values():
        s = len(rows)
        predicted += s * (s - 1) // 2
        per_person = {}
        for row in rows:
            p = person_of[row]
            per_person[p] = per_person.get(p, 0) + 1
        tp += sum(k * (k - 1) // 2 for k in per_person.values())
    copies = {}
    for p in person_of.values():
        copies[p] = copies.get(p, 0) + 1
    true = sum(k * (k - 1) // 2 for k in copies.values())
    return result(name, predicted, true, tp)


def exact_clusters(header, rows, path):
    key = key_function(header, path)
    label, cluster_of = {}, {}
    for i, r in enumerate(rows):
        k = key(r)
        cluster_of[i + 2] = label.setdefault(k, len(label))
    return cluster_of


# ---------------------------------------------------------------- examples
def read_info(dir_):
    """(file, row) → (person, household, tags, errors) from DIR/rows.csv."""
    _, rows = read_rows(os.path.join(dir_, "rows.csv"))
    return {(r[0], int(r[1])): (int(r[2]), int(r[3]), r[4], r[5]) for r in rows}


def relation(a, b, name_a, name_b):
    if a[0] == b[0]:
        return "same person"
    if a[1] == b[1]:
        return "twin" if "twin" in a[2] and "twin" in b[2] else "family"
    if name_a == name_b:
        return "namesake"
    return "other"


def show_row(file, row, values, info):
    person, household, tags, errors = info[(file, row)]
    extra = f" tags={tags}" if tags else ""
    return f"  {file} row {row} (person {person}, household {household}{extra}) errors=[{errors}]: " \
           + ",".join(values)


def by_error(true_pairs_errors, found):
    """Per error kind: true pairs with it, found, recall."""
    table = {}
    for errors, hit in zip(true_pairs_errors, found):
        for kind in (errors.split(";") if errors else ["(none)"]):
            t = table.setdefault(kind, [0, 0])
            t[0] += 1
            t[1] += hit
    return {k: {"pairs": v[0], "found": v[1], "recall": round(v[1] / v[0], 4)}
            for k, v in sorted(table.items(), key=lambda kv: -kv[1][0])}


# Which item an error kind leaves unequal even after perfect normalization (the other kinds
# are written forms a normalizer can undo; a missing 性別 is unknown, not unequal).
ITEM_OF_ERROR = {"married": "氏名", "name_typo": "氏名", "date_typo": "生年月日", "date_swap": "生年月日",
                 "moved": "住所"}


def by_items(true_pairs_errors, found):
    """Per number of 氏名, 生年月日, 住所 left unequal after normalization: pairs, found, recall."""
    table = {}
    for errors, hit in zip(true_pairs_errors, found):
        items = {ITEM_OF_ERROR[e] for e in errors.split(";") if e in ITEM_OF_ERROR}
        t = table.setdefault(len(items), [0, 0])
        t[0] += 1
        t[1] += hit
    return {f"{k} of 3 unequal": {"pairs": v[0], "found": v[1], "recall": round(v[1] / v[0], 4)}
            for k, v in sorted(table.items())}


def score_audit(path, dir_, mode):
    """Scores `gifkit link --audit --id 宛名番号 … -f csv` output against the truth: a finding
    `id-records-disagree` is right when its two rows are two people; `person-under-several-ids`
    when they are one person under two ids. The true wrong joins are all pairs of rows that
    share an id and are two people (the generator's family_id rows)."""
    info = read_info(dir_)
    files = ["left", "right"] if mode == "link" else ["records"]
    id_of = {}
    for f in files:
        header, rows = read_rows(os.path.join(dir_, f + ".csv"))
        if header[0] != "宛名番号":
            fail(f"{f}.csv has no 宛名番号 column (written with --no-id)")
        for i, r in enumerate(rows):
            id_of[(f, i + 2)] = r[0]
    by_id = {}
    for key, pid in id_of.items():
        by_id.setdefault(pid, []).append(key)
    wrong = set()
    for keys in by_id.values():
        for i in range(len(keys)):
            for j in range(i + 1, len(keys)):
                if info[keys[i]][0] != info[keys[j]][0]:
                    wrong.add(tuple(sorted((keys[i], keys[j]))))
    header, findings = read_rows(path)
    need = ["finding", "pattern", "left_file", "left_row", "right_file", "right_row"]
    if any(n not in header for n in need):
        fail(f"{path}: the header lacks one of {need}")
    col = {n: header.index(n) for n in need}
    table, found = {}, set()
    for r in findings:
        a = (os.path.basename(r[col["left_file"]]).removesuffix(".csv"), int(r[col["left_row"]]))
        b = (os.path.basename(r[col["right_file"]]).removesuffix(".csv"), int(r[col["right_row"]]))
        if a not in info or b not in info:
            fail(f"{path}: a finding names a row that is not in DIR: {a}, {b}")
        two = info[a][0] != info[b][0]
        if r[col["finding"]] == "id-records-disagree":
            right = two
            if two:
                found.add(tuple(sorted((a, b))))
            truth = relation(info[a], info[b], None, None) if two else "same person"
        else:
            right = not two and id_of[a] != id_of[b]
            truth = "same person" if not two else relation(info[a], info[b], None, None)
        kind = f"{r[col['finding']]} / {r[col['pattern']]} (truth: {truth})"
        t = table.setdefault(kind, [0, right])
        t[0] += 1
    return {"wrong_joins": len(wrong), "wrong_joins_found": len(found & wrong),
            "findings": {k: {"count": v[0], "right": v[1]} for k, v in sorted(table.items())}}


def print_table(meta, results):
    print(meta)
    print(f"{'method':<14} {'pairs':>9} {'TP':>9} {'FP':>8} {'FN':>8} {'precision':>9} {'recall':>7} {'F1':>7}")
    for r in results:
        print(f"{r['method']:<14} {r['predicted_pairs']:>9} {r['tp']:>9} {r['fp']:>8} {r['fn']:>8} "
              f"{r['precision']:>9.4f} {r['recall']:>7.4f} {r['f1']:>7.4f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir")
    ap.add_argument("--link", help="the linker's csv (gifkit link … -f csv -o OUT.csv)")
    ap.add_argument("--name", default="gifkit link", help="the linker's name in the table")
    ap.add_argument("--json", action="store_true", help="one JSON object instead of the table")
    ap.add_argument("--examples", type=int, default=0, metavar="N")
    ap.add_argument("--by-error", action="store_true")
    ap.add_argument("--audit", metavar="AUDIT.csv",
                    help="also score `gifkit link --audit --id 宛名番号 … -f csv` output")
    args = ap.parse_args()
    manifest_path = os.path.join(args.dir, "manifest.json")
    if not os.path.exists(manifest_path):
        fail(f"{manifest_path} is missing (not a link_population.py directory)")
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)
    mode = manifest["mode"]
    results, report = [], {"setting": manifest.get("setting"), "mode": mode}
    examples = []
    if mode == "link":
        lh, lrows = read_rows(os.path.join(args.dir, "left.csv"))
        rh, rrows = read_rows(os.path.join(args.dir, "right.csv"))
        _, trows = read_rows(os.path.join(args.dir, "truth.csv"))
        truth = {int(t[0]) * SHIFT + int(t[1]) for t in trows}
        report.update({"left_rows": len(lrows), "right_rows": len(rrows)})
        exact = exact_link_pairs(lh, lrows, rh, rrows, args.dir)
        results.append(result("exact join", len(exact), len(truth), len(exact & truth)))
        if args.link:
            pred = read_link_pairs(args.link)
            results.append(result(args.name, len(pred), len(truth), len(pred & truth)))
            if args.by_error:
                hits = [int(t[0]) * SHIFT + int(t[1]) in pred for t in trows]
                report["by_error"] = by_error([t[3] for t in trows], hits)
                report["by_items"] = by_items([t[3] for t in trows], hits)
            if args.examples:
                info = read_info(args.dir)
                lkey = key_function(lh, "left.csv")
                rkey = key_function(rh, "right.csv")
                fn = [t for t in trows if int(t[0]) * SHIFT + int(t[1]) not in pred][: args.examples]
                for t in fn:
                    l, r = int(t[0]), int(t[1])
                    examples.append("false negative:\n" + show_row("left", l, lrows[l - 2], info) + "\n"
                                    + show_row("right", r, rrows[r - 2], info))
                fp = sorted(pred - truth)[: args.examples]
                for x in fp:
                    l, r = divmod(x, SHIFT)
                    if not (2 <= l <= len(lrows) + 1 and 2 <= r <= len(rrows) + 1):
                        examples.append(f"false positive: left row {l}, right row {r}: no such row")
                        continue
                    rel = relation(info[("left", l)], info[("right", r)], lkey(lrows[l - 2])[0],
                                   rkey(rrows[r - 2])[0])
                    examples.append(f"false positive ({rel}):\n" + show_row("left", l, lrows[l - 2], info)
                                    + "\n" + show_row("right", r, rrows[r - 2], info))
        meta = (f"{manifest.get('setting')} · link · {len(lrows)} × {len(rrows)} rows · "
                f"{len(truth)} true pairs")
    else:
        path = os.path.join(args.dir, "records.csv")
        header, rows = read_rows(path)
        _, trows = read_rows(os.path.join(args.dir, "truth.csv"))
        person_of = {int(t[0]): int(t[1]) for t in trows}
        if len(person_of) != len(rows):
            fail(f"truth.csv has {len(person_of)} rows, records.csv {len(rows)}")
        report.update({"rows": len(rows)})
        results.append(score_clusters("exact join", exact_clusters(header, rows, path), person_of))
        if args.link:
            cluster_of = read_clusters(args.link, len(rows))
            results.append(score_clusters(args.name, cluster_of, person_of))
            if args.by_error or args.examples:
                # a row's copies are found when they share its cluster; per error copy: found
                # when it is clustered with the person's clean copy (the first, errors empty)
                rows_of = {}
                for t in trows:
                    rows_of.setdefault(int(t[1]), []).append((int(t[0]), t[2]))
                errs, hits, fn = [], [], []
                for person, copies in rows_of.items():
                    first = [r for r, e in copies if not e]
                    for r, e in copies:
                        if not e:
                            continue
                        hit = bool(first) and r in cluster_of and cluster_of[r] == cluster_of.get(first[0])
                        errs.append(e)
                        hits.append(hit)
                        if not hit and len(fn) < args.examples and first:
                            fn.append((first[0], r))
                if args.by_error:
                    report["by_error"] = by_error(errs, hits)
                    report["by_items"] = by_items(errs, hits)
                if args.examples:
                    info = read_info(args.dir)
                    for a, b in fn:
                        examples.append("false negative:\n" + show_row("records", a, rows[a - 2], info)
                                        + "\n" + show_row("records", b, rows[b - 2], info))
                    key = key_function(header, path)
                    members = {}
                    for row, c in cluster_of.items():
                        members.setdefault(c, []).append(row)
                    n = 0
                    for c in sorted(members, key=lambda c: min(members[c])):
                        ms = sorted(members[c])
                        for i in range(len(ms)):
                            for j in range(i + 1, len(ms)):
                                a, b = ms[i], ms[j]
                                if n >= args.examples:
                                    break
                                if person_of[a] != person_of[b]:
                                    rel = relation(info[("records", a)], info[("records", b)],
                                                   key(rows[a - 2])[0], key(rows[b - 2])[0])
                                    examples.append(f"false positive ({rel}), cluster {c}:\n"
                                                    + show_row("records", a, rows[a - 2], info) + "\n"
                                                    + show_row("records", b, rows[b - 2], info))
                                    n += 1
        meta = f"{manifest.get('setting')} · dedupe · {len(rows)} rows · {results[0]['true_pairs']} true pairs"
    report["results"] = results
    if args.audit:
        report["audit"] = score_audit(args.audit, args.dir, mode)
    if args.json:
        if examples:
            report["examples"] = examples
        print(json.dumps(report, ensure_ascii=False))
        return 0
    print_table(meta, results)
    if "by_error" in report:
        print(f"\nrecall by error kind ({results[-1]['method']}):")
        for kind, v in report["by_error"].items():
            print(f"  {kind:<18} {v['pairs']:>8} pairs  {v['found']:>8} found  recall {v['recall']:.4f}")
        print("recall by how many of 氏名, 生年月日, 住所 stay unequal after normalization "
              "(married, name_typo: 氏名; date_typo, date_swap: 生年月日; moved: 住所):")
        for kind, v in report["by_items"].items():
            print(f"  {kind:<18} {v['pairs']:>8} pairs  {v['found']:>8} found  recall {v['recall']:.4f}")
    if "audit" in report:
        a = report["audit"]
        print(f"\naudit: {a['wrong_joins']} pairs of rows share an id and are two people; "
              f"{a['wrong_joins_found']} found")
        for kind, v in a["findings"].items():
            print(f"  {v['count']:>7}  {'right' if v['right'] else 'WRONG'}  {kind}")
    for e in examples:
        print(e)
    return 0


if __name__ == "__main__":
    sys.exit(main())
