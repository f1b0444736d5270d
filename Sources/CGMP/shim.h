#ifndef HUIQI_CGMP_SHIM_H
#define HUIQI_CGMP_SHIM_H

#include <gmp.h>

// GMP implements these as macros or header-inline functions, which Swift cannot import.
// Each wrapper is a plain call to the GMP macro of the same name.

static inline __attribute__((always_inline)) int huiqi_mpz_sgn(mpz_srcptr z) { return mpz_sgn(z); }
static inline __attribute__((always_inline)) int huiqi_mpz_cmp_si(mpz_srcptr z, long v) { return mpz_cmp_si(z, v); }
static inline __attribute__((always_inline)) void huiqi_mpz_neg(mpz_ptr r, mpz_srcptr z) { mpz_neg(r, z); }
static inline __attribute__((always_inline)) void huiqi_mpz_abs(mpz_ptr r, mpz_srcptr z) { mpz_abs(r, z); }
static inline __attribute__((always_inline)) size_t huiqi_mpz_size(mpz_srcptr z) { return mpz_size(z); }
static inline __attribute__((always_inline)) mp_limb_t huiqi_mpz_getlimbn(mpz_srcptr z, mp_size_t n) { return mpz_getlimbn(z, n); }
static inline __attribute__((always_inline)) int huiqi_mpz_fits_slong_p(mpz_srcptr z) { return mpz_fits_slong_p(z); }
static inline __attribute__((always_inline)) long huiqi_mpz_get_si(mpz_srcptr z) { return mpz_get_si(z); }

#endif
