/* OpenSSL libcrypto: HMAC-SHA256 for card ids, RAND_bytes for the card key. */
#include <openssl/hmac.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <openssl/crypto.h>
