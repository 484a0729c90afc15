// CXLSXWriter: libxlsxwriter (Debian's libxlsxwriter-dev 1.1.4), the library that writes
// typing-tool.xlsx. Only PersonasWorkbook imports it.
#ifndef CPERSONAS_XLSXWRITER_SHIM_H
#define CPERSONAS_XLSXWRITER_SHIM_H

#include <xlsxwriter.h>

#endif
