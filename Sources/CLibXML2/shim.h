#ifndef RUS_CLIBXML2_SHIM_H
#define RUS_CLIBXML2_SHIM_H

/* libxml2 behind one header. Only the Markup target imports this module.
 *
 * libxml2 may be built with ICU; its headers then pull in ICU's C headers, whose types
 * (UErrorCode, ...) clash with the ICU that Foundation carries on Linux, on a clean build.
 * We never use libxml2's ICU API, so switch it off before the other headers are read. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>
#include <libxml/encoding.h>

/* xmlFree is a global function pointer variable; Swift 6 refuses to touch mutable C globals.
 * This wrapper is the only way Swift frees memory libxml2 allocated. */
static inline void rus_xml_free(void *pointer) {
    xmlFree(pointer);
}

#endif
