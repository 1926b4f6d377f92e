// masked_lines.hpp — a stream buffer that passes whatever is written to it
// on to another stream a line at a time, each line through the one text
// rule of 個人番号 (grammars::mask_individual_numbers_in): what gifkit's
// messages say (standard error: notes, errors, serve's log) never shows a
// 個人番号, whichever command or library wrote it.
#pragma once
#include <mutex>
#include <ostream>
#include <streambuf>
#include <string>

namespace gifkit::grammars {

class MaskedLines : public std::streambuf {
 public:
  // Lines go to target, masked; a line ends at '\n' or '\r'. A part line is
  // held until its end, a flush of this stream, or the destructor (a
  // number is never cut in two by a flush: a flush writes up to the last
  // character that is no digit and no group separator). Safe to write from
  // several threads (each call whole).
  explicit MaskedLines(std::ostream& target) : target_(target) {}
  ~MaskedLines() override;
  MaskedLines(const MaskedLines&) = delete;
  MaskedLines& operator=(const MaskedLines&) = delete;

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

 private:
  // Writes the complete lines held (all of it when whole) to target_.
  void pass(bool whole);

  std::ostream& target_;
  std::string held_;
  std::mutex mutex_;
};

}  // namespace gifkit::grammars
