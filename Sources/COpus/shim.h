#ifndef TESSERA_COPUS_SHIM_H
#define TESSERA_COPUS_SHIM_H
#include <opus.h>

/* opus_*_ctl are variadic; Swift calls these fixed-arity wrappers instead. */
static inline int tessera_opus_decoder_reset(OpusDecoder *decoder) {
    return opus_decoder_ctl(decoder, OPUS_RESET_STATE);
}
static inline int tessera_opus_decoder_last_packet_duration(OpusDecoder *decoder, opus_int32 *samples) {
    return opus_decoder_ctl(decoder, OPUS_GET_LAST_PACKET_DURATION(samples));
}
#endif
