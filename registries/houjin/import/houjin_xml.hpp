// houjin_xml.hpp — reading the NTA's 法人番号 XML (bulk/diff XML files and
// Web-API type=12 answers) into a HoujinRowStore:
//   <corporations><lastUpdateDate/><count/><divideNumber/><divideSize/>
//     <corporation> up to 30 child elements named as FORMAT.md §3 </corporation> ...
//   </corporations>
// Streaming (libxml2's xmlTextReader: memory stays flat on a file of any
// size), no network, no DTD and no entity is ever read or expanded.
#pragma once
#include "registries/db/source_files.hpp"
#include "registries/houjin/import/houjin_source.hpp"
#include "registries/houjin/import/houjin_store.hpp"

namespace gifkit::registries::houjin {

// Reads every <corporation> of source into store and returns the header.
// Child elements are matched by name (kHoujinColumns' NTA names); a missing
// one is empty, and a missing <latest> (older API versions) stores the row
// with latest_unknown; unknown child elements are ignored. A <corporation>
// with a repeated or nested element is rejected, at the line of its start
// tag. Throws NotHoujinSource when the root element is not <corporations>
// or the file is not XML, RegistryError when the prolog has a DOCTYPE (no
// DTD or entity is accepted), when the XML is not well-formed after the
// root (a truncated file), or when a one-part answer holds fewer or more
// corporations than its <count> (check_announced_count).
AnswerHeader read_houjin_xml_rows(SourceStream& source, HoujinRowStore& store);

}  // namespace gifkit::registries::houjin
