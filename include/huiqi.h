/*
 * huiqi.h: the C interface of Huiqi (惠企), for C, C++, Java (Panama FFM, JNA), C# (P/Invoke),
 * Python (ctypes) and any language that can call C.
 *
 * Link with libHuiqi (`swift build -c release --product Huiqi` builds
 * .build/release/libHuiqi.so, or libHuiqi.dylib on macOS). It needs the Swift runtime
 * libraries of the toolchain that built it (its run path points to them) and libgmp.
 *
 * Conventions, like sqlite3.h and mpdecimal.h:
 *
 * - Every function is prefixed `huiqi_`. Strings are UTF-8; an argument that is NULL where a
 *   value is required, or not UTF-8, is HUIQI_ERROR_ARGUMENT.
 * - A function that can fail returns a status (huiqi_status: 0 is HUIQI_OK). On failure, if
 *   `error` is not NULL, `*error` receives a message (one sentence, the same as the command line
 *   prints, naming the field: "loans[0].principal: must be greater than 0 (got -5)"); on
 *   success `*error` is set to NULL. Output pointers are written only on success.
 * - Every buffer the library returns through a `char **` is allocated by the library and must
 *   be released with huiqi_free (and only with it). Buffers are NUL-terminated; where a
 *   `size_t *length` is given, it receives the length in bytes without the NUL. Passing NULL
 *   for an output you do not want is allowed.
 * - Amounts, rates and results are exact decimals written as strings: no binary floating
 *   point crosses this interface.
 * - Nothing aborts the caller: every condition that input can cause is a status and a
 *   message.
 * - Thread safety: every function may be called from any number of threads at once. A
 *   huiqi_parameters handle is immutable; it may be shared between threads and is released
 *   once, with huiqi_parameters_free, when no call uses it.
 */
#ifndef HUIQI_H
#define HUIQI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Status codes. */
typedef enum huiqi_status {
    HUIQI_OK = 0,
    /** A NULL or non-UTF-8 argument, an unknown measure, flag, style or rounding. */
    HUIQI_ERROR_ARGUMENT = 1,
    /** The input is malformed, or a field's value is refused (the message names the field). */
    HUIQI_ERROR_INPUT = 2,
    /** A parameters file is malformed, or no value of a parameter is in effect on a date a rule needs. */
    HUIQI_ERROR_PARAMETERS = 3,
    /** A batch file cannot be read, or cannot be read as a whole (not UTF-8, no header, a column missing). */
    HUIQI_ERROR_FILE = 4,
    /** Not a decimal, beyond the decimal type's limits, or a division by zero. */
    HUIQI_ERROR_DECIMAL = 5
} huiqi_status;

/** An immutable parameter table: the bundled parameters, perhaps with a user's file laid over them. */
typedef struct huiqi_parameters huiqi_parameters;

/** The engine version ("0.2.0"): a static string, not to be freed. */
const char *huiqi_version(void);

/** A short name of `status` ("invalid input"): a static string, not to be freed. */
const char *huiqi_status_message(int status);

/** Frees a buffer returned by this library. NULL is allowed. */
void huiqi_free(void *buffer);

/* ---- Parameters ------------------------------------------------------------------------- */

/** The parameters that ship with the library (compiled in: no file is read). */
int huiqi_parameters_bundled(huiqi_parameters **out, char **error);

/**
 * `base` with the parameters file `yaml` (`length` bytes, the format of parameters.yaml, as
 * `huiqi --parameters FILE`) laid over it date by date.
 */
int huiqi_parameters_overriding(const huiqi_parameters *base, const char *yaml, size_t length,
                                huiqi_parameters **out, char **error);

/** Releases a table. NULL is allowed. */
void huiqi_parameters_free(huiqi_parameters *parameters);

/**
 * The audit record of results computed with `parameters`, as JSON:
 * {"engine_version": "0.2.0", "parameters_sha256": "…", "parameters_source": "bundled"}.
 * `parameters_sha256` is the SHA-256 of the table's canonical form (docs/LIBRARY.md).
 */
int huiqi_parameters_audit(const huiqi_parameters *parameters, char **json, size_t *length, char **error);

/**
 * The parameter values as JSON, the same bytes as `huiqi params --format json` prints: every
 * value, or with `at` ("YYYY-MM-DD", else NULL) those in effect on that date.
 */
int huiqi_parameters_list(const huiqi_parameters *parameters, const char *at, char **json, size_t *length,
                          char **error);

/** The measures as JSON, the same bytes as `huiqi list --format json` prints. */
int huiqi_measures(char **json, size_t *length, char **error);

/* ---- Calculating ------------------------------------------------------------------------ */

/**
 * Computes `measure` ("interest-subsidy", …; huiqi_measures lists them) on `input`, a JSON
 * object of `input_length` bytes with the field names of docs/POLICY.md. `*json` receives the
 * result, the same bytes as `huiqi calc MEASURE --input FILE --format json` prints (ending
 * with a line feed), including its "audit" block.
 */
int huiqi_calculate(const huiqi_parameters *parameters, const char *measure, const char *input,
                    size_t input_length, char **json, size_t *length, char **error);

/* ---- Batch ------------------------------------------------------------------------------ */

/** Bits of the `flags` of huiqi_batch and huiqi_batch_files. */
enum {
    /** The input is JSON lines (else CSV). huiqi_batch_files decides by the extension instead. */
    HUIQI_BATCH_INPUT_JSONL = 1,
    /** The rows and summary are written as JSON lines (else CSV). */
    HUIQI_BATCH_OUTPUT_JSONL = 2
};

/**
 * Runs `measure` over a file of records held in memory, as `huiqi batch` does: `input` (CSV
 * or JSON lines), and optionally `repayments` and `granted` (CSV; NULL when absent).
 *
 * On success `*rows` receives the same bytes as `huiqi batch … -o OUT` writes to OUT,
 * `*summary` those it writes with `--summary FILE`, and `*report` a JSON object:
 * {"rows_read", "rows_ok", "rows_failed", "totals": [{"column", "total"}],
 *  "row_errors": [{"line", "message"}], "warnings": [...], "audit": {...}}.
 * Rows that fail are reported there and in their output rows; the status is still HUIQI_OK.
 * HUIQI_ERROR_FILE is for a file that cannot be read as a whole.
 */
int huiqi_batch(const huiqi_parameters *parameters, const char *measure,
                const char *input, size_t input_length,
                const char *repayments, size_t repayments_length,
                const char *granted, size_t granted_length,
                int flags,
                char **rows, size_t *rows_length,
                char **summary, size_t *summary_length,
                char **report, size_t *report_length,
                char **error);

/**
 * huiqi_batch on files: `input_path` (JSON lines when it ends in .jsonl or .ndjson, as for
 * `huiqi batch`), `repayments_path` and `granted_path` (NULL when absent). Only
 * HUIQI_BATCH_OUTPUT_JSONL of `flags` is used.
 */
int huiqi_batch_files(const huiqi_parameters *parameters, const char *measure,
                      const char *input_path, const char *repayments_path, const char *granted_path,
                      int flags,
                      char **rows, size_t *rows_length,
                      char **summary, size_t *summary_length,
                      char **report, size_t *report_length,
                      char **error);

/* ---- Exact decimals --------------------------------------------------------------------- */
/*
 * Decimals are strings in the General Decimal Arithmetic syntax ("3000000.00", "-1.5E+3").
 * Results are written as its to-scientific-string ("60833.33", "1.5E+7"). Addition,
 * subtraction and multiplication are exact; division rounds once, as asked.
 */

/** Checks and normalises `text`: the canonical string of its value ("1.50" stays "1.50"). */
int huiqi_decimal_parse(const char *text, char **out, char **error);

/** Styles of huiqi_decimal_format. */
enum {
    /** Plain digits, never an exponent: "60833.33", "0.000001". */
    HUIQI_FORMAT_PLAIN = 0,
    /** Plain digits with thousands separators: "3,000,000.00". */
    HUIQI_FORMAT_GROUPED = 1,
    /** Engineering notation (exponents multiple of 3). */
    HUIQI_FORMAT_ENGINEERING = 2
};

/** `text` written in `style`. */
int huiqi_decimal_format(const char *text, int style, char **out, char **error);

/** a + b, exactly. */
int huiqi_decimal_add(const char *a, const char *b, char **out, char **error);

/** a − b, exactly. */
int huiqi_decimal_subtract(const char *a, const char *b, char **out, char **error);

/** a × b, exactly. */
int huiqi_decimal_multiply(const char *a, const char *b, char **out, char **error);

/** Kinds of limit of huiqi_decimal_divide. */
enum {
    /** `digits` digits after the decimal point (may be negative). */
    HUIQI_SCALE = 0,
    /** `digits` significant digits (at least 1). */
    HUIQI_PRECISION = 1
};

/**
 * a ÷ b rounded once to `limit` (`HUIQI_SCALE` or `HUIQI_PRECISION`) of `digits`, with
 * `rounding` one of "halfUp" (四舍五入), "halfEven", "halfDown", "up", "down", "ceiling",
 * "floor", "zeroFiveUp" (snake case, "half_up", is accepted too).
 * Example: huiqi_decimal_divide("1095000000", "18000", HUIQI_SCALE, 2, "halfUp", …) gives "60833.33".
 */
int huiqi_decimal_divide(const char *a, const char *b, int limit, int32_t digits, const char *rounding,
                         char **out, char **error);

/** Compares a and b by value: `*result` is −1, 0 or 1. */
int huiqi_decimal_compare(const char *a, const char *b, int32_t *result, char **error);

#ifdef __cplusplus
}
#endif

#endif /* HUIQI_H */
