// membership_pack.hpp — the membership part of the character data (the JIS
// X 0213 mapping, the sets and their members: MojiPart::membership) packed
// into one value, so that a run reads it with one query instead of ≈ 37,000
// rows. The build writes it (moji_membership_pack, one row) from what the
// tables give, in their order; reading it feeds a MojiRowHandler exactly the
// rows read_moji_rows reads from the tables. A registry without it (built
// before it, or by a test that imports without finishing) is read from the
// tables.
#pragma once
#include <string>
#include <string_view>

#include "registries/moji/moji_sources.hpp"

namespace gifkit::registries::moji {

// The layout of the packed value; a stored pack of another format is not
// read (the tables are).
inline constexpr int kMembershipPackFormat = 1;

// Collects the membership rows fed to it (jis, set, set_member; anything
// else is not membership and is refused with an assert) into a pack.
class MembershipPacker : public MojiRowHandler {
 public:
  void jis(const JisRow& row) override;
  void mj(MjRow&&) override;
  void set(const SetInfo& info) override;
  void set_member(std::string_view set_name, std::string_view sequence) override;
  void nta(const NtaRow&) override;
  // The packed value of every row fed so far.
  std::string pack() const;

 private:
  std::string jis_;
  std::string sets_;
  std::string members_;
  std::uint32_t jis_count_ = 0;
  std::uint32_t set_count_ = 0;
  std::uint32_t run_count_ = 0;
  std::string run_name_;          // the set of the open run of members
  std::size_t run_count_at_ = 0;  // where in members_ the open run's count is
};

// Feeds rows the rows packed in bytes (as MembershipPacker::pack made them):
// the JIS rows, then the sets, then the members. Throws RegistryError when
// bytes are not a whole pack (nothing is fed then).
void unpack_membership(std::string_view bytes, MojiRowHandler& rows);

}  // namespace gifkit::registries::moji
