// houjin_search.cpp — see houjin_search.hpp.
#include "registries/houjin/houjin_search.hpp"

#include "registries/houjin/name_key.hpp"

namespace gifkit::registries::houjin {
namespace {

// Key columns of corporation_search_key and the field numbers of
// corporation_search_gram, by SearchField (fixed strings, never data).
constexpr std::string_view kKeyColumns[] = {"name_key", "furigana_key", "en_key"};

std::string_view key_column(SearchField field) {
  return kKeyColumns[static_cast<int>(field)];
}

bool has_search_index(const RegistryDb& db) {
  Statement check = db.prepare(
      "SELECT COUNT(*) FROM sqlite_master WHERE name IN "
      "('corporation_search_key', 'corporation_search_fts', 'corporation_search_gram')");
  check.step();
  return check.column_int64(0) == 3;
}

// The FTS5 query for a substring of one column: the text as one quoted
// string (quotes doubled), which the trigram tokenizer matches anywhere.
std::string fts_phrase(SearchField field, std::string_view text) {
  std::string phrase = "{" + std::string(key_column(field)) + "} : \"";
  for (char c : text) {
    if (c == '"') phrase += '"';
    phrase += c;
  }
  return phrase + "\"";
}

// Drops and recreates the index tables and fills them (see
// build_name_search_index, which wraps this in a savepoint).
void fill_name_search_index(RegistryDb& db) {
  db.execute(
      "DROP TABLE IF EXISTS corporation_search_fts;\n"
      "DROP TABLE IF EXISTS corporation_search_gram;\n"
      "DROP TABLE IF EXISTS corporation_search_key;\n"
      "CREATE TABLE corporation_search_key (\n"
      "  id INTEGER PRIMARY KEY,\n  corporate_number TEXT NOT NULL,\n"
      "  name_key TEXT NOT NULL,\n  furigana_key TEXT NOT NULL,\n  en_key TEXT NOT NULL\n);\n"
      "CREATE TABLE corporation_search_gram (\n"
      "  gram TEXT NOT NULL,\n  field INTEGER NOT NULL,\n  id INTEGER NOT NULL,\n"
      "  PRIMARY KEY (gram, field, id)\n) WITHOUT ROWID;\n"
      "CREATE VIRTUAL TABLE corporation_search_fts USING fts5(\n"
      "  name_key, furigana_key, en_key, content='corporation_search_key',\n"
      "  content_rowid='id', tokenize='trigram');\n");
  Statement corporations =
      db.prepare("SELECT corporate_number, name, furigana, en_name FROM corporation");
  Statement insert_key = db.prepare(
      "INSERT INTO corporation_search_key (id, corporate_number, name_key, furigana_key, en_key) "
      "VALUES (?1, ?2, ?3, ?4, ?5)");
  Statement insert_gram = db.prepare(
      "INSERT OR IGNORE INTO corporation_search_gram (gram, field, id) VALUES (?1, ?2, ?3)");
  std::int64_t id = 0;
  while (corporations.step()) {
    ++id;
    std::string keys[3] = {name_key(corporations.column_text(1)),
                           name_key(corporations.column_text(2)),
                           name_key(corporations.column_text(3))};
    insert_key.bind_int64(1, id);
    insert_key.bind_text(2, corporations.column_text(0));
    for (int field = 0; field < 3; ++field) insert_key.bind_text(3 + field, keys[field]);
    insert_key.run_and_reset();
    for (int field = 0; field < 3; ++field) {
      for (const std::string& gram : key_grams(keys[field])) {
        insert_gram.bind_text(1, gram);
        insert_gram.bind_int64(2, field);
        insert_gram.bind_int64(3, id);
        insert_gram.run_and_reset();
      }
    }
  }
  db.execute("INSERT INTO corporation_search_fts(corporation_search_fts) VALUES ('rebuild');");
}

}  // namespace

void build_name_search_index(RegistryDb& db) {
  // A savepoint: one transaction of its own when called outside one (a
  // statement per row would otherwise be a commit and an fsync per row).
  db.execute("SAVEPOINT name_search_index");
  try {
    fill_name_search_index(db);
  } catch (...) {
    db.execute("ROLLBACK TO name_search_index; RELEASE name_search_index");
    throw;
  }
  db.execute("RELEASE name_search_index");
}

std::vector<NameMatch> search_corporations(const RegistryDb& db, const NameQuery& query) {
  if (!has_search_index(db)) {
    throw RegistryError(db.path().string() +
                        " has no name index (rebuild it with this gifkit's registry build)");
  }
  std::string key = name_key(query.text);
  std::size_t length = key_length(key);
  if (length == 0 || query.limit <= 0) return {};

  std::string column(key_column(query.field));
  std::string candidates;
  if (length >= 3) {
    candidates = "SELECT rowid FROM corporation_search_fts WHERE corporation_search_fts MATCH ?2";
  } else if (length == 2) {
    candidates = "SELECT id FROM corporation_search_gram WHERE gram = ?1 AND field = ?8";
  } else {
    candidates =
        "SELECT id FROM corporation_search_gram WHERE gram >= ?1 AND gram < ?2 AND field = ?8";
  }
  std::string columns;
  for (const auto& c : kHoujinColumns) columns += "c." + std::string(c.sql_name) + ", ";
  Statement select =
      db.prepare("SELECT " + columns +
                 "m.match_kind FROM (\n"
                 "  SELECT k.corporate_number AS number,\n"
                 "    CASE WHEN k." +
                 column +
                 " = ?1 THEN 0\n"
                 "         WHEN substr(k." +
                 column +
                 ", 1, length(?1)) = ?1 THEN 1 ELSE 2 END AS match_kind,\n"
                 "    length(k." +
                 column +
                 ") AS key_length\n"
                 "  FROM corporation_search_key k\n"
                 "  WHERE k.id IN (" +
                 candidates + ") AND instr(k." + column +
                 ", ?1) > 0\n"
                 ") m JOIN corporation c ON c.corporate_number = m.number\n"
                 "WHERE (?3 = '' OR c.prefecture_name = ?3) AND (?4 = '' OR c.city_name = ?4)\n"
                 "  AND (?5 = '' OR c.kind = ?5)\n"
                 "  AND (?6 = 0 OR c.close_date IS NULL OR c.close_date = '')\n"
                 "ORDER BY m.match_kind, m.key_length, c.corporate_number LIMIT ?7");
  select.bind_text(1, key);
  if (length >= 3) {
    select.bind_text(2, fts_phrase(query.field, key));
  } else if (length == 1) {
    select.bind_text(2, key + "\xff");  // every gram that starts with the character
  }
  select.bind_text(3, query.prefecture);
  select.bind_text(4, query.city);
  select.bind_text(5, query.kind);
  select.bind_int64(6, query.open_only ? 1 : 0);
  select.bind_int64(7, query.limit);
  if (length < 3) select.bind_int64(8, static_cast<int>(query.field));
  std::vector<NameMatch> matches;
  while (select.step()) {
    NameMatch match;
    for (std::size_t i = 0; i < kHoujinColumnCount; ++i)
      match.record[i] = select.column_text(static_cast<int>(i));
    match.match = static_cast<MatchKind>(select.column_int64(static_cast<int>(kHoujinColumnCount)));
    matches.push_back(std::move(match));
  }
  return matches;
}

std::string_view match_kind_name(MatchKind kind) {
  switch (kind) {
    case MatchKind::exact:
      return "exact";
    case MatchKind::prefix:
      return "prefix";
    default:
      return "substring";
  }
}

}  // namespace gifkit::registries::houjin
