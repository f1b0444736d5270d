#ifndef HUIQI_CZLIBCHECKSUM_SHIM_H
#define HUIQI_CZLIBCHECKSUM_SHIM_H

// zlib's crc32, to check each inflated .xlsx part against the checksum its ZIP entry records
// (ZIPFoundation's own check is a byte-at-a-time table in Swift on Linux, several times slower).
// Only SpreadsheetModule/InflatePipe.swift imports it.
#include <zlib.h>

#endif
