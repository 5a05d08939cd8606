#ifndef TESSERA_CSRTP_SHIM_H
#define TESSERA_CSRTP_SHIM_H
#include <srtp2/srtp.h>
#endif
