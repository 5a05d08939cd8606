#ifndef TESSERA_COPENSSL_SHIM_H
#define TESSERA_COPENSSL_SHIM_H
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <openssl/bio.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/bn.h>

/* Function-like macros Swift cannot import. */
static inline long tessera_dtls_get_timeout(SSL *ssl, struct timeval *tv) { return DTLSv1_get_timeout(ssl, tv); }
static inline long tessera_dtls_handle_timeout(SSL *ssl) { return DTLSv1_handle_timeout(ssl); }
static inline long tessera_dtls_set_link_mtu(SSL *ssl, long mtu) { return DTLS_set_link_mtu(ssl, mtu); }
static inline long tessera_ssl_set_mtu(SSL *ssl, long mtu) { return SSL_set_mtu(ssl, mtu); }
static inline long tessera_bio_pending(BIO *bio) { return BIO_pending(bio); }
static inline long tessera_bio_reset(BIO *bio) { return BIO_reset(bio); }
static inline uint64_t tessera_ssl_op_no_query_mtu(void) { return SSL_OP_NO_QUERY_MTU; }

#include <openssl/ec.h>
#include <openssl/objects.h>
#include <openssl/x509v3.h>

/* A fresh ECDSA P-256 key and a self-signed certificate for it (30 days,
   random serial), as WebRTC endpoints use for DTLS. Returns 1 on success;
   the caller owns *key and *cert. */
static inline int tessera_make_self_signed(const char *commonName, EVP_PKEY **key, X509 **cert) {
    *key = NULL; *cert = NULL;
    EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new_id(EVP_PKEY_EC, NULL);
    if (!pctx) return 0;
    int ok = EVP_PKEY_keygen_init(pctx) > 0
        && EVP_PKEY_CTX_set_ec_paramgen_curve_nid(pctx, NID_X9_62_prime256v1) > 0
        && EVP_PKEY_keygen(pctx, key) > 0;
    EVP_PKEY_CTX_free(pctx);
    if (!ok) return 0;
    X509 *x = X509_new();
    if (!x) return 0;
    unsigned char serial[8];
    RAND_bytes(serial, sizeof serial);
    BIGNUM *bn = BN_bin2bn(serial, sizeof serial, NULL);
    ok = bn && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x)) != NULL;
    BN_free(bn);
    X509_NAME *name = X509_get_subject_name(x);
    ok = ok && X509_set_version(x, 2)
        && X509_gmtime_adj(X509_getm_notBefore(x), -86400) != NULL
        && X509_gmtime_adj(X509_getm_notAfter(x), 30L * 86400) != NULL
        && X509_set_pubkey(x, *key)
        && X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)commonName, -1, -1, 0)
        && X509_set_issuer_name(x, name)
        && X509_sign(x, *key, EVP_sha256()) > 0;
    if (!ok) { X509_free(x); return 0; }
    *cert = x;
    return 1;
}

/* SSL_CTX_set_tlsext_use_srtp returns 0 on success (the opposite of most). */
static inline int tessera_ctx_use_srtp(SSL_CTX *ctx, const char *profiles) { return SSL_CTX_set_tlsext_use_srtp(ctx, profiles); }
static inline int tessera_accept_any_certificate(int ok, X509_STORE_CTX *store) { (void)ok; (void)store; return 1; }
static inline void tessera_ctx_verify_peer_any(SSL_CTX *ctx) {
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, tessera_accept_any_certificate);
}
#endif
