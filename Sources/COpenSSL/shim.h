#ifndef TESSERA_COPENSSL_SHIM_H
#define TESSERA_COPENSSL_SHIM_H
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/bio.h>
#include <openssl/hmac.h>

/* Function-like macros Swift cannot import. */
static inline long tessera_dtls_get_timeout(SSL *ssl, struct timeval *tv) { return DTLSv1_get_timeout(ssl, tv); }
static inline long tessera_dtls_handle_timeout(SSL *ssl) { return DTLSv1_handle_timeout(ssl); }
static inline long tessera_dtls_set_link_mtu(SSL *ssl, long mtu) { return DTLS_set_link_mtu(ssl, mtu); }
static inline long tessera_ssl_set_mtu(SSL *ssl, long mtu) { return SSL_set_mtu(ssl, mtu); }
static inline long tessera_bio_pending(BIO *bio) { return BIO_pending(bio); }
static inline long tessera_bio_reset(BIO *bio) { return BIO_reset(bio); }
static inline uint64_t tessera_ssl_op_no_query_mtu(void) { return SSL_OP_NO_QUERY_MTU; }
#endif
