#ifndef HUIQI_CLIBXML2_SHIM_H
#define HUIQI_CLIBXML2_SHIM_H

// libxml2's push parser and SAX2 callbacks, for reading the XML parts of .xlsx workbooks
// (SpreadsheetModule/XMLStream.swift is the one file that talks to it).
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, whose headers then clash with the ICU headers Foundation ships
// with Swift. Only a pointer to libxml2's encoding handler is ever seen here, never the handler,
// so its ICU members (at the end of the struct) can be left out of this view of the headers.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>

#endif
