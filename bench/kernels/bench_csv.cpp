// bench_csv.cpp — Google Benchmark kernel for the CSV reader: rows/s of
// CsvReader::next over a ~100 MB, 12-column corporate CSV (GIF 法人 shaped:
// Japanese names and addresses, CRLF, a few quoted fields), in UTF-8 and in
// CP932. The files are generated once into temporary files (deleted at exit);
// the OS page cache keeps them in memory, so this measures parsing, not disk.
#include <benchmark/benchmark.h>
#include <iconv.h>

#include <cstdio>
#include <stdexcept>
#include <string>

#include "grammars/io/csv_reader.hpp"

namespace {

using gifkit::grammars::CsvError;
using gifkit::grammars::CsvOptions;
using gifkit::grammars::CsvReader;
using gifkit::grammars::CsvRecord;

constexpr std::size_t kTargetBytes = 100u << 20;

struct BenchInput {
  std::FILE* file = nullptr;  // a tmpfile, deleted when the process exits
  std::uint64_t bytes = 0;
  std::uint64_t records = 0;
};

// One data row of the corporate CSV; values vary with index so that field
// lengths are not all the same. Every 16th row has a quoted field with a
// comma, every 64th an escaped quote.
void append_corporate_row(std::string& out, std::uint64_t index) {
  static const char* const kNames[] = {"株式会社サンプル商事", "有限会社デジタル工房",
                                       "一般社団法人オープンデータ推進機構", "合同会社カナ"};
  static const char* const kKana[] = {"サンプルショウジ", "デジタルコウボウ",
                                      "オープンデータスイシンキコウ", "カナ"};
  static const char* const kCities[] = {"千代田区", "港区", "横浜市中区", "札幌市中央区"};
  const std::size_t pick = index % 4;
  out += std::to_string(1010001000000 + index * 7919 % 1000000000000);
  out += ',';
  if (index % 64 == 0) {
    out += "\"株式会社\"\"引用\"\"商事\"";
  } else if (index % 16 == 0) {
    out += "\"";
    out += kNames[pick];
    out += ", 本店\"";
  } else {
    out += kNames[pick];
  }
  out += ',';
  out += kKana[pick];
  out += ",301,2001-04-";
  out += std::to_string(10 + index % 19);
  out += ',';
  out += std::to_string(1000013 + index % 8000);
  out += ",東京都,";
  out += kCities[pick];
  out += ",霞が関１丁目,";
  out += std::to_string(1 + index % 30);
  out += '-';
  out += std::to_string(1 + index % 9);
  out += ",03-1234-";
  out += std::to_string(1000 + index % 9000);
  out += ",https://www.example";
  out += std::to_string(index % 1000);
  out += ".co.jp/\r\n";
}

std::string utf8_to_cp932(const std::string& utf8) {
  iconv_t converter = iconv_open("CP932", "UTF-8");
  if (converter == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("no CP932 iconv");
  std::string out(utf8.size(), '\0');  // CP932 is never longer than UTF-8 for this text
  char* in_ptr = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size();
  char* out_ptr = out.data();
  std::size_t out_left = out.size();
  if (iconv(converter, &in_ptr, &in_left, &out_ptr, &out_left) == static_cast<std::size_t>(-1)) {
    throw std::runtime_error("UTF-8 to CP932 failed");
  }
  iconv_close(converter);
  out.resize(out.size() - out_left);
  return out;
}

// Writes about kTargetBytes of the corporate CSV (header + rows) to a
// temporary file, in UTF-8 or CP932.
BenchInput make_corporate_csv(bool cp932) {
  BenchInput input;
  input.file = std::tmpfile();
  if (input.file == nullptr) throw std::runtime_error("cannot create a temporary file");
  std::string chunk =
      "法人番号,商号または名称,商号または名称（カナ）,組織種別,設立年月日,郵便番号,"
      "都道府県,市区町村（郡）,町字,番地以下,連絡先電話番号,WebサイトURL\r\n";
  input.records = 1;
  std::uint64_t index = 0;
  while (input.bytes < kTargetBytes) {
    while (chunk.size() < (1u << 20)) append_corporate_row(chunk, index++), ++input.records;
    const std::string bytes = cp932 ? utf8_to_cp932(chunk) : chunk;
    std::fwrite(bytes.data(), 1, bytes.size(), input.file);
    input.bytes += bytes.size();
    chunk.clear();
  }
  std::fflush(input.file);
  return input;
}

void read_every_record(benchmark::State& state, const BenchInput& input) {
  std::uint64_t records = 0;
  std::uint64_t errors = 0;
  for (auto _ : state) {
    std::rewind(input.file);
    CsvReader reader(input.file, "bench.csv", CsvOptions{},
                     [&errors](const CsvError&) { ++errors; });
    CsvRecord record;
    while (reader.next(record)) {
      benchmark::DoNotOptimize(record.fields.data());
      ++records;
    }
  }
  if (errors != 0 || records != input.records * state.iterations()) {
    state.SkipWithError("the reader did not return every record cleanly");
  }
  state.counters["rows/s"] =
      benchmark::Counter(static_cast<double>(records), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<std::int64_t>(input.bytes * state.iterations()));
}

void BM_CsvReaderNext_Utf8(benchmark::State& state) {
  static const BenchInput input = make_corporate_csv(false);
  read_every_record(state, input);
}

void BM_CsvReaderNext_Cp932(benchmark::State& state) {
  static const BenchInput input = make_corporate_csv(true);
  read_every_record(state, input);
}

BENCHMARK(BM_CsvReaderNext_Utf8)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CsvReaderNext_Cp932)->Unit(benchmark::kMillisecond);

}  // namespace
