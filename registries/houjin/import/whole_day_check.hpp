// whole_day_check.hpp — whether the records of a 法人番号 diff file (差分データ)
// read as a whole day's file, told while the file is read (one pass, no
// second read): its records numbered 1, 2, 3, … by sequenceNumber, and its
// last corporation's history ended by its latest record. `registry update`
// applies a diff as a day only when it is whole (houjin_update.cpp); a
// build records nothing of it.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gifkit::registries::houjin {

class WholeDayCheck {
 public:
  // The next record of the file (every record, a malformed one too), as the
  // CSV reader split it, and the line it starts on.
  void add(const std::vector<std::string_view>& fields, std::uint64_t line);

  // "" when the records read so far make a whole day's file, else why not:
  // - their sequenceNumber must run 1, 2, 3, … (the NTA numbers the records
  //   of each file from 1): a gap, or a first number above 1, means rows are
  //   missing, or the file is an excerpt of other files;
  // - the last must not have latest=0: a day's file gives each corporation's
  //   rows in a run ended by its latest one (latest=1, or empty for process
  //   99), so a file ending on latest=0 was cut inside a history.
  // A file cut at a line end between two corporations cannot be told from a
  // shorter day.
  std::string reason() const;

 private:
  std::uint64_t records_ = 0;
  std::string gap_;  // the first record out of sequence, said
  std::string last_latest_;
  std::string last_number_;
  std::uint64_t last_line_ = 0;
};

}  // namespace gifkit::registries::houjin
