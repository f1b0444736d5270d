/* The whole interest-subsidy batch job in plain C, for an honest comparison with
 * `huiqi batch interest-subsidy INPUT.csv -o OUT.csv`: one core, C11, libc only.
 *
 * It does everything that command does for a CSV of loans and writes the same output file, byte
 * for byte:
 *   - reads the CSV as huiqi does (RFC 4180: quoted fields, doubled quotes, CRLF or LF, a UTF-8
 *     byte-order mark, blank lines skipped; the header names the columns in any order, extra
 *     columns are ignored, every `id` / `*_id` column is copied to the output);
 *   - reads each value in the spellings of docs/POLICY.md §1: amounts `3000000`, `1.2E+6`,
 *     `3,000,000.00`, `¥…`, `…元`, `300万`, `1.5亿`; rates `0.0365` or `3.65%`; dates
 *     `2022-10-01`, `2022-10-1`, `2022/10/1`, `20221001`, `2022年10月1日`; yes/no as
 *     true/false, 1/0, yes/no, y/n (any case), 是/否 — after trimming spaces (U+3000 too) and
 *     turning full-width ASCII forms into ASCII;
 *   - refuses a bad row with huiqi's message in an error row (wrong number of fields, a missing
 *     or malformed value, a duplicate loan, a non-positive principal, a negative rate or
 *     interest paid, an end date not after the drawdown date), and computes every good row;
 *   - per loan: eligibility in order (guaranteed by the fund, first inclusive loan, lender in
 *     Shanghai, drawdown in the subsidy period), the window min(end, drawdown + 365 days), the
 *     balance-days, the subsidy round_half_up(balance_days × min(2%, rate) / 360) to the fen,
 *     never above the interest paid (which is then cut down to the fen);
 *   - per enterprise: the 200,000.00 cap filled in order of (drawdown date, loan id), in
 *     code-point order of the id;
 *   - writes the output through a temporary file next to it, flushed to disk, then renamed.
 *
 * The parameters are the bundled ones (Sources/PolicyModule/Parameters/parameters.yaml): rate
 * 0.02, cap 200000.00, max_days 365, min_days 0, rate_mode cap, day_basis 360, all in effect for
 * drawdowns 2022-10-01..2022-12-31.
 *
 * Every amount is exact integer fixed point (uint64_t, unsigned __int128); there is no float or
 * double anywhere. Where huiqi would accept a value this program cannot reproduce exactly — a
 * number too large for 128-bit fixed point, an error message it does not word (a value cut to
 * 40 characters whose characters it cannot count, an out-of-range exponent), a negative zero, an id
 * with characters whose Unicode equivalence it does not model, a `repayments` column — it
 * stops with exit status 3 and writes nothing, rather than print a number or a row that might
 * differ.
 *
 * Build: cc -O2 -std=c11 -o subsidy_full subsidy_full.c
 * Run:   ./subsidy_full loans.csv -o out.csv
 * Exit:  0 every row ok, 1 some rows failed, 2 unusable file or usage, 3 input out of scope.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef unsigned __int128 u128;

/* ---------------------------------------------------------------------------------------------
 * Failing
 */

static void die(int status, const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    fputs("subsidy_full: ", stderr);
    vfprintf(stderr, format, arguments);
    fputc('\n', stderr);
    va_end(arguments);
    exit(status);
}

/* Input that huiqi accepts but this program does not reproduce: stop, write nothing. */
static void unsupported(int64_t line, const char *what) {
    die(3, "line %lld: %s; this program stops rather than guess", (long long)line, what);
}

static void *checked(void *pointer) {
    if (!pointer) die(2, "out of memory");
    return pointer;
}

static char *format_message(const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    int length = vsnprintf(NULL, 0, format, arguments);
    va_end(arguments);
    char *text = checked(malloc((size_t)length + 1));
    va_start(arguments, format);
    vsnprintf(text, (size_t)length + 1, format, arguments);
    va_end(arguments);
    return text;
}

/* ---------------------------------------------------------------------------------------------
 * Text: byte ranges of the input
 */

typedef struct {
    const char *p;
    size_t n;
} text_t;

static bool ends_with(text_t s, const char *suffix) {
    size_t k = strlen(suffix);
    return s.n >= k && memcmp(s.p + s.n - k, suffix, k) == 0;
}

static bool starts_with(text_t s, const char *prefix) {
    size_t k = strlen(prefix);
    return s.n >= k && memcmp(s.p, prefix, k) == 0;
}

static bool contains(text_t s, const char *needle) {
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= s.n; i++)
        if (memcmp(s.p + i, needle, k) == 0) return true;
    return false;
}

static bool equals(text_t s, const char *word) { return s.n == strlen(word) && memcmp(s.p, word, s.n) == 0; }

/* huiqi's value normalisation (docs/POLICY.md §1): full-width ASCII forms U+FF01..U+FF5E become
 * ASCII, the ideographic space U+3000 a space, then spaces, tabs, CR and LF are trimmed from both
 * ends. Cells that need neither are returned as they are; the others are rewritten into
 * `scratch`, which must hold `cell.n` bytes. */
static text_t normalized(text_t cell, char *scratch) {
    bool plain = true;
    for (size_t i = 0; i < cell.n; i++)
        if ((unsigned char)cell.p[i] >= 0x80) { plain = false; break; }
    text_t s = cell;
    if (!plain) {
        size_t n = 0;
        for (size_t i = 0; i < cell.n;) {
            const unsigned char *b = (const unsigned char *)cell.p + i;
            if (i + 2 < cell.n && b[0] == 0xEF && b[1] == 0xBC && b[2] >= 0x81 && b[2] <= 0xBF) {
                scratch[n++] = (char)(b[2] - 0x81 + 0x21); /* U+FF01..U+FF3F */
                i += 3;
            } else if (i + 2 < cell.n && b[0] == 0xEF && b[1] == 0xBD && b[2] >= 0x80 && b[2] <= 0x9E) {
                scratch[n++] = (char)(b[2] - 0x80 + 0x60); /* U+FF40..U+FF5E */
                i += 3;
            } else if (i + 2 < cell.n && b[0] == 0xE3 && b[1] == 0x80 && b[2] == 0x80) {
                scratch[n++] = ' ';
                i += 3;
            } else {
                scratch[n++] = (char)b[0];
                i++;
            }
        }
        s.p = scratch;
        s.n = n;
    }
    while (s.n > 0 && (s.p[0] == ' ' || s.p[0] == '\t' || s.p[0] == '\n' || s.p[0] == '\r')) s.p++, s.n--;
    while (s.n > 0 && (s.p[s.n - 1] == ' ' || s.p[s.n - 1] == '\t' || s.p[s.n - 1] == '\n' || s.p[s.n - 1] == '\r')) s.n--;
    return s;
}

/* The bytes of `text.prefix(40)`, which huiqi quotes in the message of a refused value, or -1
 * when this program cannot tell: Swift counts characters (grapheme clusters). Tab, printable
 * ASCII, ¥ (U+00A5), the ideographic space, CJK unified ideographs, full-width forms and ￥
 * (U+FFE5) are each a character of their own, so for text made of them it is 40 code points. */
static long prefix40(text_t raw) {
    size_t i = 0;
    for (int characters = 0; characters < 40 && i < raw.n; characters++) {
        unsigned char c = (unsigned char)raw.p[i];
        if (c == '\t' || (c >= 0x20 && c <= 0x7E)) { i++; continue; }
        uint32_t scalar;
        size_t length;
        if ((c & 0xE0) == 0xC0 && i + 1 < raw.n) length = 2, scalar = ((uint32_t)(c & 0x1F) << 6) | (raw.p[i + 1] & 0x3F);
        else if ((c & 0xF0) == 0xE0 && i + 2 < raw.n)
            length = 3, scalar = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(raw.p[i + 1] & 0x3F) << 6) | (raw.p[i + 2] & 0x3F);
        else return -1;
        bool alone = scalar == 0xA5 || scalar == 0x3000 || (scalar >= 0x3400 && scalar <= 0x4DBF) || (scalar >= 0x4E00 && scalar <= 0x9FFF) ||
                     (scalar >= 0xFF01 && scalar <= 0xFF5E) || scalar == 0xFFE5;
        if (!alone) return -1;
        i += length;
    }
    return (long)i;
}

/* ---------------------------------------------------------------------------------------------
 * Decimals: sign, integer coefficient, power of ten
 */

typedef struct {
    bool negative;
    uint64_t coefficient;
    int32_t exponent;
} decimal_t;

static u128 power_of_ten(int k) { /* k in 0...38 */
    u128 p = 1;
    while (k-- > 0) p *= 10;
    return p;
}

/* The decimal digits of `value`, most significant first, NUL-terminated; returns the count. */
static int digits_of(u128 value, char digits[40]) {
    char reversed[40];
    int n = 0;
    while (value >> 64) { /* 128-bit division only for the digits beyond 64 bits */
        reversed[n++] = (char)('0' + (int)(value % 10));
        value /= 10;
    }
    uint64_t rest = (uint64_t)value;
    do {
        reversed[n++] = (char)('0' + (int)(rest % 10));
        rest /= 10;
    } while (rest > 0);
    for (int i = 0; i < n; i++) digits[i] = reversed[n - 1 - i];
    digits[n] = 0;
    return n;
}

/* The General Decimal Arithmetic to-scientific-string of (-1)^negative × coefficient × 10^exponent,
 * which is how huiqi writes a decimal: `60833.33`, `0`, `1.2E+6`, `1E-7`, `-0`. Returns the length. */
static int scientific(bool negative, u128 coefficient, int exponent, char out[96]) {
    char digits[40];
    int count = digits_of(coefficient, digits);
    int adjusted = exponent + count - 1;
    int n = 0;
    if (negative) out[n++] = '-';
    if (exponent <= 0 && adjusted >= -6) {
        int places = -exponent;
        if (places == 0) {
            memcpy(out + n, digits, (size_t)count), n += count;
        } else if (count > places) {
            memcpy(out + n, digits, (size_t)(count - places)), n += count - places;
            out[n++] = '.';
            memcpy(out + n, digits + count - places, (size_t)places), n += places;
        } else {
            out[n++] = '0', out[n++] = '.';
            for (int i = 0; i < places - count; i++) out[n++] = '0';
            memcpy(out + n, digits, (size_t)count), n += count;
        }
    } else {
        out[n++] = digits[0];
        if (count > 1) {
            out[n++] = '.';
            memcpy(out + n, digits + 1, (size_t)(count - 1)), n += count - 1;
        }
        n += snprintf(out + n, 16, "E%+d", adjusted);
    }
    out[n] = 0;
    return n;
}

static char *decimal_text(decimal_t d) {
    char text[96];
    scientific(d.negative, d.coefficient, d.exponent, text);
    return format_message("%s", text);
}

enum { PARSED, REFUSED, TOO_LONG, OUT_OF_SCOPE };

/* A number in the General Decimal Arithmetic syntax huiqi reads — optional sign, digits with at
 * most one point, optional exponent (`60833.33`, `.5`, `5.`, `+1E+3`, `1.50e-2`) — within
 * huiqi's bounds for policy input (at most 100 characters, adjusted exponent within ±100).
 * REFUSED: not such a number. TOO_LONG: more than 100 bytes (huiqi counts UTF-8 bytes).
 * OUT_OF_SCOPE: a number huiqi refuses with another message, or a coefficient beyond 64 bits. */
static int parse_number(text_t s, decimal_t *out) {
    if (s.n > 100) return TOO_LONG;
    size_t i = 0;
    bool negative = false;
    if (i < s.n && (s.p[i] == '+' || s.p[i] == '-')) negative = s.p[i++] == '-';
    uint64_t coefficient = 0;
    int digits = 0, significant = 0, fraction = 0;
    bool point = false;
    for (; i < s.n; i++) {
        char c = s.p[i];
        if (c >= '0' && c <= '9') {
            digits++;
            if (point) fraction++;
            if (significant > 0 || c != '0') {
                if (++significant > 19) return OUT_OF_SCOPE;
                if (__builtin_mul_overflow(coefficient, 10, &coefficient) || __builtin_add_overflow(coefficient, (uint64_t)(c - '0'), &coefficient))
                    return OUT_OF_SCOPE;
            }
        } else if (c == '.' && !point) {
            point = true;
        } else {
            break;
        }
    }
    if (digits == 0) return REFUSED;
    int64_t exponent = -fraction;
    if (i < s.n) {
        if ((s.p[i] | 0x20) != 'e') return REFUSED;
        i++;
        bool minus = false;
        if (i < s.n && (s.p[i] == '+' || s.p[i] == '-')) minus = s.p[i++] == '-';
        size_t start = i;
        int64_t value = 0;
        for (; i < s.n; i++) {
            if (s.p[i] < '0' || s.p[i] > '9') return REFUSED;
            if (value < 1000000) value = value * 10 + (s.p[i] - '0');
        }
        if (i == start) return REFUSED;
        exponent += minus ? -value : value;
    }
    if (coefficient != 0 && (exponent + significant - 1 > 100 || exponent + significant - 1 < -100)) return OUT_OF_SCOPE;
    if (exponent > 1000 || exponent < -1000) return OUT_OF_SCOPE; /* a zero with a huge exponent */
    out->negative = negative;
    out->coefficient = coefficient;
    out->exponent = (int32_t)exponent;
    return PARSED;
}

/* An amount as huiqi's InputText.amount reads it (normalised text `s`): an optional `¥`/`￥`
 * prefix, then an optional `元` suffix, then an optional `万` (× 10^4) or `亿` (× 10^8) suffix;
 * digits grouped in threes with commas before the point; then a number. × 10^4 or 10^8 is
 * exact, and when the result has a positive exponent it is written out in whole yuan (exponent
 * 0: `1.5万` is 15000, not 1.5E+4). REFUSED sets *grouping when the commas were the problem. */
static int parse_amount(text_t s, decimal_t *out, bool *grouping) {
    *grouping = false;
    if (starts_with(s, "¥")) s.p += 2, s.n -= 2;
    else if (starts_with(s, "￥")) s.p += 3, s.n -= 3;
    if (ends_with(s, "元")) s.n -= 3;
    int scale = 0;
    if (ends_with(s, "万")) scale = 4, s.n -= 3;
    else if (ends_with(s, "亿")) scale = 8, s.n -= 3;
    if (s.n == 0 || starts_with(s, "¥") || starts_with(s, "￥") || ends_with(s, "元")) return REFUSED;
    char ungrouped[128];
    if (memchr(s.p, ',', s.n)) {
        /* Integer part: optional sign, a first group of 1-3 digits, then groups of exactly 3. */
        const char *dot = memchr(s.p, '.', s.n);
        size_t integer = dot ? (size_t)(dot - s.p) : s.n;
        if (dot && memchr(dot, ',', s.n - integer)) return *grouping = true, REFUSED;
        size_t i = 0, n = 0;
        if (s.p[0] == '+' || s.p[0] == '-') ungrouped[n++] = s.p[i++];
        size_t group = 0;
        bool first = true;
        for (; i <= integer; i++) {
            if (i == integer || s.p[i] == ',') {
                if (first ? (group < 1 || group > 3) : group != 3) return *grouping = true, REFUSED;
                first = false;
                group = 0;
            } else if (s.p[i] >= '0' && s.p[i] <= '9') {
                if (n < sizeof ungrouped) ungrouped[n] = s.p[i]; /* longer is refused below, after every group is checked */
                n++;
                group++;
            } else {
                return *grouping = true, REFUSED;
            }
        }
        if (s.n - integer + n > 100) return TOO_LONG; /* huiqi's length limit is on the ungrouped number */
        memcpy(ungrouped + n, s.p + integer, s.n - integer);
        s.p = ungrouped;
        s.n = n + (s.n - integer);
    }
    int status = parse_number(s, out);
    if (status != PARSED || scale == 0) return status;
    out->exponent += scale;
    if (out->exponent > 0) {
        if (out->exponent > 19) return OUT_OF_SCOPE;
        uint64_t factor = (uint64_t)power_of_ten(out->exponent);
        if (__builtin_mul_overflow(out->coefficient, factor, &out->coefficient)) return OUT_OF_SCOPE;
        out->exponent = 0;
    }
    return PARSED;
}

/* The sign of d − 1, for d >= 0. */
static int compare_with_one(decimal_t d) {
    if (d.coefficient == 0) return -1;
    if (d.exponent >= 0) return (d.coefficient == 1 && d.exponent == 0) ? 0 : 1;
    if (-d.exponent > 19) return -1; /* coefficient < 2^64 < 10^20 */
    u128 unit = power_of_ten(-d.exponent);
    return d.coefficient < unit ? -1 : (d.coefficient == unit ? 0 : 1);
}

/* A rate as huiqi's Rate(parsing:) reads it: a number, or a number followed by `%` (÷ 100,
 * exactly: the exponent drops by 2). Refused as implausible: a rate of 1 or more written
 * without `%` (3.65 would be 365%), and any rate above 100% — IMPLAUSIBLE and ABOVE_100. */
enum { IMPLAUSIBLE = OUT_OF_SCOPE + 1, ABOVE_100 };

static int parse_rate(text_t s, decimal_t *out) {
    bool percent = s.n > 0 && s.p[s.n - 1] == '%';
    if (percent) s.n--;
    int status = parse_number(s, out);
    if (status != PARSED) return status;
    if (percent) out->exponent -= 2;
    if (!out->negative) {
        int versus_one = compare_with_one(*out);
        if (!percent && versus_one >= 0) return IMPLAUSIBLE;
        if (versus_one > 0) return ABOVE_100;
    }
    return PARSED;
}

/* A non-negative decimal as huiqi shows it in the message of an implausible rate: trailing
 * zeros removed, in plain digits when that takes at most 30 characters, else scientific. */
static void shown(decimal_t d, char out[160]) {
    uint64_t c = d.coefficient;
    int e = d.exponent;
    if (c == 0) e = 0;
    while (c != 0 && c % 10 == 0) c /= 10, e++;
    char digits[40];
    int count = digits_of(c, digits), n = 0;
    if (e >= 0) {
        if (count + e <= 30) {
            n = sprintf(out, "%s", digits);
            for (int i = 0; i < (c == 0 ? 0 : e); i++) out[n++] = '0';
            out[n] = 0;
            return;
        }
    } else if (count > -e) {
        if (count + 1 <= 30) {
            sprintf(out, "%.*s.%s", count + e, digits, digits + count + e);
            return;
        }
    } else if (2 + (-e) <= 30) {
        n = sprintf(out, "0.");
        for (int i = 0; i < -e - count; i++) out[n++] = '0';
        sprintf(out + n, "%s", digits);
        return;
    }
    scientific(false, c, e, out);
}

/* ---------------------------------------------------------------------------------------------
 * Dates: days since 1970-01-01
 */

static int32_t days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int32_t z, int *year, int *month, int *day) {
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *day = doy - (153 * mp + 2) / 5 + 1;
    *month = mp < 10 ? mp + 3 : mp - 9;
    *year = yoe + era * 400 + (*month <= 2);
}

static int days_in_month(int month, int year) {
    if (month == 2) return ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0) ? 29 : 28;
    return (month == 4 || month == 6 || month == 9 || month == 11) ? 30 : 31;
}

static const char *month_names[] = {"January", "February", "March", "April", "May", "June", "July",
                                    "August", "September", "October", "November", "December"};

static bool all_digits(text_t s) {
    for (size_t i = 0; i < s.n; i++)
        if (s.p[i] < '0' || s.p[i] > '9') return false;
    return true;
}

static int number_of(text_t s) {
    int value = 0;
    for (size_t i = 0; i < s.n; i++) value = value * 10 + (s.p[i] - '0');
    return value;
}

enum { DATE_OK, DATE_NOT_A_DATE, DATE_YEAR, DATE_MONTH, DATE_DAYS };

/* A date as huiqi's InputText.day reads it (normalised text `s`): 8 digits YYYYMMDD; or
 * `Y年M月D日`; or three parts split by `/` (if there is one) or `-`, with a 4-digit year and a
 * 1- or 2-digit month and day. Years 1900-9999. On DATE_MONTH / DATE_DAYS, *year and *month
 * are set for the message. */
static int parse_date(text_t s, int32_t *out, int *year_out, int *month_out) {
    text_t parts[4];
    int count = 0;
    if (s.n == 8 && all_digits(s)) {
        parts[0] = (text_t){s.p, 4}, parts[1] = (text_t){s.p + 4, 2}, parts[2] = (text_t){s.p + 6, 2};
        count = 3;
    } else {
        /* Y年M月D日 splits at 年 and 月 (日 dropped); otherwise at `/` if there is one, else `-`. */
        bool chinese = ends_with(s, "日") && contains(s, "年") && contains(s, "月");
        text_t rest = chinese ? (text_t){s.p, s.n - 3} : s;
        char separator = memchr(s.p, '/', s.n) ? '/' : '-';
        size_t start = 0, i = 0;
        for (;;) {
            size_t width;
            text_t here = {rest.p + i, rest.n - i};
            if (i == rest.n) width = 0;
            else if (chinese && (starts_with(here, "年") || starts_with(here, "月"))) width = 3;
            else if (!chinese && rest.p[i] == separator) width = 1;
            else { i++; continue; }
            if (count == 4) return DATE_NOT_A_DATE; /* more than 3 parts */
            parts[count++] = (text_t){rest.p + start, i - start};
            if (width == 0) break;
            i += width;
            start = i;
        }
    }
    if (count != 3 || parts[0].n != 4 || parts[1].n < 1 || parts[1].n > 2 || parts[2].n < 1 || parts[2].n > 2 ||
        !all_digits(parts[0]) || !all_digits(parts[1]) || !all_digits(parts[2]))
        return DATE_NOT_A_DATE;
    int year = number_of(parts[0]), month = number_of(parts[1]), day = number_of(parts[2]);
    *year_out = year, *month_out = month;
    if (year < 1900 || year > 9999) return DATE_YEAR;
    if (month < 1 || month > 12) return DATE_MONTH;
    if (day < 1 || day > days_in_month(month, year)) return DATE_DAYS;
    *out = days_from_civil(year, month, day);
    return DATE_OK;
}

/* ---------------------------------------------------------------------------------------------
 * The CSV reader: huiqi's CSVDocument, record by record
 */

typedef struct {
    size_t start, end;
    bool escaped; /* quoted, with doubled quotes to collapse */
} cell_t;

typedef struct {
    const char *bytes;
    size_t size, index;
    int64_t line; /* 1-based line of the next record */
    cell_t *cells;
    size_t cell_count, cell_capacity;
    int64_t record_line;
    char error[64]; /* empty: the record was read */
} csv_t;

static void add_cell(csv_t *csv, size_t start, size_t end, bool escaped) {
    if (csv->cell_count == csv->cell_capacity) {
        csv->cell_capacity = csv->cell_capacity ? 2 * csv->cell_capacity : 32;
        csv->cells = checked(realloc(csv->cells, csv->cell_capacity * sizeof(cell_t)));
    }
    csv->cells[csv->cell_count++] = (cell_t){start, end, escaped};
}

/* Reads the next record that is not a blank line; false at the end of the file. A record ends
 * at a line end outside quotes; a CR is dropped before LF (and, after a closing quote, ends the
 * record by itself, as in huiqi). */
static bool next_record(csv_t *csv) {
    const char *b = csv->bytes;
    size_t n = csv->size;
    while (csv->index < n) {
        size_t i = csv->index;
        csv->record_line = csv->line;
        csv->cell_count = 0;
        csv->error[0] = 0;
        for (;;) {
            if (i < n && b[i] == '"') {
                size_t start = ++i;
                bool escaped = false, closed = false;
                while (i < n) {
                    if (b[i] == '"') {
                        if (i + 1 < n && b[i + 1] == '"') { escaped = true; i += 2; continue; }
                        closed = true;
                        break;
                    }
                    if (b[i] == '\n') csv->line++;
                    i++;
                }
                add_cell(csv, start, i, escaped);
                if (!closed) {
                    if (!csv->error[0]) snprintf(csv->error, sizeof csv->error, "a quoted field is not closed");
                } else {
                    i++;
                }
                if (i < n && b[i] != ',' && b[i] != '\n' && b[i] != '\r') {
                    if (!csv->error[0]) snprintf(csv->error, sizeof csv->error, "text after the closing quote of field %zu", csv->cell_count);
                    while (i < n && b[i] != ',' && b[i] != '\n') i++;
                }
            } else {
                size_t start = i;
                const char *stop = b + i;
                while (stop < b + n && *stop != ',' && *stop != '\n') stop++;
                i = (size_t)(stop - b);
                size_t end = i;
                if (end > start && b[end - 1] == '\r' && (i == n || b[i] == '\n')) end--;
                add_cell(csv, start, end, false);
            }
            if (i < n && b[i] == ',') {
                i++;
            } else {
                if (i < n && b[i] == '\r') i++;
                if (i < n && b[i] == '\n') i++;
                csv->line++;
                break;
            }
        }
        csv->index = i;
        bool blank = csv->cell_count == 1 && csv->cells[0].start == csv->cells[0].end && !csv->error[0];
        if (!blank) return true;
    }
    return false;
}

/* The bytes of cell `k` of the current record; a quoted cell with doubled quotes is collapsed
 * into a copy that lives until the end (ids point into it). */
static text_t cell_text(const csv_t *csv, size_t k) {
    cell_t c = csv->cells[k];
    if (!c.escaped) return (text_t){csv->bytes + c.start, c.end - c.start};
    char *copy = checked(malloc(c.end - c.start + 1));
    size_t n = 0;
    for (size_t i = c.start; i < c.end; i++) {
        copy[n++] = csv->bytes[i];
        if (csv->bytes[i] == '"') i++;
    }
    return (text_t){copy, n};
}

/* ---------------------------------------------------------------------------------------------
 * Hash tables: enterprises by id, loans by (enterprise, loan id)
 */

static uint64_t hash_bytes(text_t s, uint64_t seed) {
    uint64_t h = seed ^ (s.n * 0x9E3779B97F4A7C15ull);
    size_t i = 0;
    for (; i + 8 <= s.n; i += 8) {
        uint64_t w;
        memcpy(&w, s.p + i, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDull;
        h ^= h >> 32;
    }
    uint64_t w = 0;
    memcpy(&w, s.p + i, s.n - i);
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ull;
    return h ^ (h >> 29);
}

typedef struct {
    text_t id;
    uint64_t hash;
    int64_t total;                     /* fen granted over its good loans */
    int32_t first, last;               /* its good rows, a list through row_t.next; -1: none */
    int32_t claims_first, claims_last; /* its rows with a loan id, through row_t.next_claim */
    int32_t claim_count;               /* beyond CLAIMS_IN_LIST, its claims are in loan_keys_t */
} enterprise_t;

typedef struct {
    enterprise_t *items;
    size_t count, capacity;
    int32_t *slots; /* index + 1, 0 empty */
    size_t slot_mask;
} enterprises_t;

static int32_t enterprise_index(enterprises_t *t, text_t id) {
    if (2 * (t->count + 1) > t->slot_mask + 1 || !t->slots) {
        size_t size = t->slots ? 2 * (t->slot_mask + 1) : 1 << 16;
        free(t->slots);
        t->slots = checked(calloc(size, sizeof(int32_t)));
        t->slot_mask = size - 1;
        for (size_t k = 0; k < t->count; k++) {
            size_t s = t->items[k].hash & t->slot_mask;
            while (t->slots[s]) s = (s + 1) & t->slot_mask;
            t->slots[s] = (int32_t)k + 1;
        }
    }
    uint64_t h = hash_bytes(id, 1);
    size_t s = h & t->slot_mask;
    while (t->slots[s]) {
        enterprise_t *e = &t->items[t->slots[s] - 1];
        if (e->hash == h && e->id.n == id.n && memcmp(e->id.p, id.p, id.n) == 0) return t->slots[s] - 1;
        s = (s + 1) & t->slot_mask;
    }
    if (t->count == t->capacity) {
        t->capacity = t->capacity ? 2 * t->capacity : 1 << 15;
        t->items = checked(realloc(t->items, t->capacity * sizeof(enterprise_t)));
    }
    t->items[t->count] = (enterprise_t){id, h, 0, -1, -1, -1, -1, 0};
    t->slots[s] = (int32_t)++t->count;
    return (int32_t)t->count - 1;
}

/* huiqi groups enterprises and finds duplicates with Swift string equality, which is Unicode
 * canonical equivalence, and this program compares bytes. The two agree on ASCII, CJK unified
 * ideographs (extension A and the main block) and full-width ASCII forms, which have no
 * canonical decompositions and are no combining marks; ids with other characters are out of
 * scope. */
static bool byte_comparable(text_t id) {
    for (size_t i = 0; i < id.n;) {
        unsigned char c = (unsigned char)id.p[i];
        if (c < 0x80) { i++; continue; }
        if ((c & 0xF0) != 0xE0 || i + 2 >= id.n) return false; /* valid UTF-8: a 3-byte sequence */
        uint32_t scalar = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(id.p[i + 1] & 0x3F) << 6) | (uint32_t)(id.p[i + 2] & 0x3F);
        if (!((scalar >= 0x3400 && scalar <= 0x4DBF) || (scalar >= 0x4E00 && scalar <= 0x9FFF) || (scalar >= 0xFF01 && scalar <= 0xFF5E))) return false;
        i += 3;
    }
    return true;
}

/* ---------------------------------------------------------------------------------------------
 * Rows
 */

/* ",ENGINE_VERSION,PARAMETERS_SHA256": the last cells of every output row (main sets them). */
static char audit[160];
static size_t audit_length;

enum reason {
    ELIGIBLE, NOT_GUARANTEED_BY_FUND, NOT_FIRST_INCLUSIVE_LOAN, LENDER_OUTSIDE_SHANGHAI, DRAWDOWN_OUTSIDE_WINDOW,
};
static const char *reason_names[] = {"eligible", "not_guaranteed_by_fund", "not_first_inclusive_loan", "lender_outside_shanghai",
                                     "drawdown_outside_window"};

typedef struct {
    int64_t line;
    text_t enterprise_id, loan_id; /* {NULL, 0}: no such cell, or an empty one */
    text_t *extra_ids;             /* the other id columns, or NULL */
    char *error;                   /* why the row failed; NULL for a good row */
    /* A good row: */
    uint64_t principal;   /* coefficient; the principal is principal × 10^-principal_scale */
    int8_t principal_scale;
    uint8_t reason;
    bool capped;
    uint16_t window_days;
    int8_t rate_applied_scale; /* the rate applied is rate_applied × 10^-rate_applied_scale */
    uint64_t rate_applied;
    int32_t drawdown;
    int32_t enterprise;
    int32_t next;       /* the enterprise's next good row, -1 at the end */
    int32_t next_claim; /* the enterprise's next row with a loan id, -1 at the end */
    int64_t computed, granted; /* fen */
} row_t;

/* Duplicates: every row with both ids claims its (enterprise, loan id), good or not, and a
 * later row with the same pair is a duplicate of the first. Most enterprises have a few loans
 * on neighbouring lines, so an enterprise's claims are a short list scanned in place (in the
 * cache); an enterprise with more than CLAIMS_IN_LIST moves its claims to a hash table. */
#define CLAIMS_IN_LIST 16

typedef struct {
    uint64_t hash;
    int32_t row;        /* -1: empty slot */
    int32_t enterprise;
} loan_key_t;

typedef struct {
    loan_key_t *slots;
    size_t count, mask;
} loan_keys_t;

static uint64_t loan_hash(int32_t enterprise, text_t loan) { return hash_bytes(loan, (uint64_t)enterprise * 0x9E3779B97F4A7C15ull + 7); }

static bool same_text(text_t a, text_t b) { return a.n == b.n && memcmp(a.p, b.p, a.n) == 0; }

/* The row that first claimed `rows[row]`'s (enterprise, loan id) in the hash table, or `row`
 * after adding it. */
static int32_t hashed_claim(loan_keys_t *t, const row_t *rows, int32_t enterprise, int32_t row) {
    if (!t->slots || 2 * (t->count + 1) > t->mask + 1) {
        size_t size = t->slots ? 2 * (t->mask + 1) : 1 << 12;
        loan_key_t *old = t->slots;
        size_t old_size = t->slots ? t->mask + 1 : 0;
        t->slots = checked(malloc(size * sizeof(loan_key_t)));
        for (size_t k = 0; k < size; k++) t->slots[k].row = -1;
        t->mask = size - 1;
        for (size_t k = 0; k < old_size; k++) {
            if (old[k].row < 0) continue;
            size_t i = old[k].hash & t->mask;
            while (t->slots[i].row >= 0) i = (i + 1) & t->mask;
            t->slots[i] = old[k];
        }
        free(old);
    }
    uint64_t h = loan_hash(enterprise, rows[row].loan_id);
    size_t i = h & t->mask;
    for (; t->slots[i].row >= 0; i = (i + 1) & t->mask) {
        loan_key_t *k = &t->slots[i];
        if (k->hash == h && k->enterprise == enterprise && same_text(rows[k->row].loan_id, rows[row].loan_id)) return k->row;
    }
    t->slots[i] = (loan_key_t){h, row, enterprise};
    t->count++;
    return row;
}

/* The line on which `rows[row]`'s (enterprise, loan id) was first claimed: its own if it is new. */
static int64_t first_claim(enterprise_t *e, int32_t enterprise, loan_keys_t *t, row_t *rows, int32_t row) {
    int32_t first = row;
    if (e->claim_count < CLAIMS_IN_LIST) {
        for (int32_t k = e->claims_first; k >= 0; k = rows[k].next_claim)
            if (same_text(rows[k].loan_id, rows[row].loan_id)) return rows[k].line;
    } else {
        if (e->claim_count == CLAIMS_IN_LIST) /* the list is full: its claims move to the hash table */
            for (int32_t k = e->claims_first; k >= 0; k = rows[k].next_claim) hashed_claim(t, rows, enterprise, k);
        first = hashed_claim(t, rows, enterprise, row);
        if (first != row) return rows[first].line;
    }
    rows[row].next_claim = -1;
    if (e->claims_last >= 0) rows[e->claims_last].next_claim = row;
    else e->claims_first = row;
    e->claims_last = row;
    e->claim_count++;
    return rows[row].line;
}

/* The input fields huiqi's interest-subsidy loan decodes, in the order it decodes them. */
enum field {
    ENTERPRISE_ID, LOAN_ID, PRINCIPAL, ANNUAL_RATE, DRAWDOWN_DATE, END_DATE, GUARANTEED_BY_FUND, FIRST_INCLUSIVE_LOAN,
    LENDER_IN_SHANGHAI, INTEREST_PAID, REPAYMENTS, FIELD_COUNT
};
static const char *field_names[] = {"enterprise_id", "loan_id", "principal", "annual_rate", "drawdown_date", "end_date",
                                    "guaranteed_by_fund", "first_inclusive_loan", "lender_in_shanghai", "interest_paid",
                                    "repayments"};

/* The bundled parameters: in effect for drawdowns in this window. */
#define SUBSIDY_RATE_PERCENT 2 /* interest_subsidy.rate 0.02 */
#define CAP_FEN 20000000       /* interest_subsidy.cap_per_enterprise 200000.00 */
#define MAX_DAYS 365           /* interest_subsidy.max_days */
#define DAY_BASIS 360          /* interest_subsidy.day_basis */

/* One row's cells, read into a loan or into the reason it failed. */
typedef struct {
    int column[FIELD_COUNT]; /* -1: not in the header */
    int columns;
    int *extra_columns;
    int extra_count;
    int32_t window_first, window_last;
    char *scratch;
    size_t scratch_size;
} reader_t;

/* Room for a normalised copy of an n-byte cell. */
static char *scratch_for(reader_t *r, size_t n) {
    if (n > r->scratch_size) {
        r->scratch_size = n * 2;
        r->scratch = checked(realloc(r->scratch, r->scratch_size));
    }
    return r->scratch;
}

/* The message of a refused value quotes what was written (its first 40 characters). */
static char *refusal(int64_t line, int field, text_t raw, const char *format) {
    long shown = prefix40(raw);
    if (shown < 0) unsupported(line, "a refused value with characters whose count huiqi's message depends on");
    char *quoted = format_message("\"%.*s\"", (int)shown, raw.p);
    char *message = format_message(format, field_names[field], quoted);
    free(quoted);
    return message;
}

static char *read_yes_no(reader_t *r, int64_t line, int field, text_t raw, bool *out) {
    if (raw.n == 4 || raw.n == 5 || raw.n == 1) { /* the common spellings, as written */
        if (equals(raw, "true") || equals(raw, "1")) return *out = true, NULL;
        if (equals(raw, "false") || equals(raw, "0")) return *out = false, NULL;
    }
    text_t s = normalized(raw, scratch_for(r, raw.n));
    char lower[8];
    if (s.n < sizeof lower) {
        for (size_t i = 0; i < s.n; i++) lower[i] = (char)((s.p[i] >= 'A' && s.p[i] <= 'Z') ? s.p[i] | 0x20 : s.p[i]);
        text_t w = {lower, s.n};
        if (equals(w, "true") || equals(w, "1") || equals(w, "yes") || equals(w, "y") || equals(w, "是")) return *out = true, NULL;
        if (equals(w, "false") || equals(w, "0") || equals(w, "no") || equals(w, "n") || equals(w, "否")) return *out = false, NULL;
    }
    return refusal(line, field, raw, "%s: expected yes or no (true/false, 1/0, yes/no, 是/否), not %s");
}

static char *read_amount(reader_t *r, int64_t line, int field, text_t raw, decimal_t *out) {
    text_t s = normalized(raw, scratch_for(r, raw.n));
    bool grouping;
    int status = parse_amount(s, out, &grouping);
    if (status == OUT_OF_SCOPE) unsupported(line, "an amount beyond this program's 64-bit coefficients, or refused by huiqi for its size");
    if (status == TOO_LONG) return format_message("%s: a number may have at most 100 characters", field_names[field]);
    if (status == REFUSED)
        return refusal(line, field, raw, grouping ? "%s: %s is grouped wrongly: digits are grouped in threes before the point (3,000,000.00)"
                                                  : "%s: %s is not an amount (write 3000000, 3,000,000.00, 1.2E+6, ¥3,000,000 or 300万)");
    return NULL;
}

static char *read_date(reader_t *r, int64_t line, int field, text_t raw, int32_t *out) {
    int year = 0, month = 0;
    text_t s = normalized(raw, scratch_for(r, raw.n));
    switch (parse_date(s, out, &year, &month)) {
    case DATE_OK: return NULL;
    case DATE_NOT_A_DATE:
        return refusal(line, field, raw, "%s: %s is not a date: write the year first, 2023-06-30 (also 2023/6/30, 20230630 or 2023年6月30日)");
    case DATE_YEAR: return refusal(line, field, raw, "%s: %s: the year must be 1900 to 9999");
    case DATE_MONTH: {
        char format[96];
        snprintf(format, sizeof format, "%%s: %%s: there is no month %d", month);
        return refusal(line, field, raw, format);
    }
    default: {
        char format[96];
        snprintf(format, sizeof format, "%%s: %%s: %s %d has %d days", month_names[month - 1], year, days_in_month(month, year));
        return refusal(line, field, raw, format);
    }
    }
}

/* A loan row's values in huiqi's decoding order; the first one that fails is the row's error.
 * Returns NULL for a good row (its values in *row and the locals), else the message. */
typedef struct {
    decimal_t principal, rate, paid;
    bool has_paid;
    int32_t drawdown, end;
    bool flags[3];
} loan_values_t;

static char *read_loan(reader_t *r, const csv_t *csv, int64_t line, loan_values_t *v) {
    text_t raw[FIELD_COUNT];
    for (int f = 0; f < FIELD_COUNT; f++) raw[f] = r->column[f] >= 0 ? cell_text(csv, (size_t)r->column[f]) : (text_t){NULL, 0};
    char *error;
    for (int f = ENTERPRISE_ID; f <= LOAN_ID; f++) {
        if (raw[f].n == 0) return format_message("%s: required field is missing", field_names[f]);
        if (raw[f].n > 200) return format_message("%s: text longer than 200 characters", field_names[f]);
    }
    if (raw[PRINCIPAL].n == 0) return format_message("principal: required field is missing");
    if ((error = read_amount(r, line, PRINCIPAL, raw[PRINCIPAL], &v->principal))) return error;

    if (raw[ANNUAL_RATE].n == 0) return format_message("annual_rate: required field is missing");
    text_t rate = normalized(raw[ANNUAL_RATE], scratch_for(r, raw[ANNUAL_RATE].n));
    int status = parse_rate(rate, &v->rate);
    if (status == OUT_OF_SCOPE) unsupported(line, "a rate beyond this program's 64-bit coefficients, or refused by huiqi for its size");
    if (status == IMPLAUSIBLE) { /* the whole text quoted, and what it would mean */
        char meaning[160], fraction[160];
        shown((decimal_t){false, v->rate.coefficient, v->rate.exponent + 2}, meaning);
        shown((decimal_t){false, v->rate.coefficient, v->rate.exponent - 2}, fraction);
        return format_message("annual_rate: \"%.*s\" is not a plausible rate: without %% it means %s%%; write %.*s%% (or %s)",
                              (int)raw[ANNUAL_RATE].n, raw[ANNUAL_RATE].p, meaning, (int)rate.n, rate.p, fraction);
    }
    if (status == ABOVE_100)
        return format_message("annual_rate: \"%.*s\" is above 100%%, which no rate here can be", (int)raw[ANNUAL_RATE].n, raw[ANNUAL_RATE].p);
    if (status == REFUSED) return refusal(line, ANNUAL_RATE, raw[ANNUAL_RATE], "%s: %s is not a rate (write 0.0365 or 3.65%%)");
    if (status == TOO_LONG) return format_message("annual_rate: a number may have at most 100 characters");

    int32_t *dates[2] = {&v->drawdown, &v->end};
    for (int f = DRAWDOWN_DATE; f <= END_DATE; f++) {
        text_t cell = raw[f];
        if (cell.n == 0) return format_message("%s: required field is missing", field_names[f]);
        /* the common spelling YYYY-MM-DD, read directly */
        if (cell.n == 10 && cell.p[4] == '-' && cell.p[7] == '-' && all_digits((text_t){cell.p, 4}) &&
            all_digits((text_t){cell.p + 5, 2}) && all_digits((text_t){cell.p + 8, 2})) {
            int y = number_of((text_t){cell.p, 4}), m = number_of((text_t){cell.p + 5, 2}), d = number_of((text_t){cell.p + 8, 2});
            if (y >= 1900 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(m, y)) {
                *dates[f - DRAWDOWN_DATE] = days_from_civil(y, m, d);
                continue;
            }
        }
        if ((error = read_date(r, line, f, cell, dates[f - DRAWDOWN_DATE]))) return error;
    }
    for (int f = GUARANTEED_BY_FUND; f <= LENDER_IN_SHANGHAI; f++) {
        if (raw[f].n == 0) return format_message("%s: required field is missing", field_names[f]);
        if ((error = read_yes_no(r, line, f, raw[f], &v->flags[f - GUARANTEED_BY_FUND]))) return error;
    }
    v->has_paid = raw[INTEREST_PAID].n > 0;
    if (v->has_paid && (error = read_amount(r, line, INTEREST_PAID, raw[INTEREST_PAID], &v->paid))) return error;
    if (raw[REPAYMENTS].n > 0) unsupported(line, "a repayments cell (partial repayments are not modelled here)");
    return NULL;
}

/* huiqi's checks of a decoded loan, after the duplicate check, in its order. */
static char *check_loan(int64_t line, const loan_values_t *v) {
    if (v->principal.coefficient == 0 || v->principal.negative) {
        char *value = decimal_text(v->principal);
        char *message = format_message("principal: must be greater than 0 (got %s)", value);
        free(value);
        return message;
    }
    decimal_t checks[2] = {v->rate, v->paid};
    const char *names[2] = {"annual_rate", "interest_paid"};
    for (int k = 0; k < (v->has_paid ? 2 : 1); k++) {
        if (!checks[k].negative) continue;
        if (checks[k].coefficient == 0) unsupported(line, "a negative zero rate or interest paid (huiqi writes it as -0.00)");
        char *value = decimal_text(checks[k]);
        char *message = format_message("%s: must not be negative (got %s)", names[k], value);
        free(value);
        return message;
    }
    if (v->end <= v->drawdown) {
        int ey, em, ed, dy, dm, dd;
        civil_from_days(v->end, &ey, &em, &ed);
        civil_from_days(v->drawdown, &dy, &dm, &dd);
        return format_message("end_date: must be after drawdown_date (%04d-%02d-%02d is not after %04d-%02d-%02d)", ey, em, ed, dy, dm, dd);
    }
    return NULL;
}

/* ---------------------------------------------------------------------------------------------
 * The subsidy
 */

/* A positive amount as coefficient × 10^-scale with 0 <= scale <= 30 (a positive exponent is
 * multiplied out, as huiqi's balance-days, Σ balance × days added to 0, are written). */
static void fixed_point(int64_t line, decimal_t d, uint64_t *coefficient, int *scale) {
    if (d.exponent > 0) {
        if (d.coefficient == 0) { *coefficient = 0, *scale = 0; return; }
        if (d.exponent > 19 || __builtin_mul_overflow(d.coefficient, (uint64_t)power_of_ten(d.exponent), coefficient))
            unsupported(line, "an amount beyond 64-bit fixed point");
        *scale = 0;
        return;
    }
    if (d.exponent < -30) unsupported(line, "a value with more than 30 decimals");
    *coefficient = d.coefficient;
    *scale = -d.exponent;
}

/* Eligibility, window and subsidy before the cap (docs/POLICY.md §3), into `row`. */
static void compute_loan(const reader_t *r, int64_t line, const loan_values_t *v, row_t *row) {
    int principal_scale, rate_scale;
    uint64_t rate;
    fixed_point(line, v->principal, &row->principal, &principal_scale);
    fixed_point(line, v->rate, &rate, &rate_scale);
    row->principal_scale = (int8_t)principal_scale;
    row->drawdown = v->drawdown;
    row->window_days = 0;
    row->computed = 0;
    if (!v->flags[0]) { row->reason = NOT_GUARANTEED_BY_FUND; return; }
    if (!v->flags[1]) { row->reason = NOT_FIRST_INCLUSIVE_LOAN; return; }
    if (!v->flags[2]) { row->reason = LENDER_OUTSIDE_SHANGHAI; return; }
    if (v->drawdown < r->window_first || v->drawdown > r->window_last) { row->reason = DRAWDOWN_OUTSIDE_WINDOW; return; }
    row->reason = ELIGIBLE;
    int32_t window_end = v->end < v->drawdown + MAX_DAYS ? v->end : v->drawdown + MAX_DAYS;
    row->window_days = (uint16_t)(window_end - v->drawdown);

    /* r = min(2%, annual_rate), exactly: rate × 10^-rate_scale < 2 × 10^-2 ? */
    u128 applied = rate;
    int applied_scale = rate_scale;
    if (!((u128)rate * 100 < (u128)SUBSIDY_RATE_PERCENT * power_of_ten(rate_scale))) applied = SUBSIDY_RATE_PERCENT, applied_scale = 2;
    row->rate_applied = (uint64_t)applied;
    row->rate_applied_scale = (int8_t)applied_scale;

    /* subsidy in fen = round_half_up(principal × days × r × 100 / 360):
     * numerator = coefficient × days × applied (× 10^-(principal_scale + applied_scale)),
     * so fen = numerator × 10^(2 - principal_scale - applied_scale) / 360. */
    u128 numerator, denominator = DAY_BASIS;
    if (__builtin_mul_overflow((u128)row->principal * row->window_days, applied, &numerator))
        unsupported(line, "a subsidy beyond 128-bit fixed point");
    int shift = 2 - principal_scale - applied_scale;
    if (shift > 0) {
        if (__builtin_mul_overflow(numerator, power_of_ten(shift), &numerator)) unsupported(line, "a subsidy beyond 128-bit fixed point");
    } else if (shift < 0) {
        if (-shift > 35) unsupported(line, "a subsidy with too many decimals");
        denominator *= power_of_ten(-shift);
    }
    u128 quotient, remainder;
    if (numerator >> 64 == 0 && denominator >> 64 == 0) {
        quotient = (uint64_t)numerator / (uint64_t)denominator;
        remainder = (uint64_t)numerator % (uint64_t)denominator;
    } else {
        quotient = numerator / denominator;
        remainder = numerator % denominator;
    }
    u128 fen = quotient + (remainder >= denominator - remainder ? 1 : 0); /* half up: 2r >= d */
    if (fen >> 62) unsupported(line, "a subsidy beyond 62 bits of fen");

    /* Never more than the interest paid: if paid < computed, the subsidy is paid cut down to the
     * fen (not rounded half up). */
    if (v->has_paid) {
        decimal_t p = v->paid;
        int to_fen = p.exponent + 2; /* paid in fen = coefficient × 10^to_fen */
        if (p.coefficient == 0) {
            fen = 0;
        } else if (to_fen >= 0) {
            if (to_fen <= 19) {
                u128 paid_fen = (u128)p.coefficient * power_of_ten(to_fen);
                if (paid_fen < fen) fen = paid_fen;
            } /* else paid is above any subsidy */
        } else {
            if (-to_fen > 38) unsupported(line, "interest paid with more than 36 decimals");
            u128 scaled_fen;
            if (__builtin_mul_overflow(fen, power_of_ten(-to_fen), &scaled_fen) || (u128)p.coefficient < scaled_fen)
                fen = (u128)p.coefficient / power_of_ten(-to_fen);
        }
    }
    row->computed = (int64_t)fen;
}

/* The cap over one enterprise's good rows: eligible loans in order of (drawdown date, loan id
 * by code point, which is UTF-8 byte order). */
static row_t *sort_rows;
static int by_drawdown_then_loan(const void *a, const void *b) {
    const row_t *x = &sort_rows[*(const int32_t *)a], *y = &sort_rows[*(const int32_t *)b];
    if (x->drawdown != y->drawdown) return x->drawdown < y->drawdown ? -1 : 1;
    size_t n = x->loan_id.n < y->loan_id.n ? x->loan_id.n : y->loan_id.n;
    int c = memcmp(x->loan_id.p, y->loan_id.p, n);
    if (c) return c;
    return x->loan_id.n < y->loan_id.n ? -1 : (x->loan_id.n > y->loan_id.n);
}

static void apply_cap(row_t *rows, enterprise_t *e, int32_t **order, size_t *capacity) {
    size_t count = 0;
    for (int32_t k = e->first; k >= 0; k = rows[k].next) {
        if (rows[k].reason != ELIGIBLE) continue;
        if (count == *capacity) *capacity *= 2, *order = checked(realloc(*order, *capacity * sizeof(int32_t)));
        (*order)[count++] = k;
    }
    if (count > 1) {
        sort_rows = rows;
        if (count <= 8) { /* insertion sort for the usual few loans */
            for (size_t i = 1; i < count; i++) {
                int32_t key = (*order)[i];
                size_t j = i;
                while (j > 0 && by_drawdown_then_loan(&key, &(*order)[j - 1]) < 0) (*order)[j] = (*order)[j - 1], j--;
                (*order)[j] = key;
            }
        } else {
            qsort(*order, count, sizeof(int32_t), by_drawdown_then_loan);
        }
    }
    int64_t remaining = CAP_FEN, total = 0;
    for (size_t i = 0; i < count; i++) {
        row_t *row = &rows[(*order)[i]];
        row->granted = row->computed < remaining ? row->computed : remaining;
        row->capped = row->granted < row->computed;
        remaining -= row->granted;
        total += row->granted;
    }
    e->total = total;
}

/* ---------------------------------------------------------------------------------------------
 * Output
 */

typedef struct {
    int fd;
    char *buffer;
    size_t used, size;
} writer_t;

static void flush_out(writer_t *w) {
    size_t done = 0;
    while (done < w->used) {
        ssize_t k = write(w->fd, w->buffer + done, w->used - done);
        if (k < 0) {
            if (errno == EINTR) continue;
            die(2, "cannot write the output: %s", strerror(errno));
        }
        done += (size_t)k;
    }
    w->used = 0;
}

static inline void put(writer_t *w, const char *p, size_t n) {
    while (w->used + n > w->size) { /* fill the buffer, flush it, go on */
        size_t part = w->size - w->used;
        memcpy(w->buffer + w->used, p, part);
        w->used += part, p += part, n -= part;
        flush_out(w);
    }
    memcpy(w->buffer + w->used, p, n);
    w->used += n;
}

static void put_string(writer_t *w, const char *s) { put(w, s, strlen(s)); }

static inline void put_char(writer_t *w, char c) {
    if (w->used == w->size) flush_out(w);
    w->buffer[w->used++] = c;
}

/* A field as huiqi writes it: quoted (RFC 4180) when it holds a comma, a quote, CR or LF. */
static void put_field(writer_t *w, text_t s) {
    bool quote = false;
    for (size_t i = 0; i < s.n; i++)
        if (s.p[i] == ',' || s.p[i] == '"' || s.p[i] == '\n' || s.p[i] == '\r') { quote = true; break; }
    if (!quote) { put(w, s.p, s.n); return; }
    put_char(w, '"');
    for (size_t i = 0; i < s.n; i++) {
        if (s.p[i] == '"') put_char(w, '"');
        put_char(w, s.p[i]);
    }
    put_char(w, '"');
}

/* A text cell: a leading =, +, -, @, tab or CR (a spreadsheet formula) gets a `'` first. */
static void put_text(writer_t *w, text_t s) {
    if (s.n > 0 && (s.p[0] == '=' || s.p[0] == '+' || s.p[0] == '-' || s.p[0] == '@' || s.p[0] == '\t' || s.p[0] == '\r')) {
        char *copy = checked(malloc(s.n + 1));
        copy[0] = '\'';
        memcpy(copy + 1, s.p, s.n);
        put_field(w, (text_t){copy, s.n + 1});
        free(copy);
        return;
    }
    put_field(w, s);
}

/* A non-negative integer, or fen with places = 2 (`60833.33`, `0.00`). */
static void put_unsigned(writer_t *w, uint64_t value, int places) {
    char text[32];
    int n = sizeof text, digits = 0;
    do { /* backwards: at least places + 1 digits, the point after `places` of them */
        if (digits == places && places > 0) text[--n] = '.';
        text[--n] = (char)('0' + (int)(value % 10));
        value /= 10;
        digits++;
    } while (value > 0 || digits <= places);
    put(w, text + n, sizeof text - (size_t)n);
}

static void put_row(writer_t *w, const row_t *row, int extra_count, const enterprise_t *enterprises) {
    put_text(w, row->enterprise_id);
    put_char(w, ',');
    put_text(w, row->loan_id);
    for (int k = 0; k < extra_count; k++) {
        put_char(w, ',');
        if (row->extra_ids) put_text(w, row->extra_ids[k]);
    }
    put_char(w, ',');
    put_unsigned(w, (uint64_t)row->line, 0);
    if (row->error) {
        put(w, ",error,", 7);
        put_text(w, (text_t){row->error, strlen(row->error)});
        put(w, ",,,,,,,,,", 9);
        put(w, audit, audit_length);
        put_char(w, '\n');
        return;
    }
    put(w, ",ok,,", 5);
    const char *reason = reason_names[row->reason];
    put(w, reason, strlen(reason));
    put_char(w, ',');
    put_unsigned(w, row->window_days, 0);
    put_char(w, ',');
    if (row->reason == ELIGIBLE) { /* window_end, YYYY-MM-DD */
        int year, month, day;
        civil_from_days(row->drawdown + row->window_days, &year, &month, &day);
        char date[16];
        put(w, date, (size_t)snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day));
    }
    put_char(w, ',');
    char text[96];
    if (row->reason == ELIGIBLE) {
        /* balance-days = principal × days, exact, with the principal's decimals */
        int n = scientific(false, (u128)row->principal * row->window_days, -row->principal_scale, text);
        put(w, text, (size_t)n);
    } else {
        put_char(w, '0');
    }
    put_char(w, ',');
    if (row->reason == ELIGIBLE) { /* rate_applied, with the digits it was written with */
        int n = scientific(false, row->rate_applied, -row->rate_applied_scale, text);
        put(w, text, (size_t)n);
    }
    put_char(w, ',');
    put_unsigned(w, (uint64_t)row->computed, 2);
    put_char(w, ',');
    put_unsigned(w, (uint64_t)row->granted, 2);
    put(w, row->capped ? ",true," : ",false,", row->capped ? 6 : 7);
    put_unsigned(w, (uint64_t)enterprises[row->enterprise].total, 2);
    put(w, audit, audit_length);
    put_char(w, '\n');
}

/* `3,000,000.00` for the closing summary. */
static void grouped_fen(u128 fen, char *out) {
    char digits[48];
    int n = digits_of(fen / 100, digits), k = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0) out[k++] = ',';
        out[k++] = digits[i];
    }
    sprintf(out + k, ".%02d", (int)(fen % 100));
}

/* ---------------------------------------------------------------------------------------------
 * The file
 */

static char *read_file(const char *path, size_t *size) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) die(2, "cannot read %s: %s", path, strerror(errno));
    struct stat status;
    if (fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) die(2, "cannot read %s: not a regular file", path);
    char *bytes = checked(malloc((size_t)status.st_size + 1));
    size_t done = 0;
    while (done < (size_t)status.st_size) {
        ssize_t k = read(fd, bytes + done, (size_t)status.st_size - done);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) die(2, "cannot read %s: %s", path, k < 0 ? strerror(errno) : "it shrank while read");
        done += (size_t)k;
    }
    close(fd);
    *size = done;
    return bytes;
}

/* The offset of the first byte that is not well-formed UTF-8, or `size`. */
static size_t invalid_utf8(const unsigned char *b, size_t size) {
    size_t i = 0;
    while (i < size) {
        if (i + 8 <= size) {
            uint64_t w;
            memcpy(&w, b + i, 8);
            if (!(w & 0x8080808080808080ull)) { i += 8; continue; }
        }
        unsigned char c = b[i];
        if (c < 0x80) { i++; continue; }
        size_t length;
        uint32_t scalar, minimum;
        if ((c & 0xE0) == 0xC0) length = 2, scalar = c & 0x1F, minimum = 0x80;
        else if ((c & 0xF0) == 0xE0) length = 3, scalar = c & 0x0F, minimum = 0x800;
        else if ((c & 0xF8) == 0xF0) length = 4, scalar = c & 0x07, minimum = 0x10000;
        else return i;
        if (i + length > size) return i;
        for (size_t k = 1; k < length; k++) {
            if ((b[i + k] & 0xC0) != 0x80) return i;
            scalar = (scalar << 6) | (b[i + k] & 0x3F);
        }
        if (scalar < minimum || scalar > 0x10FFFF || (scalar >= 0xD800 && scalar <= 0xDFFF)) return i;
        i += length;
    }
    return size;
}

/* Writes through `DIR/.subsidy-full-tmp-XXXXXX`, flushed to disk, renamed over `path` (a
 * device such as /dev/null is written directly). Returns the descriptor; *temporary is the
 * temporary path, or NULL when writing in place. */
static int open_output(const char *path, char **temporary, mode_t *mode) {
    struct stat status;
    *temporary = NULL;
    *mode = 0;
    if (stat(path, &status) == 0 && !S_ISREG(status.st_mode)) {
        if (S_ISDIR(status.st_mode)) die(2, "cannot write %s: it is a directory", path);
        int fd = open(path, O_WRONLY);
        if (fd < 0) die(2, "cannot write %s: %s", path, strerror(errno));
        return fd;
    }
    if (stat(path, &status) == 0) *mode = status.st_mode & 0777;
    const char *slash = strrchr(path, '/');
    size_t directory = slash ? (size_t)(slash - path + 1) : 0;
    *temporary = format_message("%.*s.subsidy-full-tmp-XXXXXX", (int)directory, path);
    int fd = mkstemp(*temporary);
    if (fd < 0) die(2, "cannot write %s: %s", path, strerror(errno));
    if (!*mode) {
        mode_t mask = umask(0);
        umask(mask);
        *mode = 0666 & ~mask;
    }
    if (fchmod(fd, *mode) != 0) die(2, "cannot write %s: %s", path, strerror(errno));
    return fd;
}

int main(int argc, char **argv) {
    if (argc != 5 || strcmp(argv[2], "-o") != 0) die(2, "usage: subsidy_full INPUT.csv -o OUT.csv ENGINE_VERSION,PARAMETERS_SHA256");
    const char *input = argv[1], *output = argv[3];
    /* The audit cells every row ends with, as huiqi's audit line names them. */
    audit_length = (size_t)snprintf(audit, sizeof audit, ",%s", argv[4]);
    if (audit_length >= sizeof audit) die(2, "the audit identity is too long");
    size_t size;
    char *bytes = read_file(input, &size);

    /* The file as a whole, as huiqi checks it first: UTF-8 throughout; the first line not ended
     * by CR alone. */
    size_t bad = invalid_utf8((const unsigned char *)bytes, size);
    if (bad < size) die(2, "input: not UTF-8 (byte %zu)", bad);
    const char *first_newline = memchr(bytes, '\n', size);
    size_t header_end = first_newline ? (size_t)(first_newline - bytes) : size;
    for (size_t i = 0; i + 1 < header_end; i++)
        if (bytes[i] == '\r') die(2, "input: lines end with a carriage return alone (CR)");

    csv_t csv = {.bytes = bytes, .size = size, .line = 1};
    if (size >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) csv.index = 3; /* a UTF-8 byte-order mark */
    if (!next_record(&csv)) die(2, "input: the file is empty (no header line)");

    /* The header: field names in any order; ids beyond enterprise_id and loan_id are copied out. */
    reader_t reader = {.columns = (int)csv.cell_count};
    for (int f = 0; f < FIELD_COUNT; f++) reader.column[f] = -1;
    text_t *names = checked(malloc(csv.cell_count * sizeof(text_t)));
    for (size_t k = 0; k < csv.cell_count; k++) names[k] = cell_text(&csv, k);
    if (csv.error[0]) die(2, "input: header: %s", csv.error);
    for (size_t k = 0; k < csv.cell_count; k++) {
        if (names[k].n == 0) continue;
        for (size_t j = 0; j < k; j++)
            if (names[j].n == names[k].n && memcmp(names[j].p, names[k].p, names[k].n) == 0)
                die(2, "input: the column %.*s appears twice in the header (columns %zu and %zu)", (int)names[k].n, names[k].p, j + 1, k + 1);
        for (int f = 0; f < FIELD_COUNT; f++)
            if (equals(names[k], field_names[f])) reader.column[f] = (int)k;
    }
    for (int f = ENTERPRISE_ID; f <= LENDER_IN_SHANGHAI; f++)
        if (reader.column[f] < 0) die(2, "input: required column %s is missing", field_names[f]);
    reader.extra_columns = checked(malloc((csv.cell_count + 1) * sizeof(int)));
    for (size_t k = 0; k < csv.cell_count; k++) {
        text_t name = names[k];
        bool id = equals(name, "id") || ends_with(name, "_id");
        if (id && !equals(name, "enterprise_id") && !equals(name, "loan_id")) reader.extra_columns[reader.extra_count++] = (int)k;
    }
    reader.window_first = days_from_civil(2022, 10, 1);
    reader.window_last = days_from_civil(2022, 12, 31);

    /* Every row: read, checked, grouped by enterprise, its subsidy before the cap computed. */
    size_t row_capacity = size / 48 + 16, row_count = 0;
    row_t *rows = checked(malloc(row_capacity * sizeof(row_t)));
    enterprises_t enterprises = {0};
    loan_keys_t loans = {0};
    int32_t previous = -1; /* the enterprise of the last row that had one */
    while (next_record(&csv)) {
        if (row_count == INT32_MAX) die(3, "more than 2^31 rows");
        if (row_count == row_capacity) {
            row_capacity *= 2;
            rows = checked(realloc(rows, row_capacity * sizeof(row_t)));
        }
        row_t *row = &rows[row_count++];
        memset(row, 0, sizeof *row);
        row->line = csv.record_line;
        row->next = -1;
        row->next_claim = -1;
        if (csv.error[0]) {
            row->error = format_message("%s", csv.error);
            continue;
        }
        if (csv.cell_count != (size_t)reader.columns) {
            row->error = format_message("expected %d fields, found %zu", reader.columns, csv.cell_count);
            continue;
        }
        row->enterprise_id = cell_text(&csv, (size_t)reader.column[ENTERPRISE_ID]);
        row->loan_id = cell_text(&csv, (size_t)reader.column[LOAN_ID]);
        if (reader.extra_count) {
            row->extra_ids = checked(malloc((size_t)reader.extra_count * sizeof(text_t)));
            for (int k = 0; k < reader.extra_count; k++) row->extra_ids[k] = cell_text(&csv, (size_t)reader.extra_columns[k]);
        }
        /* Every row with both ids claims its (enterprise, loan), good or not: a later row with
         * the same pair is a duplicate. */
        int64_t first = row->line;
        int32_t enterprise = -1;
        if (row->enterprise_id.n > 0 && row->loan_id.n > 0) {
            if (!byte_comparable(row->enterprise_id) || !byte_comparable(row->loan_id))
                unsupported(row->line, "an id with characters outside ASCII, CJK ideographs and full-width forms");
            /* an enterprise's loans are usually on neighbouring lines: try the previous one first */
            if (previous >= 0 && same_text(enterprises.items[previous].id, row->enterprise_id)) enterprise = previous;
            else enterprise = previous = enterprise_index(&enterprises, row->enterprise_id);
            first = first_claim(&enterprises.items[enterprise], enterprise, &loans, rows, (int32_t)(row_count - 1));
        }
        loan_values_t values;
        if ((row->error = read_loan(&reader, &csv, row->line, &values))) continue;
        if (first != row->line) {
            row->error = format_message("loan_id: duplicate loan %.*s of enterprise %.*s (first on line %lld)", (int)row->loan_id.n,
                                        row->loan_id.p, (int)row->enterprise_id.n, row->enterprise_id.p, (long long)first);
            continue;
        }
        if ((row->error = check_loan(row->line, &values))) continue;
        compute_loan(&reader, row->line, &values, row);
        row->enterprise = enterprise;
        enterprise_t *e = &enterprises.items[enterprise];
        if (e->last >= 0) rows[e->last].next = (int32_t)(row_count - 1);
        else e->first = (int32_t)(row_count - 1);
        e->last = (int32_t)(row_count - 1);
    }

    /* The cap, enterprise by enterprise. */
    size_t order_capacity = 64;
    int32_t *order = checked(malloc(order_capacity * sizeof(int32_t)));
    for (size_t k = 0; k < enterprises.count; k++)
        if (enterprises.items[k].first >= 0) apply_cap(rows, &enterprises.items[k], &order, &order_capacity);

    /* The output: header, then one row per input row, in input order. */
    char *temporary;
    mode_t mode;
    writer_t out = {.size = 1 << 20};
    out.fd = open_output(output, &temporary, &mode);
    out.buffer = checked(malloc(out.size));
    put_string(&out, "enterprise_id,loan_id");
    for (int k = 0; k < reader.extra_count; k++) {
        put_char(&out, ',');
        put_field(&out, names[reader.extra_columns[k]]);
    }
    put_string(&out, ",line,status,error,reason,window_days,window_end,balance_days,rate_applied,subsidy_computed,subsidy_granted,capped,"
                     "enterprise_total,engine_version,parameters_sha256\n");
    size_t failed = 0;
    u128 total_computed = 0, total_granted = 0;
    for (size_t k = 0; k < row_count; k++) {
        put_row(&out, &rows[k], reader.extra_count, enterprises.items);
        if (rows[k].error) {
            failed++;
        } else {
            total_computed += (u128)rows[k].computed;
            total_granted += (u128)rows[k].granted;
        }
    }
    flush_out(&out);
    if (temporary) {
        if (fsync(out.fd) != 0) die(2, "cannot write %s: %s", output, strerror(errno));
        if (close(out.fd) != 0 || rename(temporary, output) != 0) {
            unlink(temporary);
            die(2, "cannot write %s: %s", output, strerror(errno));
        }
    } else {
        close(out.fd);
    }

    for (size_t k = 0; k < row_count; k++)
        if (rows[k].error) fprintf(stderr, "line %lld: %s\n", (long long)rows[k].line, rows[k].error);
    char computed_text[64], granted_text[64];
    grouped_fen(total_computed, computed_text);
    grouped_fen(total_granted, granted_text);
    fprintf(stderr, "%zu rows read, %zu ok, %zu error; totals: subsidy_computed %s, subsidy_granted %s\n", row_count, row_count - failed,
            failed, computed_text, granted_text);
    return failed ? 1 : 0;
}
