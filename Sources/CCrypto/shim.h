/* OpenSSL libcrypto: HMAC-SHA256 for card ids, RAND_bytes for the card key. SHA256_Init and
   friends are deprecated in OpenSSL 3 but kept: their context is a plain struct, so a key's HMAC
   pads are hashed once and copied per card (CardHasher.swift). */
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/hmac.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <openssl/crypto.h>
#include <openssl/sha.h>
